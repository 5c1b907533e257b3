#include "tagcompleter.h"

#include <QLineEdit>
#include <QStringListModel>

using namespace Qt::StringLiterals;

namespace lectern {

TagCompleter::TagCompleter(QObject *parent)
    : QCompleter(parent)
    , m_model(new QStringListModel(this)) {
    setModel(m_model);
    setCaseSensitivity(Qt::CaseInsensitive);
    setCompletionMode(QCompleter::PopupCompletion);
}

void TagCompleter::setTags(const QStringList &tags) {
    m_model->setStringList(tags);
}

QStringList TagCompleter::splitPath(const QString &path) const {
    const qsizetype comma = path.lastIndexOf(u',');
    return {path.mid(comma + 1).trimmed()};
}

QString TagCompleter::pathFromIndex(const QModelIndex &index) const {
    const QString tag = index.data().toString();
    const auto *edit = qobject_cast<const QLineEdit *>(widget());
    if (!edit)
        return tag;
    const QString text = edit->text();
    const qsizetype comma = text.lastIndexOf(u',');
    return comma < 0 ? tag : text.left(comma + 1) + u' ' + tag;
}

} // namespace lectern

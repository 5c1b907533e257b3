#pragma once

#include <QCompleter>

class QStringListModel;

namespace lectern {

// Completes the tag being typed in a comma-separated list ("ml, to-re|" completes "to-read").
class TagCompleter : public QCompleter {
    Q_OBJECT
public:
    explicit TagCompleter(QObject *parent = nullptr);
    void setTags(const QStringList &tags);
    QStringList splitPath(const QString &path) const override;
    QString pathFromIndex(const QModelIndex &index) const override;

private:
    QStringListModel *m_model;
};

} // namespace lectern

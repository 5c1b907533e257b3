#include "followdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace lectern {

FollowDialog::FollowDialog(const QList<Follow> &offered, const QList<bool> &followed,
                           QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this)) {
    setWindowTitle(tr("Follow"));
    auto *intro = new QLabel(tr("Papers by these authors or about these topics are marked and "
                                "listed under Following. Space checks, Enter accepts."),
                             this);
    intro->setWordWrap(true);
    m_list->setAccessibleName(tr("Authors and keywords to follow"));
    for (qsizetype i = 0; i < offered.size(); ++i) {
        const Follow &f = offered.at(i);
        const QString text =
            f.isAuthor() ? tr("Author: %1").arg(f.value()) : tr("Keyword: %1").arg(f.value());
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(followed.value(i) ? Qt::Checked : Qt::Unchecked);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(440, 360);
    m_list->setFocus();
}

QList<bool> FollowDialog::checked() const {
    QList<bool> out;
    for (int i = 0; i < m_list->count(); ++i)
        out << (m_list->item(i)->checkState() == Qt::Checked);
    return out;
}

} // namespace lectern

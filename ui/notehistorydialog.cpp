#include "notehistorydialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

namespace {

QString versionLabel(const NoteVersion &v) {
    const QString when = QLocale().toString(v.savedAt.toLocalTime(), QLocale::ShortFormat);
    const QString first = v.text.trimmed().section(u'\n', 0, 0);
    if (v.text.trimmed().isEmpty())
        return when + u"  —  "_s + NoteHistoryDialog::tr("(note deleted)");
    return when + u"  —  "_s + (first.size() > 70 ? first.left(70) + u"…"_s : first);
}

} // namespace

NoteHistoryDialog::NoteHistoryDialog(const QList<NoteVersion> &versions, QWidget *parent)
    : QDialog(parent)
    , m_versions(versions)
    , m_list(new QListWidget(this))
    , m_preview(new QPlainTextEdit(this)) {
    setWindowTitle(tr("Note history"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        versions.isEmpty()
            ? tr("This note has no saved versions yet.")
            : tr("%n saved version(s), newest first (the autosaves of one editing session are "
                 "one version; the last %1 are kept).",
                 nullptr, int(versions.size()))
                  .arg(Library::kNoteHistoryLimit),
        this));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_preview);
    layout->addWidget(split, 1);
    m_preview->setReadOnly(true);
    m_preview->setPlaceholderText(tr("(no text)"));
    for (const NoteVersion &v : versions)
        m_list->addItem(versionLabel(v));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore this version"), QDialogButtonBox::ActionRole);
    m_restore->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &NoteHistoryDialog::showVersion);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0 || row >= m_versions.size())
            return;
        Q_EMIT restoreRequested(m_versions.at(row).text);
        accept();
    });
    if (!versions.isEmpty())
        m_list->setCurrentRow(0);
    resize(560, 420);
}

void NoteHistoryDialog::showVersion(int row) {
    const bool valid = row >= 0 && row < m_versions.size();
    m_preview->setPlainText(valid ? m_versions.at(row).text : QString());
    // The newest version is the note as it is: nothing to restore.
    m_restore->setEnabled(valid && row > 0);
}

} // namespace lectern

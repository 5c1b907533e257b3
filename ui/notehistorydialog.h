#pragma once

#include "store/library.h"

#include <QDialog>

class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace lectern {

// The versions of one note (newest first), each with its date and first line; the selected one
// is shown whole, and Restore asks for it to become the note again (itself a new version).
class NoteHistoryDialog : public QDialog {
    Q_OBJECT
public:
    NoteHistoryDialog(const QList<NoteVersion> &versions, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QPlainTextEdit *preview() const { return m_preview; }
    QPushButton *restoreButton() const { return m_restore; }

Q_SIGNALS:
    void restoreRequested(const QString &text);

private:
    void showVersion(int row);

    QList<NoteVersion> m_versions;
    QListWidget *m_list;
    QPlainTextEdit *m_preview;
    QPushButton *m_restore;
};

} // namespace lectern

#pragma once

#include <QHash>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace lectern {

class SafeTextBrowser;
class TagCompleter;

// The note of the current paper (Markdown, highlighted with KSyntaxHighlighting in a theme that
// follows the palette, with a rendered preview) and its tags (comma-separated, with completion).
// The editor never writes the library itself: it asks through noteEdited/tagsEdited, within one
// second of the last keystroke, on focus loss, when the paper changes and on flush(). A note
// the receiver could not write (it calls noteSaveFailed() from its slot) is kept: it stays in
// the editor marked unsaved with the error, survives a paper switch (shown again on coming
// back) and is retried every few seconds and on coming back until it is written.
class NoteEditor : public QWidget {
    Q_OBJECT
public:
    explicit NoteEditor(QWidget *parent = nullptr);
    ~NoteEditor() override;

    // Saves what is pending for the previous paper, then shows this one (id 0: nothing).
    void setPaper(qint64 id, const QString &note, const QStringList &tags);
    qint64 paperId() const { return m_paperId; }
    void setAllTags(const QStringList &tags);
    // Emits the pending note / tags change now (before quitting, switching paper, ...).
    void flush();
    // Called by the receiver of noteEdited, from its slot, when the note could not be written.
    void noteSaveFailed(qint64 id, const QString &error);
    // Notes not written yet (failed saves waiting for a retry), and the status line.
    QList<qint64> unsavedNotes() const { return m_unsaved.keys(); }
    // flush(), then one more try of every unsaved note; true when nothing is left unsaved.
    bool saveAll();
    QString statusText() const;
    static constexpr int RetryMs = 5000;

    QPlainTextEdit *editor() const { return m_editor; }
    QLineEdit *tagsEdit() const { return m_tags; }
    void setPreview(bool on);
    SafeTextBrowser *preview() const { return m_preview; }

Q_SIGNALS:
    void noteEdited(qint64 id, const QString &markdown);
    void tagsEdited(qint64 id, const QStringList &tags);
    void escapePressed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    void updatePreview();
    QStringList parsedTags() const;
    bool writeNote(qint64 id, const QString &text); // emits noteEdited; false when it failed
    void retryUnsaved();
    void showSaveState();

    qint64 m_paperId = 0;
    bool m_loading = false;
    bool m_noteDirty = false;
    bool m_tagsDirty = false;
    QPlainTextEdit *m_editor;
    SafeTextBrowser *m_preview;
    QStackedWidget *m_stack;
    QCheckBox *m_previewToggle;
    QLineEdit *m_tags;
    QLabel *m_status;
    TagCompleter *m_completer;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QTimer m_saveTimer;
    QTimer m_retryTimer;
    QHash<qint64, QString> m_unsaved; // notes whose save failed, by paper
    QString m_saveError;              // set by noteSaveFailed during a write
    bool m_writing = false;
};

} // namespace lectern

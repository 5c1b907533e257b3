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
class QToolButton;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace lectern {

class NoteConflictBar;
class SafeTextBrowser;
class TagCompleter;

// The note of the current paper (Markdown, highlighted with KSyntaxHighlighting in a theme that
// follows the palette, with a rendered preview) and its tags (comma-separated, with completion).
// The editor never writes the library itself: it asks through noteEdited/tagsEdited, within one
// second of the last keystroke, on focus loss, when the paper changes and on flush(). A note
// the receiver could not write (it calls noteSaveFailed() from its slot) is kept: it stays in
// the editor marked unsaved with the error, survives a paper switch (shown again on coming
// back) and is retried every few seconds and on coming back until it is written. A note the
// receiver found changed elsewhere since it was shown (it calls noteConflict() from its slot) is
// kept the same way, not retried: a bar offers Keep mine / Use theirs / Merge, and closing the
// window merges (saveAll()). NoteSync is the receiver in the window.
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

    // Called by the receiver of noteEdited, from its slot, when the note changed elsewhere
    // since the text being saved was based on it: `theirs` is the note as stored now.
    void noteConflict(qint64 id, const QString &theirs);
    // Shows a note changed elsewhere, when this paper is shown and nothing is unsaved; false
    // otherwise (or when it is the text shown already).
    bool reloadNote(qint64 id, const QString &text);
    // Typing not written yet (pending autosave, failed save, or conflict) for the shown paper.
    bool hasUnsavedText() const;
    bool inConflict() const { return m_conflicts.contains(m_paperId); }
    NoteConflictBar *conflictBar() const { return m_conflictBar; }
    QToolButton *historyButton() const { return m_historyButton; }
    // The conflict bar's choices (0 keep mine, 1 use theirs, 2 merge: NoteConflictBar::Choice).
    void resolveConflict(int choice);
    // Replaces the text as an edit by the user (a restored version), saved at once.
    void replaceText(const QString &text);

    QPlainTextEdit *editor() const { return m_editor; }
    QLineEdit *tagsEdit() const { return m_tags; }
    void setPreview(bool on);
    SafeTextBrowser *preview() const { return m_preview; }

Q_SIGNALS:
    void noteEdited(qint64 id, const QString &markdown);
    void tagsEdited(qint64 id, const QStringList &tags);
    void escapePressed();
    // A paper shown with `text` as the library gave it (not an unsaved text kept here).
    void noteLoaded(qint64 id, const QString &text);
    // A conflict resolved: the text written next (noteEdited) replaces the other writer's.
    void conflictResolved(qint64 id);
    void focusEntered(qint64 id);
    void historyRequested(qint64 id);

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
    void showConflict();
    QString resolvedText(qint64 id, const QString &mine, int choice);

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
    NoteConflictBar *m_conflictBar;
    QToolButton *m_historyButton;
    QHash<qint64, QString> m_conflicts; // the other writer's text, by paper (mine: m_unsaved)
    QString m_conflictText;             // set by noteConflict during a write
    bool m_conflictDuringWrite = false;
};

} // namespace lectern

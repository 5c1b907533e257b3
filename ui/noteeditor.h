#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTextBrowser;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace lectern {

class TagCompleter;

// The note of the current paper (Markdown, highlighted with KSyntaxHighlighting in a theme that
// follows the palette, with a rendered preview) and its tags (comma-separated, with completion).
// The editor never writes the library itself: it asks through noteEdited/tagsEdited, within one
// second of the last keystroke, on focus loss, when the paper changes and on flush().
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
    bool hasPendingChanges() const { return m_noteDirty || m_tagsDirty; }

    QPlainTextEdit *editor() const { return m_editor; }
    QLineEdit *tagsEdit() const { return m_tags; }
    void setPreview(bool on);

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

    qint64 m_paperId = 0;
    bool m_loading = false;
    bool m_noteDirty = false;
    bool m_tagsDirty = false;
    QPlainTextEdit *m_editor;
    QTextBrowser *m_preview;
    QStackedWidget *m_stack;
    QCheckBox *m_previewToggle;
    QLineEdit *m_tags;
    QLabel *m_status;
    TagCompleter *m_completer;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QTimer m_saveTimer;
};

} // namespace lectern

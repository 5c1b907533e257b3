#include "noteeditor.h"

#include "noteconflictbar.h"
#include "safetextbrowser.h"
#include "tagcompleter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lectern {

// Loading the definitions takes tens of milliseconds: once per process.
static KSyntaxHighlighting::Repository &repository() {
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

NoteEditor::NoteEditor(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_preview(new SafeTextBrowser(this))
    , m_stack(new QStackedWidget(this))
    , m_previewToggle(new QCheckBox(tr("Preview"), this))
    , m_tags(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_completer(new TagCompleter(this))
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(m_editor->document()))
    , m_conflictBar(new NoteConflictBar(this))
    , m_historyButton(new QToolButton(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Note</b> (Markdown)"), this);
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(m_status);
    top->addWidget(m_historyButton);
    top->addWidget(m_previewToggle);
    layout->addLayout(top);
    m_historyButton->setText(tr("History…"));
    m_historyButton->setToolTip(tr("Earlier versions of this note; restore one"));
    m_historyButton->setAutoRaise(true);
    connect(m_historyButton, &QToolButton::clicked, this, [this] {
        if (m_paperId != 0)
            Q_EMIT historyRequested(m_paperId);
    });
    layout->addWidget(m_conflictBar);
    connect(m_conflictBar, &NoteConflictBar::chosen, this,
            [this](NoteConflictBar::Choice c) { resolveConflict(c); });

    m_editor->setPlaceholderText(tr("Press e to write a note about this paper…"));
    m_editor->setTabChangesFocus(true);
    m_editor->installEventFilter(this);
    m_status->setTextFormat(Qt::PlainText);
    m_stack->addWidget(m_editor);
    m_stack->addWidget(m_preview);
    layout->addWidget(m_stack, 1);

    auto *tagsRow = new QHBoxLayout;
    auto *tagsLabel = new QLabel(tr("&Tags:"), this);
    tagsLabel->setBuddy(m_tags);
    m_tags->setPlaceholderText(tr("comma-separated, e.g. to-read, survey"));
    m_tags->setCompleter(m_completer);
    m_tags->installEventFilter(this);
    tagsRow->addWidget(tagsLabel);
    tagsRow->addWidget(m_tags, 1);
    layout->addLayout(tagsRow);

    m_highlighter->setDefinition(repository().definitionForName(u"Markdown"_s));
    applyTheme();

    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(1000);
    connect(&m_saveTimer, &QTimer::timeout, this, &NoteEditor::flush);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(RetryMs);
    connect(&m_retryTimer, &QTimer::timeout, this, &NoteEditor::retryUnsaved);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading || m_paperId == 0)
            return;
        m_noteDirty = true;
        m_status->setText(tr("Editing…"));
        m_saveTimer.start();
    });
    connect(m_tags, &QLineEdit::textEdited, this, [this] { m_tagsDirty = true; });
    connect(m_tags, &QLineEdit::returnPressed, this, &NoteEditor::flush);
    connect(m_previewToggle, &QCheckBox::toggled, this, &NoteEditor::setPreview);
    setPaper(0, {}, {});
}

NoteEditor::~NoteEditor() = default;

void NoteEditor::setPaper(qint64 id, const QString &note, const QStringList &tags) {
    flush();
    m_paperId = id;
    m_loading = true;
    // A note that could not be written is shown instead of the library's (older) one.
    m_editor->setPlainText(m_unsaved.value(id, note));
    m_tags->setText(tags.join(u", "_s));
    m_loading = false;
    m_noteDirty = m_tagsDirty = false;
    m_status->clear();
    setEnabled(id != 0);
    showConflict();
    if (m_conflicts.contains(id))
        showSaveState();
    if (m_unsaved.contains(id))
        retryUnsaved(); // coming back to it: try again now
    else
        Q_EMIT noteLoaded(id, note);
    if (m_previewToggle->isChecked())
        updatePreview();
}

void NoteEditor::setAllTags(const QStringList &tags) {
    m_completer->setTags(tags);
}

QStringList NoteEditor::parsedTags() const {
    QStringList tags;
    for (const QString &part : m_tags->text().split(u',', Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    tags.sort();
    return tags;
}

void NoteEditor::flush() {
    m_saveTimer.stop();
    if (m_paperId == 0)
        return;
    if (m_noteDirty) {
        m_noteDirty = false;
        // In conflict, nothing is written until the user chooses; the text is kept.
        if (m_conflicts.contains(m_paperId))
            m_unsaved.insert(m_paperId, m_editor->toPlainText());
        else
            writeNote(m_paperId, m_editor->toPlainText());
        showSaveState();
    }
    if (m_tagsDirty) {
        m_tagsDirty = false;
        Q_EMIT tagsEdited(m_paperId, parsedTags());
    }
}

bool NoteEditor::writeNote(qint64 id, const QString &text) {
    m_saveError.clear();
    m_conflictDuringWrite = false;
    m_writing = true;
    Q_EMIT noteEdited(id, text);
    m_writing = false;
    if (m_conflictDuringWrite) {
        m_conflicts.insert(id, m_conflictText);
        m_unsaved.insert(id, text);
        showConflict();
        return false;
    }
    if (m_saveError.isEmpty()) {
        m_unsaved.remove(id);
        return true;
    }
    m_unsaved.insert(id, text);
    m_retryTimer.start();
    return false;
}

void NoteEditor::noteSaveFailed(qint64 id, const QString &error) {
    Q_UNUSED(id);
    if (m_writing)
        m_saveError = error.isEmpty() ? tr("unknown error") : error;
}

void NoteEditor::noteConflict(qint64 id, const QString &theirs) {
    Q_UNUSED(id);
    if (!m_writing)
        return;
    m_conflictDuringWrite = true;
    m_conflictText = theirs;
}

// Every note whose save failed, again (the timer's tick, or coming back to the paper); notes
// in conflict wait for the user's choice.
void NoteEditor::retryUnsaved() {
    const QList<qint64> ids = m_unsaved.keys();
    for (qint64 id : ids) {
        if (m_conflicts.contains(id))
            continue;
        // The current paper's text may have changed since: write what the editor holds.
        const QString text = id == m_paperId ? m_editor->toPlainText() : m_unsaved.value(id);
        if (id == m_paperId)
            m_noteDirty = false;
        writeNote(id, text);
    }
    if (m_paperId != 0 && ids.contains(m_paperId))
        showSaveState();
}

void NoteEditor::showSaveState() {
    if (m_conflicts.contains(m_paperId)) {
        m_status->setText(tr("Not saved: changed elsewhere"));
        m_status->setToolTip(QString());
        return;
    }
    if (!m_unsaved.contains(m_paperId)) {
        m_status->setText(tr("Saved"));
        m_status->setToolTip(QString());
        return;
    }
    m_status->setText(tr("Not saved (retrying): %1").arg(m_saveError));
    m_status->setToolTip(SafeTextBrowser::toolTip(m_status->text()));
}

bool NoteEditor::saveAll() {
    flush();
    // Leaving with a conflict open: both texts are kept (merged), never one dropped.
    const QList<qint64> conflicted = m_conflicts.keys();
    for (qint64 id : conflicted) {
        if (id == m_paperId) {
            resolveConflict(NoteConflictBar::Merge);
            continue;
        }
        const QString text = resolvedText(id, m_unsaved.value(id), NoteConflictBar::Merge);
        writeNote(id, text);
    }
    if (!m_unsaved.isEmpty())
        retryUnsaved();
    return m_unsaved.isEmpty();
}

// The text the user chose; the receiver hears of the choice first (conflictResolved) so the
// write that follows replaces the text the bar showed.
QString NoteEditor::resolvedText(qint64 id, const QString &mine, int choice) {
    const QString theirs = m_conflicts.take(id);
    m_unsaved.remove(id);
    Q_EMIT conflictResolved(id);
    switch (choice) {
    case NoteConflictBar::KeepMine:
        return mine;
    case NoteConflictBar::UseTheirs:
        return theirs;
    default:
        return NoteConflictBar::merged(mine, theirs);
    }
}

void NoteEditor::resolveConflict(int choice) {
    if (!m_conflicts.contains(m_paperId))
        return;
    m_saveTimer.stop();
    const QString text = resolvedText(m_paperId, m_editor->toPlainText(), choice);
    if (text != m_editor->toPlainText()) {
        m_loading = true;
        m_editor->setPlainText(text);
        m_editor->moveCursor(QTextCursor::End);
        m_loading = false;
    }
    m_noteDirty = false;
    writeNote(m_paperId, text);
    showConflict();
    showSaveState();
    if (m_previewToggle->isChecked())
        updatePreview();
}

void NoteEditor::showConflict() {
    const auto it = m_conflicts.constFind(m_paperId);
    if (it != m_conflicts.constEnd())
        m_conflictBar->setTheirs(*it);
    m_conflictBar->setVisible(m_paperId != 0 && it != m_conflicts.constEnd());
}

bool NoteEditor::hasUnsavedText() const {
    return m_noteDirty || m_unsaved.contains(m_paperId);
}

bool NoteEditor::reloadNote(qint64 id, const QString &text) {
    if (id == 0 || id != m_paperId || hasUnsavedText() || text == m_editor->toPlainText())
        return false;
    // Where the user was, as near as the new text allows.
    const int position = m_editor->textCursor().position();
    const int scroll = m_editor->verticalScrollBar()->value();
    m_loading = true;
    m_editor->setPlainText(text);
    QTextCursor cursor = m_editor->textCursor();
    cursor.setPosition(std::min(position, int(text.size())));
    m_editor->setTextCursor(cursor);
    m_editor->verticalScrollBar()->setValue(scroll);
    m_loading = false;
    m_status->setText(tr("Updated: changed elsewhere"));
    m_status->setToolTip(QString());
    if (m_previewToggle->isChecked())
        updatePreview();
    return true;
}

void NoteEditor::replaceText(const QString &text) {
    if (m_paperId == 0)
        return;
    m_editor->setPlainText(text); // an edit like typing: dirty, then written now
    flush();
}

QString NoteEditor::statusText() const {
    return m_status->text();
}

void NoteEditor::setPreview(bool on) {
    if (m_previewToggle->isChecked() != on)
        m_previewToggle->setChecked(on);
    if (on) {
        flush();
        updatePreview();
    }
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_preview) : m_editor);
}

void NoteEditor::updatePreview() {
    // No raw HTML from the note, and no resource but qrc: (SafeTextBrowser).
    m_preview->document()->setMarkdown(
        m_editor->toPlainText(),
        QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub) |
            QTextDocument::MarkdownNoHTML);
}

bool NoteEditor::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_editor || watched == m_tags) {
        if (event->type() == QEvent::FocusOut) {
            flush();
        } else if (event->type() == QEvent::FocusIn && watched == m_editor) {
            if (m_paperId != 0)
                Q_EMIT focusEntered(m_paperId);
        } else if (event->type() == QEvent::KeyPress) {
            auto *key = static_cast<QKeyEvent *>(event);
            if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
                flush();
                Q_EMIT escapePressed();
                return true;
            }
        } else if (event->type() == QEvent::ShortcutOverride) {
            // Esc belongs to the editor (it saves and leaves), Return to the field, not to the
            // window's shortcuts.
            auto *key = static_cast<QKeyEvent *>(event);
            if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_Return ||
                key->key() == Qt::Key_Enter) {
                event->accept();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void NoteEditor::applyTheme() {
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_highlighter->setTheme(
        repository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                       : KSyntaxHighlighting::Repository::LightTheme));
    m_highlighter->rehighlight();
}

void NoteEditor::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

} // namespace lectern

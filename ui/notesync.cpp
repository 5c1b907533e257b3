#include "notesync.h"

#include "noteeditor.h"
#include "notehistorydialog.h"
#include "store/library.h"

#include <QRandomGenerator>

namespace lectern {

NoteSync::NoteSync(Library *library, NoteEditor *editor, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_editor(editor) {
    connect(editor, &NoteEditor::noteLoaded, this, &NoteSync::loaded);
    connect(editor, &NoteEditor::noteEdited, this, &NoteSync::save);
    connect(editor, &NoteEditor::conflictResolved, this, &NoteSync::resolved);
    connect(editor, &NoteEditor::focusEntered, this, &NoteSync::check);
    connect(editor, &NoteEditor::historyRequested, this, &NoteSync::showHistory);
    m_timer.setInterval(CheckMs);
    connect(&m_timer, &QTimer::timeout, this, &NoteSync::check);
    m_timer.start();
}

qint64 NoteSync::newSession() {
    return qint64(QRandomGenerator::global()->generate64() >> 2) + 1;
}

// A paper shown with the library's text: that is the base of what the user types next.
void NoteSync::loaded(qint64 id, const QString &text) {
    if (id == 0)
        return;
    const std::optional<StoredNote> stored = m_library->note(id);
    if (!stored)
        return; // no base: the first save finds out
    m_base[id] = {stored->revision, stored->text, newSession()};
    if (stored->text != text)
        m_editor->reloadNote(id, stored->text);
}

void NoteSync::save(qint64 id, const QString &text) {
    Base &base = m_base[id];
    if (base.session == 0)
        base.session = newSession();
    NoteWrite w = m_library->setNote(id, text, base.revision, base.session);
    if (w.status == NoteWriteStatus::Conflict && w.note.text == base.text) {
        // Rewritten elsewhere with the text this one started from: nothing of theirs is lost.
        base.revision = w.note.revision;
        w = m_library->setNote(id, text, base.revision, base.session);
    }
    switch (w.status) {
    case NoteWriteStatus::Saved: {
        const QString before = base.text;
        base.revision = w.note.revision;
        base.text = w.note.text;
        Q_EMIT noteWritten(id, !w.note.text.isEmpty());
        Q_EMIT noteSaved(id, before, w.note.text);
        return;
    }
    case NoteWriteStatus::Conflict:
        m_conflictRevision[id] = w.note.revision;
        base.text = w.note.text;
        m_editor->noteConflict(id, w.note.text);
        return;
    case NoteWriteStatus::Failed:
        // The editor keeps the text, marked unsaved, and retries.
        m_editor->noteSaveFailed(id, m_library->lastError());
        Q_EMIT saveFailed(m_library->lastError());
        return;
    }
}

// The user chose in the conflict bar: what the editor writes next replaces what they saw.
void NoteSync::resolved(qint64 id) {
    Base &base = m_base[id];
    base.revision = m_conflictRevision.take(id);
    base.session = newSession();
}

void NoteSync::check() {
    const qint64 id = m_editor->paperId();
    if (id == 0 || m_editor->hasUnsavedText())
        return; // a save compares, and shows a conflict
    const std::optional<StoredNote> stored = m_library->note(id);
    const auto it = m_base.constFind(id);
    if (!stored || (it != m_base.constEnd() && it->revision == stored->revision))
        return;
    m_base[id] = {stored->revision, stored->text, newSession()};
    if (m_editor->reloadNote(id, stored->text))
        Q_EMIT changedElsewhere(id, !stored->text.isEmpty());
}

void NoteSync::showHistory() {
    const qint64 id = m_editor->paperId();
    if (id == 0)
        return;
    m_editor->flush(); // what was typed is a version too
    const std::optional<QList<NoteVersion>> versions = m_library->noteHistory(id);
    if (!versions) {
        Q_EMIT saveFailed(m_library->lastError());
        return;
    }
    auto *dialog = new NoteHistoryDialog(*versions, m_editor);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NoteHistoryDialog::restoreRequested, this,
            [this, id](const QString &text) { restore(id, text); });
    dialog->open();
}

// A restored version is a new version (its own session), written like typing.
void NoteSync::restore(qint64 id, const QString &text) {
    if (m_editor->paperId() != id)
        return;
    m_base[id].session = newSession();
    m_editor->replaceText(text);
}

} // namespace lectern

#include "notecommand.h"

#include <utility>

namespace lectern {

NoteCommand::NoteCommand(qint64 paperId, const QString &before, const QString &after,
                         SetNote setNote, const QString &text)
    : EditCommand(text, {})
    , m_paperId(paperId)
    , m_before(before)
    , m_after(after)
    , m_setNote(std::move(setNote)) {}

bool NoteCommand::write(bool forward) {
    return m_setNote(m_paperId, forward ? m_after : m_before);
}

bool NoteCommand::mergeWith(const QUndoCommand *other) {
    const auto *next = dynamic_cast<const NoteCommand *>(other);
    if (!m_open || !next || next->m_paperId != m_paperId)
        return false;
    m_after = next->m_after;
    // Back to the text before the session: the session changed nothing, and undo skips it.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace lectern

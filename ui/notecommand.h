#pragma once

#include "editcommand.h"

#include <functional>

namespace lectern {

// An edit of one paper's note: the text before the edit session and the text after it. The
// saves of one session (the editor saves a second after typing stops, on focus loss, …) are
// merged into one entry until endSession(): the paper changes, another entry is pushed, or
// the stack is undone or redone.
class NoteCommand : public EditCommand {
public:
    using SetNote = std::function<bool(qint64 id, const QString &text)>;

    NoteCommand(qint64 paperId, const QString &before, const QString &after, SetNote setNote,
                const QString &text);
    bool write(bool forward) override;
    int id() const override { return MergeId; }
    bool mergeWith(const QUndoCommand *other) override;
    void endSession() { m_open = false; }
    qint64 paperId() const { return m_paperId; }

    static constexpr int MergeId = 0x4e6f7465; // "Note"

private:
    qint64 m_paperId;
    QString m_before;
    QString m_after;
    SetNote m_setNote;
    bool m_open = true;
};

} // namespace lectern

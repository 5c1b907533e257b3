#pragma once

#include <QUndoCommand>

#include <functional>

namespace lectern {

// One entry of the window's undo stack: a change the user made, written to the library. The
// stack cannot be told that an undo failed (QUndoCommand::undo() returns nothing), so the
// write is done first, by StateController::undo()/redo() through write(), and the stack is
// moved (setWritten(), then QUndoStack::undo()/redo()) only when it succeeded. The same for a
// new change: it is written, then pushed already written.
class EditCommand : public QUndoCommand {
public:
    // Writes the change (forward) or takes it back; false when the library refused the write
    // (the library is then unchanged; its lastError() says why).
    using Write = std::function<bool(bool forward)>;

    EditCommand(const QString &text, Write write);
    virtual bool write(bool forward);
    // The stack's next redo() or undo() of this command only moves the stack.
    void setWritten() { m_written = true; }

    // From the stack: write unless setWritten() came first (a caller that uses the QUndoStack
    // directly still gets the change, without the failure check).
    void redo() override;
    void undo() override;

private:
    Write m_write;
    bool m_written = false;
};

} // namespace lectern

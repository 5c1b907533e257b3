#include "editcommand.h"

#include <utility>

namespace lectern {

EditCommand::EditCommand(const QString &text, Write write)
    : QUndoCommand(text)
    , m_write(std::move(write)) {}

bool EditCommand::write(bool forward) {
    return m_write && m_write(forward);
}

void EditCommand::redo() {
    if (!std::exchange(m_written, false))
        write(true);
}

void EditCommand::undo() {
    if (!std::exchange(m_written, false))
        write(false);
}

} // namespace lectern

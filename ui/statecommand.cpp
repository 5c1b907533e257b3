#include "statecommand.h"

#include <utility>

namespace lectern {

StateCommand::StateCommand(Kind kind, const QList<qint64> &ids, bool value, Apply apply,
                           const QString &text, bool applied)
    : QUndoCommand(text)
    , m_kind(kind)
    , m_ids(ids)
    , m_value(value)
    , m_apply(std::move(apply))
    , m_applied(applied) {}

void StateCommand::redo() {
    if (std::exchange(m_applied, false))
        return; // written already, by the caller that pushed it
    if (!m_apply(m_kind, m_ids, m_value))
        setObsolete(true);
}

void StateCommand::undo() {
    m_apply(m_kind, m_ids, !m_value);
}

} // namespace lectern

#include "statecommand.h"

namespace lectern {

StateCommand::StateCommand(Kind kind, const QList<qint64> &ids, bool value, Apply apply,
                           const QString &text)
    : QUndoCommand(text)
    , m_kind(kind)
    , m_ids(ids)
    , m_value(value)
    , m_apply(std::move(apply)) {}

void StateCommand::redo() {
    if (!m_apply(m_kind, m_ids, m_value))
        setObsolete(true);
}

void StateCommand::undo() {
    m_apply(m_kind, m_ids, !m_value);
}

} // namespace lectern

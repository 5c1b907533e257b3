#include "statecommand.h"

#include <utility>

namespace lectern {

StateCommand::StateCommand(Kind kind, const QList<qint64> &ids, bool value, Apply apply,
                           const QString &text)
    : EditCommand(text, {})
    , m_kind(kind)
    , m_ids(ids)
    , m_value(value)
    , m_apply(std::move(apply)) {}

bool StateCommand::write(bool forward) {
    return m_apply(m_kind, m_ids, value(forward));
}

} // namespace lectern

#pragma once

#include "editcommand.h"

#include <QList>

#include <functional>

namespace lectern {

// An undoable change of read or starred state on a set of papers. `ids` are exactly the papers
// whose state changes (for "mark all read": the ones that were unread), so undo sets them back.
class StateCommand : public EditCommand {
public:
    enum class Kind { Read, Star };
    // apply writes the library and updates the views; returns false on failure.
    using Apply = std::function<bool(Kind kind, const QList<qint64> &ids, bool value)>;

    StateCommand(Kind kind, const QList<qint64> &ids, bool value, Apply apply, const QString &text);
    bool write(bool forward) override;

    Kind kind() const { return m_kind; }
    const QList<qint64> &ids() const { return m_ids; }
    // The state written by redo (undo writes the other).
    bool value(bool forward) const { return forward ? m_value : !m_value; }

private:
    Kind m_kind;
    QList<qint64> m_ids;
    bool m_value;
    Apply m_apply;
};

} // namespace lectern

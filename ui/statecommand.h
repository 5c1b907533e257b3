#pragma once

#include <QList>
#include <QUndoCommand>

#include <functional>

namespace lectern {

// An undoable change of read or starred state on a set of papers. `ids` are exactly the papers
// whose state changes (for "mark all read": the ones that were unread), so undo sets them back.
class StateCommand : public QUndoCommand {
public:
    enum class Kind { Read, Star };
    // apply writes the library and updates the views; returns false on failure.
    using Apply = std::function<bool(Kind kind, const QList<qint64> &ids, bool value)>;

    // applied: the change is already written (e.g. one UPDATE over a view); the first redo
    // (QUndoStack::push) then only lets the views catch up through apply's notifyOnly.
    StateCommand(Kind kind, const QList<qint64> &ids, bool value, Apply apply, const QString &text,
                 bool applied = false);
    void redo() override;
    void undo() override;

private:
    Kind m_kind;
    QList<qint64> m_ids;
    bool m_value;
    Apply m_apply;
    bool m_applied;
};

} // namespace lectern

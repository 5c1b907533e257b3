#pragma once

#include "statecommand.h"
#include "store/library.h"

#include <QObject>

class QUndoStack;

namespace lectern {

class PaperListModel;

// Read and starred state: writes the library, updates the list model in place (no reset), and
// keeps the undo stack for the user's own changes (star, read toggle, mark all read).
class StateController : public QObject {
    Q_OBJECT
public:
    StateController(Library *library, PaperListModel *model, QObject *parent);

    QUndoStack *undoStack() const { return m_undo; }

    // Without an undo entry: a paper read by moving past it or by the read timer.
    bool apply(StateCommand::Kind kind, const QList<qint64> &ids, bool value);
    // Undoable changes of one paper, or of all unread papers matching a query.
    void toggleStar(qint64 id);
    void toggleRead(qint64 id);
    void markAllRead(const QString &query);

Q_SIGNALS:
    // After the library and the model changed.
    void changed(const QList<qint64> &ids, bool read, bool value);
    void message(const QString &text, int timeoutMs);

private:
    // applied: the library is written already (markAllRead's UPDATE).
    void push(StateCommand::Kind kind, const QList<qint64> &ids, bool value, const QString &text,
              bool applied = false);

    Library *m_library;
    PaperListModel *m_model;
    QUndoStack *m_undo;
    bool m_pushing = false; // a new change, not an undo or redo
    int m_index = 0;        // the stack's index before its last change
};

} // namespace lectern

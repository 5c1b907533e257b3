#pragma once

#include "statecommand.h"
#include "store/library.h"

#include <QObject>

class QAction;
class QUndoStack;

namespace lectern {

class EditCommand;
class PaperListModel;

// The user's changes to papers — read, star, mark all read, tags, notes: writes the library,
// updates the list model in place (no reset), and keeps the undo stack of them. Entries hold
// paper ids, never rows, so they act on the right papers after the list was re-sorted or
// filtered. Undo and redo write the library first and move the stack only when that worked:
// a failed one says so ("Could not undo: … (why)") and the entry stays where it was.
class StateController : public QObject {
    Q_OBJECT
public:
    StateController(Library *library, PaperListModel *model, QObject *parent);

    QUndoStack *undoStack() const { return m_undo; }
    // Edit menu actions: their text names the entry ("&Undo Star “…”"); they call undo()/redo().
    QAction *createUndoAction(QObject *parent);
    QAction *createRedoAction(QObject *parent);

    // Without an undo entry: a paper read by moving past it or by the read timer.
    bool apply(StateCommand::Kind kind, const QList<qint64> &ids, bool value);
    // Undoable changes of one paper, or of all unread papers matching a query.
    void toggleStar(qint64 id);
    void toggleRead(qint64 id);
    void markAllRead(const QString &query);
    // Undoable edits from the note editor; false when the library refused (lastError()).
    bool editTags(qint64 id, const QStringList &tags);
    // A note the editor saved already (compare-and-set, NoteSync): only the undo entry.
    void noteSaved(qint64 id, const QString &before, const QString &after);
    // The note edit session ends (another paper is shown): the next save is a new entry.
    void endNoteSession();

    void undo();
    void redo();

    // "Mark 37 papers read", "Star “Title…”": a title in quotes, cut to about 40 characters.
    static QString quoted(const QString &title);

Q_SIGNALS:
    // After the library and the model changed.
    void changed(const QList<qint64> &ids, bool read, bool value);
    void tagsWritten(qint64 id);
    void noteWritten(qint64 id);
    // An undo or redo wrote this paper's note or tags: an editor showing it reloads.
    void restored(qint64 id);
    // Before an undo or redo: pending editor changes are saved first (they become entries).
    void aboutToStep();
    void message(const QString &text, int timeoutMs);

private:
    bool write(StateCommand::Kind kind, const QList<qint64> &ids, bool value);
    bool writeTags(qint64 id, const QStringList &tags, bool restoring);
    bool writeNote(qint64 id, const QString &text);
    void pushState(StateCommand::Kind kind, const QList<qint64> &ids, bool value,
                   const QString &text);
    void record(EditCommand *command); // a change written already
    void step(bool forward);
    EditCommand *commandAt(int index) const;
    QAction *createStepAction(QObject *parent, bool forward);

    Library *m_library;
    PaperListModel *m_model;
    QUndoStack *m_undo;
};

} // namespace lectern

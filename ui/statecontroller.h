#pragma once

#include "statecommand.h"
#include "store/library.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QUndoStack;

namespace lectern {

class DatabaseWorker;
class EditCommand;
class PaperListModel;

// The user's changes to papers — read, star, mark all read, tags, notes: writes the library,
// updates the list model in place (no reset), and keeps the undo stack of them. Entries hold
// paper ids, never rows, so they act on the right papers after the list was re-sorted or
// filtered. Undo and redo write the library first and move the stack only when that worked:
// a failed one says so ("Could not undo: … (why)") and the entry stays where it was.
// With a worker set, large changes — mark all read over a view of more than BulkPapers papers,
// and the undo or redo of an entry of that many — are written by the worker (a million rows
// take seconds): the window stays responsive, and the list, the stack and the status bar
// follow when the write is done. Until then other undoable changes are refused with a message.
class StateController : public QObject {
    Q_OBJECT
public:
    static constexpr int BulkPapers = 1000;

    StateController(Library *library, PaperListModel *model, QObject *parent);
    void setWorker(DatabaseWorker *worker);
    bool isBusy() const { return m_bulkJob != 0; } // a large change is being written

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
    void finishMarkAll(const std::optional<QList<qint64>> &marked, const QString &error);
    // Runs body on the worker; then done, here.
    void runOnWorker(const std::function<void(Library &)> &body, std::function<void()> done);
    bool refuseWhileBusy();
    void stepOnWorker(EditCommand *command, bool forward);
    void finishStep(EditCommand *command, bool forward, bool ok, const QString &error);
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
    QPointer<DatabaseWorker> m_worker;
    quint64 m_bulkJob = 0;            // the large change being written, 0 when none
    std::function<void()> m_bulkDone; // what follows it, on this thread
};

} // namespace lectern

#include "statecontroller.h"

#include "notecommand.h"
#include "paperlistmodel.h"
#include "statecommand.h"
#include "store/databaseworker.h"

#include <QAction>
#include <QUndoStack>

#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace lectern {

namespace {

// "Tag “todo” on “Title”", "Untag “todo” from “Title”", else "Edit tags of “Title”".
QString tagsText(const QStringList &before, const QStringList &after, const QString &name) {
    QStringList added, removed;
    for (const QString &tag : after)
        if (!before.contains(tag))
            added << tag;
    for (const QString &tag : before)
        if (!after.contains(tag))
            removed << tag;
    if (added.size() == 1 && removed.isEmpty())
        return StateController::tr("Tag %1 on %2").arg(StateController::quoted(added[0]), name);
    if (removed.size() == 1 && added.isEmpty())
        return StateController::tr("Untag %1 from %2")
            .arg(StateController::quoted(removed[0]), name);
    return StateController::tr("Edit tags of %1").arg(name);
}

QString papersReadText(qsizetype n) {
    return n == 1 ? StateController::tr("Mark 1 paper read")
                  : StateController::tr("Mark %1 papers read").arg(n);
}

} // namespace

StateController::StateController(Library *library, PaperListModel *model, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_model(model)
    , m_undo(new QUndoStack(this)) {}

QString StateController::quoted(const QString &title) {
    QString text = title.simplified();
    if (text.size() > 40)
        text = text.left(39).trimmed() + u'…';
    return u"“"_s + text + u"”"_s;
}

QAction *StateController::createUndoAction(QObject *parent) {
    return createStepAction(parent, false);
}

QAction *StateController::createRedoAction(QObject *parent) {
    return createStepAction(parent, true);
}

QAction *StateController::createStepAction(QObject *parent, bool forward) {
    const QString plain = forward ? tr("&Redo") : tr("&Undo");
    auto *action = new QAction(plain, parent);
    action->setEnabled(forward ? m_undo->canRedo() : m_undo->canUndo());
    connect(m_undo, forward ? &QUndoStack::canRedoChanged : &QUndoStack::canUndoChanged, action,
            &QAction::setEnabled);
    connect(m_undo, forward ? &QUndoStack::redoTextChanged : &QUndoStack::undoTextChanged, action,
            [action, plain](const QString &text) {
                action->setText(text.isEmpty() ? plain : plain + u' ' + text);
            });
    connect(action, &QAction::triggered, this, [this, forward] { step(forward); });
    return action;
}

bool StateController::write(StateCommand::Kind kind, const QList<qint64> &ids, bool value) {
    const bool read = kind == StateCommand::Kind::Read;
    if (!(read ? m_library->setRead(ids, value) : m_library->setStarred(ids, value)))
        return false;
    if (read)
        m_model->setRead(ids, value);
    else
        m_model->setStarred(ids, value);
    Q_EMIT changed(ids, read, value);
    return true;
}

bool StateController::apply(StateCommand::Kind kind, const QList<qint64> &ids, bool value) {
    if (write(kind, ids, value))
        return true;
    Q_EMIT message(tr("Could not save: %1").arg(m_library->lastError()), 8000);
    return false;
}

void StateController::pushState(StateCommand::Kind kind, const QList<qint64> &ids, bool value,
                                const QString &text) {
    if (!apply(kind, ids, value))
        return;
    record(new StateCommand(
        kind, ids, value, [this](auto k, const auto &ids, bool v) { return write(k, ids, v); },
        text));
}

void StateController::record(EditCommand *command) {
    if (!dynamic_cast<NoteCommand *>(command))
        endNoteSession();
    command->setWritten(); // push() calls redo(): the change is in the library already
    m_undo->push(command);
}

void StateController::toggleStar(qint64 id) {
    if (refuseWhileBusy())
        return;
    const auto row = m_model->rowAt(m_model->locate(id));
    if (row)
        pushState(StateCommand::Kind::Star, {row->id}, !row->starred,
                  (row->starred ? tr("Unstar %1") : tr("Star %1")).arg(quoted(row->title)));
}

void StateController::toggleRead(qint64 id) {
    if (refuseWhileBusy())
        return;
    const auto row = m_model->rowAt(m_model->locate(id));
    if (row)
        pushState(StateCommand::Kind::Read, {row->id}, !row->read,
                  (row->read ? tr("Mark unread %1") : tr("Mark read %1")).arg(quoted(row->title)));
}

void StateController::setWorker(DatabaseWorker *worker) {
    m_worker = worker;
    connect(worker, &DatabaseWorker::jobDone, this, [this](quint64 job) {
        if (job != m_bulkJob)
            return;
        m_bulkJob = 0;
        if (const std::function<void()> done = std::exchange(m_bulkDone, {}))
            done();
    });
}

void StateController::runOnWorker(const std::function<void(Library &)> &body,
                                  std::function<void()> done) {
    m_bulkDone = std::move(done);
    m_bulkJob =
        m_worker->post([body](Library &library, const std::function<bool()> &) { body(library); });
}

bool StateController::refuseWhileBusy() {
    if (!isBusy())
        return false;
    Q_EMIT message(tr("Still saving the last change to many papers; try again in a moment."), 4000);
    return true;
}

void StateController::markAllRead(const QString &query) {
    // One UPDATE over the view in the library; it returns exactly the papers it changed, so
    // that undo restores them and nothing else. No row is loaded here.
    if (refuseWhileBusy())
        return;
    // A capped list's total is a lower bound (1,000 or 10,000 papers at least): a large view.
    const bool exact = m_model->isTotalExact();
    if (!m_worker || (exact && m_model->total() <= BulkPapers)) {
        const std::optional<QList<qint64>> marked = m_library->markRead(query);
        finishMarkAll(marked, marked ? QString() : m_library->lastError());
        return;
    }
    // The worker's results, read here once its job is done (jobDone comes after them).
    auto marked = std::make_shared<std::optional<QList<qint64>>>();
    auto error = std::make_shared<QString>(tr("the database worker did not run it"));
    runOnWorker(
        [query, marked, error](Library &library) {
            *marked = library.markRead(query);
            *error = *marked ? QString() : library.lastError();
        },
        [this, marked, error] { finishMarkAll(*marked, *error); });
    const int n = m_model->total();
    Q_EMIT message(tr("Marking %1 papers read…")
                       .arg(exact ? QString::number(n) : PaperListModel::lowerBoundText(n)),
                   0);
}

void StateController::finishMarkAll(const std::optional<QList<qint64>> &marked,
                                    const QString &error) {
    if (!marked) {
        Q_EMIT message(tr("Could not save: %1").arg(error), 8000);
        return;
    }
    if (marked->isEmpty()) {
        Q_EMIT message(tr("Nothing to mark read."), 4000);
        return;
    }
    const QList<qint64> &ids = *marked;
    m_model->setRead(ids, true);
    Q_EMIT changed(ids, true, true);
    record(new StateCommand(
        StateCommand::Kind::Read, ids, true,
        [this](auto k, const auto &ids, bool v) { return write(k, ids, v); },
        papersReadText(ids.size())));
    Q_EMIT message(ids.size() == 1 ? tr("Marked 1 paper read (Ctrl+Z to undo).")
                                   : tr("Marked %1 papers read (Ctrl+Z to undo).").arg(ids.size()),
                   5000);
}

bool StateController::writeTags(qint64 id, const QStringList &tags, bool restoring) {
    if (!m_library->setTags(id, tags))
        return false;
    Q_EMIT tagsWritten(id);
    if (restoring)
        Q_EMIT restored(id);
    return true;
}

bool StateController::editTags(qint64 id, const QStringList &tags) {
    const std::optional<LibraryPaper> paper = m_library->paper(id);
    if (!writeTags(id, tags, false))
        return false;
    if (!paper || paper->tags == tags)
        return true; // nothing to undo (or nothing known to undo to)
    const QStringList before = paper->tags;
    record(new EditCommand(tagsText(before, tags, quoted(paper->paper.title)),
                           [this, id, before, tags](bool forward) {
                               return writeTags(id, forward ? tags : before, true);
                           }));
    return true;
}

// An undo or redo of a note edit: the editor showing the paper reloads it.
bool StateController::writeNote(qint64 id, const QString &text) {
    if (!m_library->setNote(id, text))
        return false;
    m_model->setHasNote(id, !text.trimmed().isEmpty());
    Q_EMIT noteWritten(id);
    Q_EMIT restored(id);
    return true;
}

void StateController::noteSaved(qint64 id, const QString &before, const QString &after) {
    if (before == after)
        return;
    const std::optional<LibraryPaper> paper = m_library->paper(id);
    const QString title = paper ? paper->paper.title : QString();
    record(new NoteCommand(
        id, before, after, [this](qint64 id, const QString &text) { return writeNote(id, text); },
        tr("Edit note of %1").arg(quoted(title))));
}

void StateController::endNoteSession() {
    if (auto *note = dynamic_cast<NoteCommand *>(commandAt(m_undo->index() - 1)))
        note->endSession();
}

EditCommand *StateController::commandAt(int index) const {
    // The stack holds only EditCommands (record() is the one way in).
    return static_cast<EditCommand *>(const_cast<QUndoCommand *>(m_undo->command(index)));
}

// Undo (forward false) or redo of the entry next to the stack's index.
void StateController::step(bool forward) {
    if (refuseWhileBusy())
        return;
    Q_EMIT aboutToStep();
    endNoteSession();
    EditCommand *command = commandAt(forward ? m_undo->index() : m_undo->index() - 1);
    if (!command)
        return;
    const auto *state = dynamic_cast<StateCommand *>(command);
    if (m_worker && state && state->ids().size() > BulkPapers) {
        stepOnWorker(command, forward);
        return;
    }
    const bool ok = command->write(forward);
    finishStep(command, forward, ok, ok ? QString() : m_library->lastError());
}

// The library's part of a large entry on the worker; the list and the stack follow here.
void StateController::stepOnWorker(EditCommand *command, bool forward) {
    const auto *state = static_cast<StateCommand *>(command);
    const StateCommand::Kind kind = state->kind();
    const QList<qint64> ids = state->ids();
    const bool value = state->value(forward);
    auto ok = std::make_shared<bool>(false);
    auto error = std::make_shared<QString>(tr("the database worker did not run it"));
    runOnWorker(
        [kind, ids, value, ok, error](Library &library) {
            *ok = kind == StateCommand::Kind::Read ? library.setRead(ids, value)
                                                   : library.setStarred(ids, value);
            *error = *ok ? QString() : library.lastError();
        },
        [this, command, forward, kind, ids, value, ok, error] {
            if (*ok) {
                const bool read = kind == StateCommand::Kind::Read;
                if (read)
                    m_model->setRead(ids, value);
                else
                    m_model->setStarred(ids, value);
                Q_EMIT changed(ids, read, value);
            }
            finishStep(command, forward, *ok, *error);
        });
    Q_EMIT message((forward ? tr("Redoing: %1…") : tr("Undoing: %1…")).arg(command->text()), 0);
}

// Writes the entry's change (or its reverse) first; the stack moves only when that worked, so
// a refused write leaves the entry where it was, to be tried again.
void StateController::finishStep(EditCommand *command, bool forward, bool ok,
                                 const QString &error) {
    const QString text = command->text();
    if (!ok) {
        Q_EMIT message((forward ? tr("Could not redo: %1 (%2)") : tr("Could not undo: %1 (%2)"))
                           .arg(text, error),
                       10000);
        return;
    }
    if (commandAt(forward ? m_undo->index() : m_undo->index() - 1) != command) {
        // Written on the worker while an edit was recorded on top of it: the stack cannot
        // move past that edit.
        Q_EMIT message(tr("%1: written, but the undo history changed meanwhile").arg(text), 10000);
        return;
    }
    command->setWritten();
    if (forward)
        m_undo->redo();
    else
        m_undo->undo();
    endNoteSession();
    Q_EMIT message((forward ? tr("Redid: %1") : tr("Undid: %1")).arg(text), 5000);
}

void StateController::undo() {
    step(false);
}

void StateController::redo() {
    step(true);
}

} // namespace lectern

#include "statecontroller.h"

#include "paperlistmodel.h"

#include <QUndoStack>

#include <utility>

using namespace Qt::StringLiterals;

namespace lectern {

StateController::StateController(Library *library, PaperListModel *model, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_model(model)
    , m_undo(new QUndoStack(this)) {
    // The undo and redo actions call the stack directly: say what they did, replacing the
    // message of the change itself ("Marked 9 papers read (Ctrl+Z to undo)").
    connect(m_undo, &QUndoStack::indexChanged, this, [this](int index) {
        const int previous = std::exchange(m_index, index);
        if (m_pushing)
            return;
        if (index < previous && m_undo->command(index))
            Q_EMIT message(tr("Undid: %1").arg(m_undo->command(index)->text()), 5000);
        else if (index > previous && m_undo->command(index - 1))
            Q_EMIT message(tr("Redid: %1").arg(m_undo->command(index - 1)->text()), 5000);
    });
}

bool StateController::apply(StateCommand::Kind kind, const QList<qint64> &ids, bool value) {
    const bool read = kind == StateCommand::Kind::Read;
    const bool ok = read ? m_library->setRead(ids, value) : m_library->setStarred(ids, value);
    if (!ok) {
        Q_EMIT message(tr("Could not save: %1").arg(m_library->lastError()), 8000);
        return false;
    }
    if (read)
        m_model->setRead(ids, value);
    else
        m_model->setStarred(ids, value);
    Q_EMIT changed(ids, read, value);
    return true;
}

void StateController::push(StateCommand::Kind kind, const QList<qint64> &ids, bool value,
                           const QString &text, bool applied) {
    m_pushing = true;
    m_undo->push(new StateCommand(
        kind, ids, value, [this](auto k, const auto &ids, bool v) { return apply(k, ids, v); },
        text, applied));
    m_pushing = false;
    m_index = m_undo->index();
}

void StateController::toggleStar(qint64 id) {
    const auto row = m_model->rowAt(m_model->locate(id));
    if (row)
        push(StateCommand::Kind::Star, {row->id}, !row->starred,
             row->starred ? tr("Unstar") : tr("Star"));
}

void StateController::toggleRead(qint64 id) {
    const auto row = m_model->rowAt(m_model->locate(id));
    if (row)
        push(StateCommand::Kind::Read, {row->id}, !row->read,
             row->read ? tr("Mark unread") : tr("Mark read"));
}

void StateController::markAllRead(const QString &query) {
    // One UPDATE over the view in the library; it returns exactly the papers it changed, so
    // that undo restores them and nothing else. No row is loaded here.
    const std::optional<QList<qint64>> marked = m_library->markRead(query);
    if (!marked) {
        Q_EMIT message(tr("Could not save: %1").arg(m_library->lastError()), 8000);
        return;
    }
    if (marked->isEmpty()) {
        Q_EMIT message(tr("Nothing to mark read."), 4000);
        return;
    }
    const QList<qint64> &ids = *marked;
    m_model->setRead(ids, true);
    Q_EMIT changed(ids, true, true);
    push(StateCommand::Kind::Read, ids, true, tr("Mark %n paper(s) read", nullptr, int(ids.size())),
         true);
    Q_EMIT message(tr("Marked %n paper(s) read (Ctrl+Z to undo).", nullptr, int(ids.size())), 5000);
}

} // namespace lectern

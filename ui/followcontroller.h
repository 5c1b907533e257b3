#pragma once

#include "follow/follow.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QWidget;

namespace lectern {

class DatabaseWorker;
class Library;

// The window's follow list: `f` on the shown paper offers its authors and keywords (a
// FollowDialog), Settings > Followed authors and topics edits the list (FollowListDialog).
// Changes run on the DatabaseWorker (following an item scans the whole library); when they are
// written, followsChanged() tells the window to reload the list, the counts and the pane.
class FollowController : public QObject {
    Q_OBJECT
public:
    FollowController(Library *library, DatabaseWorker *worker, QWidget *window);
    ~FollowController() override;

    // What `f` offers for a paper: its authors, then its keywords; and which are followed
    // already (an author followed under another spelling counts: "Y. LeCun" ~ "Yann LeCun").
    QList<Follow> offeredFor(qint64 paperId, QList<bool> *followed) const;
    void followPaper(qint64 paperId);
    void showListDialog();
    // Adds and removes items on the worker; followsChanged() when done. False while an earlier
    // change is still being written (nothing done; the status bar says so).
    bool apply(const QList<Follow> &add, const QList<Follow> &remove);
    bool isBusy() const { return m_job != 0; }

    // Tests answer the dialogs: given what is offered and which are followed, the checked
    // state wanted (nullopt: cancelled); for the list dialog, the list wanted.
    using Chooser = std::function<std::optional<QList<bool>>(const QList<Follow> &offered,
                                                             const QList<bool> &followed)>;
    void setChooser(Chooser chooser) { m_chooser = std::move(chooser); }
    using ListEditor = std::function<std::optional<QList<Follow>>(const QList<Follow> &current)>;
    void setListEditor(ListEditor editor) { m_listEditor = std::move(editor); }

Q_SIGNALS:
    void followsChanged();
    void message(const QString &text, int timeoutMs);

private:
    struct Outcome;
    void onJobDone(quint64 job);
    std::optional<QList<bool>> choose(const QList<Follow> &offered, const QList<bool> &followed);
    std::optional<QList<Follow>> editList(const QList<Follow> &current);

    Library *m_library;
    DatabaseWorker *m_worker;
    QWidget *m_window;
    quint64 m_job = 0;
    std::shared_ptr<Outcome> m_outcome;
    Chooser m_chooser;
    ListEditor m_listEditor;
};

} // namespace lectern

#include "followcontroller.h"

#include "followdialog.h"
#include "followlistdialog.h"

#include "follow/personname.h"
#include "store/databaseworker.h"
#include "store/library.h"

namespace lectern {

struct FollowController::Outcome {
    QStringList added; // specs, with their paper counts
    int removed = 0;
    QString error = QObject::tr("the change was not written (library unavailable)");
};

namespace {

// An item of the list that stands for the offered one: the same keyword, or a name that
// matches the author either way round.
bool standsFor(const Follow &listed, const Follow &offered) {
    if (listed.kind() != offered.kind())
        return false;
    if (!offered.isAuthor())
        return listed.key() == offered.key();
    return PersonName(listed.value()).matches(PersonName(offered.value()));
}

} // namespace

FollowController::FollowController(Library *library, DatabaseWorker *worker, QWidget *window)
    : QObject(window)
    , m_library(library)
    , m_worker(worker)
    , m_window(window) {
    connect(m_worker, &DatabaseWorker::jobDone, this, &FollowController::onJobDone);
}

FollowController::~FollowController() = default;

QList<Follow> FollowController::offeredFor(qint64 paperId, QList<bool> *followed) const {
    QList<Follow> offered;
    const std::optional<LibraryPaper> paper = m_library->paper(paperId);
    if (!paper)
        return offered;
    for (const QString &a : paper->paper.authors)
        offered << Follow(Follow::Kind::Author, a);
    for (const QString &k : paper->paper.keywords)
        offered << Follow(Follow::Kind::Keyword, k);
    const QList<FollowEntry> list = m_library->follows().value_or(QList<FollowEntry>());
    for (const Follow &o : offered) {
        bool isFollowed = false;
        for (const FollowEntry &e : list)
            isFollowed = isFollowed || standsFor(e.follow, o);
        *followed << isFollowed;
    }
    return offered;
}

void FollowController::followPaper(qint64 paperId) {
    if (paperId == 0) {
        Q_EMIT message(tr("No paper is shown: select one to follow its authors or keywords."),
                       4000);
        return;
    }
    QList<bool> followed;
    const QList<Follow> offered = offeredFor(paperId, &followed);
    const std::optional<QList<bool>> checked = choose(offered, followed);
    if (!checked)
        return;
    QList<Follow> add, remove;
    const QList<FollowEntry> list = m_library->follows().value_or(QList<FollowEntry>());
    for (qsizetype i = 0; i < offered.size(); ++i) {
        const bool want = checked->value(i);
        if (want && !followed.at(i))
            add << offered.at(i);
        if (!want && followed.at(i)) {
            for (const FollowEntry &e : list)
                if (standsFor(e.follow, offered.at(i)))
                    remove << e.follow;
        }
    }
    if (!add.isEmpty() || !remove.isEmpty())
        apply(add, remove);
}

void FollowController::showListDialog() {
    QList<Follow> current;
    for (const FollowEntry &e : m_library->follows().value_or(QList<FollowEntry>()))
        current << e.follow;
    const std::optional<QList<Follow>> wanted = editList(current);
    if (!wanted)
        return;
    QList<Follow> add, remove;
    for (const Follow &f : *wanted)
        if (!current.contains(f))
            add << f;
    for (const Follow &f : current)
        if (!wanted->contains(f))
            remove << f;
    if (!add.isEmpty() || !remove.isEmpty())
        apply(add, remove);
}

bool FollowController::apply(const QList<Follow> &add, const QList<Follow> &remove) {
    if (isBusy()) {
        Q_EMIT message(tr("The follow list is still being updated."), 4000);
        return false;
    }
    Q_EMIT message(tr("Updating the follow list…"), 0);
    auto outcome = std::make_shared<Outcome>();
    m_job = m_worker->post([outcome, add, remove](Library &lib,
                                                  const std::function<bool()> &cancelled) {
        const auto keepGoing = [&cancelled] { return !cancelled(); };
        for (const Follow &f : remove) {
            const std::optional<bool> removed = lib.removeFollow(f);
            if (!removed) {
                outcome->error = lib.lastError();
                return;
            }
            outcome->removed += *removed ? 1 : 0;
        }
        for (const Follow &f : add) {
            const std::optional<FollowEntry> entry = lib.addFollow(f, keepGoing);
            if (!entry) {
                outcome->error = lib.lastError();
                return;
            }
            outcome->added << entry->follow.spec() + QStringLiteral(" (") +
                                  (entry->papers == 1 ? tr("1 paper")
                                                      : tr("%n papers", nullptr, entry->papers)) +
                                  QLatin1Char(')');
        }
        outcome->error.clear();
    });
    m_outcome = outcome;
    return true;
}

void FollowController::onJobDone(quint64 job) {
    if (job != m_job || !m_outcome)
        return;
    const std::shared_ptr<Outcome> outcome = std::move(m_outcome);
    m_job = 0;
    if (!outcome->error.isEmpty())
        Q_EMIT message(tr("The follow list could not be changed: %1").arg(outcome->error), 10000);
    else if (!outcome->added.isEmpty())
        Q_EMIT message(tr("Following %1").arg(outcome->added.join(QStringLiteral(", "))), 8000);
    else
        Q_EMIT message(outcome->removed == 1
                           ? tr("No longer following 1 item")
                           : tr("No longer following %n items", nullptr, outcome->removed),
                       6000);
    Q_EMIT followsChanged(); // also after a failure: part of it may have been written
}

std::optional<QList<bool>> FollowController::choose(const QList<Follow> &offered,
                                                    const QList<bool> &followed) {
    if (m_chooser)
        return m_chooser(offered, followed);
    if (offered.isEmpty())
        return std::nullopt;
    FollowDialog dialog(offered, followed, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.checked();
}

std::optional<QList<Follow>> FollowController::editList(const QList<Follow> &current) {
    if (m_listEditor)
        return m_listEditor(current);
    FollowListDialog dialog(m_library->follows().value_or(QList<FollowEntry>()), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.follows();
}

} // namespace lectern

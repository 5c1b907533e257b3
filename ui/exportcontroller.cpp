#include "exportcontroller.h"

#include "exchange/exporter.h"
#include "search/queryterms.h"
#include "store/databaseworker.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>

namespace lectern {

namespace {

// The ids of the scope, in the order they are listed; nullopt with *error on failure.
std::optional<QList<qint64>> scopeIds(Library &lib, const ExportController::View &view,
                                      ExportScope scope, QString *error) {
    std::optional<QList<qint64>> ids;
    switch (scope) {
    case ExportScope::Selection:
        ids = QList<qint64>{view.selectedId};
        break;
    case ExportScope::CurrentView:
        ids = lib.ids(view.query, view.sort);
        break;
    case ExportScope::Starred:
        ids = lib.ids(QueryTerms::state(QueryTerms::State::Starred), SortOrder::Date);
        break;
    }
    if (!ids)
        *error = lib.lastError();
    return ids;
}

// Runs on the worker thread: the file written whole, or an error.
int writeExport(Library &lib, const ExportController::View &view, const ExportChoice &choice,
                const QString &path, const std::function<bool()> &cancelled, QString *error) {
    const std::optional<QList<qint64>> ids = scopeIds(lib, view, choice.scope, error);
    if (!ids)
        return 0;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return 0;
    }
    Exporter exporter(&file, choice.options);
    const bool ok = exporter.exportIds(
        *ids, [&lib](const QList<qint64> &chunk) { return lib.papers(chunk); },
        [&cancelled](int) { return !cancelled(); });
    if (!ok) {
        *error = exporter.lastError();
        file.cancelWriting();
        return 0;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return 0;
    }
    return exporter.count();
}

} // namespace

ExportController::ExportController(DatabaseWorker *worker, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_window(window)
    , m_lastDir(QDir::homePath()) {
    connect(m_worker, &DatabaseWorker::jobDone, this, &ExportController::onJobDone);
}

std::optional<ExportChoice> ExportController::askChoice(const View &view,
                                                        const ExportChoice &initial) {
    if (m_askChoice)
        return m_askChoice(view, initial);
    ExportDialog dialog(view.selectedId != 0, {view.count, view.countExact}, initial, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.choice();
}

QString ExportController::askFile(const ExportChoice &choice) {
    const QString suffix = Exporter::fileSuffix(choice.options.format);
    if (m_askFile)
        return m_askFile(choice);
    const QString suggested = m_lastDir + QStringLiteral("/lectern-export.") + suffix;
    return QFileDialog::getSaveFileName(m_window, tr("Export to"), suggested,
                                        tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
}

void ExportController::exportInteractive(const View &view) {
    if (isBusy()) {
        Q_EMIT message(tr("An export is still being written."), 4000);
        return;
    }
    const std::optional<ExportChoice> choice = askChoice(view, m_last);
    if (!choice)
        return;
    m_last = *choice;
    const QString path = askFile(*choice);
    if (path.isEmpty())
        return;
    m_lastDir = QFileInfo(path).absolutePath();
    start(view, *choice, path);
}

void ExportController::start(const View &view, const ExportChoice &choice, const QString &path) {
    Q_EMIT message(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)), 0);
    // The job writes its outcome here; jobDone (queued to this thread) reads it.
    auto outcome = std::make_shared<Outcome>();
    outcome->path = path;
    outcome->error = tr("the export did not run (library unavailable or cancelled)");
    m_job = m_worker->post(
        [outcome, view, choice, path](Library &lib, const std::function<bool()> &cancelled) {
            QString error;
            outcome->count = writeExport(lib, view, choice, path, cancelled, &error);
            outcome->error = error;
        });
    m_outcome = outcome;
}

void ExportController::onJobDone(quint64 job) {
    if (job != m_job || !m_outcome)
        return;
    const std::shared_ptr<Outcome> outcome = std::move(m_outcome);
    m_job = 0;
    finish(outcome->path, outcome->count, outcome->error);
}

void ExportController::finish(const QString &path, int count, const QString &error) {
    const QString file = QDir::toNativeSeparators(path);
    if (!error.isEmpty()) {
        Q_EMIT message(tr("Export to %1 failed: %2").arg(file, error), 10000);
        Q_EMIT failed(path, error);
        return;
    }
    Q_EMIT message(tr("Exported %n papers to %1", nullptr, count).arg(file), 8000);
    Q_EMIT exported(path, count);
}

} // namespace lectern

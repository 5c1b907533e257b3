#include "importcontroller.h"

#include "importer.h"
#include "problemspanel.h"
#include "settings.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>
#include <QUrl>

#include <utility>

using namespace Qt::StringLiterals;

namespace lectern {

ImportController::ImportController(Library *library, DatabaseWorker *worker, Settings *settings,
                                   ProblemsPanel *problems, QStatusBar *statusBar, QWidget *window)
    : QObject(window)
    , m_library(library)
    , m_settings(settings)
    , m_problems(problems)
    , m_statusBar(statusBar)
    , m_window(window)
    , m_importer(new Importer(worker, this))
    , m_progress(new QProgressBar(window))
    , m_cancel(new QToolButton(window)) {
    m_progress->setMaximumWidth(200);
    m_progress->setVisible(false);
    m_statusBar->addPermanentWidget(m_progress);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import: files already imported stay, the file being "
                            "imported is left out whole"));
    m_cancel->setAccessibleName(tr("Cancel import"));
    m_cancel->setVisible(false);
    m_statusBar->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &ImportController::cancel);

    connect(m_importer, &Importer::started, this, [this](int total) {
        m_progress->setRange(0, qMax(total, 1));
        m_progress->setValue(0);
        m_progress->setVisible(true);
        m_cancel->setVisible(!m_indexOnly);
    });
    connect(m_importer, &Importer::progress, this,
            [this](int done, int total, const QString &path) {
                m_progress->setValue(done);
                if (!path.isEmpty())
                    m_statusBar->showMessage(tr("Importing %1 (%2 of %3)…")
                                                 .arg(QFileInfo(path).fileName(),
                                                      QString::number(done + 1),
                                                      QString::number(total)));
            });
    connect(m_importer, &Importer::fileImported, this, &ImportController::onFileImported);
    connect(m_importer, &Importer::failed, this,
            [this](const QString &message) { m_problems->addProblem(message); });
    connect(m_importer, &Importer::finished, this,
            [this](int files, int papers, int errors, int warnings) {
                m_progress->setVisible(false);
                m_cancel->setVisible(false);
                if (std::exchange(m_indexOnly, false) && files == 0) // only the index was done
                    return;
                Q_EMIT importDone(true);
                const QString what = std::exchange(m_cancelled, false)
                                         ? tr("Import cancelled (the file being imported "
                                              "was left out): ")
                                         : tr("Imported %n file(s): ", nullptr, files);
                m_statusBar->showMessage(what + tr("%n new paper(s)", nullptr, papers) +
                                             problemSummary(errors, warnings),
                                         8000);
            });
    // A crash during an import may have left papers out of the search index: finish it in the
    // background, off the UI thread.
    if (m_library->pendingIndexCount() > 0) {
        m_indexOnly = true;
        m_importer->start({});
    }
}

bool ImportController::isRunning() const {
    return m_importer->isRunning();
}

void ImportController::importPaths(const QStringList &paths) {
    if (paths.isEmpty())
        return;
    Q_EMIT importStarted();
    m_cancel->setEnabled(true);
    m_statusBar->showMessage(tr("Importing…"));
    m_importer->start(paths);
}

void ImportController::openFiles() {
    const QStringList files =
        QFileDialog::getOpenFileNames(m_window, tr("Open digests"), m_settings->lastOpenDir(),
                                      tr("Digests (*.md *.markdown *.txt);;All files (*)"));
    if (files.isEmpty())
        return;
    m_settings->setLastOpenDir(QFileInfo(files.first()).absolutePath());
    importPaths(files);
}

void ImportController::openFolder() {
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Open a folder of digests"),
                                                          m_settings->lastOpenDir());
    if (dir.isEmpty())
        return;
    m_settings->setLastOpenDir(dir);
    importPaths({dir});
}

void ImportController::openSample() {
    QFile file(u":/lectern/sample-digest.md"_s);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const ImportFileResult result = m_library->importData(u"sample-digest.md"_s, file.readAll());
    onFileImported(result);
    Q_EMIT importDone(false);
    int errors = 0, warnings = 0;
    for (const Diagnostic &d : result.diagnostics)
        ++(d.severity == Severity::Error ? errors : warnings);
    m_statusBar->showMessage(tr("Sample digest: %n new paper(s)", nullptr, result.newPapers) +
                                 problemSummary(errors, warnings),
                             5000);
}

void ImportController::cancel() {
    if (!m_importer->isRunning())
        return;
    m_cancelled = true;
    m_cancel->setEnabled(false);
    m_statusBar->showMessage(tr("Cancelling the import…"));
    m_importer->cancel();
}

void ImportController::cancelAndWait() {
    m_importer->cancel();
    m_importer->waitForFinished();
}

// Every diagnostic goes to the panel, warnings of a file that imported too: they say what of
// the file was skipped or guessed (the panel keeps them short, errors first).
void ImportController::onFileImported(const ImportFileResult &result) {
    if (!result.diagnostics.isEmpty())
        m_problems->addDiagnostics(result.path, result.diagnostics);
    if (result.imported)
        Q_EMIT papersLanded();
}

// ", 2 problem(s), 5 warning(s) (see the panel)", or nothing when the files were clean.
QString ImportController::problemSummary(int errors, int warnings) {
    QString text;
    if (errors > 0)
        text += tr(", %n problem(s)", nullptr, errors);
    if (warnings > 0)
        text += tr(", %n warning(s)", nullptr, warnings);
    if (!text.isEmpty())
        text += tr(" (see the panel)");
    return text;
}

QStringList ImportController::localPaths(const QMimeData *mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

} // namespace lectern

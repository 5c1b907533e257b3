#pragma once

#include "store/library.h"

#include <QObject>

class QMimeData;
class QProgressBar;
class QToolButton;
class QStatusBar;
class QWidget;

namespace lectern {

class DatabaseWorker;
class Importer;
class ProblemsPanel;
class Settings;

// The import plumbing of the main window: the open dialogs, the built-in sample digest, dropped
// paths, and the background Importer with its progress bar in the status bar. Problems go to
// the panel; the window only hears when papers landed and when an import is over.
class ImportController : public QObject {
    Q_OBJECT
public:
    // Imports run on worker (the application's one DatabaseWorker).
    ImportController(Library *library, DatabaseWorker *worker, Settings *settings,
                     ProblemsPanel *problems, QStatusBar *statusBar, QWidget *window);

    Importer *importer() const { return m_importer; }
    bool isRunning() const;

    void importPaths(const QStringList &paths); // in the background
    void openFiles();                           // file dialog, then importPaths
    void openFolder();                          // folder dialog, then importPaths
    void openSample();                          // the bundled sample digest, right away
    void cancel();        // the status bar's Cancel: the file being imported is rolled back
    void cancelAndWait(); // on quit

    // The local files and folders of a drag or drop (empty when there are none).
    static QStringList localPaths(const QMimeData *mime);
    // What the status bar adds after an import: errors and warnings (nothing when clean).
    static QString problemSummary(int errors, int warnings);

Q_SIGNALS:
    void importStarted();              // show the list: papers are on their way
    void papersLanded();               // a file was imported; more may follow
    void importDone(bool keepCurrent); // all imported: reload now (sample: select the first)

private:
    void onFileImported(const ImportFileResult &result);

    Library *m_library;
    Settings *m_settings;
    ProblemsPanel *m_problems;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    Importer *m_importer;
    bool m_indexOnly = false; // the running import only completes the search index
    bool m_cancelled = false; // the user stopped the running import
    QProgressBar *m_progress;
    QToolButton *m_cancel;
};

} // namespace lectern

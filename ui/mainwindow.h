#pragma once

#include "readingpane.h"
#include "store/library.h"
#include "summaryloader.h"

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QUndoStack;

namespace lectern {

class ActionSet;
class ArxivController;
class RankController;
class CountsLoader;
class DatabaseWorker;
class ExportController;
class FollowController;
class FilterBar;
class HelpOverlay;
class ImportController;
class MemoryTrimmer;
class Navigator;
class Importer;
class NoteEditor;
class NoteSync;
class PaperListModel;
class PaperListView;
class ReadingClock;
class ProblemsPanel;
class ReadingPane;
class Settings;
class Sidebar;
class StateController;
class TriageSummary;
class ViewProgress;
class WatchController;
class WelcomePage;

// The reading window: sidebar | filter bar + paper list | reading pane over the notes editor.
// Every action is a QAction with a key (listed by the `?` overlay). The window owns no data:
// the Library and Settings are passed in and outlive it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(Library *library, Settings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Imports files and folders in the background (what a drop and Ctrl+O do).
    void importPaths(const QStringList &paths);
    // Opens http(s) links; the default hands them to QDesktopServices (tests capture them).
    void setUrlOpener(std::function<void(const QUrl &)> opener);

    // For tests and the benchmark.
    PaperListModel *model() const { return m_model; }
    QTableView *paperList() const;
    FilterBar *filterBar() const { return m_filter; }
    ReadingPane *readingPane() const { return m_pane; }
    NoteEditor *noteEditor() const { return m_notes; }
    Sidebar *sidebar() const { return m_sidebar; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    WatchController *watchController() const { return m_watch; }
    Importer *importer() const;
    QUndoStack *undoStack() const;
    HelpOverlay *helpOverlay() const { return m_help; }
    QAction *action(const QString &name) const;
    QList<QAction *> keyboardActions() const;
    qint64 currentPaperId() const { return m_currentId; }
    bool isShowingWelcome() const;
    QString currentQuery() const;
    ArxivController *arxiv() const { return m_arxiv; }
    RankController *ranking() const { return m_rank; }
    ExportController *exportController() const { return m_export; }
    TriageSummary *triageSummary() const { return m_summary; }
    QLabel *progressLabel() const { return m_progressLabel; }
    FollowController *followController() const { return m_follow; }
    DatabaseWorker *worker() const { return m_worker; }
    MemoryTrimmer *memoryTrimmer() const { return m_trimmer; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void buildUi();
    void restoreSettings();
    void saveSettings();

    void onViewSelected(const QString &key, const QString &query);
    // preferredId: the paper to show if it is in the view (else the current one, else the first).
    void applyQuery(qint64 preferredId = 0);
    void applyFilter(); // a filter keystroke: applyQuery without looking deep for the paper
    void selectAfterReset(qint64 preferredId);
    // Reloads the list (the library changed) keeping id selected if it is still there, and
    // refreshes the sidebar counts.
    void reloadKeeping(qint64 id);
    void onCurrentChanged(const QModelIndex &current);
    void showPaper(qint64 id);
    void refreshPane();
    void connectEdits();

    void moveBy(int delta);
    void nextUnread();
    void pageForward();
    void pageBack();
    void passCurrent(); // the user moves past the current paper
    void endOfViewMessage();
    bool goToNextDigestWithUnread();

    void openAbs();
    void openPdf();
    void openLocalPdfOrAbs();
    PaneExtras paneExtras(qint64 id) const;
    void escape();
    void exportPapers(); // File > Export…

    void refreshCounts(); // asynchronous: the sidebar updates when the counts arrive
    void updateWelcome();
    void startBackups(); // automatic backups and the weekly integrity check (backupscheduler.h)
    // For you and More like this (mainwindowrank.cpp): RankController wired to the window.
    void connectRanking();
    void moreLikeThis();

    // ---- Progress and resume (mainwindowprogress.cpp) -----------------------------------------
    void createProgressParts(); // the summary, the status bar's progress, the view progress job
    void onPaperShown(const LibraryPaper &paper); // remembers it for the view, times the digest
    QString resumeKey() const;                    // the view's key for the remembered paper
    qint64 rememberedPaper(const QString &viewKey) const;
    void continueReading(); // c: the oldest digest with unread papers, at its first unread paper
    void openDigestAtFirstUnread(QDate date);
    QDate summaryDigest() const; // the digest the end-of-digest summary is about
    void showDigestSummary();
    void onSummaryReady(const SummaryLoader::Result &result); // counted on m_worker
    void requestViewProgress();
    void onViewProgress(const QString &query, int read, int total);
    void updateTitle();

    Library *m_library;
    Settings *m_settings;
    PaperListModel *m_model = nullptr;
    ImportController *m_imports = nullptr;
    ArxivController *m_arxiv = nullptr;
    WatchController *m_watch = nullptr; // watched folders: imports what arrives there
    StateController *m_state = nullptr;
    std::unique_ptr<Navigator> m_navigator;
    ActionSet *m_actions = nullptr;
    DatabaseWorker *m_worker = nullptr; // import, counts: off the UI thread
    CountsLoader *m_counts = nullptr;
    ExportController *m_export = nullptr; // File > Export…, on m_worker
    RankController *m_rank = nullptr;     // For you, More like this, on m_worker
    FollowController *m_follow = nullptr; // f, the follow list, on m_worker

    Sidebar *m_sidebar = nullptr;
    FilterBar *m_filter = nullptr;
    PaperListView *m_list = nullptr;
    ReadingPane *m_pane = nullptr;
    NoteEditor *m_notes = nullptr;
    NoteSync *m_noteSync = nullptr;
    ProblemsPanel *m_problems = nullptr;
    WelcomePage *m_welcome = nullptr;
    QStackedWidget *m_stack = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_readerSplitter = nullptr;
    HelpOverlay *m_help = nullptr;

    TriageSummary *m_summary = nullptr;
    QLabel *m_progressLabel = nullptr; // "37/108 read" for the current view
    ViewProgress *m_viewProgress = nullptr;
    MemoryTrimmer *m_trimmer = nullptr;       // the heap given back once queries and counts settle
    SummaryLoader *m_summaryLoader = nullptr; // the end-of-digest figures, on m_worker
    std::unique_ptr<ReadingClock> m_clock;
    int m_unread = 0;       // in the whole library (the counts)
    QString m_progressText; // "2025-05-06: 37/108 read", in the title

    std::function<void(const QUrl &)> m_openUrl;

    QString m_viewKey;
    QString m_viewQuery;
    qint64 m_currentId = 0;
    QTimer m_readTimer;              // marks the shown paper read after the configured delay
    QTimer m_countsTimer;            // coalesces sidebar count refreshes
    QTimer m_reloadTimer;            // coalesces list reloads while files land
    bool m_closeWithUnsaved = false; // the user was told about unsaved notes once
};

} // namespace lectern

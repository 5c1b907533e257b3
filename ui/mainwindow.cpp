#include "mainwindow.h"

#include "arxivcontroller.h"
#include "icons.h"
#include "model/arxiv.h"
#include "search/queryterms.h"

#include "actionset.h"
#include "backupscheduler.h"
#include "countsloader.h"
#include "exportcontroller.h"
#include "filterbar.h"
#include "followcontroller.h"
#include "helpoverlay.h"
#include "importcontroller.h"
#include "memorytrimmer.h"
#include "navigator.h"
#include "noteeditor.h"
#include "notesync.h"
#include "paperlistmodel.h"
#include "paperlistview.h"
#include "paperroles.h"
#include "problemspanel.h"
#include "rankcontroller.h"
#include "readingclock.h"
#include "readingpane.h"
#include "settings.h"
#include "sidebar.h"
#include "statecontroller.h"
#include "triagesummary.h"
#include "watchcontroller.h"
#include "welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

// The resources live in this static library: referencing them here makes sure the linker keeps
// them (Q_INIT_RESOURCE must be used outside a namespace).
static void initResources() {
    Q_INIT_RESOURCE(resources);
}

namespace lectern {

// What each of the window's two connections keeps resident (Library::limitMemory): no memory
// map, whose pages count as the window's own (at a million papers the default 256 MB map of
// each connection filled, 373 MB in all), and a 4 MB page cache (the kernel caches the file).
// At a million papers 4 MB instead of 16 MB took the peak with a broad search left standing
// from 158 to 132 MB, with the keystroke p95 unchanged (tests/bench/README.md, session 20).
// An import raises its connection's cache for its duration (Library::importPaths).
static constexpr qint64 kWindowMapBytes = 0;
static constexpr int kWindowCacheKiB = 4 * 1024;

// The window's worker: a second connection to the library the window has just opened and
// checked, so the worker does not check the whole file again.
static DatabaseWorker *workerFor(const QString &path, QObject *parent) {
    auto *worker = new DatabaseWorker(path, parent);
    worker->skipFirstCheck();
    worker->limitMemory(kWindowMapBytes, kWindowCacheKiB);
    return worker;
}

// "Lectern 0.1.0", "Lectern 0.1.0 — 3 unread": the version comes from CMake's project(VERSION).
static QString windowTitleFor(int unread) {
    const QString version = QStringLiteral(LECTERN_VERSION);
    return unread > 0 ? MainWindow::tr("Lectern %1 — %n unread", nullptr, unread).arg(version)
                      : MainWindow::tr("Lectern %1").arg(version);
}

MainWindow::MainWindow(Library *library, Settings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_library(library)
    , m_settings(settings)
    , m_model(new PaperListModel(library, this))
    , m_state(new StateController(library, m_model, this))
    , m_navigator(std::make_unique<Navigator>(library, m_model))
    , m_actions(new ActionSet(this))
    , m_worker(workerFor(library->path(), this))
    , m_counts(new CountsLoader(m_worker, this))
    , m_export(new ExportController(m_worker, this, this))
    , m_follow(new FollowController(library, m_worker, this))
    , m_openUrl([](const QUrl &url) { QDesktopServices::openUrl(url); }) {
    initResources();
    m_state->setWorker(m_worker); // large changes (mark all read at scale) are written there
    m_model->setWorker(m_worker); // the exact total of a broad query is counted there
    // A broad query's memory (SQLite's, here and on the worker) is given back once the list,
    // its exact total, the view's progress and the sidebar's counts have come in.
    m_trimmer = new MemoryTrimmer(this);
    connect(m_model, &PaperListModel::totalChanged, m_trimmer, &MemoryTrimmer::schedule);
    connect(m_counts, &CountsLoader::ready, m_trimmer, &MemoryTrimmer::schedule);
    m_library->limitMemory(kWindowMapBytes, kWindowCacheKiB);
    setWindowTitle(windowTitleFor(0));
    setWindowIcon(Icons::icon(u"lectern"_s));
    setAcceptDrops(true);
    buildUi();
    createActions();

    m_readTimer.setSingleShot(true);
    connect(&m_readTimer, &QTimer::timeout, this, [this] {
        const int row = m_model->locate(m_currentId);
        const auto paper = m_model->rowAt(row);
        if (paper && !paper->read)
            m_state->apply(StateCommand::Kind::Read, {m_currentId}, true);
    });
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(300);
    connect(&m_countsTimer, &QTimer::timeout, this, &MainWindow::refreshCounts);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(400);
    connect(&m_reloadTimer, &QTimer::timeout, this, [this] { reloadKeeping(m_currentId); });

    connect(m_state, &StateController::message, this,
            [this](const QString &text, int ms) { statusBar()->showMessage(text, ms); });
    startBackups();
    connect(m_state, &StateController::changed, this,
            [this](const QList<qint64> &ids, bool read, bool value) {
                m_countsTimer.start();
                if (!ids.contains(m_currentId))
                    return;
                if (read && !value)
                    m_readTimer.stop(); // the user asked for unread: do not flip it back
                refreshPane();
            });
    connect(m_counts, &CountsLoader::ready, this, [this](const Counts &counts) {
        m_sidebar->setCounts(counts);
        m_unread = counts.unread;
        updateTitle();
    });
    connect(m_export, &ExportController::message, this,
            [this](const QString &text, int ms) { statusBar()->showMessage(text, ms); });
    connect(m_follow, &FollowController::message, this,
            [this](const QString &text, int ms) { statusBar()->showMessage(text, ms); });
    connect(m_follow, &FollowController::followsChanged, this, [this] {
        reloadKeeping(m_currentId);
        refreshPane();
    });
    connect(m_counts, &CountsLoader::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_imports, &ImportController::importStarted, this,
            [this] { m_stack->setCurrentWidget(m_mainSplitter); });
    connect(m_imports, &ImportController::papersLanded, this, [this] {
        if (!m_reloadTimer.isActive())
            m_reloadTimer.start();
    });
    connect(m_imports, &ImportController::importDone, this, [this](bool keepCurrent) {
        m_reloadTimer.stop();
        reloadKeeping(keepCurrent ? m_currentId : 0);
    });

    restoreSettings();
    QTimer::singleShot(0, m_watch, &WatchController::start); // once the window is up
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    m_sidebar = new Sidebar(this);
    m_filter = new FilterBar(this);
    m_list = new PaperListView(m_model, this);
    m_list->setAccessibleName(tr("Papers"));
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_model, &PaperListModel::queryFinished, m_filter, &FilterBar::setResult);
    connect(m_model, &PaperListModel::totalChanged, m_filter, &FilterBar::setCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() == 0) {
            m_currentId = 0;
            m_readTimer.stop();
            m_notes->setPaper(0, {}, {});
            m_pane->showMessage(tr("No papers match."));
        }
    });

    m_pane = new ReadingPane(this);
    m_pane->setAcceptDrops(false);
    m_pane->setAccessibleName(tr("Paper"));
    connect(m_pane, &ReadingPane::linkActivated, this, [this](const QUrl &url) { m_openUrl(url); });
    m_notes = new NoteEditor(this);
    // Saves are compare-and-set against other writers (NoteSync); a failed one stays in the
    // editor, marked unsaved, and is retried.
    m_noteSync = new NoteSync(m_library, m_notes, this);
    connect(m_noteSync, &NoteSync::saveFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Could not save the note: %1").arg(error));
    });
    // Each save the editor makes is an undo entry (one per edit session of a paper).
    connect(m_noteSync, &NoteSync::noteSaved, m_state, &StateController::noteSaved);
    for (auto signal : {&NoteSync::noteWritten, &NoteSync::changedElsewhere})
        connect(m_noteSync, signal, this, [this](qint64 id, bool hasNote) {
            m_model->setHasNote(id, hasNote);
            m_countsTimer.start();
        });
    connect(m_notes, &NoteEditor::tagsEdited, this, [this](qint64 id, const QStringList &tags) {
        if (!m_state->editTags(id, tags))
            statusBar()->showMessage(tr("Could not save the tags: %1").arg(m_library->lastError()));
    });
    connectEdits();
    connect(m_notes, &NoteEditor::escapePressed, this, [this] { m_list->setFocus(); });

    m_problems = new ProblemsPanel(this);
    auto *middle = new QWidget(this);
    auto *middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    middleLayout->addWidget(m_filter);
    createProgressParts();
    middleLayout->addWidget(m_summary);
    middleLayout->addWidget(m_list, 1);
    middleLayout->addWidget(m_problems);

    m_readerSplitter = new QSplitter(Qt::Vertical, this);
    m_readerSplitter->addWidget(m_pane);
    m_readerSplitter->addWidget(m_notes);
    m_readerSplitter->setStretchFactor(0, 3);
    m_readerSplitter->setStretchFactor(1, 1);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->addWidget(m_sidebar);
    m_mainSplitter->addWidget(middle);
    m_mainSplitter->addWidget(m_readerSplitter);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setStretchFactor(2, 2);
    m_mainSplitter->setSizes({210, 620, 470});

    m_welcome = new WelcomePage(this);
    connect(m_welcome, &WelcomePage::openDigestRequested, this, [this] { m_imports->openFiles(); });
    connect(m_welcome, &WelcomePage::openSampleRequested, this,
            [this] { m_imports->openSample(); });
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_mainSplitter);
    m_stack->addWidget(m_welcome);
    setCentralWidget(m_stack);

    m_imports =
        new ImportController(m_library, m_worker, m_settings, m_problems, statusBar(), this);
    m_arxiv = new ArxivController(m_library, m_worker, statusBar(), this);
    connect(m_arxiv, &ArxivController::metadataStored, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_currentId))
            refreshPane();
        if (!m_reloadTimer.isActive()) // the newer-version marks and category counts
            m_reloadTimer.start();
    });
    connect(m_arxiv, &ArxivController::pdfSaved, this, [this](qint64 id) {
        if (id == m_currentId)
            refreshPane();
    });
    m_watch = new WatchController(m_settings, m_imports, statusBar(), this);

    connect(m_sidebar, &Sidebar::viewSelected, this, &MainWindow::onViewSelected);
    connectRanking();
    connect(m_filter, &FilterBar::queryChanged, this, [this] { applyFilter(); });
    connect(m_filter, &FilterBar::escapePressed, this, &MainWindow::escape);
    connect(m_filter, &FilterBar::downPressed, this, [this] { m_list->setFocus(); });
    m_help = new HelpOverlay(this);
    resize(1300, 800);
}

void MainWindow::restoreSettings() {
    restoreGeometry(m_settings->windowGeometry());
    const QList<int> main = m_settings->splitterSizes(u"main"_s);
    if (main.size() == 3)
        m_mainSplitter->setSizes(main);
    const QList<int> reader = m_settings->splitterSizes(u"reader"_s);
    if (reader.size() == 2)
        m_readerSplitter->setSizes(reader);
    else
        m_readerSplitter->setSizes({560, 200});
    const QByteArray header = m_settings->listHeaderState();
    if (!header.isEmpty())
        m_list->restoreHeaderState(header);
    m_actions->action(u"unreadOnly"_s)->setChecked(m_settings->unreadOnly());
    m_readTimer.setInterval(m_settings->markReadDelayMs());

    if (const auto all = m_library->allTags())
        m_notes->setAllTags(*all);
    refreshCounts();
    m_currentId = 0;
    const qint64 paper = m_settings->selectedPaper();
    if (!m_sidebar->select(m_settings->selectedView()))
        m_sidebar->select(u"view:all"_s);
    selectAfterReset(paper);
}

void MainWindow::saveSettings() {
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setSplitterSizes(u"main"_s, m_mainSplitter->sizes());
    m_settings->setSplitterSizes(u"reader"_s, m_readerSplitter->sizes());
    m_settings->setListHeaderState(m_list->headerState());
    m_settings->setSelectedView(m_viewKey);
    m_settings->setSelectedPaper(m_currentId);
    m_settings->sync();
}

bool MainWindow::isShowingWelcome() const {
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::exportPapers() {
    m_export->exportInteractive({currentQuery(), m_model->sortOrder(), m_model->total(),
                                 m_model->isTotalExact(), m_currentId});
}

QString MainWindow::currentQuery() const {
    QStringList parts;
    if (!m_viewQuery.isEmpty())
        parts << m_viewQuery;
    const QString unread = QueryTerms::state(QueryTerms::State::Unread);
    if (m_actions->action(u"unreadOnly"_s)->isChecked() && m_viewQuery != unread)
        parts << unread;
    const QString filter = m_filter->text().trimmed();
    if (!filter.isEmpty())
        parts << filter;
    return parts.join(u' ');
}

void MainWindow::onViewSelected(const QString &key, const QString &query) {
    const bool changed = key != m_viewKey;
    m_model->setViewSort(RankController::sortForView(key)); // For you, More like this
    m_viewKey = key;
    m_viewQuery = query;
    const qint64 before = m_currentId;
    applyQuery(changed ? rememberedPaper(resumeKey()) : 0); // a view reopened: its last paper
    if (m_currentId == before)
        refreshPane(); // the same paper, drawn for this view (For you's why footer)
}

void MainWindow::applyQuery(qint64 preferredId) {
    const qint64 id = m_currentId;
    if (!m_model->setQuery(currentQuery()).isEmpty())
        return; // the filter bar shows the message; the list keeps its rows
    selectAfterReset(preferredId && m_model->locate(preferredId) >= 0 ? preferredId : id);
    requestViewProgress();
}

// A filter keystroke: the current paper stays selected when it is among the rows the new
// result loaded (its first page); otherwise the first row is selected. Finding it deeper
// (Library::rowOf, a count over the view) cost each keystroke as much as the query again at a
// million papers.
void MainWindow::applyFilter() {
    const qint64 id = m_currentId;
    if (!m_model->setQuery(currentQuery()).isEmpty())
        return; // the filter bar shows the message; the list keeps its rows
    selectAfterReset(m_model->rowForId(id) >= 0 ? id : 0);
    requestViewProgress();
}

// The library changed under the list: read it again, keep paper id selected, refresh counts.
void MainWindow::reloadKeeping(qint64 id) {
    m_model->reload();
    selectAfterReset(id);
    refreshCounts();
}

// After a reset: select the paper that was current if it is still in the list, else the first.
void MainWindow::selectAfterReset(qint64 preferredId) {
    // The paper may lie anywhere in the view: locate() loads only the pages it needs.
    int row = preferredId ? m_model->locate(preferredId) : -1;
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, PaperListModel::StarColumn);
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_list->scrollTo(index);
    // setCurrentIndex does not signal when the index is unchanged, yet the paper may be new.
    if (m_model->idAt(row) != m_currentId)
        onCurrentChanged(index);
}

void MainWindow::onCurrentChanged(const QModelIndex &current) {
    const qint64 id = current.isValid() ? m_model->idAt(current.row()) : 0;
    if (id == 0 || id == m_currentId)
        return;
    showPaper(id);
}

void MainWindow::showPaper(qint64 id) {
    m_readTimer.stop();
    const std::optional<LibraryPaper> paper = m_library->paper(id);
    if (!paper) {
        m_currentId = 0;
        m_notes->setPaper(0, {}, {});
        m_pane->showMessage(tr("This paper is no longer in the library."));
        return;
    }
    m_currentId = id;
    onPaperShown(*paper);
    m_pane->showPaper(*paper, m_filter->highlightTerms(), paneExtras(id));
    m_notes->setPaper(id, paper->note, paper->tags);
    m_state->endNoteSession(); // after setPaper saved the previous paper's note
    if (!paper->read && m_settings->markReadDelayMs() > 0)
        m_readTimer.start(m_settings->markReadDelayMs());
}

// Tags and notes written through StateController, by the editor or by undo/redo.
void MainWindow::connectEdits() {
    connect(m_state, &StateController::tagsWritten, this, [this](qint64 id) {
        if (const auto all = m_library->allTags()) // else the completion keeps the old list
            m_notes->setAllTags(*all);
        m_countsTimer.start();
        if (id == m_currentId) // the pane lists the tags
            refreshPane();
    });
    connect(m_state, &StateController::noteWritten, this, [this] { m_countsTimer.start(); });
    // Undo/redo: what the editor has pending becomes an entry first; a restored note or tag
    // list of the shown paper is shown in the editor.
    connect(m_state, &StateController::aboutToStep, m_notes, &NoteEditor::flush);
    connect(m_state, &StateController::restored, this, [this](qint64 id) {
        if (id != m_currentId)
            return;
        if (const auto paper = m_library->paper(id))
            m_notes->setPaper(id, paper->note, paper->tags);
    });
}

// The pane shows the state of the paper (read, starred, tags): re-render it after a change.
void MainWindow::refreshPane() {
    if (const auto paper = m_library->paper(m_currentId))
        m_pane->showPaper(*paper, m_filter->highlightTerms(), paneExtras(m_currentId));
}

PaneExtras MainWindow::paneExtras(qint64 id) const {
    PaneExtras extras;
    if (const std::optional<StoredMetadata> meta = m_library->metadata(id))
        extras.metadata = *meta;
    if (const std::optional<QString> pdf = m_library->pdfPath(id); pdf && QFileInfo::exists(*pdf))
        extras.pdfPath = *pdf;
    if (m_model->sortOrder() == SortOrder::ForYou) // the footer says why it ranks here
        extras.why = m_library->rankWhy(id).value_or(QString());
    if (const std::optional<QList<Follow>> follows = m_library->followsOf(id))
        extras.follows = *follows;
    return extras;
}

void MainWindow::setUrlOpener(std::function<void(const QUrl &)> opener) {
    m_openUrl = std::move(opener);
}

void MainWindow::importPaths(const QStringList &paths) {
    m_imports->importPaths(paths);
}

QAction *MainWindow::action(const QString &name) const {
    return m_actions->action(name);
}

QList<QAction *> MainWindow::keyboardActions() const {
    return m_actions->listed();
}

QUndoStack *MainWindow::undoStack() const {
    return m_state->undoStack();
}

QTableView *MainWindow::paperList() const {
    return m_list;
}

Importer *MainWindow::importer() const {
    return m_imports->importer();
}

void MainWindow::refreshCounts() {
    m_countsTimer.stop();
    m_counts->request();
    requestViewProgress();
    updateWelcome();
}

// "Lectern 0.1.0 — 3 unread — 2025-05-06: 37/108 read".
void MainWindow::updateTitle() {
    QString title = windowTitleFor(m_unread);
    if (!m_progressText.isEmpty())
        title += u" — "_s + m_progressText;
    setWindowTitle(title);
}

// The welcome page shows while the library is empty (a cheap count, unlike the sidebar's).
void MainWindow::updateWelcome() {
    const bool empty =
        m_library->query(QString(), SortOrder::Date, 1).total == 0 && !m_imports->isRunning();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_welcome) : m_mainSplitter);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    // A note that cannot be written is not dropped silently: the first close says so and
    // stays open; closing again quits without it.
    if (!m_notes->saveAll() && !std::exchange(m_closeWithUnsaved, true)) {
        statusBar()->showMessage(
            tr("%n note(s) could not be saved (see the note's status). Quit again to quit "
               "without them.",
               nullptr, int(m_notes->unsavedNotes().size())));
        event->ignore();
        return;
    }
    m_imports->cancelAndWait();
    m_watch->save();
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (!ImportController::localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event) {
    if (!ImportController::localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QStringList paths = ImportController::localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importPaths(paths);
}

// Automatic backups and the weekly full integrity check, as jobs on the worker; a few seconds
// after the start so they do not compete with the first page and the counts.
void MainWindow::startBackups() {
    auto *backups = new BackupScheduler(m_worker, this);
    connect(backups, &BackupScheduler::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(backups, &BackupScheduler::damaged, this,
            [this](const QString &path, const QString &problems) {
                QMessageBox::warning(this, tr("Lectern"),
                                     tr("The weekly check found damage in %1:\n%2\n\nQuit and "
                                        "restore a backup (lectern-cli backups, lectern-cli "
                                        "restore), or restart Lectern to salvage it.")
                                         .arg(path, problems));
            });
    QTimer::singleShot(3000, backups, [backups] {
        backups->backupIfDue();
        backups->checkIfDue();
    });
    if (!m_library->openWarning().isEmpty())
        statusBar()->showMessage(m_library->openWarning());
}

} // namespace lectern

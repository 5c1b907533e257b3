#pragma once

#include "mainwindow.h"
#include "settings.h"
#include "store/databaseworker.h"
#include "store/library.h"
#include "testsupport.h"

#include <QApplication>
#include <QColor>
#include <QPalette>
#include <QSemaphore>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace lectern {
class NoteEditor;
class ReadingPane;
} // namespace lectern

namespace lectern::test {

// The QApplication the GUI tests share (Catch2 owns main()).
QApplication *guiApp();
QPalette lightPalette();
QPalette darkPalette();
// Saves a grab of the widget as LECTERN_TEST_OUTPUT_DIR/screenshots/NAME.png; returns the path.
QString saveScreenshot(QWidget *widget, const QString &name);
// The sample digest compiled into the application.
QByteArray sampleDigest();
// The background colours of the highlighted spans in the pane's document (#rrggbb).
QStringList highlightBackgrounds(const lectern::ReadingPane *pane);
// The colour the note's highlighting theme gives its first Markdown heading (invalid: none).
QColor noteHeadingColour(const lectern::NoteEditor *notes);

// The main window over a fresh library in scratchDir(name) holding `digests` (imported as d0.md,
// d1.md, …), light palette, no mark-read delay, shown, active, the list focused.
struct TestWindow {
    QString dir;
    lectern::Library lib;
    std::unique_ptr<lectern::Settings> settings;
    std::unique_ptr<lectern::MainWindow> w;

    TestWindow(const QString &name, const QList<QByteArray> &digests, bool markReadOnMove = true);
    // A key typed into the focused widget (the window when none has focus).
    void key(Qt::Key k, Qt::KeyboardModifiers mods = Qt::NoModifier);
    QString status() const; // the status bar's message
};

// Holds the window's database worker until released: what it is asked meanwhile waits.
class WorkerGate {
public:
    explicit WorkerGate(lectern::MainWindow *w) {
        w->worker()->post(
            [this](lectern::Library &, const std::function<bool()> &) { m_gate.acquire(); });
    }
    ~WorkerGate() { release(); }
    WorkerGate(const WorkerGate &) = delete;
    WorkerGate &operator=(const WorkerGate &) = delete;
    void release() {
        if (!std::exchange(m_released, true))
            m_gate.release();
    }

private:
    QSemaphore m_gate;
    bool m_released = false;
};

// Waits until the window's worker has done everything it was asked before this call, then
// delivers its answers (queued for this thread). False on timeout.
inline bool drainWorker(lectern::MainWindow *w, int timeoutMs = 30000) {
    auto idle = std::make_shared<std::atomic<bool>>(false);
    w->worker()->post([idle](lectern::Library &, const std::function<bool()> &) { *idle = true; });
    const bool done = waitUntil([&] { return idle->load(); }, timeoutMs);
    QCoreApplication::processEvents();
    return done;
}

} // namespace lectern::test

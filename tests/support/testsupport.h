#pragma once

#include "model/paper.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QString>
#include <QStringList>

namespace lectern::test {

// ../shared/seeds, or an empty string when the folder is absent (tests then SKIP).
QString seedsDir();
QString seedPath(const QString &prefix); // "000" -> full path of 000_*.txt, or empty
QByteArray readFile(const QString &path);
// A fresh folder under the build's test-output directory, emptied on each call.
QString scratchDir(const QString &name);
void writeFile(const QString &path, const QByteArray &data);

// True when the digest has a diagnostic of that severity whose message contains needle
// (case-insensitive), on that line (any line when line < 0).
bool hasDiagnostic(const Digest &d, Severity severity, const QString &needle, int line = -1);
// All diagnostics as "LINE: message" lines, for failure messages.
QString diagnosticsText(const Digest &d);

// Processes events until done() or the deadline; true when done() came true.
template <typename F> bool waitUntil(F done, int timeoutMs = 60000) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

struct ProcessResult {
    int code = -1; // -1: crashed, or killed at the deadline
    QByteArray out, err;
};
// Runs lectern-cli with 1 GB of address space and a deadline: a CLI that reads /dev/zero or
// waits on a FIFO fails the test (code -1) instead of filling the memory or hanging.
ProcessResult runBoundedCli(const QStringList &args, int deadlineMs = 20000);

} // namespace lectern::test

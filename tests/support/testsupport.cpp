#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>
#include <catch2/interfaces/catch_interfaces_capture.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <sys/resource.h>

namespace lectern::test {

QString seedsDir() {
    const QString dir = QStringLiteral(LECTERN_SHARED_DIR "/seeds");
    return QDir(dir).exists() ? dir : QString();
}

QString seedPath(const QString &prefix) {
    const QString dir = seedsDir();
    if (dir.isEmpty())
        return {};
    const QStringList found = QDir(dir).entryList({prefix + QStringLiteral("_*.txt")}, QDir::Files);
    return found.isEmpty() ? QString() : dir + QLatin1Char('/') + found.first();
}

QByteArray readFile(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString scratchDir(const QString &name) {
    // CTest runs test cases in parallel, each in its own process: a folder per test case (a
    // short hash of its name) keeps two cases that use the same name apart.
    const QString testCase = QString::fromStdString(Catch::getResultCapture().getCurrentTestName());
    const QString tag = QString::fromLatin1(
        QCryptographicHash::hash(testCase.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    const QString dir = QStringLiteral(LECTERN_TEST_OUTPUT_DIR "/") + name + u'-' + tag;
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return dir;
}

void writeFile(const QString &path, const QByteArray &data) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(data);
}

bool hasDiagnostic(const Digest &d, Severity severity, const QString &needle, int line) {
    for (const Diagnostic &x : d.diagnostics)
        if (x.severity == severity && x.message.contains(needle, Qt::CaseInsensitive) &&
            (line < 0 || x.line == line))
            return true;
    return false;
}

QString diagnosticsText(const Digest &d) {
    QString s;
    for (const Diagnostic &x : d.diagnostics)
        s += QString::number(x.line) + QLatin1String(": ") + x.message + QLatin1Char('\n');
    return s;
}

ProcessResult runBoundedCli(const QStringList &args, int deadlineMs) {
    QProcess p;
    p.setChildProcessModifier([] {
        const rlimit limit{rlim_t(1) << 30, rlim_t(1) << 30};
        ::setrlimit(RLIMIT_AS, &limit);
    });
    p.start(QStringLiteral(LECTERN_CLI_PATH), args);
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(deadlineMs);
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    const bool normal = finished && p.exitStatus() == QProcess::NormalExit;
    return {normal ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace lectern::test

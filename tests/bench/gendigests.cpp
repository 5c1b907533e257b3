// lectern-gen-digests OUTDIR N [PAPERS_PER_FILE]: writes N synthetic papers as digests.
#include "digestgenerator.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    bool ok = args.size() >= 3;
    const int n = ok ? args.at(2).toInt(&ok) : 0;
    const int per = args.size() >= 4 ? args.at(3).toInt() : 100;
    if (!ok || n <= 0 || per <= 0) {
        QTextStream(stderr) << "usage: lectern-gen-digests OUTDIR N [PAPERS_PER_FILE]\n";
        return 2;
    }
    const qint64 bytes = lectern::bench::generateDigests(args.at(1), n, per);
    if (bytes == 0) {
        QTextStream(stderr) << "lectern-gen-digests: cannot write to " << args.at(1) << '\n';
        return 1;
    }
    QTextStream(stdout) << n << " papers, " << bytes << " bytes in " << args.at(1) << '\n';
    return 0;
}

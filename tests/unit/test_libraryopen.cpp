// Opening files that are not this program's to change: they stay byte for byte as they were.
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace lectern;

namespace {

QByteArray fileHash(const QString &path) {
    return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256);
}

void makeSqlite(const QString &path, const QStringList &statements) {
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("mk"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            REQUIRE(q.exec(s));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("mk"));
}

} // namespace

TEST_CASE("a library from a newer Lectern, or a foreign SQLite file, is refused untouched") {
    const QString dir = test::scratchDir(QStringLiteral("open-refused"));
    const QString newer = dir + QStringLiteral("/newer.sqlite");
    const QString foreign = dir + QStringLiteral("/foreign.sqlite");
    makeSqlite(newer, {QStringLiteral("CREATE TABLE papers(id INTEGER PRIMARY KEY)"),
                       QStringLiteral("PRAGMA user_version = 99")});
    makeSqlite(foreign, {QStringLiteral("CREATE TABLE recipes(name TEXT)")});
    for (const QString &path : {newer, foreign}) {
        const QByteArray before = fileHash(path);
        Library lib;
        QString error;
        CHECK_FALSE(lib.open(path, &error));
        CHECK(error.contains(QLatin1String("it was not changed")));
        CHECK(fileHash(path) == before);
        CHECK_FALSE(QFile::exists(path + QStringLiteral("-wal")));
    }
}

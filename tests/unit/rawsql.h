#pragma once

// Statements run on a connection of the test's own to a library file: what another program, an
// older version or a crash between two steps would leave. Closed before it returns.

#include <catch2/catch_test_macros.hpp>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace lectern::test {

inline void execOn(const QString &path, const QStringList &statements) {
    const QString name = QStringLiteral("rawsql");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString &sql : statements) {
            INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
            REQUIRE(q.exec(sql));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace lectern::test

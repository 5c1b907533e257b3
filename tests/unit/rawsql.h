#pragma once

// SQL on a connection of the test's own to a library file: what another program, an older
// version or a crash between two steps would leave, or what the library holds beneath its
// API. The connection is closed before each function returns.

#include <catch2/catch_test_macros.hpp>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

namespace lectern::test {

// fn(query) with a QSqlQuery on the file.
template <typename F> void withConnection(const QString &path, F fn) {
    const QString name = QStringLiteral("rawsql");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        fn(q);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

inline void execOn(const QString &path, const QStringList &statements) {
    withConnection(path, [&](QSqlQuery &q) {
        for (const QString &sql : statements) {
            INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
            REQUIRE(q.exec(sql));
        }
    });
}

// A paper row written beneath the import and queued for the search index (fts_pending), as an
// import leaves it between its two phases: on the list, not yet found by a search.
inline void insertUnindexedPaper(const QString &path, qint64 id, const QString &key,
                                 const QString &title, const QString &date,
                                 const QString &abstract) {
    withConnection(path, [&](QSqlQuery &q) {
        REQUIRE(q.prepare(QStringLiteral("INSERT INTO papers(id, key, version, title, authors, "
                                         "date, abstract) VALUES(?, ?, 1, ?, 'A Author', ?, ?)")));
        for (const QVariant &v : QVariantList{id, key, title, date, abstract})
            q.addBindValue(v);
        REQUIRE(q.exec());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO fts_pending(paper_id) VALUES(") +
                       QString::number(id) + QLatin1Char(')')));
    });
}

// The first column of every row of sql, with values bound in order.
inline QVariantList columnOn(const QString &path, const QString &sql,
                             const QVariantList &values = {}) {
    QVariantList out;
    withConnection(path, [&](QSqlQuery &q) {
        REQUIRE(q.prepare(sql));
        for (const QVariant &v : values)
            q.addBindValue(v);
        INFO(sql.toStdString());
        const bool ok = q.exec();
        INFO(q.lastError().text().toStdString());
        REQUIRE(ok);
        while (q.next())
            out << q.value(0);
    });
    return out;
}

} // namespace lectern::test

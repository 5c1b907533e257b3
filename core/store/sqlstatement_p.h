#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;
class QSqlDatabase;

namespace lectern {

// A prepared SQLite statement on the raw connection under a QSqlDatabase (QSQLITE exposes
// it through QSqlDriver::handle()). Used on the import hot path, where QSqlQuery's per-call
// overhead dominated (~10 µs a statement): bind, step, reset, reused for every row.
class SqlStatement {
public:
    SqlStatement() = default;
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    bool prepare(sqlite3 *db, const char *sql);
    bool isValid() const { return m_stmt != nullptr; }

    // Binds are 1-based like SQLite's. Strings are bound without copying: they must live
    // until step() returns (callers pass values they hold).
    void bind(int index, const QString &text); // a null QString binds NULL
    void bind(int index, qint64 value);
    void bindNull(int index);
    void bind(int index, const QVariant &value); // null, integer or string
    // UTF-8 text, bound without copying or converting (the import's rows, encoded on the
    // parse threads): a null QByteArray binds NULL, or "" with bindUtf8Text.
    void bindUtf8(int index, const QByteArray &utf8);
    void bindUtf8Text(int index, const QByteArray &utf8);

    // Steps once: true for a row (SQLITE_ROW) or done (SQLITE_DONE); false on error.
    bool step();
    bool hasRow() const { return m_row; }
    qint64 columnInt(int index) const;
    double columnDouble(int index) const;
    QString columnText(int index) const;
    void reset(); // and clears the bindings

    // Runs to completion once with the current bindings, then resets.
    bool exec();

    int errorCode() const { return m_error; }
    QString errorMessage() const { return m_message; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_row = false;
    int m_error = 0;
    QString m_message;
};

sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace lectern

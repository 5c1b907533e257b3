#pragma once

// A plain sqlite3 connection for the backup code (backupmanager.cpp, backupsalvage.cpp): no
// QtSql, no schema handling, closed by the destructor.

#include <QString>
#include <QStringList>
#include <QVariant>

struct sqlite3;

namespace lectern {

class RawDatabase {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };
    RawDatabase() = default;
    ~RawDatabase();
    RawDatabase(const RawDatabase &) = delete;
    RawDatabase &operator=(const RawDatabase &) = delete;

    bool open(const QString &path, Mode mode);
    void close();
    sqlite3 *handle() const { return m_db; }
    QString error() const { return m_error; }
    int errorCode() const { return m_code; }

    // Runs sql (statements without rows); false with error() on failure.
    bool exec(const QString &sql);
    // The first column of every row of one statement; nullopt-like: false on failure.
    bool column(const QString &sql, QStringList *rows, const QVariantList &binds = {});
    // The first column of the first row as an integer; -1 on failure.
    qint64 integer(const QString &sql);

private:
    bool failed(int code);
    sqlite3 *m_db = nullptr;
    QString m_error;
    int m_code = 0;
};

} // namespace lectern

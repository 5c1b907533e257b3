#include "store/rawdatabase_p.h"

#include "store/ftstokenizer_p.h"

#include <QFile>

#include <sqlite3.h>

namespace lectern {

RawDatabase::~RawDatabase() {
    close();
}

void RawDatabase::close() {
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

bool RawDatabase::failed(int code) {
    m_code = code;
    m_error =
        m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(code));
    return false;
}

bool RawDatabase::open(const QString &path, Mode mode) {
    close();
    // URIs: salvage attaches the damaged file as file:…?mode=ro.
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_READONLY;
    if (mode == Mode::ReadWrite)
        flags = SQLITE_OPEN_URI | SQLITE_OPEN_READWRITE;
    else if (mode == Mode::Create)
        flags = SQLITE_OPEN_URI | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        failed(rc);
        close();
        return false;
    }
    // The library's search index needs its tokenizer (integrity checks read it). Not fatal: a
    // file that is not a database fails the statement that registers it, and is reported by
    // the first read instead.
    FtsTokenizer::install();
    FtsTokenizer::registerWith(m_db);
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 4000);
    return true;
}

bool RawDatabase::exec(const QString &sql) {
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    m_code = rc;
    m_error = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
    sqlite3_free(message);
    return false;
}

namespace {

void bind(sqlite3_stmt *st, const QVariantList &binds) {
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds.at(i);
        if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
            sqlite3_bind_int64(st, i + 1, v.toLongLong());
        else
            sqlite3_bind_text(st, i + 1, v.toString().toUtf8().constData(), -1, SQLITE_TRANSIENT);
    }
}

} // namespace

bool RawDatabase::column(const QString &sql, QStringList *rows, const QVariantList &binds) {
    sqlite3_stmt *st = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &st, nullptr);
    if (rc != SQLITE_OK)
        return failed(rc);
    bind(st, binds);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        rows->append(text ? QString::fromUtf8(text) : QString());
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || failed(rc);
}

qint64 RawDatabase::integer(const QString &sql) {
    QStringList rows;
    if (!column(sql, &rows) || rows.isEmpty())
        return -1;
    bool ok = false;
    const qint64 v = rows.first().toLongLong(&ok);
    return ok ? v : -1;
}

} // namespace lectern

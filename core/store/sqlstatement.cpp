#include "store/sqlstatement_p.h"

#include <QSqlDatabase>
#include <QSqlDriver>

#include <sqlite3.h>

namespace lectern {

sqlite3 *sqliteHandle(const QSqlDatabase &db) {
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

SqlStatement::~SqlStatement() {
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

bool SqlStatement::prepare(sqlite3 *db, const char *sql) {
    m_db = db;
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    if (!db) {
        m_error = SQLITE_MISUSE;
        m_message = QStringLiteral("no database connection");
        return false;
    }
    m_error = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (m_error != SQLITE_OK) {
        m_message = QString::fromUtf8(sqlite3_errmsg(db));
        m_stmt = nullptr;
        return false;
    }
    return true;
}

void SqlStatement::bind(int index, const QString &text) {
    if (text.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_text16(m_stmt, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
}

void SqlStatement::bindUtf8(int index, const QByteArray &utf8) {
    if (utf8.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void SqlStatement::bindUtf8Text(int index, const QByteArray &utf8) {
    if (utf8.isNull())
        sqlite3_bind_text(m_stmt, index, "", 0, SQLITE_STATIC);
    else
        bindUtf8(index, utf8);
}

void SqlStatement::bind(int index, qint64 value) {
    sqlite3_bind_int64(m_stmt, index, value);
}
void SqlStatement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
}

void SqlStatement::bind(int index, const QVariant &value) {
    if (value.isNull())
        bindNull(index);
    else if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong ||
             value.typeId() == QMetaType::Bool)
        bind(index, value.toLongLong());
    else {
        // Keep the string alive for the statement: SQLITE_TRANSIENT copies it.
        const QString s = value.toString();
        sqlite3_bind_text16(m_stmt, index, s.utf16(), int(s.size() * 2), SQLITE_TRANSIENT);
    }
}

bool SqlStatement::step() {
    const int rc = sqlite3_step(m_stmt);
    m_row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return true;
    m_error = sqlite3_extended_errcode(m_db) & 0xff;
    m_message = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

qint64 SqlStatement::columnInt(int index) const {
    return sqlite3_column_int64(m_stmt, index);
}

double SqlStatement::columnDouble(int index) const {
    return sqlite3_column_double(m_stmt, index);
}

// The stored UTF-8 through Qt's decoder (vectorised for ASCII), not SQLite's own conversion to
// UTF-16, which took a good part of loading papers. NULL is a null QString; '' an empty one.
QString SqlStatement::columnText(int index) const {
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
    if (!p)
        return {};
    const int bytes = sqlite3_column_bytes(m_stmt, index);
    return bytes == 0 ? QStringLiteral("") : QString::fromUtf8(p, bytes);
}

void SqlStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_row = false;
}

bool SqlStatement::exec() {
    const bool ok = step();
    reset();
    return ok;
}

} // namespace lectern

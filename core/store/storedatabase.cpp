#include "store/storedatabase.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace {

// Ends a statement that stopped at a row: an active statement keeps its connection's read
// snapshot, and a snapshot held by the writer's own connection stops every checkpoint, so the
// WAL would grow without end.
struct ResetOnExit
{
    sqlite3_stmt *statement;
    ~ResetOnExit()
    {
        if (statement)
            sqlite3_reset(statement);
    }
};

// Each entry brings a file from version i to i + 1, inside one transaction. A future version
// appends its step here; files of any older version then reach the current one in order.
const char *const Migrations[] = {
    // 0 -> 1: the first schema. A block holds every series of one aligned window of one tier;
    // the primary key is the only index, and both the queries and the cleaner walk it.
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL);"
    "CREATE TABLE series(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE blocks(tier INTEGER NOT NULL, start INTEGER NOT NULL, data BLOB NOT NULL,"
    " PRIMARY KEY(tier, start));"
    "INSERT INTO meta(key, value) VALUES('application', 'vantage');",
    // 1 -> 2: what was running, once a minute (the top processes by CPU and by memory), kept as
    // long as the minutes of tier 1.
    "CREATE TABLE processes(minute INTEGER PRIMARY KEY, top TEXT NOT NULL);",
};
static_assert(std::size(Migrations) == StoreDatabase::SchemaVersion);

} // namespace

StoreDatabase::~StoreDatabase()
{
    close();
}

void StoreDatabase::close()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
    m_statements.clear();
    if (m_db)
        sqlite3_close(m_db);
    m_db = nullptr;
}

bool StoreDatabase::fail(int code, const QString &what)
{
    const int primary = code & 0xff;
    m_problem = (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) ? Problem::Corrupt
                                                                        : Problem::Unavailable;
    const char *detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
    m_error = what + QStringLiteral(": ") + QString::fromUtf8(detail);
    return false;
}

bool StoreDatabase::open(const QString &path, bool readOnly)
{
    close();
    m_path = path;
    m_problem = Problem::None;
    m_error.clear();
    const QFileInfo file(path);
    if (!readOnly && !QDir().mkpath(file.absolutePath())) {
        m_problem = Problem::Unavailable;
        m_error = QStringLiteral("cannot create the folder %1").arg(file.absolutePath());
        return false;
    }
    if (readOnly && !file.exists()) {
        m_problem = Problem::Unavailable;
        m_error = QStringLiteral("no history file yet");
        return false;
    }
    const int flags =
        (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr);
    if (code != SQLITE_OK) {
        fail(code, QStringLiteral("cannot open"));
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 2000);
    bool foreign = false;
    const int version = schemaVersion(&foreign);
    if (version < 0) {
        close();
        return false;
    }
    if (foreign) {
        m_problem = Problem::Corrupt;
        m_error = QStringLiteral("the file holds another program's database");
        close();
        return false;
    }
    if (version > SchemaVersion) {
        m_problem = Problem::Newer;
        m_error = QStringLiteral("the file has schema version %1; this Vantage knows up to %2")
                      .arg(version)
                      .arg(SchemaVersion);
        close();
        return false;
    }
    if (readOnly)
        return true;
    if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=NORMAL") || !migrate()) {
        close();
        return false;
    }
    return true;
}

// The schema version, 0 for an empty database, -1 on failure; foreign when the database has
// tables but not ours.
int StoreDatabase::schemaVersion(bool *foreign)
{
    *foreign = false;
    sqlite3_stmt *tables = nullptr;
    int code = sqlite3_prepare_v2(
        m_db, "SELECT count(*), sum(name = 'meta') FROM sqlite_schema WHERE type = 'table'", -1,
        &tables, nullptr);
    if (code == SQLITE_OK)
        code = sqlite3_step(tables);
    if (code != SQLITE_ROW) {
        sqlite3_finalize(tables);
        return fail(code, QStringLiteral("cannot read")) ? 0 : -1;
    }
    const int count = sqlite3_column_int(tables, 0);
    const bool hasMeta = sqlite3_column_int(tables, 1) > 0;
    sqlite3_finalize(tables);
    if (count == 0)
        return 0;
    if (!hasMeta) {
        *foreign = true;
        return 0;
    }
    sqlite3_stmt *meta = nullptr;
    code = sqlite3_prepare_v2(m_db,
                              "SELECT (SELECT value FROM meta WHERE key = 'application'),"
                              " (SELECT value FROM meta WHERE key = 'schema')",
                              -1, &meta, nullptr);
    if (code == SQLITE_OK)
        code = sqlite3_step(meta);
    if (code != SQLITE_ROW) {
        sqlite3_finalize(meta);
        // A meta table of another shape is another program's; anything else (a lock held by a
        // reader, an I/O error) is a reason to try again, never to move the file aside.
        if (code == SQLITE_ERROR) {
            *foreign = true;
            return 0;
        }
        return fail(code, QStringLiteral("cannot read")) ? 0 : -1;
    }
    const char *application = reinterpret_cast<const char *>(sqlite3_column_text(meta, 0));
    const int version = sqlite3_column_int(meta, 1);
    *foreign = !application || qstrcmp(application, "vantage") != 0;
    sqlite3_finalize(meta);
    return version;
}

bool StoreDatabase::exec(const char *sql)
{
    const int code = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    return code == SQLITE_OK || fail(code, QStringLiteral("cannot write"));
}

bool StoreDatabase::migrate()
{
    bool foreign = false;
    int version = schemaVersion(&foreign);
    while (version >= 0 && version < SchemaVersion) {
        const QByteArray step = QByteArray(Migrations[version]) +
                                "INSERT OR REPLACE INTO meta(key, value) VALUES('schema', " +
                                QByteArray::number(version + 1) + ");";
        if (!exec("BEGIN IMMEDIATE"))
            return false;
        if (!exec(step.constData())) {
            rollback();
            return false;
        }
        if (!exec("COMMIT")) {
            rollback();
            return false;
        }
        ++version;
    }
    return version == SchemaVersion;
}

sqlite3_stmt *StoreDatabase::prepare(const char *sql)
{
    sqlite3_stmt *&statement = m_statements[sql];
    if (!statement) {
        const int code =
            sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
        if (code != SQLITE_OK) {
            fail(code, QStringLiteral("cannot prepare"));
            m_statements.remove(sql);
            return nullptr;
        }
    }
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return statement;
}

QHash<qint64, QString> StoreDatabase::seriesNames()
{
    QHash<qint64, QString> names;
    sqlite3_stmt *statement = prepare("SELECT id, name FROM series");
    while (statement && sqlite3_step(statement) == SQLITE_ROW)
        names.insert(
            sqlite3_column_int64(statement, 0),
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 1))));
    return names;
}

bool StoreDatabase::begin()
{
    return exec("BEGIN IMMEDIATE");
}

bool StoreDatabase::commit()
{
    return exec("COMMIT");
}

void StoreDatabase::rollback()
{
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

qint64 StoreDatabase::seriesId(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    sqlite3_stmt *insert = prepare("INSERT OR IGNORE INTO series(name) VALUES(?)");
    if (!insert)
        return -1;
    sqlite3_bind_text(insert, 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    int code = sqlite3_step(insert);
    if (code != SQLITE_DONE)
        return fail(code, QStringLiteral("cannot write")) ? 0 : -1;
    sqlite3_stmt *select = prepare("SELECT id FROM series WHERE name = ?");
    if (!select)
        return -1;
    const ResetOnExit done{select};
    sqlite3_bind_text(select, 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    code = sqlite3_step(select);
    if (code != SQLITE_ROW)
        return fail(code, QStringLiteral("cannot read")) ? 0 : -1;
    return sqlite3_column_int64(select, 0);
}

bool StoreDatabase::putBlock(const StoredBlock &block)
{
    sqlite3_stmt *statement =
        prepare("INSERT OR REPLACE INTO blocks(tier, start, data) VALUES(?, ?, ?)");
    if (!statement)
        return false;
    sqlite3_bind_int(statement, 1, block.tier);
    sqlite3_bind_int64(statement, 2, block.start);
    sqlite3_bind_blob(statement, 3, block.data.constData(), int(block.data.size()), SQLITE_STATIC);
    const int code = sqlite3_step(statement);
    return code == SQLITE_DONE || fail(code, QStringLiteral("cannot write"));
}

int StoreDatabase::deleteBlocksBefore(int tier, qint64 before, int limit)
{
    sqlite3_stmt *statement =
        prepare("DELETE FROM blocks WHERE tier = ?1 AND start IN (SELECT start FROM blocks"
                " WHERE tier = ?1 AND start < ?2 ORDER BY start LIMIT ?3)");
    if (!statement)
        return -1;
    sqlite3_bind_int(statement, 1, tier);
    sqlite3_bind_int64(statement, 2, before);
    sqlite3_bind_int(statement, 3, limit);
    const int code = sqlite3_step(statement);
    if (code != SQLITE_DONE)
        return fail(code, QStringLiteral("cannot write")) ? 0 : -1;
    return sqlite3_changes(m_db);
}

bool StoreDatabase::putProcesses(qint64 minute, const QByteArray &top)
{
    sqlite3_stmt *statement = prepare("INSERT OR REPLACE INTO processes(minute, top) VALUES(?, ?)");
    if (!statement)
        return false;
    sqlite3_bind_int64(statement, 1, minute);
    sqlite3_bind_text(statement, 2, top.constData(), int(top.size()), SQLITE_STATIC);
    const int code = sqlite3_step(statement);
    return code == SQLITE_DONE || fail(code, QStringLiteral("cannot write"));
}

int StoreDatabase::deleteProcessesBefore(qint64 before, int limit)
{
    sqlite3_stmt *statement = prepare("DELETE FROM processes WHERE minute IN (SELECT minute FROM"
                                      " processes WHERE minute < ? ORDER BY minute LIMIT ?)");
    if (!statement)
        return -1;
    sqlite3_bind_int64(statement, 1, before);
    sqlite3_bind_int(statement, 2, limit);
    const int code = sqlite3_step(statement);
    if (code != SQLITE_DONE)
        return fail(code, QStringLiteral("cannot write")) ? 0 : -1;
    return sqlite3_changes(m_db);
}

QByteArray StoreDatabase::processes(qint64 minute)
{
    sqlite3_stmt *statement = prepare("SELECT top FROM processes WHERE minute = ?");
    if (!statement)
        return {};
    const ResetOnExit done{statement};
    sqlite3_bind_int64(statement, 1, minute);
    if (sqlite3_step(statement) != SQLITE_ROW)
        return {};
    return QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)),
                      sqlite3_column_bytes(statement, 0));
}

QList<StoreDatabase::StoredBlock> StoreDatabase::blocks(int tier, qint64 fromStart, qint64 toStart)
{
    QList<StoredBlock> result;
    sqlite3_stmt *statement = prepare("SELECT start, data FROM blocks WHERE tier = ? AND start"
                                      " BETWEEN ? AND ? ORDER BY start");
    if (!statement)
        return result;
    sqlite3_bind_int(statement, 1, tier);
    sqlite3_bind_int64(statement, 2, fromStart);
    sqlite3_bind_int64(statement, 3, toStart);
    int code = 0;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
        const char *data = static_cast<const char *>(sqlite3_column_blob(statement, 1));
        result.append({tier, sqlite3_column_int64(statement, 0),
                       QByteArray(data, sqlite3_column_bytes(statement, 1))});
    }
    if (code != SQLITE_DONE)
        fail(code, QStringLiteral("cannot read"));
    return result;
}

StoreDatabase::StoredBlock StoreDatabase::latestBlock(int tier)
{
    sqlite3_stmt *statement =
        prepare("SELECT start, data FROM blocks WHERE tier = ? ORDER BY start DESC LIMIT 1");
    if (!statement)
        return {tier, 0, {}};
    const ResetOnExit done{statement};
    sqlite3_bind_int(statement, 1, tier);
    if (sqlite3_step(statement) != SQLITE_ROW)
        return {tier, 0, {}};
    const char *data = static_cast<const char *>(sqlite3_column_blob(statement, 1));
    return {tier, sqlite3_column_int64(statement, 0),
            QByteArray(data, sqlite3_column_bytes(statement, 1))};
}

QString StoreDatabase::moveAside(const QString &path)
{
    const QString aside =
        path + QStringLiteral(".corrupt-") +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    if (!QFile::rename(path, aside))
        return {};
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString companion = path + QLatin1StringView(suffix);
        if (QFile::exists(companion))
            QFile::rename(companion, aside + QLatin1StringView(suffix));
    }
    return aside;
}

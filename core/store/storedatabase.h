#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

// One connection to the history file, through SQLite's C API. The writer holds one, the reader
// another: in WAL mode a reader sees the last commit while the writer goes on. Nothing here
// decides what to do about a failure; each call says what went wrong and how (problem()), and
// the caller chooses between retrying, moving the file aside and leaving it alone.
class StoreDatabase
{
public:
    // The schema this build writes. Older files are migrated step by step on open; a newer one
    // is left untouched.
    static constexpr int SchemaVersion = 2;

    enum class Problem {
        None,
        Unavailable, // cannot create, open or write now (permissions, full disk): try again later
        Corrupt,     // not a database, a damaged one, or another program's: move it aside
        Newer,       // written by a newer Vantage: leave it alone
    };

    struct StoredBlock
    {
        int tier = 0;
        qint64 start = 0; // ms since the epoch, aligned to the tier's block span
        QByteArray data;  // BlockCodec's form
    };

    StoreDatabase() = default;
    ~StoreDatabase();
    StoreDatabase(const StoreDatabase &) = delete;
    StoreDatabase &operator=(const StoreDatabase &) = delete;

    // Opens the file, creating it and its folder when writable, and brings its schema up to
    // date (WAL mode, synchronous=NORMAL: a commit survives a killed process). false with
    // problem() and errorString() set.
    bool open(const QString &path, bool readOnly = false);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    Problem problem() const { return m_problem; }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

    // Series names by their id in the blocks.
    QHash<qint64, QString> seriesNames();

    bool begin();
    bool commit();
    void rollback();
    // The id of a series, added when new (inside a transaction).
    qint64 seriesId(const QString &name);
    bool putBlock(const StoredBlock &block);
    // Deletes at most `limit` blocks of a tier that start before `before`; the number deleted,
    // or -1 on failure. Small steps keep each transaction short.
    int deleteBlocksBefore(int tier, qint64 before, int limit);

    // The top processes of one minute (StoreWriter's JSON), replacing what the minute had.
    bool putProcesses(qint64 minute, const QByteArray &top);
    // Like deleteBlocksBefore, for the top processes.
    int deleteProcessesBefore(qint64 before, int limit);
    // The top processes of the minute starting at `minute`; empty when none were stored.
    QByteArray processes(qint64 minute);

    // Blocks of a tier starting in [fromStart, toStart], oldest first.
    QList<StoredBlock> blocks(int tier, qint64 fromStart, qint64 toStart);
    // The newest block of a tier, or one with empty data when the tier holds none.
    StoredBlock latestBlock(int tier);

    // Renames a damaged file (and its WAL) to "<file>.corrupt-<timestamp>"; the new name, or an
    // empty string when it could not be moved.
    static QString moveAside(const QString &path);

private:
    bool fail(int code, const QString &what);
    bool exec(const char *sql);
    bool migrate();
    int schemaVersion(bool *foreign);
    sqlite3_stmt *prepare(const char *sql);

    sqlite3 *m_db = nullptr;
    QString m_path;
    Problem m_problem = Problem::None;
    QString m_error;
    QHash<const char *, sqlite3_stmt *> m_statements;
};

#include "requireorskip.h"
#include "store/storedatabase.h"
#include "store/storereader.h"
#include "store/storewriter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cmath>
#include <csignal>
#include <sqlite3.h>
#include <sys/resource.h>

namespace {

const qint64 Hour = 3'600'000;

Snapshot tick(qint64 ts, double cpu)
{
    Snapshot s;
    s.ts = ts;
    s.cpu.total = cpu;
    return s;
}

// Runs SQL on the file the way another program would.
QString sql(const QString &path, const char *statement)
{
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    QString result;
    sqlite3_exec(
        db, statement,
        [](void *out, int columns, char **values, char **) {
            for (int i = 0; i < columns; ++i)
                *static_cast<QString *>(out) += QString::fromUtf8(values[i] ? values[i] : "null");
            return 0;
        },
        &result, nullptr);
    sqlite3_close(db);
    return result;
}

QStringList asideFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("history.db.corrupt-*")}, QDir::Files);
}

} // namespace

// The writer and the reader against real files in a temporary folder: roll-ups, retention, the
// bad files and disks a user meets, and a restart that goes on where the last run stopped.
class TestStoreWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("history.db")); }
    StoreConfig config(const QString &file) const
    {
        StoreConfig c;
        c.path = file;
        c.flushSeconds = 60; // the tests flush by hand
        return c;
    }
    static StoreReader reader(const QString &file)
    {
        return StoreReader(file, [] { return 0; });
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files))
            QFile::remove(m_dir.filePath(name));
    }

    void minutesAndHoursRollUp()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 m0 = StoreTiers::align(now - 2 * Hour, Hour); // an hour start, 2-3 h ago
        {
            StoreWriter writer;
            writer.start(config(path()));
            // Minute 0: 10, 20, 60. Minute 1: 100, 50. A tick of the next hour closes minute 1;
            // the hour closes once a minute of the next hour does, at the last tick.
            for (const auto &[offset, value] : QList<QPair<qint64, double>>{{0, 10},
                                                                            {20'000, 20},
                                                                            {40'000, 60},
                                                                            {60'000, 100},
                                                                            {80'000, 50},
                                                                            {Hour, 7},
                                                                            {Hour + 60'000, 8}})
                writer.enqueue(tick(m0 + offset, value));
            writer.stop();
            QCOMPARE(writer.errors(), 0u);
        }
        StoreReader store = reader(path());
        HistoryRangeRequest request{{QStringLiteral("cpu.total")}, m0, m0 + 2 * 60'000 - 1, 1000};
        // Retention of 1 hour for the ticks: a range 2 h ago is answered from the minutes.
        HistoryRange minutes =
            store.range(request, now, {Hour, 30 * 24 * Hour, 730 * 24 * Hour}, 1000);
        QCOMPARE(minutes.tier, 1);
        QCOMPARE(minutes.step, 60'000);
        QCOMPARE(minutes.ts, (QList<qint64>{m0, m0 + 60'000}));
        QCOMPARE(minutes.names, QStringList{QStringLiteral("cpu.total")});
        // (10 + 20 + 60) / 3 = 30; (100 + 50) / 2 = 75.
        QCOMPARE(minutes.avg[0], (QList<double>{30, 75}));
        QCOMPARE(minutes.min[0], (QList<double>{10, 50}));
        QCOMPARE(minutes.max[0], (QList<double>{60, 100}));

        request.to = m0 + Hour - 1;
        const HistoryRange hours = store.range(request, now, {Hour, Hour, 730 * 24 * Hour}, 1000);
        QCOMPARE(hours.tier, 2);
        QCOMPARE(hours.ts, QList<qint64>{m0});
        // The hour's average is the mean of its minutes' averages: (30 + 75) / 2 = 52.5.
        QCOMPARE(hours.avg[0], QList<double>{52.5});
        QCOMPARE(hours.min[0], QList<double>{10});
        QCOMPARE(hours.max[0], QList<double>{100});

        // The ticks themselves, with a NaN point one interval after each tick followed by a
        // hole: ticks at 0, 20, 40, 60, 80 s and 1 h, so 5 holes and 11 points.
        request.to = m0 + Hour;
        const HistoryRange ticks =
            store.range(request, now, {24 * Hour, 30 * 24 * Hour, 730 * 24 * Hour}, 1000);
        QCOMPARE(ticks.tier, 0);
        QCOMPARE(ticks.ts.size(), 11);
        QCOMPARE(ticks.ts[0], m0);
        QCOMPARE(ticks.avg[0][0], 10.0);
        QCOMPARE(ticks.ts[1], m0 + 1000);
        QVERIFY(std::isnan(ticks.avg[0][1]));
        QCOMPARE(ticks.avg[0][10], 7.0);
    }

    // A store younger than a minute has no minute yet: a window old enough for the minutes tier
    // is answered from the ticks it does have, not with an empty chart.
    void aYoungStoreAnswersALongWindowFromItsTicks()
    {
        // Three ticks inside the minute that is running, so none of it has closed.
        QVERIFY(QTest::qWaitFor([] { return QDateTime::currentMSecsSinceEpoch() % 60'000 > 500; },
                                2000));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 t0 = StoreTiers::align(now, 60'000);
        {
            StoreWriter writer;
            writer.start(config(path()));
            writer.enqueue(tick(t0, 1));
            writer.enqueue(tick(t0 + 100, 2));
            writer.enqueue(tick(t0 + 200, 3));
            writer.stop();
        }
        // 25 h back with 24 h of ticks kept: the minutes tier would be asked.
        const HistoryRange answer =
            reader(path()).range({{QStringLiteral("cpu.total")}, now - 25 * Hour, now, 1000}, now,
                                 {24 * Hour, 30 * 24 * Hour, 730 * 24 * Hour}, 1000);
        QCOMPARE(answer.tier, 0);
        QCOMPARE(answer.ts, (QList<qint64>{t0, t0 + 100, t0 + 200}));
        QCOMPARE(answer.avg[0], (QList<double>{1, 2, 3}));
    }

    // The ticks since the last flush come from memory; those the file has already are not
    // doubled.
    void unflushedTicksJoinTheAnswer()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 t0 = now - 10'000;
        {
            StoreWriter writer;
            writer.start(config(path()));
            writer.enqueue(tick(t0, 1));
            writer.enqueue(tick(t0 + 1000, 2));
            writer.stop();
        }
        StoreReader::Ticks memory;
        memory.ts = {t0 + 1000, t0 + 2000, t0 + 3000};
        memory.names = {QStringLiteral("cpu.total"), QStringLiteral("only.in.memory")};
        memory.values = {{2, 3, 4}, {9, 9, 9}};
        const HistoryRange answer =
            reader(path()).range({{QStringLiteral("cpu.total")}, t0, now, 1000}, now,
                                 {24 * Hour, 30 * 24 * Hour, 730 * 24 * Hour}, 1000, memory);
        QCOMPARE(answer.tier, 0);
        QCOMPARE(answer.ts, (QList<qint64>{t0, t0 + 1000, t0 + 2000, t0 + 3000}));
        QCOMPARE(answer.avg[0], (QList<double>{1, 2, 3, 4}));
    }

    // A file of the first schema (before the top processes) is brought to the current one, its
    // blocks kept.
    void versionOneIsMigrated()
    {
        sql(path(), "CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL);"
                    "CREATE TABLE series(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                    "CREATE TABLE blocks(tier INTEGER NOT NULL, start INTEGER NOT NULL,"
                    " data BLOB NOT NULL, PRIMARY KEY(tier, start));"
                    "INSERT INTO meta VALUES('application', 'vantage'), ('schema', 1);"
                    "INSERT INTO series(name) VALUES('cpu.total');"
                    "INSERT INTO blocks VALUES(0, 600000, x'01');");
        StoreWriter writer;
        writer.start(config(path()));
        writer.stop();
        QCOMPARE(writer.errors(), 0u);
        QCOMPARE(sql(path(), "SELECT value FROM meta WHERE key = 'schema'"), QStringLiteral("2"));
        QCOMPARE(sql(path(), "SELECT count(*) FROM processes"), QStringLiteral("0"));
        QCOMPARE(sql(path(), "SELECT start FROM blocks"), QStringLiteral("600000"));
        QCOMPARE(sql(path(), "SELECT name FROM series"), QStringLiteral("cpu.total"));
    }

    // Once a minute is over, the top processes of its last tick: five by CPU, five by memory.
    void processesOfEachMinute()
    {
        const qint64 m0 = StoreTiers::align(QDateTime::currentMSecsSinceEpoch() - Hour, 60'000);
        Snapshot first = tick(m0, 1);
        first.procs.top = {{1, QStringLiteral("a"), 50, 100}, {3, QStringLiteral("c"), 30, 500}};
        Snapshot last = tick(m0 + 30'000, 1);
        last.procs.top = {{1, QStringLiteral("a"), 60.04, 100},
                          {2, QStringLiteral("b"), 5, 1000},
                          {4, QStringLiteral("d"), 1, 2000}};
        Snapshot next = tick(m0 + 60'000, 1);
        next.procs.top = {{9, QStringLiteral("z"), 99, 99}};
        {
            StoreWriter writer;
            writer.start(config(path()));
            writer.enqueue(first);
            writer.enqueue(last);
            writer.enqueue(next);
            writer.stop();
        }
        StoreReader store = reader(path());
        const QJsonObject top = store.processes(m0 + 45'000);
        QCOMPARE(top.value(QStringLiteral("minute")).toInteger(), m0);
        // The last tick of the minute, by CPU: a 60.04 (shown 60), b 5, d 1; by memory: d 2000,
        // b 1000, a 100.
        const auto pids = [&top](const char *key) {
            QList<int> result;
            for (const QJsonValue &p : top.value(QLatin1StringView(key)).toArray())
                result.append(p.toObject().value(QStringLiteral("pid")).toInt());
            return result;
        };
        QCOMPARE(pids("cpu"), (QList<int>{1, 2, 4}));
        QCOMPARE(pids("rss"), (QList<int>{4, 2, 1}));
        const QJsonObject a = top.value(QStringLiteral("cpu")).toArray().first().toObject();
        QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("a"));
        QCOMPARE(a.value(QStringLiteral("cpu")).toDouble(), 60.0);
        QCOMPARE(a.value(QStringLiteral("rss")).toInteger(), 100);
        // The minute still going has nothing yet.
        QVERIFY(store.processes(m0 + 60'000).isEmpty());
    }

    // The writer holds no read snapshot between flushes: a checkpoint can always complete, so
    // the WAL does not grow without end.
    void walCanBeCheckpointed()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            StoreWriter writer;
            writer.start(config(path()));
            writer.enqueue(tick(now - 2000, 1));
            writer.stop();
        }
        StoreWriter writer;
        writer.start(config(path())); // reads the newest blocks back
        writer.enqueue(tick(now - 1000, 2));
        writer.enqueue(tick(now, 3));
        writer.flush();
        // busy 0, and after TRUNCATE 0 frames in the log, 0 checkpointed: "000".
        QCOMPARE(sql(path(), "PRAGMA wal_checkpoint(TRUNCATE)"), QStringLiteral("000"));
        writer.stop();
    }

    void oldBlocksAreDeletedInSteps()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 old = StoreTiers::align(now - 72 * Hour, 600'000);
        StoreWriter writer;
        writer.start(config(path()));
        // 70 ticks 10 minutes apart, three days ago: 70 blocks of tier 0, past the 24 h kept.
        for (int i = 0; i < 70; ++i)
            writer.enqueue(tick(old + i * 600'000, i));
        writer.enqueue(tick(now, 1));
        writer.flush();
        StoreDatabase db;
        QVERIFY(db.open(path(), true));
        // 71 blocks written, at most 64 deleted per flush: 7 left (6 old and the new one).
        QCOMPARE(db.blocks(0, 0, now).size(), 7);
        writer.enqueue(tick(now + 1, 2));
        writer.flush();
        QCOMPARE(db.blocks(0, 0, now + 1).size(), 1);
        writer.stop();
    }

    void corruptFileIsMovedAside()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray garbage = QByteArray("not a database at all ").repeated(200);
        file.write(garbage);
        file.close();
        StoreWriter writer;
        writer.start(config(path()));
        QCOMPARE(writer.errors(), 1u);
        const QStringList aside = asideFiles(m_dir.path());
        QCOMPARE(aside.size(), 1);
        QFile moved(m_dir.filePath(aside.first()));
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), garbage);
        writer.enqueue(tick(QDateTime::currentMSecsSinceEpoch(), 5));
        writer.flush();
        QVERIFY(writer.isWriting());
        writer.stop();
        QCOMPARE(sql(path(), "SELECT value FROM meta WHERE key = 'schema'"), QStringLiteral("2"));
    }

    void foreignDatabaseIsMovedAside()
    {
        sql(path(), "CREATE TABLE notes(text); INSERT INTO notes VALUES('mine')");
        StoreWriter writer;
        writer.start(config(path()));
        writer.stop();
        QCOMPARE(writer.errors(), 1u);
        const QStringList aside = asideFiles(m_dir.path());
        QCOMPARE(aside.size(), 1);
        QCOMPARE(sql(m_dir.filePath(aside.first()), "SELECT text FROM notes"),
                 QStringLiteral("mine"));
    }

    void newerSchemaIsLeftAlone()
    {
        {
            StoreDatabase db;
            QVERIFY(db.open(path()));
        }
        sql(path(), "UPDATE meta SET value = 99 WHERE key = 'schema'");
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        StoreWriter writer;
        writer.start(config(path()));
        writer.enqueue(tick(QDateTime::currentMSecsSinceEpoch(), 5));
        writer.flush();
        // One for the file, one for the flush that could not be written.
        QCOMPARE(writer.errors(), 2u);
        QVERIFY(!writer.isWriting());
        writer.stop();
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        QVERIFY(asideFiles(m_dir.path()).isEmpty());
    }

    // A folder that cannot be created fails as root too (a read-only mode bit would not): its
    // parent is a plain file. Once the file is gone, writing resumes with what waited.
    void unreachableFolderThenBack()
    {
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString target = blocker + QStringLiteral("/data/history.db");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        StoreWriter writer;
        writer.start(config(target));
        QCOMPARE(writer.errors(), 1u);
        writer.enqueue(tick(now, 1));
        writer.flush();
        QCOMPARE(writer.errors(), 2u);
        QVERIFY(!writer.isWriting());
        QVERIFY(QFile::remove(blocker));
        writer.enqueue(tick(now + 1000, 2));
        writer.flush();
        QVERIFY(writer.isWriting());
        writer.stop();
        QCOMPARE(reader(target).ticks(now, now + 1000).ts, (QList<qint64>{now, now + 1000}));
    }

    // A full disk, for real: the file size limit makes the next write fail with EFBIG, as
    // ENOSPC would, whoever runs the test.
    void fullDiskThenSpace()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        StoreWriter writer;
        writer.start(config(path()));
        writer.enqueue(tick(now, 1));
        writer.flush();
        QVERIFY(writer.isWriting());
        rlimit saved{};
        QVERIFY(getrlimit(RLIMIT_FSIZE, &saved) == 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit tight = saved;
        tight.rlim_cur = rlim_t(QFileInfo(path() + QStringLiteral("-wal")).size());
        VANTAGE_REQUIRE_OR_SKIP(setrlimit(RLIMIT_FSIZE, &tight) == 0, "cannot limit file sizes");
        writer.enqueue(tick(now + 1000, 2));
        writer.flush();
        const bool failedWhileFull = !writer.isWriting();
        const quint64 errorsWhileFull = writer.errors();
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(failedWhileFull);
        QCOMPARE(errorsWhileFull, 1u);
        writer.enqueue(tick(now + 2000, 3));
        writer.flush();
        QVERIFY(writer.isWriting());
        writer.stop();
        const StoreReader::Ticks stored = reader(path()).ticks(now, now + 2000);
        QCOMPARE(stored.ts, (QList<qint64>{now, now + 1000, now + 2000}));
        const qsizetype cpu = stored.names.indexOf(QStringLiteral("cpu.total"));
        QCOMPARE(stored.values[cpu], (QList<float>{1, 2, 3}));
    }

    void emptyFileIsMigrated()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        StoreWriter writer;
        writer.start(config(path()));
        writer.stop();
        QCOMPARE(writer.errors(), 0u);
        QCOMPARE(sql(path(), "SELECT value FROM meta WHERE key = 'schema'"), QStringLiteral("2"));
        QCOMPARE(sql(path(), "SELECT count(*) FROM series"), QStringLiteral("0"));
    }

    // A second run goes on writing the block the first one left open, and keeps every point.
    void ticksAreKeptAtTheProtocolsDecimals()
    {
        // cpu.total is a percentage, sent with 2 decimals: 12.344 -> 12.34, 0.006 -> 0.01.
        const qint64 start = StoreTiers::align(QDateTime::currentMSecsSinceEpoch(), 600'000);
        {
            StoreWriter writer;
            writer.start(config(path()));
            writer.enqueue(tick(start, 12.344));
            writer.enqueue(tick(start + 1000, 0.006));
            writer.stop();
        }
        const StoreReader::Ticks stored = reader(path()).ticks(start, start + 1000);
        const QList<float> cpu = stored.values[stored.names.indexOf(QStringLiteral("cpu.total"))];
        QCOMPARE(cpu.size(), 2);
        QCOMPARE(std::bit_cast<quint32>(cpu[0]), std::bit_cast<quint32>(12.34f));
        QCOMPARE(std::bit_cast<quint32>(cpu[1]), std::bit_cast<quint32>(0.01f));
    }

    void restartContinuesTheOpenBlock()
    {
        const qint64 start = StoreTiers::align(QDateTime::currentMSecsSinceEpoch(), 600'000);
        {
            StoreWriter writer;
            writer.start(config(path()));
            for (int i = 0; i < 3; ++i)
                writer.enqueue(tick(start + i * 1000, 10 + i));
            writer.stop();
        }
        {
            StoreWriter writer;
            writer.start(config(path()));
            writer.enqueue(tick(start + 60'000, qQNaN()));
            writer.enqueue(tick(start + 61'000, 99));
            writer.stop();
        }
        const StoreReader::Ticks stored = reader(path()).ticks(start, start + 61'000);
        QCOMPARE(stored.ts, (QList<qint64>{start, start + 1000, start + 2000, start + 60'000,
                                           start + 61'000}));
        const QList<float> cpu = stored.values[stored.names.indexOf(QStringLiteral("cpu.total"))];
        QCOMPARE(cpu.mid(0, 3), (QList<float>{10, 11, 12}));
        QVERIFY(std::isnan(cpu[3]));
        QCOMPARE(cpu[4], 99.0f);
    }
};

QTEST_GUILESS_MAIN(TestStoreWriter)
#include "tst_storewriter.moc"

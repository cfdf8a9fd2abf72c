#pragma once

#include "history/history.h"
#include "snapshot.h"
#include "store/storedatabase.h"
#include "store/storetiers.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QStringList>

#include <array>
#include <atomic>
#include <memory>

// What the writer needs from the settings, copied so that it never reads them across threads.
struct StoreConfig
{
    QString path; // the database file
    int flushSeconds = 10;
    std::array<qint64, StoreTiers::Count> retentionMs = {24 * 3'600'000LL, 30 * 86'400'000LL,
                                                         730 * 86'400'000LL};
};

// Turns Snapshots into blocks and writes them, on its own thread. The tick only appends its
// Snapshot to a queue (enqueue(), the one call made from the main thread); every flush interval
// the writer takes the queue, flattens each Snapshot into series as History does, rolls minutes
// and hours up as their time passes, and writes every changed block in one transaction. A
// failure keeps the blocks in memory and is retried at the next flush, so writing resumes by
// itself when the disk does.
class StoreWriter : public QObject
{
    Q_OBJECT

public:
    explicit StoreWriter(QObject *parent = nullptr);
    ~StoreWriter() override;

    // Thread-safe: hands a tick over to the writer, and wakes it to flush when one is due, so
    // that the writer's thread wakes with the tick and never on a timer of its own.
    void enqueue(const Snapshot &snapshot);

    // On the writer's thread (through invokeMethod): opens the file and loads the open blocks
    // so that a restart continues them; starts counting to the first flush.
    void start(const StoreConfig &config);
    // New retention or flush interval; the file stays the same.
    void setConfig(const StoreConfig &config);
    // Writes everything queued now, rolling up nothing that has not ended.
    void flush();
    // Flushes and closes.
    void stop();

    // Failures since start: a file that could not be opened or written, one moved aside, and
    // every flush that could not be written (so that a lasting problem keeps counting).
    quint64 errors() const { return m_errors.load(); }
    // Changes whenever the file at the path is another one (created, moved aside); a reader
    // reopens when it sees a new value.
    int generation() const { return m_generation->load(); }
    // The same count, shared with readers that may outlive the writer.
    std::shared_ptr<const std::atomic<int>> generationCounter() const { return m_generation; }
    bool isWriting() const { return m_writing.load(); }

    // One point of a block in memory.
    struct Row
    {
        qint64 ts;
        QStringList names;
        QList<float> values; // names.size() * columns, series after series
    };
    // Blocks as the writer keeps them between flushes, by series name.
    struct OpenBlock
    {
        int tier = 0;
        qint64 start = -1;
        QList<qint64> ts;
        QStringList names;
        QHash<QString, int> index;
        QList<QList<float>> values; // per series, columns * ts.size(), point after point
        bool dirty = false;
    };

private:
    struct Aggregate
    {
        float min = qQNaN(), max = qQNaN();
        double sum = 0;
        int count = 0;
    };
    struct RollUp
    {
        qint64 start = -1;
        QStringList names;
        QHash<QString, Aggregate> values;
    };

    void ingest(const Snapshot &snapshot);
    void recordProcesses(const Snapshot &snapshot);
    void addRow(int tier, const Row &row);
    void feed(int tier, const Row &row);
    Row finish(int tier);
    bool ensureOpen();
    void loadOpenBlocks();
    bool writeBlocks(qint64 nowMs);
    void report(const QString &what);
    void failed();

    void scheduleFlushes(int flushSeconds);

    QMutex m_queueLock;
    QList<Snapshot> m_queue;
    QElapsedTimer m_sinceFlush; // under m_queueLock, with m_flushEveryMs; invalid once stopped
    qint64 m_flushEveryMs = 0;

    StoreConfig m_config;
    StoreDatabase m_db;
    bool m_leaveAlone = false; // a newer schema: never opened again for writing
    bool m_reported = false;   // one log line per episode of failure
    QHash<QString, qint64> m_ids;
    History m_flatten{1};
    std::array<OpenBlock, StoreTiers::Count> m_open;
    QList<OpenBlock> m_sealed;
    std::array<RollUp, StoreTiers::Count> m_rollUps; // [1] minutes, [2] hours
    // The top processes of the last tick of the current minute, and closed minutes to write.
    qint64 m_processesMinute = -1;
    QList<ProcessUsage> m_processes;
    QList<QPair<qint64, QByteArray>> m_pendingProcesses;
    std::atomic<quint64> m_errors{0};
    std::shared_ptr<std::atomic<int>> m_generation = std::make_shared<std::atomic<int>>(0);
    std::atomic<bool> m_writing{false};
};

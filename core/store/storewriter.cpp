#include "store/storewriter.h"

#include "alerts/processtop.h"
#include "history/seriescatalog.h"
#include "store/blockcodec.h"
#include "store/storelogging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Sealed blocks kept while the disk refuses them: a day of ticks, beyond which the oldest go
// (memory-only history must not grow without bound during a long outage).
constexpr qsizetype MaxSealedBlocks = 3 * 144;
// Blocks deleted per tier and flush: the cleaner catches up over a few flushes instead of
// holding one long transaction after a retention was shortened.
constexpr int DeleteStep = 64;

} // namespace

StoreWriter::StoreWriter(QObject *parent)
    : QObject(parent)
{
    for (int tier = 0; tier < StoreTiers::Count; ++tier)
        m_open[size_t(tier)].tier = tier;
}

StoreWriter::~StoreWriter() = default;

void StoreWriter::enqueue(const Snapshot &snapshot)
{
    {
        QMutexLocker lock(&m_queueLock);
        m_queue.append(snapshot);
        if (!m_sinceFlush.isValid() || m_sinceFlush.elapsed() < m_flushEveryMs)
            return;
        m_sinceFlush.start();
    }
    QMetaObject::invokeMethod(this, &StoreWriter::flush, Qt::QueuedConnection);
}

void StoreWriter::scheduleFlushes(int flushSeconds)
{
    QMutexLocker lock(&m_queueLock);
    m_flushEveryMs = qint64(flushSeconds) * 1000;
    if (flushSeconds > 0)
        m_sinceFlush.start();
    else
        m_sinceFlush.invalidate();
}

void StoreWriter::start(const StoreConfig &config)
{
    m_config = config;
    m_leaveAlone = false;
    m_reported = false;
    if (ensureOpen())
        loadOpenBlocks();
    else if (!m_leaveAlone)
        ++m_errors; // a newer file counted itself
    scheduleFlushes(config.flushSeconds);
}

void StoreWriter::setConfig(const StoreConfig &config)
{
    m_config.retentionMs = config.retentionMs;
    m_config.flushSeconds = config.flushSeconds;
    scheduleFlushes(config.flushSeconds);
}

void StoreWriter::stop()
{
    scheduleFlushes(0);
    flush();
    m_db.close();
    m_writing = false;
}

void StoreWriter::flush()
{
    QList<Snapshot> queue;
    {
        QMutexLocker lock(&m_queueLock);
        queue.swap(m_queue);
    }
    for (const Snapshot &snapshot : std::as_const(queue))
        ingest(snapshot);
    const bool waiting =
        !m_sealed.isEmpty() || !m_pendingProcesses.isEmpty() ||
        std::any_of(m_open.cbegin(), m_open.cend(), [](const OpenBlock &b) { return b.dirty; });
    if (!waiting)
        return;
    if (ensureOpen() && writeBlocks(QDateTime::currentMSecsSinceEpoch())) {
        if (m_reported)
            qCWarning(lcStore).noquote() << "history: writing to" << m_config.path << "again";
        m_reported = false;
        m_writing = true;
    } else {
        failed();
    }
}

void StoreWriter::failed()
{
    m_writing = false;
    ++m_errors;
    while (m_sealed.size() > MaxSealedBlocks)
        m_sealed.removeFirst();
    while (m_pendingProcesses.size() > 24 * 60)
        m_pendingProcesses.removeFirst();
}

void StoreWriter::report(const QString &what)
{
    if (m_reported)
        return;
    m_reported = true;
    qCWarning(lcStore).noquote() << "history:" << what << "- keeping history in memory only,"
                                 << "trying again every" << m_config.flushSeconds << "s";
}

bool StoreWriter::ensureOpen()
{
    if (m_db.isOpen())
        return true;
    if (m_leaveAlone)
        return false;
    if (m_db.open(m_config.path)) {
        m_ids.clear();
        ++*m_generation;
        return true;
    }
    switch (m_db.problem()) {
    case StoreDatabase::Problem::Newer:
        m_leaveAlone = true;
        m_reported = true;
        ++m_errors;
        qCWarning(lcStore).noquote()
            << "history:" << m_config.path << "left untouched:" << m_db.errorString()
            << "- keeping history in memory only";
        return false;
    case StoreDatabase::Problem::Corrupt: {
        const QString error = m_db.errorString();
        const QString aside = StoreDatabase::moveAside(m_config.path);
        if (aside.isEmpty()) {
            report(QStringLiteral("%1 is unusable (%2) and cannot be moved aside")
                       .arg(m_config.path, error));
            return false;
        }
        ++m_errors;
        ++*m_generation;
        qCWarning(lcStore).noquote()
            << QStringLiteral("history: %1 is unusable (%2); moved aside to %3, starting anew")
                   .arg(m_config.path, error, aside);
        return ensureOpen();
    }
    default:
        report(QStringLiteral("cannot open %1 (%2)").arg(m_config.path, m_db.errorString()));
        return false;
    }
}

// A restart goes on writing the newest block of each tier, and takes up the minute and the hour
// it was rolling up, from the points of them already stored.
void StoreWriter::loadOpenBlocks()
{
    const QHash<qint64, QString> names = m_db.seriesNames();
    for (int tier = 0; tier < StoreTiers::Count; ++tier) {
        const StoreDatabase::StoredBlock stored = m_db.latestBlock(tier);
        BlockCodec::Block block;
        if (stored.data.isEmpty() || !BlockCodec::decode(stored.data, &block))
            continue;
        OpenBlock &open = m_open[size_t(tier)];
        open = OpenBlock();
        open.tier = tier;
        open.start = stored.start;
        const int columns = block.columns;
        for (qsizetype i = 0; i < block.ts.size(); ++i) {
            Row row{block.ts[i], {}, {}};
            for (qsizetype s = 0; s < block.seriesIds.size(); ++s) {
                row.names.append(names.value(block.seriesIds[s]));
                for (int c = 0; c < columns; ++c)
                    row.values.append(block.values[s][i * columns + c]);
            }
            addRow(tier, row);
            // The bucket the last stored point belongs to has not been rolled up yet.
            if (tier + 1 < StoreTiers::Count) {
                const qint64 bucket = StoreTiers::stepMs[size_t(tier + 1)];
                if (StoreTiers::align(block.ts[i], bucket) ==
                    StoreTiers::align(block.ts.last(), bucket))
                    feed(tier + 1, row);
            }
        }
        open.dirty = false;
    }
}

void StoreWriter::ingest(const Snapshot &snapshot)
{
    if (!m_open[0].ts.isEmpty() && snapshot.ts <= m_open[0].ts.last())
        return; // the clock went back: the store keeps one point per moment
    m_flatten.append(snapshot);
    const History::Window window = m_flatten.window(m_flatten.seriesNames(), snapshot.ts);
    Row row{snapshot.ts, {}, {}};
    for (const auto &[name, values] : window.series) {
        row.names.append(name);
        row.values.append(values.isEmpty() ? std::numeric_limits<float>::quiet_NaN()
                                           : float(values.last()));
    }
    addRow(0, row);
    feed(1, row);
    recordProcesses(snapshot);
}

// What was running in a minute: the top processes of its last tick, by CPU and by memory, five
// each, written when the minute is over.
void StoreWriter::recordProcesses(const Snapshot &snapshot)
{
    const qint64 minute = StoreTiers::align(snapshot.ts, StoreTiers::stepMs[1]);
    if (m_processesMinute >= 0 && minute != m_processesMinute && !m_processes.isEmpty()) {
        m_pendingProcesses.append(
            {m_processesMinute,
             QJsonDocument(ProcessTop::of(m_processes).toJson()).toJson(QJsonDocument::Compact)});
    }
    m_processesMinute = minute;
    m_processes = snapshot.procs.top;
}

// Adds a point to the aggregate of its minute (tier 1) or hour (tier 2); the previous bucket,
// once a point of a later one arrives, becomes a point of that tier.
void StoreWriter::feed(int tier, const Row &row)
{
    RollUp &rollUp = m_rollUps[size_t(tier)];
    const qint64 bucket = StoreTiers::align(row.ts, StoreTiers::stepMs[size_t(tier)]);
    if (rollUp.start >= 0 && bucket != rollUp.start) {
        const Row done = finish(tier);
        addRow(tier, done);
        if (tier + 1 < StoreTiers::Count)
            feed(tier + 1, done);
    }
    if (rollUp.start < 0 || bucket != rollUp.start)
        rollUp = RollUp{bucket, {}, {}};
    const int columns = StoreTiers::columns[size_t(tier - 1)];
    for (qsizetype s = 0; s < row.names.size(); ++s) {
        auto it = rollUp.values.find(row.names[s]);
        if (it == rollUp.values.end()) {
            rollUp.names.append(row.names[s]);
            it = rollUp.values.insert(row.names[s], Aggregate());
        }
        // A tick's value is its own min, avg and max; a minute brings its three.
        const float low = row.values[s * columns];
        const float mean = row.values[s * columns + (columns == 3 ? 1 : 0)];
        const float high = row.values[s * columns + (columns == 3 ? 2 : 0)];
        if (std::isnan(mean))
            continue;
        it->min = it->count ? std::min(it->min, low) : low;
        it->max = it->count ? std::max(it->max, high) : high;
        it->sum += double(mean);
        ++it->count;
    }
}

StoreWriter::Row StoreWriter::finish(int tier)
{
    const RollUp &rollUp = m_rollUps[size_t(tier)];
    Row row{rollUp.start, rollUp.names, {}};
    for (const QString &name : rollUp.names) {
        const Aggregate &a = rollUp.values[name];
        if (a.count == 0) {
            const float nan = std::numeric_limits<float>::quiet_NaN();
            row.values.append({nan, nan, nan});
            continue;
        }
        row.values.append({a.min, float(a.sum / a.count), a.max});
    }
    return row;
}

void StoreWriter::addRow(int tier, const Row &row)
{
    OpenBlock &open = m_open[size_t(tier)];
    const qint64 start = StoreTiers::align(row.ts, StoreTiers::blockSpanMs[size_t(tier)]);
    if (open.start != start) {
        if (open.dirty)
            m_sealed.append(std::move(open));
        open = OpenBlock();
        open.tier = tier;
        open.start = start;
    }
    if (!open.ts.isEmpty() && row.ts <= open.ts.last())
        return;
    const int columns = StoreTiers::columns[size_t(tier)];
    open.ts.append(row.ts);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (QList<float> &values : open.values)
        values.append(QList<float>(columns, nan));
    for (qsizetype s = 0; s < row.names.size(); ++s) {
        auto it = open.index.constFind(row.names[s]);
        if (it == open.index.constEnd()) {
            it = open.index.insert(row.names[s], int(open.names.size()));
            open.names.append(row.names[s]);
            open.values.append(QList<float>(open.ts.size() * columns, nan));
        }
        QList<float> &values = open.values[*it];
        for (int c = 0; c < columns; ++c)
            values[values.size() - columns + c] = row.values[s * columns + c];
    }
    open.dirty = true;
}

bool StoreWriter::writeBlocks(qint64 nowMs)
{
    if (!m_db.begin())
        return false;
    QHash<QString, qint64> added;
    const auto encode = [&](const OpenBlock &open, QByteArray *data) {
        BlockCodec::Block block;
        block.columns = StoreTiers::columns[size_t(open.tier)];
        block.ts = open.ts;
        block.values = open.values;
        for (const QString &name : open.names) {
            qint64 id = m_ids.value(name, -1);
            if (id < 0)
                id = added.value(name, -1);
            if (id < 0) {
                id = m_db.seriesId(name);
                if (id < 0)
                    return false;
                added.insert(name, id);
            }
            block.seriesIds.append(id);
            // Ticks at the decimals every client is sent (docs/history.md, "Where and what"); the
            // min/avg/max of the tiers above stay exact.
            block.decimals.append(open.tier == 0 ? SeriesCatalog::describe(name).decimals : -1);
        }
        *data = BlockCodec::encode(block);
        return true;
    };
    bool ok = true;
    QList<const OpenBlock *> blocks;
    for (const OpenBlock &block : std::as_const(m_sealed))
        blocks.append(&block);
    for (const OpenBlock &block : m_open) {
        if (block.dirty)
            blocks.append(&block);
    }
    for (const OpenBlock *block : std::as_const(blocks)) {
        QByteArray data;
        ok = ok && encode(*block, &data) && m_db.putBlock({block->tier, block->start, data});
    }
    for (const auto &[minute, top] : std::as_const(m_pendingProcesses))
        ok = ok && m_db.putProcesses(minute, top);
    if (ok)
        ok = m_db.deleteProcessesBefore(nowMs - m_config.retentionMs[1], DeleteStep) >= 0;
    for (int tier = 0; ok && tier < StoreTiers::Count; ++tier) {
        const qint64 cutoff =
            nowMs - m_config.retentionMs[size_t(tier)] - StoreTiers::blockSpanMs[size_t(tier)];
        ok = m_db.deleteBlocksBefore(tier, cutoff, DeleteStep) >= 0;
    }
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        const QString error = m_db.errorString();
        if (m_db.problem() == StoreDatabase::Problem::Corrupt) {
            m_db.close();
            ensureOpen(); // moves it aside; the blocks go to the new file at the next flush
        } else {
            report(QStringLiteral("cannot write %1 (%2)").arg(m_config.path, error));
        }
        return false;
    }
    m_ids.insert(added);
    m_sealed.clear();
    m_pendingProcesses.clear();
    for (OpenBlock &block : m_open)
        block.dirty = false;
    return true;
}

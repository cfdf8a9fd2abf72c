#pragma once

#include "history/historyrange.h"
#include "store/storedatabase.h"
#include "store/storetiers.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <array>
#include <functional>

// Answers questions from the file, through a connection of its own: range queries for the API
// and the stored ticks that fill the in-memory history at start. Used on one thread at a time
// (the store's reader thread); the writer never waits for it, as WAL lets both run.
class StoreReader
{
public:
    // generation: the writer's count of files it opened; a change makes the reader reopen.
    StoreReader(QString path, std::function<int()> generation);

    // The stored ticks in [from, to]: one time axis and, per series, its values on that axis
    // (NaN where it had none).
    struct Ticks
    {
        QList<qint64> ts;
        QStringList names;
        QList<QList<float>> values;
    };
    Ticks ticks(qint64 from, qint64 to);

    // What was running in the minute of `ts`: {"minute":MS,"cpu":[{pid,name,cpu,rss}…],"rss":[…]},
    // five each, by CPU and by memory; an empty object when the store has none for it.
    QJsonObject processes(qint64 ts);

    // The question answered from the finest tier whose retention still covers `from` (or, where
    // that tier has nothing yet in the window, the next finer one that has):
    // at most request.points buckets of min/avg/max. Tier 0 answers with the ticks themselves
    // when they fit, with a NaN point where ticks are missing (a stop, a suspend). `unflushed`:
    // the newest ticks, from memory, that the writer may not have written yet; in tier 0 those
    // after the last stored tick join the answer.
    HistoryRange range(const HistoryRangeRequest &request, qint64 nowMs,
                       const std::array<qint64, StoreTiers::Count> &retentionMs, qint64 intervalMs,
                       const Ticks &unflushed = {});

private:
    bool ensureOpen();
    HistoryRange rangeInTier(const HistoryRangeRequest &request, int tier, qint64 intervalMs,
                             const Ticks &unflushed);

    QString m_path;
    std::function<int()> m_generation;
    int m_openGeneration = -1;
    StoreDatabase m_db;
};

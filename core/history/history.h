#pragma once

#include "history/keyedseries.h"
#include "history/ringbuffer.h"
#include "snapshot.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

// The recent past of every numeric series in the Snapshots, one fixed-capacity ring per series,
// all sharing one time axis. Appending a tick is O(series) and allocates nothing once every
// series has been seen: a series is found by name only when first seen (or seen again after it
// was pruned), and from then on by the Snapshot's own keys. Series are named after their place in
// the Snapshot JSON: "cpu.total", "mem.percent", "cpu.cores[2]", "net[eth0].rxBps",
// "disks[/home].percent", "temps[Package id 0].celsius" (the full list is in docs/api.md).
class History
{
public:
    struct Point
    {
        qint64 ts;    // ms since the epoch
        double value; // NaN where the series had no value at that tick
    };
    // Several series over one time axis, as the history message and API send them.
    struct Window
    {
        QList<qint64> ts;
        QList<QPair<QString, QList<double>>> series;
    };

    explicit History(qsizetype capacity);

    qsizetype capacity() const { return m_ts.capacity(); }
    qsizetype size() const { return m_ts.size(); }
    // Keeps the newest points that fit; used when the interval or the history length changes.
    void setCapacity(qsizetype capacity);
    void append(const Snapshot &snapshot);
    // Appends one tick given by series name (the history store's fill at start); series not
    // named get NaN, so a call with no names at all marks a gap.
    void appendValues(qint64 ts, const QStringList &names, const QList<double> &values);

    QStringList seriesNames() const { return m_names; }
    bool contains(const QString &series) const { return m_index.contains(series); }
    QList<Point> points(const QString &series, qint64 sinceTs) const;
    Window window(const QStringList &series, qint64 sinceTs) const;
    qint64 latestTs() const { return m_ts.isEmpty() ? 0 : m_ts.last(); }

private:
    int seriesFor(const QString &name);
    void recordFixed(const Snapshot &snapshot);
    void recordCores(const Snapshot &snapshot);
    void recordNamed(const Snapshot &snapshot);
    void recordCgroups(const Snapshot &snapshot);
    void recordGpus(const Snapshot &snapshot);
    void recordPressure(const Snapshot &snapshot);
    // Sets this tick's value of the series at `series`, first creating it (the one time its name
    // is built) when it has no index yet.
    void record(int &series, QLatin1StringView group, const QString &key, QLatin1StringView field,
                double value);
    void set(int series, double value) { m_pending[size_t(series)] = value; }
    qsizetype firstIndexSince(qint64 sinceTs) const;
    void pruneVanishedSeries();
    void rebuildLookups(const std::vector<int> &renumbered);

    RingBuffer<qint64> m_ts;
    // Aligned with m_ts. Stored as float: seven significant digits is more than any chart shows,
    // and an hour at 10 Hz is 36,000 points per series, so it halves the largest allocation.
    std::vector<RingBuffer<float>> m_values;
    std::vector<double> m_pending; // this tick's values, reused every tick
    QStringList m_names;
    QHash<QString, int> m_index;

    // Lookups by the Snapshot's own positions and keys, so no series name is built per tick;
    // -1 where a series does not exist (yet, or any more).
    std::vector<int> m_fixed;
    std::vector<int> m_cores;
    std::vector<int> m_coreMhz;
    std::vector<int> m_pressure; // in the order of the PSI series list in history.cpp
    KeyedSeries<2> m_net;        // rxBps, txBps
    KeyedSeries<3> m_disks;      // percent, readBps, writeBps
    KeyedSeries<1> m_temps;
    KeyedSeries<1> m_fans;
    KeyedSeries<2> m_power;   // capacity, watts
    KeyedSeries<2> m_cgroups; // cpu, memory
    KeyedSeries<4> m_gpus;    // load, vramUsed, temp, power
    qsizetype m_appendsSincePrune = 0;
};

#pragma once

#include "snapshot.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// One description of a series, the one every front end, the API and the store read: what it
// is called for people, its unit and scale, the view it belongs to, and how it rolls up.
struct SeriesInfo
{
    QString id;           // the name History gives it: "cpu.total", "net[eth0].rxBps"
    QString label;        // for people: "CPU total", "eth0 received"
    QString unit;         // percent, bytes, bytesPerSecond, celsius, seconds, microseconds, count,
                          // watts, hertz, megahertz, rpm; empty for a series not described yet
    QString group;        // the view: cpu, memory, disks, network, processes, sensors, self,
                          // pressure, services, gpu
    double max = qQNaN(); // the top of its scale when known (100 for percent), else NaN
    int decimals = -1; // those SnapshotJson sends it with, which the store keeps; -1 not described
    // The mount, interface, sensor, core number, cgroup path or GPU's PCI address; empty
    // machine-wide.
    QString instance;
    QStringList rollup = {QStringLiteral("min"), QStringLiteral("avg"), QStringLiteral("max")};
    bool gone = false; // no longer in the Snapshot, still in history

    bool sameAs(const SeriesInfo &other) const;
};

// Every series the history holds, described once. Kept up to date tick by tick: a series that
// appears (a new mount, a hot-plugged sensor) joins, one whose device left is marked gone while
// history still holds it, and leaves with it. A tick that changes nothing costs a comparison
// per series and allocates nothing.
class SeriesCatalog
{
public:
    // What can be said of a series from its name alone (its max may need the machine).
    static SeriesInfo describe(const QString &id);

    // Brings the catalogue up to date with the history's series and the newest Snapshot;
    // true if anything a client sees changed.
    bool update(const QStringList &historySeries, const Snapshot &latest);
    const QList<SeriesInfo> &series() const { return m_series; }
    const SeriesInfo *find(const QString &id) const;

private:
    // Which part of the Snapshot a series comes from, to see whether it is still there.
    enum class Source {
        Fixed,
        Core,
        CoreClock,
        Net,
        Disk,
        Temp,
        Fan,
        Power,
        Pressure,
        Cgroup,
        Gpu,
        Other
    };
    struct Entry
    {
        Source source = Source::Other;
        int core = -1;
        int scale = 0;                    // how its max is found (seriescatalog.cpp)
        const char *fieldLabel = nullptr; // a GPU series' label after the GPU's name
    };
    static Entry entryFor(const SeriesInfo &info);
    static bool present(const SeriesInfo &info, const Entry &entry, const Snapshot &latest);
    static double maxFor(const SeriesInfo &info, const Entry &entry, const Snapshot &latest);
    static bool relabelGpu(SeriesInfo *info, const Entry &entry, const Snapshot &latest);
    void rebuild(const QStringList &historySeries);

    QStringList m_names; // the history's series at the last rebuild
    QList<SeriesInfo> m_series;
    QList<Entry> m_entries; // aligned with m_series
    QHash<QString, qsizetype> m_index;
};

#pragma once

#include "snapshot.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

// The latest tick's machine-wide numbers and the host facts, as properties for the views. One
// NOTIFY for every value: a tick changes them all at once, and a binding reads only what it
// shows. Bytes are reported as double (QML numbers); units as in Snapshot.
class LiveMetrics : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LiveMetrics belongs to the Backend")

    Q_PROPERTY(double seq READ seq NOTIFY updated)                   // tick number, 0 before one
    Q_PROPERTY(double timestamp READ timestamp NOTIFY updated)       // ms since the epoch
    Q_PROPERTY(double cpuTotal READ cpuTotal NOTIFY updated)         // percent of all CPUs
    Q_PROPERTY(double cpuUser READ cpuUser NOTIFY updated)           // percent, user + nice
    Q_PROPERTY(double cpuSystem READ cpuSystem NOTIFY updated)       // percent, system + irqs
    Q_PROPERTY(double cpuIowait READ cpuIowait NOTIFY updated)       // percent
    Q_PROPERTY(double cpuSteal READ cpuSteal NOTIFY updated)         // percent
    Q_PROPERTY(QList<double> cores READ cores NOTIFY updated)        // percent per CPU, NaN offline
    Q_PROPERTY(QList<double> load READ load NOTIFY updated)          // 1, 5, 15 minute averages
    Q_PROPERTY(double memTotal READ memTotal NOTIFY updated)         // bytes
    Q_PROPERTY(double memUsed READ memUsed NOTIFY updated)           // bytes, total - available
    Q_PROPERTY(double memAvailable READ memAvailable NOTIFY updated) // bytes
    Q_PROPERTY(double memCached READ memCached NOTIFY updated)       // bytes
    Q_PROPERTY(double memBuffers READ memBuffers NOTIFY updated)     // bytes
    Q_PROPERTY(double memPercent READ memPercent NOTIFY updated)     // percent used
    Q_PROPERTY(double swapTotal READ swapTotal NOTIFY updated)       // bytes
    Q_PROPERTY(double swapUsed READ swapUsed NOTIFY updated)         // bytes
    Q_PROPERTY(double swapPercent READ swapPercent NOTIFY updated)   // percent used
    Q_PROPERTY(int processCount READ processCount NOTIFY updated)    // processes
    Q_PROPERTY(int processRunning READ processRunning NOTIFY updated) // processes running
    Q_PROPERTY(int threadCount READ threadCount NOTIFY updated)       // threads of all processes
    Q_PROPERTY(double uptime READ uptime NOTIFY updated)              // seconds since boot
    Q_PROPERTY(double netRxBps READ netRxBps NOTIFY updated)          // bytes/s, all but loopback
    Q_PROPERTY(double netTxBps READ netTxBps NOTIFY updated)          // bytes/s, all but loopback
    Q_PROPERTY(double diskReadBps READ diskReadBps NOTIFY updated)    // bytes/s, all filesystems
    Q_PROPERTY(double diskWriteBps READ diskWriteBps NOTIFY updated)  // bytes/s, all filesystems
    // The busiest non-loopback interface and the root (or first) filesystem: what the overview
    // charts show. Empty when there is none. They notify only when they change: the charts'
    // series names, titles and captions built from them are not rebuilt on every tick.
    Q_PROPERTY(QString mainInterface READ mainInterface NOTIFY mainChanged)
    Q_PROPERTY(QString mainMount READ mainMount NOTIFY mainChanged)
    Q_PROPERTY(double mainMountPercent READ mainMountPercent NOTIFY updated) // percent used
    Q_PROPERTY(double mainMountUsed READ mainMountUsed NOTIFY updated)       // bytes
    Q_PROPERTY(double mainMountTotal READ mainMountTotal NOTIFY updated)     // bytes
    Q_PROPERTY(double hottestCelsius READ hottestCelsius NOTIFY updated)     // °C, NaN: no sensor
    Q_PROPERTY(double selfCpu READ selfCpu NOTIFY updated)                   // percent of one core
    Q_PROPERTY(double selfRss READ selfRss NOTIFY updated)                   // bytes

    Q_PROPERTY(QString hostname READ hostname NOTIFY hostChanged)
    Q_PROPERTY(QString kernel READ kernel NOTIFY hostChanged)
    Q_PROPERTY(QString os READ os NOTIFY hostChanged)
    Q_PROPERTY(QString cpuModel READ cpuModel NOTIFY hostChanged)
    Q_PROPERTY(int cpuCount READ cpuCount NOTIFY hostChanged)
    Q_PROPERTY(double bootTime READ bootTime NOTIFY hostChanged) // ms since the epoch

public:
    explicit LiveMetrics(const HostInfo &host, QObject *parent = nullptr);

    // Takes a new tick's values and notifies the views.
    void update(const Snapshot &snapshot);
    // Another host's facts, with no tick of it yet (the views switched to another source).
    void reset(const HostInfo &host);

    double seq() const { return double(m_snapshot.seq); }
    double timestamp() const { return double(m_snapshot.ts); }
    double cpuTotal() const { return m_snapshot.cpu.total; }
    double cpuUser() const { return m_snapshot.cpu.user; }
    double cpuSystem() const { return m_snapshot.cpu.system; }
    double cpuIowait() const { return m_snapshot.cpu.iowait; }
    double cpuSteal() const { return m_snapshot.cpu.steal; }
    QList<double> cores() const { return m_snapshot.cpu.cores; }
    QList<double> load() const;
    double memTotal() const { return double(m_snapshot.mem.total); }
    double memUsed() const { return double(m_snapshot.mem.used); }
    double memAvailable() const { return double(m_snapshot.mem.available); }
    double memCached() const { return double(m_snapshot.mem.cached); }
    double memBuffers() const { return double(m_snapshot.mem.buffers); }
    double memPercent() const { return m_snapshot.mem.percent; }
    double swapTotal() const { return double(m_snapshot.swap.total); }
    double swapUsed() const { return double(m_snapshot.swap.used); }
    double swapPercent() const { return m_snapshot.swap.percent; }
    int processCount() const { return m_snapshot.procs.count; }
    int processRunning() const { return m_snapshot.procs.running; }
    int threadCount() const { return m_snapshot.procs.threads; }
    double uptime() const { return m_snapshot.uptime; }
    double netRxBps() const { return m_netRx; }
    double netTxBps() const { return m_netTx; }
    double diskReadBps() const { return m_diskRead; }
    double diskWriteBps() const { return m_diskWrite; }
    QString mainInterface() const { return m_mainInterface; }
    QString mainMount() const { return m_mainMount; }
    double mainMountPercent() const { return m_mainMountPercent; }
    double mainMountUsed() const { return m_mainMountUsed; }
    double mainMountTotal() const { return m_mainMountTotal; }
    double hottestCelsius() const { return m_hottest; }
    double selfCpu() const { return m_snapshot.self.cpu; }
    double selfRss() const { return double(m_snapshot.self.rss); }

    QString hostname() const { return m_host.hostname; }
    QString kernel() const { return m_host.kernel; }
    QString os() const { return m_host.os; }
    QString cpuModel() const { return m_host.cpuModel; }
    int cpuCount() const { return m_host.cpuCount; }
    double bootTime() const { return double(m_host.bootTime); }

signals:
    void updated();
    void mainChanged();
    void hostChanged();

private:
    void sumNetwork();
    void sumDisks();
    void findHottest();

    HostInfo m_host;
    Snapshot m_snapshot;
    double m_netRx = 0;
    double m_netTx = 0;
    double m_diskRead = 0;
    double m_diskWrite = 0;
    QString m_mainInterface;
    QString m_mainMount;
    double m_mainMountPercent = qQNaN();
    double m_mainMountUsed = qQNaN();
    double m_mainMountTotal = qQNaN();
    double m_hottest = qQNaN();
};

#pragma once

#include "collectors/processes/processlist.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QThread>

#include <memory>

// The whole process list, scanned only while somebody watches it (ksystemstats' rule: don't
// sample what nobody watches). Every watcher — the server's `processes` topic, the desktop's
// Processes view — shares one scan per tick: the first watch() scans at once, each tick while
// watched scans again and emits what changed, and the last unwatch() forgets the list. A
// watcher that is destroyed stops watching by itself.
//
// Scans run on a thread of their own, started with the first watcher and ended with the last:
// at 5,000 processes a scan takes a good part of a core for a tenth of a second or more, and on
// the event loop it would hold back every sample, reply and repaint behind it. A tick that finds
// the previous scan still running is skipped, never queued.
class ProcessWatcher : public QObject
{
    Q_OBJECT

public:
    // gpuUse: where the GPU collector leaves vendor-reported per-process use (NVML); the watcher
    // asks for it while it scans.
    explicit ProcessWatcher(const QString &procRoot, std::shared_ptr<GpuProcessUse> gpuUse = {},
                            QObject *parent = nullptr);
    ~ProcessWatcher() override;

    void watch(QObject *watcher);
    void unwatch(QObject *watcher);
    bool isScanning() const { return !m_watchers.isEmpty(); }
    int watchers() const { return int(m_watchers.size()); }

    // Every process of the last scan, by ascending PID, and when it was taken (ms since the
    // epoch); empty while nobody watches. rows() waits for a scan in progress to end.
    QJsonArray rows() const;
    qint64 ts() const { return m_ts; }
    qsizetype size() const { return m_size; }

    // {"ts","processes"} for a one-off reader (GET /api/v1/processes): the watched list when
    // there is one, otherwise two scans `settleMs` apart on a thread, so that the rates are
    // rates and not null. Readers that ask while those scans run share their answer.
    QFuture<QJsonObject> list(int settleMs = 500);
    // {"ts","process"}: one process with what only its detail panel shows (cgroup, fds), its
    // rates from the watched list when there is one; empty when the process is gone.
    QJsonObject detail(int pid);

    // Starts a scan and emits scanned() when it ends, an empty delta included (a reader that
    // fell behind catches up on it): at each tick of the monitor, and nothing while nobody
    // watches.
    void tick();

signals:
    void scanned(const ProcessDelta &delta, qint64 ts);

private:
    void start();
    void stop();
    void finishScan(const ProcessDelta &delta, qint64 ts, quint64 generation);
    // Runs work on the scan thread and waits for it.
    void onScanThread(const std::function<void()> &work) const;

    QString m_procRoot;
    std::shared_ptr<GpuProcessUse> m_gpuUse;
    QSet<QObject *> m_watchers;
    // Touched only on m_thread while it runs.
    std::unique_ptr<ProcessList> m_list;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread: the scans' event target
    QElapsedTimer m_clock;
    quint64 m_generation = 0; // +1 at each stop: a scan from before is dropped
    bool m_inFlight = false;
    qint64 m_ts = 0;
    qsizetype m_size = 0;
    QFuture<QJsonObject> m_oneOff; // the one-off two-scan list being read, if any
    QThread *m_oneOffThread = nullptr;
};

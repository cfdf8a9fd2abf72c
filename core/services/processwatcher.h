#pragma once

#include "collectors/processes/processlist.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QSet>

// The whole process list, scanned only while somebody watches it (ksystemstats' rule: don't
// sample what nobody watches). Every watcher — the server's `processes` topic, the desktop's
// Processes view — shares one scan per tick: the first watch() scans at once, each tick while
// watched scans again and emits what changed, and the last unwatch() forgets the list. A
// watcher that is destroyed stops watching by itself.
class ProcessWatcher : public QObject
{
    Q_OBJECT

public:
    explicit ProcessWatcher(const QString &procRoot, QObject *parent = nullptr);
    ~ProcessWatcher() override;

    void watch(QObject *watcher);
    void unwatch(QObject *watcher);
    bool isScanning() const { return !m_watchers.isEmpty(); }
    int watchers() const { return int(m_watchers.size()); }

    // Every process of the last scan, by ascending PID, and when it was taken (ms since the
    // epoch); empty while nobody watches.
    QJsonArray rows() const { return m_list.rows(); }
    qint64 ts() const { return m_ts; }
    qsizetype size() const { return m_list.size(); }

    // {"ts","processes"} for a one-off reader (GET /api/v1/processes): the watched list when
    // there is one, otherwise two scans `settleMs` apart, so that the rates are rates and not
    // null.
    QFuture<QJsonObject> list(int settleMs = 500);
    // {"ts","process"}: one process with what only its detail panel shows (cgroup, fds), its
    // rates from the watched list when there is one; empty when the process is gone.
    QJsonObject detail(int pid);

    // Scans once and emits scanned(), an empty delta included (a reader that fell behind catches
    // up on it): at each tick of the monitor, and nothing while nobody watches.
    void tick();

signals:
    void scanned(const ProcessDelta &delta, qint64 ts);

private:
    void scanNow();

    QString m_procRoot;
    ProcessList m_list;
    QElapsedTimer m_clock;
    qint64 m_ts = 0;
    QSet<QObject *> m_watchers;
};

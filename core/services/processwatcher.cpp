#include "processwatcher.h"

#include <QDateTime>
#include <QPromise>
#include <QTimer>

#include <memory>

ProcessWatcher::ProcessWatcher(const QString &procRoot, QObject *parent)
    : QObject(parent)
    , m_procRoot(procRoot)
    , m_list(procRoot)
{
    m_clock.start();
}

ProcessWatcher::~ProcessWatcher() = default;

void ProcessWatcher::watch(QObject *watcher)
{
    if (m_watchers.contains(watcher))
        return;
    m_watchers.insert(watcher);
    connect(watcher, &QObject::destroyed, this, [this, watcher] { unwatch(watcher); });
    if (!m_list.hasScanned())
        scanNow();
}

void ProcessWatcher::unwatch(QObject *watcher)
{
    if (!m_watchers.remove(watcher))
        return;
    disconnect(watcher, &QObject::destroyed, this, nullptr);
    if (m_watchers.isEmpty())
        m_list.clear();
}

void ProcessWatcher::scanNow()
{
    m_list.update(m_clock.nsecsElapsed());
    m_ts = QDateTime::currentMSecsSinceEpoch();
}

void ProcessWatcher::tick()
{
    if (m_watchers.isEmpty())
        return;
    const ProcessDelta delta = m_list.update(m_clock.nsecsElapsed());
    m_ts = QDateTime::currentMSecsSinceEpoch();
    emit scanned(delta, m_ts);
}

QJsonObject ProcessWatcher::detail(int pid)
{
    // Reads the one process without touching the list's scan state, so rates stay per tick.
    const QJsonObject process = m_list.detail(pid);
    if (process.isEmpty())
        return {};
    return {{QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
            {QStringLiteral("process"), process}};
}

QFuture<QJsonObject> ProcessWatcher::list(int settleMs)
{
    auto promise = std::make_shared<QPromise<QJsonObject>>();
    QFuture<QJsonObject> future = promise->future();
    promise->start();
    if (isScanning()) {
        promise->addResult(QJsonObject{{QStringLiteral("ts"), double(m_ts)},
                                       {QStringLiteral("processes"), m_list.rows()}});
        promise->finish();
        return future;
    }
    // Two scans of a list of its own: rates need an interval, and a one-off reader must not
    // start or stop the watched scan.
    auto reader = std::make_shared<ProcessList>(m_procRoot);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    reader->update(clock->nsecsElapsed());
    QTimer::singleShot(settleMs, this, [promise, reader, clock] {
        reader->update(clock->nsecsElapsed());
        promise->addResult(
            QJsonObject{{QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
                        {QStringLiteral("processes"), reader->rows()}});
        promise->finish();
    });
    return future;
}

#include "processwatcher.h"

#include <QDateTime>
#include <QPromise>

ProcessWatcher::ProcessWatcher(const QString &procRoot, std::shared_ptr<GpuProcessUse> gpuUse,
                               QObject *parent)
    : QObject(parent)
    , m_procRoot(procRoot)
    , m_gpuUse(std::move(gpuUse))
{
    m_clock.start();
    m_thread.setObjectName(QStringLiteral("process scan"));
}

ProcessWatcher::~ProcessWatcher()
{
    stop();
    if (m_oneOffThread)
        m_oneOffThread->wait();
}

void ProcessWatcher::watch(QObject *watcher)
{
    if (m_watchers.contains(watcher))
        return;
    m_watchers.insert(watcher);
    connect(watcher, &QObject::destroyed, this, [this, watcher] { unwatch(watcher); });
    if (m_watchers.size() == 1)
        start();
}

void ProcessWatcher::unwatch(QObject *watcher)
{
    if (!m_watchers.remove(watcher))
        return;
    disconnect(watcher, &QObject::destroyed, this, nullptr);
    if (m_watchers.isEmpty())
        stop();
}

void ProcessWatcher::start()
{
    // The first scan runs here, before the thread exists, so that a new watcher has a list at
    // once.
    m_list = std::make_unique<ProcessList>(m_procRoot);
    if (m_gpuUse) {
        m_gpuUse->setWanted(true);
        m_list->setVendorGpuUse(m_gpuUse.get());
    }
    m_list->update(m_clock.nsecsElapsed());
    m_ts = QDateTime::currentMSecsSinceEpoch();
    m_size = m_list->size();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
}

void ProcessWatcher::stop()
{
    if (!m_context)
        return;
    m_thread.quit();
    m_thread.wait();
    delete m_context;
    m_context = nullptr;
    if (m_gpuUse)
        m_gpuUse->setWanted(false);
    m_list.reset();
    ++m_generation;
    m_inFlight = false;
    m_ts = 0;
    m_size = 0;
}

void ProcessWatcher::tick()
{
    if (!m_context || m_inFlight)
        return;
    m_inFlight = true;
    ProcessList *list = m_list.get();
    const qint64 nowNs = m_clock.nsecsElapsed();
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(m_context, [this, list, nowNs, generation] {
        const ProcessDelta delta = list->update(nowNs);
        const qint64 ts = QDateTime::currentMSecsSinceEpoch();
        // Queued to this object, so it is dropped with it if the watcher is gone by then.
        QMetaObject::invokeMethod(
            this, [this, delta, ts, generation] { finishScan(delta, ts, generation); },
            Qt::QueuedConnection);
    });
}

void ProcessWatcher::finishScan(const ProcessDelta &delta, qint64 ts, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_inFlight = false;
    m_ts = ts;
    m_size = m_list->size();
    emit scanned(delta, ts);
}

void ProcessWatcher::onScanThread(const std::function<void()> &work) const
{
    QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
}

QJsonArray ProcessWatcher::rows() const
{
    if (!m_context)
        return {};
    QJsonArray rows;
    onScanThread([this, &rows] { rows = m_list->rows(); });
    return rows;
}

QJsonObject ProcessWatcher::detail(int pid)
{
    QJsonObject process;
    if (m_context) {
        // The watched list's own reader, so the rates are those of its last tick.
        onScanThread([this, pid, &process] { process = m_list->detail(pid); });
    } else {
        process = ProcessList(m_procRoot).detail(pid);
    }
    if (process.isEmpty())
        return {};
    return {{QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
            {QStringLiteral("process"), process}};
}

QFuture<QJsonObject> ProcessWatcher::list(int settleMs)
{
    if (m_context) {
        return QtFuture::makeReadyFuture(QJsonObject{{QStringLiteral("ts"), double(m_ts)},
                                                     {QStringLiteral("processes"), rows()}});
    }
    if (m_oneOffThread)
        return m_oneOff;
    auto promise = std::make_shared<QPromise<QJsonObject>>();
    m_oneOff = promise->future();
    promise->start();
    const QString procRoot = m_procRoot;
    m_oneOffThread = QThread::create([promise, procRoot, settleMs] {
        ProcessList reader(procRoot);
        QElapsedTimer clock;
        clock.start();
        reader.update(clock.nsecsElapsed());
        QThread::msleep(ulong(settleMs));
        reader.update(clock.nsecsElapsed());
        promise->addResult(
            QJsonObject{{QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
                        {QStringLiteral("processes"), reader.rows()}});
        promise->finish();
    });
    connect(m_oneOffThread, &QThread::finished, this, [this] {
        m_oneOffThread->deleteLater();
        m_oneOffThread = nullptr;
    });
    m_oneOffThread->start(QThread::LowPriority);
    return m_oneOff;
}

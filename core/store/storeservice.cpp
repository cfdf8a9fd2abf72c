#include "store/storeservice.h"

#include "services/metricsservice.h"
#include "settings/settings.h"
#include "store/storelogging.h"
#include "store/storereader.h"
#include "store/storewriter.h"

#include <QDateTime>
#include <QDir>
#include <QPromise>
#include <QStandardPaths>

#include <cmath>

Q_LOGGING_CATEGORY(lcStore, "vantage.store", QtWarningMsg)

namespace {

const QString EnabledKey = QStringLiteral("history/enabled");
const QString DataDirKey = QStringLiteral("history/dataDir");

} // namespace

StoreService::StoreService(Settings *settings, MetricsService *metrics, QObject *parent)
    : Service(QStringLiteral("store"), parent)
    , m_settings(settings)
    , m_metrics(metrics)
{
    m_writerThread.setObjectName(QStringLiteral("vantage-store-writer"));
    m_readerThread.setObjectName(QStringLiteral("vantage-store-reader"));
    connect(m_settings, &Settings::changed, this, &StoreService::applySettings);
}

StoreService::~StoreService()
{
    shutdown();
}

QString StoreService::dataDir() const
{
    const QString configured = m_settings->value(DataDirKey).toString();
    return configured.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                : configured;
}

QString StoreService::filePath() const
{
    return QDir(dataDir()).filePath(QStringLiteral("history.db"));
}

quint64 StoreService::errors() const
{
    return m_previousErrors + (m_writer ? m_writer->errors() : 0);
}

bool StoreService::enabled() const
{
    return m_settings->value(EnabledKey).toBool();
}

std::array<qint64, StoreTiers::Count> StoreService::retentionMs() const
{
    const auto number = [this](const char *key) {
        return qint64(m_settings->value(QLatin1StringView(key)).toInt());
    };
    return {number("history/rawHours") * 3'600'000, number("history/minuteDays") * 86'400'000,
            number("history/hourDays") * 86'400'000};
}

void StoreService::SelfCollector::collect(Snapshot &snapshot, qint64)
{
    snapshot.self.historyErrors = m_store->errors();
}

bool StoreService::doInitialize()
{
    m_readerContext = new QObject;
    m_readerContext->moveToThread(&m_readerThread);
    m_readerThread.start();
    if (enabled()) {
        startWriting();
        fillHistory();
    }
    return true;
}

// The reader's connection closes first: the last connection to close folds the WAL into the
// file and removes it, which only the writer's (read-write) connection can do.
void StoreService::doShutdown()
{
    m_readerThread.quit();
    m_readerThread.wait();
    delete m_readerContext;
    m_readerContext = nullptr;
    m_reader.reset();
    stopWriting();
}

void StoreService::startWriting()
{
    StoreConfig config;
    config.path = filePath();
    config.flushSeconds = m_settings->value(QStringLiteral("history/flushSeconds")).toInt();
    config.retentionMs = retentionMs();
    m_writer = new StoreWriter;
    m_writer->moveToThread(&m_writerThread);
    m_writerThread.start();
    StoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer, [writer, config] { writer->start(config); }, Qt::BlockingQueuedConnection);
    m_reader = std::make_shared<StoreReader>(
        config.path, [counter = m_writer->generationCounter()] { return counter->load(); });
    m_ticks = connect(m_metrics, &MetricsService::snapshotReady, this,
                      [writer](const Snapshot &snapshot) { writer->enqueue(snapshot); });
}

void StoreService::stopWriting()
{
    disconnect(m_ticks);
    if (!m_writer)
        return;
    StoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer] { writer->stop(); }, Qt::BlockingQueuedConnection);
    m_writerThread.quit();
    m_writerThread.wait();
    m_previousErrors += writer->errors();
    m_writer = nullptr;
    delete writer;
}

void StoreService::flushNow()
{
    if (!m_writer)
        return;
    StoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [writer] { writer->flush(); }, Qt::BlockingQueuedConnection);
}

// The stored ticks of the in-memory window go into the history before the first tick, then one
// empty point, so that every chart shows the stop as a gap rather than a line across it.
void StoreService::fillHistory()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(m_settings->historySeconds()) * 1000;
    StoreReader::Ticks ticks;
    std::shared_ptr<StoreReader> reader = m_reader;
    QMetaObject::invokeMethod(
        m_readerContext, [&ticks, reader, from, now] { ticks = reader->ticks(from, now); },
        Qt::BlockingQueuedConnection);
    if (ticks.ts.isEmpty())
        return;
    QList<double> row(ticks.names.size());
    for (qsizetype i = 0; i < ticks.ts.size(); ++i) {
        for (qsizetype s = 0; s < ticks.names.size(); ++s)
            row[s] = ticks.values[s][i];
        m_metrics->fillHistory(ticks.ts[i], ticks.names, row);
    }
    m_metrics->fillHistory(ticks.ts.last() + 1, {}, {});
    qCInfo(lcStore) << "history: filled" << ticks.ts.size() << "stored ticks from" << filePath();
}

QFuture<HistoryRange> StoreService::range(const HistoryRangeRequest &request) const
{
    std::shared_ptr<StoreReader> reader = m_reader;
    if (!reader || !m_readerContext) {
        HistoryRange empty;
        empty.from = request.from;
        empty.to = request.to;
        return QtFuture::makeReadyFuture(empty);
    }
    auto promise = std::make_shared<QPromise<HistoryRange>>();
    QFuture<HistoryRange> future = promise->future();
    promise->start();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto retention = retentionMs();
    const qint64 interval = qint64(std::lround(m_settings->interval() * 1000));
    // The ticks since the last flush are only in memory: the newest of the in-memory history go
    // with the question (two flush intervals of the asked series, a few hundred values); while
    // nothing is being written (a refusing disk, history/enabled turned off), all of them.
    const qint64 flushMs =
        qint64(m_settings->value(QStringLiteral("history/flushSeconds")).toInt()) * 1000;
    const bool writing = m_writer && m_writer->isWriting();
    const History::Window window = m_metrics->history().window(
        request.series,
        writing ? std::max(request.from, now - 2 * flushMs - interval) : request.from);
    StoreReader::Ticks unflushed;
    unflushed.ts = window.ts;
    for (const auto &[name, values] : window.series) {
        unflushed.names.append(name);
        QList<float> column;
        column.reserve(values.size());
        for (double value : values)
            column.append(float(value));
        unflushed.values.append(column);
    }
    QMetaObject::invokeMethod(
        m_readerContext,
        [promise, reader, request, now, retention, interval, unflushed] {
            promise->addResult(reader->range(request, now, retention, interval, unflushed));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<QJsonObject> StoreService::processesAt(qint64 ms) const
{
    std::shared_ptr<StoreReader> reader = m_reader;
    if (!reader || !m_readerContext)
        return QtFuture::makeReadyFuture(QJsonObject{});
    auto promise = std::make_shared<QPromise<QJsonObject>>();
    QFuture<QJsonObject> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        m_readerContext,
        [promise, reader, ms] {
            promise->addResult(reader->processes(ms));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

void StoreService::applySettings(const QStringList &keys)
{
    if (!isRunning())
        return;
    if (keys.contains(EnabledKey) || keys.contains(DataDirKey)) {
        // The reader stays until a new writer brings its own, so answers go on meanwhile.
        stopWriting();
        if (enabled())
            startWriting();
        return;
    }
    if (m_writer) {
        StoreConfig config;
        config.flushSeconds = m_settings->value(QStringLiteral("history/flushSeconds")).toInt();
        config.retentionMs = retentionMs();
        StoreWriter *writer = m_writer;
        QMetaObject::invokeMethod(writer, [writer, config] { writer->setConfig(config); });
    }
}

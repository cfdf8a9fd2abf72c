#include "alertservice.h"

#include "alerts/alertengine.h"
#include "alerts/alertlog.h"
#include "services/metricsservice.h"

#include <QJsonArray>

AlertService::AlertService(Settings *settings, MetricsService *metrics, const QString &logFile,
                           QObject *parent)
    : Service(QStringLiteral("alerts"), parent)
    , m_metrics(metrics)
    , m_engine(std::make_unique<AlertEngine>(settings))
    , m_log(std::make_unique<AlertLog>(logFile))
{
    connect(m_metrics, &MetricsService::snapshotReady, this, &AlertService::evaluate);
    connect(m_engine.get(), &AlertEngine::alertChanged, this, &AlertService::record);
}

AlertService::~AlertService() = default;

bool AlertService::doInitialize()
{
    m_log->load();
    // Firing when Vantage stopped: active at once, resolved only by the usual rules.
    m_engine->restore(m_log->loadActive());
    return true;
}

void AlertService::doShutdown()
{
    m_log->close();
}

void AlertService::evaluate(const Snapshot &snapshot)
{
    if (!isRunning())
        return;
    m_engine->evaluate(snapshot, snapshot.ts);
    emit evaluated(snapshot);
}

void AlertService::record(const Alert &alert)
{
    m_log->append(alert);
    m_log->saveActive(m_engine->active());
    emit alertChanged(alert);
}

QList<Alert> AlertService::active() const
{
    return m_engine->active();
}

QList<Alert> AlertService::recent() const
{
    return m_log->recent();
}

bool AlertService::acknowledge(const QString &id)
{
    return m_engine->acknowledge(id);
}

QJsonObject AlertService::toJson() const
{
    QJsonArray active, log;
    for (const Alert &alert : m_engine->active())
        active.append(alert.toJson());
    const QList<Alert> recent = m_log->recent();
    for (auto it = recent.crbegin(); it != recent.crend(); ++it) // newest first
        log.append(it->toJson());
    return {{QStringLiteral("active"), active}, {QStringLiteral("log"), log}};
}

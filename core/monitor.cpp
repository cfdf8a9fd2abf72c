#include "monitor.h"

#include "alerts/alertlog.h"
#include "alerts/alertservice.h"
#include "fleet/fleetservice.h"
#include "notify/notifyservice.h"
#include "server/serverselfcollector.h"
#include "server/serverservice.h"
#include "services/memoryservice.h"
#include "services/metricsservice.h"
#include "services/servicemanager.h"
#include "services/systemservice.h"
#include "settings/settings.h"
#include "store/storeservice.h"

#include <QFileInfo>

Monitor::Monitor(const Options &options, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<Settings>(
          options.configFile.isEmpty() ? Settings::defaultFilePath() : options.configFile))
{
    m_settings->load();
    for (auto it = options.settingOverrides.cbegin(); it != options.settingOverrides.cend(); ++it)
        m_settings->setOverride(it.key(), it.value());
    m_settings->watchFile();
    m_system = std::make_unique<SystemService>(options.paths);
    m_memory = std::make_unique<MemoryService>(m_settings.get(), options.paths);
    m_metrics = std::make_unique<MetricsService>(m_settings.get(), options.paths);
    m_metrics->addCollector(m_memory.get());
    m_services = std::make_unique<ServiceManager>();
    m_services->add(m_system.get());
    m_services->add(m_memory.get());
    if (options.serve) {
        // Before the metrics: it fills their history before the first tick, and stops after the
        // last one, so that shutdown writes every tick.
        m_store = std::make_unique<StoreService>(m_settings.get(), m_metrics.get());
        m_metrics->addCollector(m_store->selfCollector());
        m_services->add(m_store.get());
    }
    m_services->add(m_metrics.get());
    if (options.serve) {
        m_alerts = std::make_unique<AlertService>(
            m_settings.get(), m_metrics.get(),
            options.alertLogFile.isEmpty() ? AlertLog::defaultFilePath() : options.alertLogFile);
        // Beside the alert log; started before the alerts and stopped after them, so the last
        // events are queued before the queues are saved.
        NotifyService::Options notify;
        notify.folder =
            options.alertLogFile.isEmpty()
                ? NotifyService::defaultFolder()
                : QFileInfo(options.alertLogFile).absolutePath() + QStringLiteral("/notify");
        m_notify = std::make_unique<NotifyService>(m_settings.get(), notify);
        m_metrics->addCollector(m_notify->selfCollector());
        connect(m_alerts.get(), &AlertService::alertChanged, m_notify.get(),
                &NotifyService::notify);
        connect(m_notify.get(), &NotifyService::acknowledgeRequested, m_alerts.get(),
                &AlertService::acknowledge);
        m_services->add(m_notify.get());
        // Its collector gives the host rule each fleet host's silence.
        m_fleet = std::make_unique<FleetService>(m_settings.get());
        m_metrics->addCollector(m_fleet->selfCollector());
        m_services->add(m_fleet.get());
        m_services->add(m_alerts.get());
        m_server =
            std::make_unique<ServerService>(m_settings.get(), m_metrics.get(), m_system.get());
        m_server->setAlerts(m_alerts.get());
        m_server->setNotify(m_notify.get());
        m_server->setFleet(m_fleet.get());
        if (m_settings->value(QStringLiteral("history/enabled")).toBool())
            m_server->setHistoryRangeSource(m_store.get());
        connect(m_server.get(), &ServerService::listening, m_notify.get(),
                &NotifyService::setDashboardUrl);
        m_serverSelf = std::make_unique<ServerSelfCollector>(m_server.get());
        m_metrics->addCollector(m_serverSelf.get());
        m_services->add(m_server.get());
    }
}

Monitor::~Monitor()
{
    stop();
}

bool Monitor::start()
{
    return m_services->initializeAll();
}

QString Monitor::errorString() const
{
    if (m_server && !m_server->errorString().isEmpty())
        return m_server->errorString();
    for (Service *service : m_services->services()) {
        if (service->state() == Service::State::Failed)
            return QStringLiteral("the %1 service could not start").arg(service->name());
    }
    return {};
}

void Monitor::stop()
{
    m_services->shutdownAll();
}

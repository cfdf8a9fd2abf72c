#pragma once

#include "systempaths.h"

#include <QObject>
#include <QString>
#include <QVariantMap>

#include <memory>

class AlertService;
class FleetService;
class MemoryService;
class MetricsService;
class NotifyService;
class ServerSelfCollector;
class ServerService;
class ServiceManager;
class StoreService;
class Settings;
class SystemService;

// The whole core wired together, as both front ends and the end-to-end tests use it: settings,
// then the services in start order. The desktop window and headless mode differ only in what
// they put on top.
class Monitor : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString configFile; // empty: Settings::defaultFilePath()
        SystemPaths paths;
        QVariantMap settingOverrides; // from command-line flags; win over the file
        bool serve = true;            // run the server and alerts (not for --snapshot)
        QString alertLogFile;         // empty: AlertLog::defaultFilePath()
    };

    explicit Monitor(const Options &options, QObject *parent = nullptr);
    ~Monitor() override;

    // Starts every service; false if one could not start, with the reason in errorString().
    bool start();
    QString errorString() const;
    // Stops every service in reverse order; idempotent.
    void stop();

    Settings *settings() const { return m_settings.get(); }
    SystemService *system() const { return m_system.get(); }
    MemoryService *memory() const { return m_memory.get(); }
    MetricsService *metrics() const { return m_metrics.get(); }
    AlertService *alerts() const { return m_alerts.get(); }
    // Delivers alert events to the notification channels; null for --snapshot.
    NotifyService *notify() const { return m_notify.get(); }
    ServerService *server() const { return m_server.get(); }
    ServiceManager *services() const { return m_services.get(); }
    // The connections to the other hosts of the fleet list; null for --snapshot.
    FleetService *fleet() const { return m_fleet.get(); }
    // The history on disk; null for --snapshot.
    StoreService *store() const { return m_store.get(); }

private:
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SystemService> m_system;
    std::unique_ptr<MemoryService> m_memory;
    std::unique_ptr<MetricsService> m_metrics;
    std::unique_ptr<StoreService> m_store;
    std::unique_ptr<AlertService> m_alerts;
    std::unique_ptr<NotifyService> m_notify;
    std::unique_ptr<FleetService> m_fleet;
    std::unique_ptr<ServerService> m_server;
    std::unique_ptr<ServerSelfCollector> m_serverSelf;
    std::unique_ptr<ServiceManager> m_services;
};

#pragma once

#include "collectors/collector.h"
#include "fleet/remotehost.h"
#include "services/service.h"

#include <QJsonObject>
#include <QVariantMap>

#include <map>
#include <memory>

class Settings;

// The hub's side of the fleet (docs/fleet.md): one RemoteHost per fleet/host/<name>/ in the
// settings, following the list as it changes (a host added connects, one removed is dropped, a
// new url or token reconnects). Its collector puts every host's silence in the Snapshot, where
// the alert engine's host rule reads it.
class FleetService : public Service
{
    Q_OBJECT

public:
    explicit FleetService(Settings *settings, QObject *parent = nullptr);
    ~FleetService() override;

    // "" if a web admin may make these settings changes as far as the fleet goes, else why not:
    // the fleet list is edited from the web only where fleet/webEditable=true, which only the
    // machine itself sets (it says which hosts the hub connects to, and with which tokens).
    static QString checkWebChanges(const Settings &settings, const QVariantMap &changes);

    // {"hosts":[...]} as GET /api/v1/fleet answers, hosts by name; empty without a fleet list.
    QJsonObject toJson() const;
    const RemoteHost *host(const QString &name) const;
    Collector *selfCollector() { return &m_self; }

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    class SelfCollector : public Collector
    {
    public:
        explicit SelfCollector(const FleetService *service)
            : m_service(service)
        {}
        void collect(Snapshot &snapshot, qint64 nowNs) override;

    private:
        const FleetService *m_service;
    };

    void readHosts();

    Settings *m_settings;
    std::map<QString, std::unique_ptr<RemoteHost>> m_hosts; // by name, sorted
    SelfCollector m_self{this};
};

#pragma once

#include "collectors/collector.h"
#include "fleet/prometheusfleet.h"
#include "fleet/remotehost.h"
#include "services/service.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QVariantMap>

#include <map>
#include <memory>

class Settings;

// The hub's side of the fleet (docs/fleet.md): one RemoteHost per fleet/host/<name>/ in the
// settings, following the list as it changes (a host added connects, one removed is dropped, a
// new url or token reconnects). Its collector puts every host's silence in the Snapshot, where
// the alert engine's host rule reads it, and, on the same tick, makes the fleet's update for its
// viewers (the `fleet` topic, the desktop's fleet view): no wakeup of its own.
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
    // With fleet/prometheusUrl, also "prometheus":{"url","error"}.
    QJsonObject toJson() const;
    // Every host's row, by name: the live hosts of the list, and the instances the Prometheus
    // knows that no live host is (by instance, host:port); with "series" (the last hour of its
    // tile's charts) when asked.
    QJsonArray rows(bool withSeries) const;
    // Every host's row with "points": what its charts gained since the last tick's update. Made
    // once per tick, for every viewer.
    const QJsonArray &lastUpdate() const { return m_update; }
    // A fleet list or fleet/prometheusUrl is set: this Vantage is a hub, and serves /fleet.
    bool isHub() const;
    // Acknowledges the host's alert there; `done` is called with an empty code once the host
    // accepted, else with the error (not_found for a host not in the list).
    void acknowledge(const QString &host, const QString &alertId, RemoteHost::AckDone done);
    const RemoteHost *host(const QString &name) const;
    Collector *selfCollector() { return &m_self; }

signals:
    // The tick's update is ready (lastUpdate()), or the list changed; only while it is a hub.
    void updated();

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    class SelfCollector : public Collector
    {
    public:
        explicit SelfCollector(FleetService *service)
            : m_service(service)
        {}
        void collect(Snapshot &snapshot, qint64 nowNs) override;

    private:
        FleetService *m_service;
    };

    void readHosts();
    void followPrometheus();
    void makeUpdate();
    // The Prometheus rows no live host covers, by name; a name a live host has is the instance.
    void addPrometheusRows(std::map<QString, QJsonObject> &rows, bool withSeries) const;

    Settings *m_settings;
    std::map<QString, std::unique_ptr<RemoteHost>> m_hosts; // by name, sorted
    std::unique_ptr<PrometheusFleet> m_prometheus;
    bool m_prometheusFresh = false; // a refresh landed since the last update: send its series
    QJsonArray m_update;
    SelfCollector m_self{this};
};

#pragma once

#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QUrl>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class FleetService;
class Settings;

// The hub's fleet as the Fleet view shows it (docs/fleet.md): one row per host of
// FleetService::rows(), by name. While a view watches (watch()), every hub tick
// (FleetService::updated) updates each row in place, removes the hosts that left the list and
// inserts the new ones where their names sort, so a tile's delegate lives on across ticks. A value
// not known is NaN (a number) or empty (a name), never 0. Also the fleet list in the settings
// (hosts, applyHost(), removeHost()), where a token is only ever "set" or not.
class FleetModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FleetModel belongs to the Backend")
    // Hosts listed.
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    // True where this Vantage is a hub (a fleet list or fleet/prometheusUrl): the window offers
    // the Fleet view only then.
    Q_PROPERTY(bool hub READ isHub NOTIFY hubChanged)
    // Seconds of each host's series the mini chart roles hold, the newest (at most the 3600 the
    // hub keeps).
    Q_PROPERTY(
        int seriesSeconds READ seriesSeconds WRITE setSeriesSeconds NOTIFY seriesSecondsChanged)
    // Every host's firing alerts, by host name, each host's in its own order: the alert's fields
    // (id, rule, instance, severity, value, threshold, message, since, acknowledged) plus host
    // (its name) and admin (whether the hub may acknowledge it).
    Q_PROPERTY(QVariantList alerts READ alerts NOTIFY alertsChanged)
    // The fleet list in the settings, by name: each {name, url, tokenSet, state} (state "" for a
    // host the hub has not listed yet). The token itself is never handed out.
    Q_PROPERTY(QVariantList hosts READ hosts NOTIFY hostsChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        UrlRole,           // as the settings hold it
        DashboardUrlRole,  // the host through this hub's server (/hosts/<name>/), else its own
        StateRole,         // "up", "connecting", "down"
        ReasonRole,        // why it is down; "" otherwise
        LastSeenRole,      // ms since the epoch of its last message; NaN before the first
        SourceRole,        // "live" or "prometheus"
        AdminRole,         // the hub holds an admin token there: it may acknowledge
        CpuRole,           // percent
        MemRole,           // percent
        LoadRole,          // the 1, 5 and 15 minute load; empty when not known
        DiskNameRole,      // the busiest disk of the last sample; "" when not known
        DiskBpsRole,       // its read and write bytes per second
        NetNameRole,       // the busiest interface
        NetBpsRole,        // its receive and transmit bytes per second
        AlertsRole,        // its firing alerts, as maps
        WorstSeverityRole, // of its alerts: 0 none, 1 warning, 2 critical
        CpuSeriesRole,     // the last seriesSeconds, oldest first, NaN for a gap (Sparkline)
        MemSeriesRole,
        DiskSeriesRole,
        NetSeriesRole,
        LoadSeriesRole, // 1-minute load
    };
    Q_ENUM(Role)

    // fleet may be null (no fleet service, --snapshot): the model stays empty and is no hub.
    FleetModel(FleetService *fleet, Settings *settings, QObject *parent = nullptr);

    bool isHub() const;
    // Where this hub's own server serves (ServerService::url()): a tile then opens its host
    // through the hub, /hosts/<name>/, which every view of the dashboard follows. Invalid while
    // there is no server: a tile opens the host's own address.
    void setHubUrl(const QUrl &url);
    int seriesSeconds() const { return m_seriesSeconds; }
    void setSeriesSeconds(int seconds);
    QVariantList alerts() const { return m_alerts; }
    QVariantList hosts() const;

    // A view shows (true) or hides (false) the fleet: while one does, the rows follow every hub
    // tick; when none does, they are dropped. A viewer that is destroyed stops watching.
    Q_INVOKABLE void watch(QObject *viewer, bool watching);
    // Asks the host to acknowledge one of its alerts through the hub; acknowledgeEnded tells how
    // it went.
    Q_INVOKABLE void acknowledge(const QString &host, const QString &alertId);
    // Adds a host to the fleet list or changes it: fields url and token (a token "" clears it),
    // applied at once through Settings::apply(); "" on success, else the errors, one per line.
    Q_INVOKABLE QString applyHost(const QString &name, const QVariantMap &fields);
    // Takes the host out of the fleet list; "" or why the file could not be saved.
    Q_INVOKABLE QString removeHost(const QString &name);
    // Reads the fleet now (the hub calls it every tick while watched).
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();
    void hubChanged();
    void seriesSecondsChanged();
    void alertsChanged();
    void hostsChanged();
    // An acknowledge() ended: error "" when the host accepted it, else the hub's words.
    void acknowledgeEnded(const QString &host, const QString &alertId, const QString &error);

private:
    struct Series
    {
        QList<double> ts; // ms since the epoch, the host's clock
        QList<double> cpu, mem, disk, net, load;
    };
    struct Host
    {
        QString name;
        QJsonObject row;
        Series series;
    };

    static Host hostOf(const QJsonObject &row);
    // Appends the points of a "series" or "points" object newer than those held, and forgets
    // those older than the hub keeps.
    static void appendSeries(Series &series, const QJsonObject &json);
    QList<double> recent(const Host &host, const QList<double> &values) const;
    void followUpdate();
    void applyRows(const QList<Host> &fresh);
    void updateAlerts();
    void updateHub();

    QPointer<FleetService> m_fleet;
    Settings *m_settings;
    QUrl m_hubUrl;
    QList<Host> m_rows; // by name
    QSet<QObject *> m_viewers;
    QVariantList m_alerts;
    int m_seriesSeconds = 300;
    bool m_hub = false;
};

#pragma once

#include "alertlistmodel.h"

#include <QPointer>
#include <QtQml/qqmlregistration.h>

class AlertService;
class RemoteSource;
struct Snapshot;

// The alerts firing now, most severe first (then the oldest first), kept current from
// AlertService::alertChanged: an event updates its alert in place by id, a resolved one leaves the
// list. Every event is also put on top of `log`, the recent events (newest first), which starts
// from the persistent alert log. Between events each active alert shows its metric's live value
// (and its message says it) from every evaluated Snapshot, as the web page does; the rules whose
// metric no Snapshot carries (errors, connections, tick) keep the value of their last event.
class AlertsModel : public AlertListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertsModel belongs to the Backend")
    // The most severe active alert: 0 none, 1 warning, 2 critical.
    Q_PROPERTY(int worst READ worst NOTIFY worstChanged)
    // The recent alert events, newest first, at most LogLimit.
    Q_PROPERTY(AlertListModel *log READ log CONSTANT)
    // Whether acknowledge() can reach the alerts shown: always for this machine's; for a remote
    // host's, while it is up and holds the token this side sent as an admin's.
    Q_PROPERTY(bool canAcknowledge READ canAcknowledge NOTIFY canAcknowledgeChanged)

public:
    // Events kept in `log`: as many as the persistent log reads back at start.
    static constexpr int LogLimit = 200;

    // service may be null (no alerts): both lists then stay empty.
    explicit AlertsModel(AlertService *service, QObject *parent = nullptr);

    // Shows another host's alerts (its active ones, then its events as they come; the log starts
    // empty) until followLocal(); acknowledging then goes to that host.
    void followRemote(RemoteSource *remote);
    // Back to this machine's alerts and log.
    void followLocal();

    int worst() const { return int(m_worst); }
    bool canAcknowledge() const;
    AlertListModel *log() const { return m_log; }
    // Marks a firing alert as seen through the engine, which then announces the change to this
    // model, every web client and the log; false if no such alert fires. For a remote host: asks
    // the host, whose event then shows it; false where no admin token is held for it or it is
    // not up.
    Q_INVOKABLE bool acknowledge(const QString &id);
    // Takes one alert event (fired, escalated, de-escalated, acknowledged or resolved).
    void handle(const Alert &alert);
    // Shows the live values of one evaluated Snapshot; a Snapshot older than an alert's last
    // event leaves that alert as the event said.
    void showSnapshot(const Snapshot &snapshot);

signals:
    void worstChanged();
    void canAcknowledgeChanged();

private:
    void update(int row, const Alert &alert);
    int sortedRow(const Alert &alert, int skip) const;
    void updateWorst();
    void showActive(QList<Alert> active);
    void unfollow();

    QPointer<AlertService> m_service;
    QPointer<RemoteSource> m_remote;
    QList<QMetaObject::Connection> m_connections;
    AlertListModel *m_log;
    AlertSeverity m_worst = AlertSeverity::None;
};

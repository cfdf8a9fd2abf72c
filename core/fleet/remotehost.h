#pragma once

#include "fleet/hostseries.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

// One other Vantage, followed over its WebSocket (docs/fleet.md): connects, authenticates with
// the host's token when one is set, and keeps what the fleet list shows of it: its state, when
// it last said anything, its latest CPU, memory, load, busiest disk and interface with the last
// hour of them, and its active alerts. A lost connection is tried again with the web client's
// back-off; a refused token is not, until it changes. With an accepted token the hub is an admin
// there, and acknowledges the host's alerts for the fleet's viewers.
class RemoteHost : public QObject
{
    Q_OBJECT

public:
    enum class State { Connecting, Up, Down };
    // The largest message taken from a host (a history or a whole process list of a big machine
    // is a few MiB); a bigger one closes the connection rather than filling the hub's memory.
    static constexpr qint64 MaxMessageBytes = 64 * 1024 * 1024;

    // url: as the settings hold it (http(s)://host:port/ or ws(s)://host:port/ws).
    RemoteHost(const QString &name, const QString &url, const QString &token, int downSeconds,
               QObject *parent = nullptr);
    ~RemoteHost() override;

    // The WebSocket address of a fleet URL: http becomes ws, https wss, and the dashboard's
    // path /ws; a ws(s) URL stays as it is.
    static QUrl socketUrl(const QString &url);
    static QString stateName(State state);

    void open();
    void setDownSeconds(int seconds);

    QString name() const { return m_name; }
    QString url() const { return m_url; }
    QString token() const { return m_token; }
    State state() const { return m_state; }
    // Why it is down ("connection refused", "the host refused the token: ..."); "" otherwise.
    QString reason() const { return m_reason; }
    // Ms since the epoch of its last message; 0 before the first.
    qint64 lastSeen() const { return m_lastSeen; }
    // Seconds since its last message (or since the hub began trying) while down; 0 otherwise.
    double silentSeconds(qint64 nowMs) const;
    // The host accepted the token: the hub may acknowledge its alerts.
    bool isAdmin() const { return m_admin; }
    // {"name","url","state","lastSeen","source","instance","admin","cpu":{"total"},
    // "mem":{"percent"},"load","disk","net","alerts":[...]} plus "reason" while down; a value not
    // known yet is null.
    QJsonObject toJson() const;
    HostSeries &series() { return m_series; }

    // Called with an empty code once the host accepted, else with the error code and message
    // (not_found, forbidden, bad_request) for the fleet's viewer who asked.
    using AckDone = std::function<void(const QString &code, const QString &message)>;
    void acknowledge(const QString &alertId, AckDone done);

signals:
    void stateChanged(RemoteHost::State state);

private:
    void onConnected();
    void onMessage(const QString &text);
    void takeSample(const QJsonObject &sample);
    void answerAck(const QString &id, const QJsonObject &message);
    void lose(const QString &reason);
    void setState(State state, const QString &reason = {});

    QString m_name;
    QString m_url;
    QString m_token;
    int m_downSeconds;
    QWebSocket m_socket;
    QTimer m_silence; // no message for downSeconds: down
    QTimer m_retry;
    int m_attempt = 0;
    bool m_refused = false; // the token was refused: not tried again until it changes
    State m_state = State::Connecting;
    QString m_reason;
    qint64 m_lastSeen = 0;
    qint64 m_trying = 0; // ms since the epoch when the hub began trying
    std::optional<double> m_cpu;
    std::optional<double> m_mem;
    QJsonValue m_load;        // [1m, 5m, 15m] or null
    QJsonValue m_disk, m_net; // {"name","bps"} of the busiest, or null
    HostSeries m_series;
    bool m_admin = false;
    quint64 m_ackSerial = 0;
    QMap<QString, AckDone> m_pendingAcks; // by the id sent to the host
    QMap<QString, QJsonObject> m_alerts;  // firing, by id
};

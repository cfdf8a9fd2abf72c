#pragma once

#include "alerts/alert.h"
#include "collectors/processes/processlist.h"
#include "fleet/remotehost.h"
#include "history/historyrange.h"
#include "services/metricssource.h"

#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QTimer>
#include <QVariantMap>
#include <QWebSocket>

#include <functional>

class QNetworkAccessManager;

// Another Vantage as a source of every view (docs/architecture.md, "Sources"): its WebSocket
// stream read back into what the local core gives. hello's host and interval, the `history`
// message into a History, each `sample` into a Snapshot appended to it, the `alert` events, the
// `settings`, and on demand the `processes` topic. Spans beyond what it sent are asked of it
// (`historyRequest`, `processesRequest`), as are acknowledgements and process actions; its alert
// log comes from its /api/v1/alerts. Token auth (admin when the host accepts it), wss with Qt's
// certificate checks, and the web client's back-off after a loss, as a fleet hub's RemoteHost
// does; a refused token is not sent again on the next connections (each would count towards a
// ban there), and the stream goes on as a viewer's.
class RemoteSource : public MetricsSource, public HistoryRangeSource
{
    Q_OBJECT

public:
    using State = RemoteHost::State;
    // Answered once with an empty code when the host accepted, else its error code and message.
    using Done = std::function<void(const QString &code, const QString &message)>;

    // name: how the fleet list calls the host; url as the fleet list holds it (http(s)://… or
    // ws(s)://…/ws); downSeconds: silence after which it is down.
    RemoteSource(const QString &name, const QString &url, const QString &token,
                 int downSeconds = 15, QObject *parent = nullptr);
    ~RemoteSource() override;

    const Snapshot &latest() const override { return m_latest; }
    const History &history() const override { return m_history; }
    int intervalMs() const override { return m_intervalMs; }

    QString hostName() const { return m_name; }
    QString url() const { return m_url; }
    // The host's facts from its hello; empty before the first.
    const HostInfo &host() const { return m_host; }
    State connectionState() const { return m_state; }
    // Why it is down, or why the token was refused; "" otherwise.
    QString reason() const { return m_state == State::Down ? m_reason : m_refusal; }
    // The host accepted the token: its alerts can be acknowledged from here.
    bool isAdmin() const { return m_admin; }
    // The host's alerts firing now, as its last events said.
    QList<Alert> activeAlerts() const { return m_alerts.values(); }
    // Every setting of the host but its token, as its last hello or settings message said.
    QVariantMap settings() const { return m_settings; }

    // Marks a firing alert of the host as seen there (needs isAdmin()); done is called once.
    void acknowledge(const QString &alertId, Done done);
    // A process action as the protocol's processAction carries it ({"pid","startTime","action",
    // "signal"|"nice"}), made there by the host (needs isAdmin() and the host's
    // server/allowProcessControl); done is called once.
    void processAction(const QJsonObject &action, Done done);
    // The host's history and minutes, asked over the stream. A span that cannot come (the host
    // refused, went down, or is no longer followed) leaves the future without a result; a minute
    // that cannot come is an empty object, as a minute nothing was kept for.
    QFuture<HistoryRange> range(const HistoryRangeRequest &request) const override;
    QFuture<QJsonObject> processesAt(qint64 ms) const override;
    // Follows the host's whole process list (the `processes` topic) while true.
    void setProcessesWatched(bool watched);

signals:
    void connectionChanged();
    // A new connection said hello: host, interval, the alerts and the history start over.
    void restarted();
    void alertChanged(const Alert &alert);
    void settingsChanged();
    // The host's recent alert events, newest first, read at each connection.
    void logReplaced(const QList<Alert> &events);
    // The host's whole process list, then what changed each tick (ProcessDelta's shape).
    void processesReplaced(const QJsonArray &rows, qint64 ts);
    void processesChanged(const ProcessDelta &delta, qint64 ts);

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    // Marks the ids of this source's requests, so their answers are told from the rest.
    static inline const QString RequestPrefix = QStringLiteral("source-");

    void open();
    void onConnected();
    void onMessage(const QString &text);
    void takeHello(const QJsonObject &hello);
    void takeHistory(const QJsonObject &history);
    void takeSample(const QJsonObject &sample);
    void takeAlert(const QJsonObject &message);
    void takeProcesses(const QJsonObject &message);
    void takeSettings(const QJsonObject &settings);
    // Requests that wait for an answer with their id: answered with the host's message, or with
    // an `unavailable` error of our own when it cannot come.
    using Answer = std::function<void(const QJsonObject &message)>;
    void request(QJsonObject message, Answer answer, bool query = false);
    void askAsAdmin(const QJsonObject &message, Done done);
    void sendQueued();
    void answer(const QString &id, const QJsonObject &message);
    void failPending(const QString &why);
    void fetchLog();
    void send(const QJsonObject &message);
    void sendSubscription();
    void lose(const QString &reason);
    void setState(State state, const QString &reason);

    QString m_name;
    QString m_url;
    QString m_token;
    int m_downSeconds;
    QWebSocket m_socket;
    QTimer m_silence;
    QTimer m_retry;
    int m_attempt = 0;
    bool m_refused = false;
    bool m_stopped = true;
    State m_state = State::Connecting;
    QString m_reason;  // why it is down
    QString m_refusal; // the host's words when it refused the token
    bool m_admin = false;
    HostInfo m_host;
    int m_intervalMs = 1000;
    History m_history{1};
    Snapshot m_latest;
    quint64 m_lastSeq = 0;
    QMap<QString, Alert> m_alerts; // firing, by id
    QVariantMap m_settings;
    bool m_processesWatched = false;
    quint64 m_serial = 0;
    struct Pending
    {
        Answer answer;
        bool query = false; // counted in m_queriesWaiting
    };
    QMap<QString, Pending> m_pending; // by the id sent to the host
    // History and minute questions beyond the few the host lets one client have waiting.
    QList<std::pair<QJsonObject, Answer>> m_queued;
    int m_queriesWaiting = 0;
    QNetworkAccessManager *m_network = nullptr; // made at the first log read
};

#pragma once

#include "alerts/alert.h"
#include "collectors/collector.h"
#include "notify/notifychannel.h"
#include "notify/notifylog.h"
#include "notify/notifyqueue.h"
#include "services/service.h"

#include <QHash>
#include <QTimer>
#include <QUrl>

#include <functional>

#include <map>
#include <memory>

class NotifySender;
class Settings;

// Delivers every alert event to each notification channel that wants it (docs/notifications.md).
// Each channel has its own queue file, its own timer and its own deliveries, so one that fails
// or hangs never delays another. A channel is sent to at most once per notify/groupSeconds, with
// every event queued since; a failed delivery is retried with exponential back-off and jitter
// until its events are notify/retryHours old. Events leave the queue only once delivered.
class NotifyService : public Service
{
    Q_OBJECT

public:
    struct Options
    {
        QString folder;          // where the queue files live, one per channel
        int firstRetryMs = 2000; // the first back-off; each failure doubles it, up to MaxRetryMs
        int timeoutMs = 10000;   // a request or a command that takes longer has failed
        int refreshMs = 60000;   // Alertmanager re-sends and reminder checks
    };
    static constexpr int MaxRetryMs = 30 * 60 * 1000;

    NotifyService(Settings *settings, const Options &options, QObject *parent = nullptr);
    ~NotifyService() override;

    // <data location>/vantage/notify
    static QString defaultFolder();

    // Deliveries that succeeded and attempts that failed, since start (self.notifySent,
    // self.notifyFailed).
    quint64 sent() const { return m_sent; }
    quint64 failed() const { return m_failed; }
    // The channels failing now and for how long, in ms at nowMs (the notify rule's value).
    QHash<QString, qint64> failing(qint64 nowMs) const;
    // Events waiting for the channel; -1 for a channel that does not exist.
    int pending(const QString &channel) const;
    // Why the channel's settings do not work together, in the words of the warning it gets; ""
    // when they do (or no such channel is set).
    QString problem(const QString &channel) const;
    // The last delivery to the channel (a test included), or none yet.
    std::optional<NotifyDelivery> lastDelivery(const QString &channel) const;
    // The last NotifyLog::MaxEntries deliveries with events, tests and failures, oldest first.
    const QList<NotifyDelivery> &deliveryLog() const { return m_log.entries(); }
    // Delivers one test event to the channel now, as its settings stand: beside its queue, not
    // grouped, not retried, not counted in sent() or failed(). done (and deliveryEnded) tells how
    // it went. False if no channel of that name has settings that work.
    using TestDone = std::function<void(const NotifyDelivery &delivery)>;
    bool sendTest(const QString &channel, const TestDone &done = {});
    // Sets self.notifySent, self.notifyFailed and self.notifyChannels in each Snapshot.
    Collector *selfCollector() { return &m_self; }

public slots:
    // One alert event, as AlertService::alertChanged gives it.
    void notify(const Alert &alert);
    // Where the dashboard is served (ServerService::listening), for Alertmanager's generatorURL.
    void setDashboardUrl(QUrl url);

signals:
    // A delivery to channel ended: error is empty when it was delivered.
    void delivered(const QString &channel, int events, const QString &error);
    // From a desktop notification: the user picked Acknowledge on the alert (Alert::id()), the
    // same acknowledgement as from a window or a web admin; or Open.
    void acknowledgeRequested(const QString &alertId);
    void openRequested();
    // A delivery ended (a test, or one with events, or a failure), as the log records it.
    void deliveryEnded(const NotifyDelivery &delivery);

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    struct Channel;

    class SelfCollector : public Collector
    {
    public:
        explicit SelfCollector(const NotifyService *service)
            : m_service(service)
        {}
        void collect(Snapshot &snapshot, qint64 nowNs) override;

    private:
        const NotifyService *m_service;
    };

    void readChannels();
    void offer(Channel &channel, const Alert &alert, qint64 nowMs);
    void enqueue(Channel &channel, NotifyEvent event, qint64 nowMs);
    void schedule(Channel &channel);
    void attempt(Channel &channel);
    void finish(Channel &channel, const QStringList &alerts, const QString &last,
                const QString &error);
    void record(const NotifyDelivery &delivery);
    void removeChannel(const QString &name);
    void giveUpOld(Channel &channel, qint64 nowMs);
    void scheduleRefresh();
    void refresh();
    void saveLater(Channel &channel);
    void saveLater();
    void saveDirty();
    qint64 backoffMs(int attempts) const;

    Settings *m_settings;
    Options m_options;
    QString m_host;
    QString m_dashboardUrl;
    NotifySender *m_sender;
    std::map<QString, std::unique_ptr<Channel>> m_channels;
    QTimer m_refresh;
    quint64 m_sent = 0;
    quint64 m_failed = 0;
    NotifyLog m_log;
    bool m_logDirty = false;
    bool m_saveQueued = false;
    SelfCollector m_self{this};
};

#pragma once

#include "notify/notifychannel.h"
#include "notify/notifyevent.h"

#include <QObject>

#include <functional>

class DesktopNotifications;
class QNetworkAccessManager;
class QNetworkReply;

// Sends one group of events to one channel and reports the outcome: "" for delivered, else why
// not, in words that never include the URL or a secret (Qt's error strings quote the URL, so
// they are not used). Each delivery runs on its own: a slow channel never holds up another.
class NotifySender : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QString &error)>;

    struct Request
    {
        NotifyChannel channel;
        QList<NotifyEvent> events; // the group to deliver, oldest first
        QList<NotifyEvent> open;   // alertmanager: every alert the channel holds as firing
        QString host;
        QString generatorUrl; // the dashboard, for Alertmanager's generatorURL
    };

    explicit NotifySender(int timeoutMs, QObject *parent = nullptr);
    ~NotifySender() override;

    void send(const Request &request, const Done &done);
    // Ends every delivery still running; their Done is not called.
    void abortAll();

signals:
    // From a desktop notification: the user picked Acknowledge on it (the alert's Alert::id()),
    // or Open.
    void acknowledgeRequested(const QString &alertId);
    void openRequested();

private:
    void sendHttp(const Request &request, const Done &done);
    void runCommand(const Request &request, const Done &done);
    void finishHttp(QNetworkReply *reply, const Done &done);
    DesktopNotifications *desktop();

    int m_timeoutMs;
    QNetworkAccessManager *m_network;
    // Channels with insecure=true only: a connection whose certificate was let through is kept
    // open for reuse, and must never carry a verified channel's request.
    QNetworkAccessManager *m_insecureNetwork;
    // On the session bus from the first desktop delivery on: a headless server with no desktop
    // channel never looks for a bus.
    DesktopNotifications *m_desktop = nullptr;
};

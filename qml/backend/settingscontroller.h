#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class NotifyService;
class ServerService;
class Settings;
struct NotifyDelivery;

// What the settings panel needs from the core Settings, and nothing it checks by itself: every
// value goes through Settings::validate() and Settings::apply(), the same rules as the settings
// file and a web admin, so the panel can never accept what the core would refuse. Changes made
// elsewhere (a web admin, another apply) reach the panel through valuesChanged at once.
class SettingsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SettingsController belongs to the Backend")

    // Every key's effective value in its type, the token included (the desktop is its owner).
    Q_PROPERTY(QVariantMap values READ values NOTIFY valuesChanged)
    // The alert rules that have thresholds: cpu, memory, swap, disk, ...
    Q_PROPERTY(QStringList rules READ rules CONSTANT)
    // The settings file that changes are saved to.
    Q_PROPERTY(QString filePath READ filePath CONSTANT)
    // Where the server listens now ("http://127.0.0.1:8765/"), empty while it does not.
    Q_PROPERTY(QString listenUrl READ listenUrl NOTIFY serverChanged)
    // Why the server does not listen, empty while it does.
    Q_PROPERTY(QString serverError READ serverError NOTIFY serverChanged)
    // The dashboard URL to open in a browser on this machine (an any-address bind becomes
    // loopback); with ?token= when a token is set, which makes that browser an admin.
    Q_PROPERTY(QString browserUrl READ browserUrl NOTIFY serverChanged)
    // The notification channels, by name: each a map of its fields (type, url, secret, token,
    // headers, minSeverity, resolved, repeat, rules, enabled, insecure; the desktop is their owner
    // and sees the secrets), plus name, problem (why its settings do not work together, or ""),
    // last (its last delivery in words, or "") and lastOk.
    Q_PROPERTY(QVariantList channels READ channels NOTIFY channelsChanged)
    // The delivery log, newest first: each {time, channel, ok, test, what, error}.
    Q_PROPERTY(QVariantList deliveries READ deliveries NOTIFY channelsChanged)

public:
    // server may be null (no server): the URLs are then empty.
    SettingsController(Settings *settings, ServerService *server, QObject *parent = nullptr);

    QVariantMap values() const;
    QStringList rules() const;
    QString filePath() const;
    QString listenUrl() const;
    QString serverError() const;
    QString browserUrl() const;
    QVariantList channels() const;
    QVariantList deliveries() const;

    // "" if the value (text as typed, or a number) is allowed for the key, else why not.
    Q_INVOKABLE QString validate(const QString &key, const QVariant &value) const;
    // Applies, saves and announces one change; "" on success, else the errors, one per line,
    // and then nothing was applied.
    Q_INVOKABLE QString apply(const QString &key, const QVariant &value);
    // The key's effective value as a field shows it: numbers plainly, lists comma separated.
    Q_INVOKABLE QString text(const QString &key) const;
    // One line for a tooltip: what the key does and which values it allows.
    Q_INVOKABLE QString describe(const QString &key) const;
    // A new random token that the schema accepts (32 URL-safe characters); not applied.
    Q_INVOKABLE QString generateToken() const;
    // Sets the channel's fields ({"type": "webhook", "url": …}) at once, through
    // Settings::apply(); "" on success, else the errors, one per line. The desktop may set
    // command channels, which the web may not.
    Q_INVOKABLE QString applyChannel(const QString &name, const QVariantMap &fields);
    // Takes the channel out of the settings; its undelivered events go with it.
    Q_INVOKABLE QString removeChannel(const QString &name);
    // Delivers a test event to the channel now; testEnded tells how it went. False if it cannot
    // be tried (no such channel, or its settings do not work together).
    Q_INVOKABLE bool sendTest(const QString &name);
    // Puts text on the system clipboard.
    Q_INVOKABLE void copyToClipboard(const QString &text) const;

signals:
    void valuesChanged();
    // The keys whose effective values changed, from the panel or from anywhere else.
    void settingsChanged(const QStringList &keys);
    void serverChanged();
    void channelsChanged();
    // A Send test ended: ok, or the reason it failed in text.
    void testEnded(const QString &channel, bool ok, const QString &text);

private:
    Settings *m_settings;
    QPointer<ServerService> m_server;
    QPointer<NotifyService> m_notify;
};

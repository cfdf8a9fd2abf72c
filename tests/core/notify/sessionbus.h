#pragma once

#include "fixturetree.h"

#include <QDBusConnection>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QVariantMap>

#include <memory>

// A notification server as the Desktop Notifications Specification has it, on a connection of
// the test's own: it records every call, numbers notifications from 1, and signals what a user
// would do with them.
class RecordingNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString method;
        QString app;
        uint replaces = 0;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int timeout = 0;
        uint id = 0; // what Notify answered, or the notification CloseNotification closed
    };
    QList<Call> calls;

public slots:
    uint Notify(const QString &app, uint replaces, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints,
                int timeout)
    {
        const uint id = replaces != 0 ? replaces : ++m_last;
        calls.append({QStringLiteral("Notify"), app, replaces, icon, summary, body, actions, hints,
                      timeout, id});
        return id;
    }
    void CloseNotification(uint id)
    {
        Call call;
        call.method = QStringLiteral("CloseNotification");
        call.id = id;
        calls.append(call);
        emit NotificationClosed(id, 3); // 3: closed by a call to CloseNotification
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }

signals:
    void ActionInvoked(uint id, const QString &action_key);
    void NotificationClosed(uint id, uint reason);

private:
    uint m_last = 0;
};

// A session bus of the test's own: `dbus-daemon --session` with no service files, so nothing is
// started on demand and a name nobody owns is a server that is absent. Once started, it is this
// process's session bus and that of every process it starts; stopped by its PID.
class TestSessionBus
{
public:
    static constexpr const char *Daemon = "/usr/bin/dbus-daemon";

    TestSessionBus() = default;
    TestSessionBus(const TestSessionBus &) = delete;
    TestSessionBus &operator=(const TestSessionBus &) = delete;
    ~TestSessionBus()
    {
        unregisterServer();
        if (m_daemon.state() == QProcess::NotRunning)
            return;
        m_daemon.terminate(); // SIGTERM to its PID
        if (!m_daemon.waitForFinished(10000))
            m_daemon.kill();
        m_daemon.waitForFinished();
    }

    // Starts the daemon and makes it DBUS_SESSION_BUS_ADDRESS; before the first use of
    // QDBusConnection::sessionBus(), which keeps the first address it finds.
    bool start()
    {
        const QString config = m_dir.filePath(QStringLiteral("session.conf"));
        if (!writeFile(config, Config))
            return false;
        m_daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_daemon.start(QString::fromLatin1(Daemon),
                       {QStringLiteral("--nofork"), QStringLiteral("--print-address"),
                        QStringLiteral("--config-file=") + config});
        if (!m_daemon.waitForStarted() ||
            !QTest::qWaitFor([this] { return m_daemon.canReadLine(); }, 20000))
            return false;
        m_address = QString::fromUtf8(m_daemon.readLine().trimmed());
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
        return m_address.startsWith(u"unix:") && QDBusConnection::sessionBus().isConnected();
    }

    // A RecordingNotificationServer owning org.freedesktop.Notifications, on a connection of
    // its own; null if the bus refused it.
    RecordingNotificationServer *registerServer()
    {
        m_server = std::make_unique<RecordingNotificationServer>();
        QDBusConnection connection = QDBusConnection::connectToBus(m_address, ServerConnection);
        const bool registered =
            connection.isConnected() &&
            connection.registerObject(
                QStringLiteral("/org/freedesktop/Notifications"), m_server.get(),
                QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals) &&
            connection.registerService(QStringLiteral("org.freedesktop.Notifications"));
        return registered ? m_server.get() : nullptr;
    }

    void unregisterServer()
    {
        if (!m_server)
            return;
        QDBusConnection connection(ServerConnection);
        connection.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        connection.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(ServerConnection);
        m_server.reset();
    }

private:
    inline static const QString ServerConnection = QStringLiteral("notifications");
    inline static const QByteArray Config =
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
        " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        "<busconfig>\n"
        "  <type>session</type>\n"
        "  <listen>unix:tmpdir=/tmp</listen>\n"
        "  <auth>EXTERNAL</auth>\n"
        "  <policy context=\"default\">\n"
        "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
        "    <allow eavesdrop=\"true\"/>\n"
        "    <allow own=\"*\"/>\n"
        "  </policy>\n"
        "</busconfig>\n";

    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    std::unique_ptr<RecordingNotificationServer> m_server;
};

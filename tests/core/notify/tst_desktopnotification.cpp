#include "fixturetree.h"
#include "notify/notifychannel.h"
#include "notify/notifyservice.h"
#include "requireorskip.h"
#include "settings/settings.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char *const DBusDaemon = "/usr/bin/dbus-daemon";

// A session bus of the test's own, with no service files: nothing is started on demand, so a
// name nobody owns is a server that is absent.
const QByteArray BusConfig =
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

// Memory in the fixture: MemAvailable 8192000 kB of 16384000 is (16384000 − 8192000) / 16384000
// = 50 % used, over the warning level 40.
const QByteArray Config = "[thresholds/memory]\n"
                          "warning = 40\n"
                          "critical = 90\n"
                          "for = 0\n"
                          "hysteresis = 5\n"
                          "[notify]\n"
                          "groupSeconds = 1\n"
                          "[notify/desk]\n"
                          "type = desktop\n"
                          "rules = memory\n";

// (16384000 − 11468800) / 16384000 = 30 % used, below 40 − 5 = 35: the alert resolves.
const QByteArray CalmMemory = "MemTotal:       16384000 kB\n"
                              "MemFree:        11468800 kB\n"
                              "MemAvailable:   11468800 kB\n"
                              "Buffers:               0 kB\n"
                              "Cached:                0 kB\n"
                              "SwapCached:            0 kB\n"
                              "SReclaimable:          0 kB\n"
                              "SwapTotal:       2048000 kB\n"
                              "SwapFree:        1536000 kB\n";

} // namespace

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

// Desktop channels against a real session bus (dbus-daemon started by the test, stopped by its
// PID): what a notification server is asked to show, the Acknowledge action reaching every web
// client as the shared acknowledgement, and what happens where no server answers.
class TestDesktopNotification : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void acknowledgeOnTheNotificationReachesWebClients();
    void noNotificationServerFailsTheDeliveryAndKeepsTheEvent();
    void theDesktopBuildAddsADesktopChannelUnlessOneIsSet();

private:
    bool startVantage();
    bool registerServer();

    QTemporaryDir m_busDir;
    QProcess m_daemon;
    QString m_address;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VantageProcess> m_vantage;
    std::unique_ptr<RecordingNotificationServer> m_server;
};

void TestDesktopNotification::initTestCase()
{
    VANTAGE_REQUIRE_OR_SKIP(QFileInfo(QString::fromLatin1(DBusDaemon)).isExecutable(),
                            "no dbus-daemon: install Debian's dbus package");
    const QString config = m_busDir.filePath(QStringLiteral("session.conf"));
    QVERIFY(writeFile(config, BusConfig));
    m_daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_daemon.start(QString::fromLatin1(DBusDaemon),
                   {QStringLiteral("--nofork"), QStringLiteral("--print-address"),
                    QStringLiteral("--config-file=") + config});
    QVERIFY(m_daemon.waitForStarted());
    QVERIFY(QTest::qWaitFor([this] { return m_daemon.canReadLine(); }, 20000));
    m_address = QString::fromUtf8(m_daemon.readLine().trimmed());
    QVERIFY(m_address.startsWith(u"unix:"));
    // Every session bus of this process and of the vantage it starts is the test's.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    QVERIFY(QDBusConnection::sessionBus().isConnected());
}

void TestDesktopNotification::cleanupTestCase()
{
    if (m_daemon.state() == QProcess::NotRunning)
        return;
    m_daemon.terminate(); // SIGTERM to its PID
    if (!m_daemon.waitForFinished(10000))
        m_daemon.kill();
    m_daemon.waitForFinished();
}

void TestDesktopNotification::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDesktopNotification::cleanup()
{
    m_vantage.reset();
    if (m_server) {
        QDBusConnection connection(QStringLiteral("notifications"));
        connection.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        connection.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("notifications"));
        m_server.reset();
    }
}

bool TestDesktopNotification::registerServer()
{
    m_server = std::make_unique<RecordingNotificationServer>();
    QDBusConnection connection =
        QDBusConnection::connectToBus(m_address, QStringLiteral("notifications"));
    return connection.isConnected() &&
           connection.registerObject(
               QStringLiteral("/org/freedesktop/Notifications"), m_server.get(),
               QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals) &&
           connection.registerService(QStringLiteral("org.freedesktop.Notifications"));
}

bool TestDesktopNotification::startVantage()
{
    if (!copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), m_dir->path()))
        return false;
    m_vantage = std::make_unique<VantageProcess>();
    if (!writeFile(m_vantage->configFile(), Config))
        return false;
    const bool started =
        m_vantage->start({QStringLiteral("--interval"), QStringLiteral("0.2"),
                          QStringLiteral("--proc-root"), m_dir->filePath(QStringLiteral("proc")),
                          QStringLiteral("--sys-root"), m_dir->filePath(QStringLiteral("sys"))});
    if (!started)
        qWarning("vantage did not serve: %s", qPrintable(m_vantage->errorString()));
    return started;
}

void TestDesktopNotification::acknowledgeOnTheNotificationReachesWebClients()
{
    QVERIFY(registerServer());
    QVERIFY(startVantage());
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->calls.isEmpty(), 20000);
    const RecordingNotificationServer::Call shown = m_server->calls.constFirst();
    QCOMPARE(shown.method, QStringLiteral("Notify"));
    QCOMPARE(shown.app, QStringLiteral("Vantage"));
    QCOMPARE(shown.replaces, 0u);
    QCOMPARE(shown.icon, QStringLiteral("vantage"));
    QCOMPARE(shown.summary, QStringLiteral("Warning: memory"));
    QCOMPARE(shown.body, QStringLiteral("Memory at 50 % (warning at 40 %)"));
    QCOMPARE(shown.actions,
             QStringList({QStringLiteral("acknowledge"), QStringLiteral("Acknowledge"),
                          QStringLiteral("default"), QStringLiteral("Open")}));
    // The specification's urgency is a byte: 1 normal (a warning), 2 critical.
    QCOMPARE(shown.hints.value(QStringLiteral("urgency")).metaType(), QMetaType::fromType<uchar>());
    QCOMPARE(shown.hints.value(QStringLiteral("urgency")).value<uchar>(), uchar(1));
    QCOMPARE(shown.hints.value(QStringLiteral("desktop-entry")).toString(),
             QStringLiteral("vantage"));
    QCOMPARE(shown.timeout, -1);

    WsClient viewer;
    QVERIFY(viewer.open(m_vantage->port()));
    const QJsonObject firing = viewer.waitFor("alert", 10000);
    QCOMPARE(firing.value("id").toString(), QStringLiteral("memory"));
    QCOMPARE(firing.value("acknowledged").toBool(), false);

    // Someone else's notification, with the next number the server would give: not ours, so
    // nothing is acknowledged by it.
    emit m_server->ActionInvoked(shown.id + 1, QStringLiteral("acknowledge"));
    emit m_server->ActionInvoked(shown.id, QStringLiteral("acknowledge"));
    const auto acknowledged = [&viewer] {
        const QList<QJsonObject> alerts = viewer.ofType("alert");
        return std::any_of(alerts.begin(), alerts.end(), [](const QJsonObject &alert) {
            return alert.value("id").toString() == u"memory" &&
                   alert.value("acknowledged").toBool();
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(), 10000);

    // The end of the alert replaces its notification: low urgency (0), nothing to acknowledge.
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("proc/meminfo")), CalmMemory));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->calls.size(), 2, 20000);
    const RecordingNotificationServer::Call ended = m_server->calls.at(1);
    QCOMPARE(ended.method, QStringLiteral("Notify"));
    QCOMPARE(ended.replaces, shown.id);
    QCOMPARE(ended.summary, QStringLiteral("Resolved: memory"));
    QCOMPARE(ended.body, QStringLiteral("Memory at 30 %: back to normal"));
    QCOMPARE(ended.actions, QStringList({QStringLiteral("default"), QStringLiteral("Open")}));
    QCOMPARE(ended.hints.value(QStringLiteral("urgency")).value<uchar>(), uchar(0));
}

void TestDesktopNotification::noNotificationServerFailsTheDeliveryAndKeepsTheEvent()
{
    QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(
        QStringLiteral("org.freedesktop.Notifications")));
    const QString file = m_dir->filePath(QStringLiteral("vantage.conf"));
    QVERIFY(writeFile(file, "[notify]\ngroupSeconds = 1\n[notify/desk]\ntype = desktop\n"));
    Settings settings(file);
    QVERIFY(settings.load());
    NotifyService::Options options;
    options.folder = m_dir->filePath(QStringLiteral("notify"));
    options.firstRetryMs = 60000; // one attempt within the test
    options.timeoutMs = 5000;
    NotifyService service(&settings, options);
    QVERIFY(service.initialize());
    QSignalSpy delivered(&service, &NotifyService::delivered);

    Alert alert;
    alert.rule = QStringLiteral("memory");
    alert.severity = AlertSeverity::Critical;
    alert.value = 95;
    alert.threshold = 90;
    alert.ts = alert.since = 1700000000000;
    alert.message = QStringLiteral("Memory at 95 % (critical at 90 %)");
    service.notify(alert);

    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10000);
    QCOMPARE(delivered.at(0).at(0).toString(), QStringLiteral("desk"));
    QCOMPARE(delivered.at(0).at(2).toString(),
             QStringLiteral("no notification server on the session bus"));
    QCOMPARE(service.failed(), 1u);
    QCOMPARE(service.pending(QStringLiteral("desk")), 1);
}

void TestDesktopNotification::theDesktopBuildAddsADesktopChannelUnlessOneIsSet()
{
    const auto channelsOf = [this](const QByteArray &text, bool *added) {
        const QString file = m_dir->filePath(QStringLiteral("vantage.conf"));
        QList<NotifyChannel> channels;
        if (!writeFile(file, text))
            return channels;
        Settings settings(file);
        settings.load();
        *added = NotifyChannel::addDesktopDefault(settings);
        return NotifyChannel::fromSettings(settings);
    };
    bool added = false;
    QList<NotifyChannel> channels = channelsOf({}, &added);
    QVERIFY(added);
    QCOMPARE(channels.size(), 1);
    QCOMPARE(channels.at(0).name, QStringLiteral("desktop"));
    QCOMPARE(channels.at(0).type, NotifyChannel::Type::Desktop);
    QVERIFY(channels.at(0).enabled);

    // Turned off in the file: there, but delivering nothing.
    channels = channelsOf("[notify/desktop]\nenabled = false\n", &added);
    QVERIFY(added);
    QCOMPARE(channels.size(), 1);
    QCOMPARE(channels.at(0).type, NotifyChannel::Type::Desktop);
    QVERIFY(!channels.at(0).enabled);

    // A desktop channel of the user's own is the only one.
    channels = channelsOf("[notify/mine]\ntype = desktop\nminSeverity = critical\n", &added);
    QVERIFY(!added);
    QCOMPARE(channels.size(), 1);
    QCOMPARE(channels.at(0).name, QStringLiteral("mine"));
    QCOMPARE(channels.at(0).minSeverity, AlertSeverity::Critical);

    // "desktop" naming a channel of another kind keeps it so.
    channels =
        channelsOf("[notify/desktop]\ntype = webhook\nurl = https://hooks.example.org/x\n", &added);
    QVERIFY(!added);
    QCOMPARE(channels.size(), 1);
    QCOMPARE(channels.at(0).type, NotifyChannel::Type::Webhook);
}

QTEST_GUILESS_MAIN(TestDesktopNotification)
#include "tst_desktopnotification.moc"

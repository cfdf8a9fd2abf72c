#include "fixturetree.h"
#include "notify/notifychannel.h"
#include "notify/notifyservice.h"
#include "requireorskip.h"
#include "sessionbus.h"
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
    void theEndClosesTheNotificationWhenResolvedIsOff();
    void noNotificationServerFailsTheDeliveryAndKeepsTheEvent();
    void theDesktopBuildAddsADesktopChannelUnlessOneIsSet();

private:
    bool startVantage();
    std::unique_ptr<NotifyService> startService(const QByteArray &config);

    std::unique_ptr<Settings> m_settings;

    std::unique_ptr<TestSessionBus> m_bus;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VantageProcess> m_vantage;
    RecordingNotificationServer *m_server = nullptr;
};

void TestDesktopNotification::initTestCase()
{
    VANTAGE_REQUIRE_OR_SKIP(QFileInfo(QString::fromLatin1(TestSessionBus::Daemon)).isExecutable(),
                            "no dbus-daemon: install Debian's dbus package");
    m_bus = std::make_unique<TestSessionBus>();
    QVERIFY(m_bus->start());
}

void TestDesktopNotification::cleanupTestCase()
{
    m_bus.reset();
}

void TestDesktopNotification::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDesktopNotification::cleanup()
{
    m_vantage.reset();
    m_settings.reset();
    if (m_bus)
        m_bus->unregisterServer();
    m_server = nullptr;
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
    m_server = m_bus->registerServer();
    QVERIFY(m_server);
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

// A NotifyService of this process on the test's bus, one attempt per delivery within a test.
std::unique_ptr<NotifyService> TestDesktopNotification::startService(const QByteArray &config)
{
    const QString file = m_dir->filePath(QStringLiteral("vantage.conf"));
    if (!writeFile(file, config))
        return {};
    m_settings = std::make_unique<Settings>(file);
    if (!m_settings->load())
        return {};
    NotifyService::Options options;
    options.folder = m_dir->filePath(QStringLiteral("notify"));
    options.firstRetryMs = 60000;
    options.timeoutMs = 5000;
    auto service = std::make_unique<NotifyService>(m_settings.get(), options);
    return service->initialize() ? std::move(service) : nullptr;
}

namespace {

Alert criticalMemory()
{
    Alert alert;
    alert.rule = QStringLiteral("memory");
    alert.severity = AlertSeverity::Critical;
    alert.value = 95;
    alert.threshold = 90;
    alert.ts = alert.since = 1700000000000;
    alert.message = QStringLiteral("Memory at 95 % (critical at 90 %)");
    return alert;
}

} // namespace

void TestDesktopNotification::theEndClosesTheNotificationWhenResolvedIsOff()
{
    m_server = m_bus->registerServer();
    QVERIFY(m_server);
    const auto service = startService(
        "[notify]\ngroupSeconds = 1\n[notify/desk]\ntype = desktop\nresolved = false\n");
    QVERIFY(service);
    QSignalSpy delivered(service.get(), &NotifyService::delivered);

    Alert alert = criticalMemory();
    service->notify(alert);
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10000);
    QCOMPARE(delivered.at(0).at(2).toString(), QString());
    QCOMPARE(m_server->calls.size(), 1);
    QCOMPARE(m_server->calls.at(0).summary, QStringLiteral("Critical: memory"));
    QCOMPARE(m_server->calls.at(0).hints.value(QStringLiteral("urgency")).value<uchar>(), uchar(2));

    alert.state = Alert::State::Resolved;
    alert.value = 30;
    alert.ts = 1700000060000;
    alert.message = QStringLiteral("Memory at 30 %: back to normal");
    service->notify(alert);
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, 10000);
    QCOMPARE(delivered.at(1).at(2).toString(), QString());
    QCOMPARE(m_server->calls.size(), 2);
    QCOMPARE(m_server->calls.at(1).method, QStringLiteral("CloseNotification"));
    QCOMPARE(m_server->calls.at(1).id, m_server->calls.at(0).id);
}

void TestDesktopNotification::noNotificationServerFailsTheDeliveryAndKeepsTheEvent()
{
    QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(
        QStringLiteral("org.freedesktop.Notifications")));
    const auto service =
        startService("[notify]\ngroupSeconds = 1\n[notify/desk]\ntype = desktop\n");
    QVERIFY(service);
    QSignalSpy delivered(service.get(), &NotifyService::delivered);

    service->notify(criticalMemory());
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10000);
    QCOMPARE(delivered.at(0).at(0).toString(), QStringLiteral("desk"));
    QCOMPARE(delivered.at(0).at(2).toString(),
             QStringLiteral("no notification server on the session bus"));
    QCOMPARE(service->failed(), 1u);
    QCOMPARE(service->pending(QStringLiteral("desk")), 1);
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

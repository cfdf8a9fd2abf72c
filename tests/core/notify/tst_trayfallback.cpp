#include "alertnotifier.h"
#include "fixturetree.h"
#include "requireorskip.h"
#include "sessionbus.h"
#include "settings/settings.h"
#include "vantageprocess.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

Alert firing(const QString &rule, AlertSeverity severity)
{
    Alert alert;
    alert.rule = rule;
    alert.severity = severity;
    return alert;
}

} // namespace

// The window's tray announces an alert only where no desktop channel can show it through a
// notification server on the session bus (a bus of the test's own), so that an alert never pops
// up twice and never goes unseen; and the window has a desktop channel of its own.
class TestTrayFallback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theTrayAnnouncesWhatNoDesktopChannelShows();
    void aDesktopChannelTurnedOffLeavesEverythingToTheTray();
    void theWindowShowsAlertsOnTheNotificationServer();

private:
    std::unique_ptr<Settings> settingsWith(const QByteArray &text);

    QTemporaryDir m_dir;
    std::unique_ptr<TestSessionBus> m_bus;
    int m_files = 0;
};

void TestTrayFallback::initTestCase()
{
    VANTAGE_REQUIRE_OR_SKIP(QFileInfo(QString::fromLatin1(TestSessionBus::Daemon)).isExecutable(),
                            "no dbus-daemon: install Debian's dbus package");
    m_bus = std::make_unique<TestSessionBus>();
    QVERIFY(m_bus->start());
}

std::unique_ptr<Settings> TestTrayFallback::settingsWith(const QByteArray &text)
{
    const QString file = m_dir.filePath(QStringLiteral("vantage%1.conf").arg(++m_files));
    auto settings = std::make_unique<Settings>(file);
    if (!writeFile(file, text) || !settings->load())
        return {};
    return settings;
}

void TestTrayFallback::theTrayAnnouncesWhatNoDesktopChannelShows()
{
    const auto settings = settingsWith("[notify/desk]\ntype = desktop\nminSeverity = critical\n");
    QVERIFY(settings);
    AlertNotifier notifier;
    notifier.setSettings(settings.get());

    // No notification server on the bus: the tray is the fallback.
    QVERIFY(notifier.handle(firing(QStringLiteral("cpu"), AlertSeverity::Critical)));

    QVERIFY(m_bus->registerServer());
    // The desktop channel shows a critical alert: the tray stays quiet.
    QVERIFY(!notifier.handle(firing(QStringLiteral("memory"), AlertSeverity::Critical)));
    // A warning the channel leaves out (minSeverity = critical) is the tray's still.
    QVERIFY(notifier.handle(firing(QStringLiteral("swap"), AlertSeverity::Warning)));

    // The server gone, the tray takes over again.
    m_bus->unregisterServer();
    QVERIFY(notifier.handle(firing(QStringLiteral("disk"), AlertSeverity::Critical)));
}

void TestTrayFallback::aDesktopChannelTurnedOffLeavesEverythingToTheTray()
{
    const auto settings = settingsWith("[notify/desk]\ntype = desktop\nenabled = false\n");
    QVERIFY(settings);
    AlertNotifier notifier;
    notifier.setSettings(settings.get());
    QVERIFY(m_bus->registerServer());
    QVERIFY(notifier.handle(firing(QStringLiteral("memory"), AlertSeverity::Critical)));
    m_bus->unregisterServer();
}

// A real vantage with its window (offscreen), a settings file with no channel at all: the desktop
// channel it adds shows the alert. Memory in the fixture: (16384000 − 8192000) / 16384000 = 50 %
// used, over the warning level 40.
void TestTrayFallback::theWindowShowsAlertsOnTheNotificationServer()
{
    RecordingNotificationServer *server = m_bus->registerServer();
    QVERIFY(server);
    QTemporaryDir home;
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), home.path()));
    const QString config = home.filePath(QStringLiteral("vantage.conf"));
    QVERIFY(writeFile(config, "[thresholds/memory]\nwarning = 40\ncritical = 90\nfor = 0\n"));
    QProcessEnvironment env = VantageProcess::isolatedEnvironment(home.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    QProcess vantage;
    vantage.setProcessEnvironment(env);
    vantage.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    vantage.start(QStringLiteral(VANTAGE_BINARY),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--config"),
                   config, QStringLiteral("--interval"), QStringLiteral("0.2"),
                   QStringLiteral("--proc-root"), home.filePath(QStringLiteral("proc")),
                   QStringLiteral("--sys-root"), home.filePath(QStringLiteral("sys"))});
    QVERIFY(vantage.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!server->calls.isEmpty(), 30000);
    QCOMPARE(server->calls.at(0).summary, QStringLiteral("Warning: memory"));
    QCOMPARE(server->calls.at(0).body, QStringLiteral("Memory at 50 % (warning at 40 %)"));
    ::kill(pid_t(vantage.processId()), SIGTERM);
    QVERIFY(vantage.waitForFinished(10000));
    QCOMPARE(vantage.exitCode(), 0);
    m_bus->unregisterServer();
}

QTEST_GUILESS_MAIN(TestTrayFallback)
#include "tst_trayfallback.moc"

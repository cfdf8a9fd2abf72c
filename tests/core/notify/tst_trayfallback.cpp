#include "alertnotifier.h"
#include "fixturetree.h"
#include "requireorskip.h"
#include "sessionbus.h"
#include "settings/settings.h"

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
// up twice and never goes unseen.
class TestTrayFallback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theTrayAnnouncesWhatNoDesktopChannelShows();
    void aDesktopChannelTurnedOffLeavesEverythingToTheTray();

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

QTEST_GUILESS_MAIN(TestTrayFallback)
#include "tst_trayfallback.moc"

#include "alerts/alertservice.h"
#include "desktopsession.h"
#include "settings/settings.h"
#include "support/fixtureharness.h"
#include "trayicon.h"

#include <QApplication>
#include <QTest>

// The desktop session over the real core on the fixture machine (memory 50% used: meminfo
// (16384000 - 8192000) / 16384000): the tray's colour follows the worst active alert, and the
// alerts that fire or escalate unacknowledged are handed to the tray, which shows nothing (and
// does not crash) where the platform has no tray, as on the offscreen platform here.
class TestDesktopSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void trayFollowsTheWorstAlert();
    void firingAndEscalationAreAnnounced();

private:
    bool apply(const QVariantMap &changes);

    FixtureHarness m_harness{0.1};
    std::unique_ptr<DesktopSession> m_session;
};

void TestDesktopSession::initTestCase()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    m_session = std::make_unique<DesktopSession>(m_harness.monitor());
    QVERIFY2(m_session->open(), qPrintable(m_session->errorString()));
    QVERIFY(!m_session->tray()->isVisible()); // offscreen: no tray
    // Only the memory rule may fire here (the fixture mounts the real /, ticks may run late).
    QVERIFY(apply({{"thresholds/tick/warning", 1000},
                   {"thresholds/tick/critical", 1000},
                   {"thresholds/disk/warning", 100},
                   {"thresholds/disk/critical", 100}}));
}

void TestDesktopSession::cleanup()
{
    QVERIFY(apply({{"thresholds/memory/warning", 80}, {"thresholds/memory/critical", 95}}));
    QTRY_COMPARE(m_harness.monitor()->alerts()->active().size(), 0);
}

bool TestDesktopSession::apply(const QVariantMap &changes)
{
    const QStringList errors = m_harness.monitor()->settings()->apply(changes);
    if (!errors.isEmpty())
        qWarning("%s", qPrintable(errors.join(u'\n')));
    return errors.isEmpty();
}

void TestDesktopSession::trayFollowsTheWorstAlert()
{
    TrayIcon *tray = m_session->tray();
    QCOMPARE(tray->status(), TrayIcon::Status::Ok);
    QVERIFY(apply({{"thresholds/memory/warning", 40}, {"thresholds/memory/for", 0}}));
    QTRY_COMPARE(tray->status(), TrayIcon::Status::Warning);
    QVERIFY(apply({{"thresholds/memory/critical", 45}}));
    QTRY_COMPARE(tray->status(), TrayIcon::Status::Critical);
    // Back above 50 + the hysteresis of 5: resolved, green again.
    QVERIFY(apply({{"thresholds/memory/warning", 80}, {"thresholds/memory/critical", 95}}));
    QTRY_COMPARE(tray->status(), TrayIcon::Status::Ok);
}

void TestDesktopSession::firingAndEscalationAreAnnounced()
{
    QList<Alert> due;
    connect(m_session->notifier(), &AlertNotifier::notificationDue, this,
            [&due](const Alert &alert) { due.append(alert); });
    QVERIFY(apply({{"thresholds/memory/warning", 40}, {"thresholds/memory/for", 0}}));
    QTRY_COMPARE(due.size(), 1);
    QCOMPARE(due.first().message, QStringLiteral("Memory at 50 % (warning at 40 %)"));
    QVERIFY(m_harness.monitor()->alerts()->acknowledge(QStringLiteral("memory")));
    // The acknowledgement and the ticks after it are no news.
    QTest::qWait(500);
    QCOMPARE(due.size(), 1);
    QVERIFY(apply({{"thresholds/memory/critical", 45}}));
    QTRY_COMPARE(due.size(), 2);
    QCOMPARE(due.last().severity, AlertSeverity::Critical);
    QVERIFY(!due.last().acknowledged);
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv); // the window's charts need a QApplication
    DesktopSession::chooseStyle();
    TestDesktopSession test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktopsession.moc"

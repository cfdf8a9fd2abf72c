#include "trayicon.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

// The tray icon's state colour (the alerts drive it: tst_desktopsession), its window toggle, the
// close rule: closing hides the window only while a tray icon is shown; without a tray (as on
// the offscreen platform here) the window closes as usual, and alerts show no notification.
class TestTrayIcon : public QObject
{
    Q_OBJECT

private slots:
    void statesHaveDistinctColours();
    void statusChangeIsAnnounced();
    void toggleShowsAndHides();
    void withoutTrayCloseCloses();
    void withoutTrayNoNotification();
};

void TestTrayIcon::statesHaveDistinctColours()
{
    using S = TrayIcon::Status;
    const QColor ok = TrayIcon::colorFor(S::Ok);
    const QColor warning = TrayIcon::colorFor(S::Warning);
    const QColor critical = TrayIcon::colorFor(S::Critical);
    QVERIFY(ok.green() > ok.red());             // green
    QVERIFY(critical.red() > critical.green()); // red
    QVERIFY(warning != ok && warning != critical);
}

void TestTrayIcon::statusChangeIsAnnounced()
{
    QWindow window;
    TrayIcon tray(&window, [] { return QUrl(); });
    QCOMPARE(tray.status(), TrayIcon::Status::Ok); // no alerts yet: green
    QSignalSpy changed(&tray, &TrayIcon::statusChanged);
    tray.setStatus(TrayIcon::Status::Critical);
    tray.setStatus(TrayIcon::Status::Critical);
    QCOMPARE(changed.count(), 1);
    QVERIFY(tray.setProperty("status", QVariant::fromValue(TrayIcon::Status::Warning)));
    QCOMPARE(tray.status(), TrayIcon::Status::Warning);
}

void TestTrayIcon::toggleShowsAndHides()
{
    QWindow window;
    TrayIcon tray(&window, [] { return QUrl(); });
    tray.toggleWindow();
    QVERIFY(window.isVisible());
    tray.toggleWindow();
    QVERIFY(!window.isVisible());
}

void TestTrayIcon::withoutTrayCloseCloses()
{
    QWindow window;
    TrayIcon tray(&window, [] { return QUrl(); });
    QVERIFY(!TrayIcon::isAvailable()); // the offscreen platform has no tray
    QVERIFY(!tray.show());
    window.show();
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
}

void TestTrayIcon::withoutTrayNoNotification()
{
    QWindow window;
    TrayIcon tray(&window, [] { return QUrl(); });
    QVERIFY(!tray.show());
    Alert alert;
    alert.rule = QStringLiteral("memory");
    alert.severity = AlertSeverity::Critical;
    alert.message = QStringLiteral("Memory at 96 % (critical at 95 %)");
    QVERIFY(!tray.showAlert(alert));
}

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"

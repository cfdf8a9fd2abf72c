#include "desktopsession.h"
#include "support/fixtureharness.h"
#include "windowstatestore.h"

#include <QApplication>
#include <QFile>
#include <QScreen>
#include <QSettings>
#include <QTest>

// The window's own state lives beside the settings file and comes back on the next start;
// values that no longer make sense (a view that does not exist, a place off every screen, a
// chart window the choice does not offer) are ignored. The window is the real one (Main.qml,
// through DesktopSession as the application opens it) over the real core on the fixture machine,
// so the views it counts are the ones a user can pick.
class TestWindowStateStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fileIsBesideTheSettings();
    void tenthViewComesBack();
    void nonsenseIsIgnored();

private:
    std::unique_ptr<DesktopSession> openWindow();
    QString statePath() const;

    FixtureHarness m_harness{0.2};
};

void TestWindowStateStore::initTestCase()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
}

void TestWindowStateStore::init()
{
    QFile::remove(statePath());
}

QString TestWindowStateStore::statePath() const
{
    return WindowStateStore::pathBeside(m_harness.settingsFile());
}

std::unique_ptr<DesktopSession> TestWindowStateStore::openWindow()
{
    auto session = std::make_unique<DesktopSession>(m_harness.monitor());
    if (!session->open())
        qWarning("%s", qPrintable(session->errorString()));
    return session;
}

void TestWindowStateStore::fileIsBesideTheSettings()
{
    QCOMPARE(WindowStateStore::pathBeside(QStringLiteral("/home/u/.config/vantage/vantage.conf")),
             QStringLiteral("/home/u/.config/vantage/desktop.ini"));
}

// Main.qml lists thirteen views, Alerts on Ctrl+0 (index 9), Services, GPU and Fleet past it: a
// store that only took indexes below nine would lose Alerts.
void TestWindowStateStore::tenthViewComesBack()
{
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    const QRect geometry(screen.x() + 20, screen.y() + 30, 900, 600);
    {
        const std::unique_ptr<DesktopSession> first = openWindow();
        QQuickWindow *window = first->window();
        QVERIFY(window);
        QCOMPARE(window->property("viewCount").toInt(), 13);
        window->setGeometry(geometry);
        window->setProperty("currentView", 9);
        window->setProperty("windowSeconds", 86400); // a window of the store: 24 h
        first->saveState();
    }
    QVERIFY(QFile::exists(statePath()));
    const QSettings saved(statePath(), QSettings::IniFormat);
    QCOMPARE(saved.value(QStringLiteral("window/view")).toInt(), 9);
    QCOMPARE(saved.value(QStringLiteral("window/chartSeconds")).toInt(), 86400);
    QCOMPARE(saved.value(QStringLiteral("window/geometry")).toRect(), geometry);

    const std::unique_ptr<DesktopSession> second = openWindow();
    QQuickWindow *window = second->window();
    QVERIFY(window);
    QCOMPARE(window->property("currentView").toInt(), 9);
    QCOMPARE(window->property("windowSeconds").toInt(), 86400);
    QCOMPARE(window->geometry(), geometry);
    // The view shown is the alerts view: only it has the alert log.
    const auto *view = window->property("currentItem").value<QObject *>();
    QVERIFY(view);
    QVERIFY(view->findChild<QObject *>(QStringLiteral("alertLog")));
}

void TestWindowStateStore::nonsenseIsIgnored()
{
    QRect fresh;
    {
        const std::unique_ptr<DesktopSession> session = openWindow();
        QVERIFY(session->window());
        fresh = session->window()->geometry();
    }
    QFile file(statePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    // View 13 is one past the last of the thirteen; 7 s is not one of the chart windows.
    file.write("[window]\ngeometry=@Rect(-90000 -90000 300 200)\nview=13\nchartSeconds=7\n");
    file.close();
    const std::unique_ptr<DesktopSession> session = openWindow();
    QQuickWindow *window = session->window();
    QVERIFY(window);
    QCOMPARE(window->geometry(), fresh);
    QCOMPARE(window->property("currentView").toInt(), 0);
    QCOMPARE(window->property("windowSeconds").toInt(), 300);
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv); // the window's charts need a QApplication
    DesktopSession::chooseStyle();
    TestWindowStateStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowstatestore.moc"

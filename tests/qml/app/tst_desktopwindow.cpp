#include "desktopsession.h"
#include "monitor.h"
#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "settings/settings.h"

#include "processfiltermodel.h"
#include "services/processwatcher.h"

#include <QApplication>
#include <QProcess>
#include <QQuickItem>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// The desktop window in the process, over the real core on this machine.
//
// It opens when its web server cannot listen: with the port held by another program
// (a QTcpServer here), the monitor runs on without web access, the window says why above the
// views and where to change it, and a free port applied as the Settings view applies it turns
// web access on and the notice off; a taken port chosen later turns it on again.
class TestDesktopWindow : public QObject
{
    Q_OBJECT

private slots:
    void portInUseLeavesTheWindowWithANotice();
    void themeChoiceAppliesAtOnce();
    void processesViewFindsAChild();
};

void TestDesktopWindow::portInUseLeavesTheWindowWithANotice()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = holder.serverPort();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Monitor::Options options;
    options.configFile = dir.filePath(QStringLiteral("vantage.conf"));
    options.alertLogFile = dir.filePath(QStringLiteral("alerts.jsonl"));
    options.settingOverrides = {{QStringLiteral("server/port"), port},
                                {QStringLiteral("general/interval"), 0.2}};
    Monitor monitor(options);
    DesktopSession session(&monitor);
    QString error;
    QVERIFY2(DesktopSession::startMonitor(&monitor, &error), qPrintable(error));
    QVERIFY(!monitor.server()->isRunning());
    QVERIFY(monitor.metrics()->isRunning());
    QVERIFY2(session.open(), qPrintable(session.errorString()));

    auto *notice = session.window()->findChild<QQuickItem *>(QStringLiteral("webAccessNotice"));
    auto *text = session.window()->findChild<QQuickItem *>(QStringLiteral("webAccessNoticeText"));
    QVERIFY(notice && text);
    QVERIFY(notice->isVisible());
    // "The bound address is already in use" is Qt's wording of EADDRINUSE.
    QCOMPARE(text->property("text").toString(),
             QStringLiteral("Web access off: cannot listen on 127.0.0.1 port %1: The bound "
                            "address is already in use — change it in Settings")
                 .arg(port));

    // The Settings view applies a field with Settings::apply; port 0 picks a free one.
    QCOMPARE(monitor.settings()->apply({{QStringLiteral("server/port"), 0}}), QStringList());
    QTRY_VERIFY_WITH_TIMEOUT(monitor.server()->isRunning(), 10000);
    QVERIFY(monitor.server()->url().port() > 0);
    QVERIFY(monitor.server()->url().port() != port);
    QTRY_VERIFY(!notice->isVisible());

    // A port in use chosen later stops web access again (the server's own restart fails), and
    // the notice comes back until a free port is applied once more.
    QCOMPARE(monitor.settings()->apply({{QStringLiteral("server/port"), port}}), QStringList());
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 10000);
    QVERIFY(!monitor.server()->isRunning());
    QCOMPARE(monitor.settings()->apply({{QStringLiteral("server/port"), 0}}), QStringList());
    QTRY_VERIFY_WITH_TIMEOUT(monitor.server()->isRunning(), 10000);
    QTRY_VERIFY(!notice->isVisible());
    monitor.stop();
}

// The theme choice in the Settings view's Appearance card, picked with the keyboard as a user
// would (Down steps System → Light → Dark): the window's colour is the chosen palette's window
// colour at once, the choice is in desktop.ini at once, and the next window starts with it.
void TestDesktopWindow::themeChoiceAppliesAtOnce()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Monitor::Options options;
    options.configFile = dir.filePath(QStringLiteral("vantage.conf"));
    options.alertLogFile = dir.filePath(QStringLiteral("alerts.jsonl"));
    options.settingOverrides = {{QStringLiteral("server/port"), 0}};
    Monitor monitor(options);
    DesktopSession session(&monitor);
    QString error;
    QVERIFY2(DesktopSession::startMonitor(&monitor, &error), qPrintable(error));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    QQuickWindow *window = session.window();
    const QColor system = window->color();
    QVERIFY(window->findChild<QQuickItem *>(QStringLiteral("themeChoice")) == nullptr);
    window->setProperty("currentView", 8); // Settings, the ninth view (Ctrl+9)
    auto *box = window->findChild<QQuickItem *>(QStringLiteral("themeChoice"));
    QVERIFY(box && box->isVisible());
    QCOMPARE(box->property("currentIndex").toInt(), 0); // System, nothing saved yet

    window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window));
    box->forceActiveFocus();
    QVERIFY(box->hasActiveFocus());
    QTest::keyClick(window, Qt::Key_Down);
    QTRY_COMPARE(session.theme()->theme(), QStringLiteral("light"));
    QTRY_COMPARE(window->color(), QColor(0xef, 0xef, 0xef)); // the light palette's window
    QTest::keyClick(window, Qt::Key_Down);
    QTRY_COMPARE(session.theme()->theme(), QStringLiteral("dark"));
    QTRY_COMPARE(window->color(), QColor(0x26, 0x28, 0x2b)); // the dark palette's window
    const QString stateFile = dir.filePath(QStringLiteral("desktop.ini"));
    QCOMPARE(QSettings(stateFile, QSettings::IniFormat).value(QStringLiteral("desktop/theme")),
             QVariant(QStringLiteral("dark")));
    QCOMPARE(ThemeChoice(stateFile).theme(), QStringLiteral("dark"));

    // Back to the platform's palette, and the box follows a choice made elsewhere.
    session.theme()->setTheme(QStringLiteral("system"));
    QTRY_COMPARE(window->color(), system);
    QCOMPARE(box->property("currentIndex").toInt(), 0);
    monitor.stop();
}

// The Processes view on the real /proc: a child `sleep` this test starts is found by typing a
// part of its command line into the filter, a click selects it and the detail panel shows its whole
// command line. Only while the view is shown does the core scan the process list.
void TestDesktopWindow::processesViewFindsAChild()
{
    // The command line is argv joined by spaces: the program as started, then its arguments.
    const QString program = QStandardPaths::findExecutable(QStringLiteral("sleep"));
    QVERIFY(!program.isEmpty());
    QProcess sleeper;
    sleeper.start(program, {QStringLiteral("987654"), QStringLiteral("1")});
    QVERIFY(sleeper.waitForStarted());
    const auto stopSleeper = qScopeGuard([&sleeper] {
        sleeper.kill();
        sleeper.waitForFinished();
    });
    const QString pid = QString::number(sleeper.processId());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Monitor::Options options;
    options.configFile = dir.filePath(QStringLiteral("vantage.conf"));
    options.alertLogFile = dir.filePath(QStringLiteral("alerts.jsonl"));
    options.settingOverrides = {{QStringLiteral("server/port"), 0},
                                {QStringLiteral("general/interval"), 0.2}};
    Monitor monitor(options);
    DesktopSession session(&monitor);
    QString error;
    QVERIFY2(DesktopSession::startMonitor(&monitor, &error), qPrintable(error));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    QQuickWindow *window = session.window();
    ProcessWatcher *watcher = monitor.metrics()->processes();
    QCOMPARE(watcher->watchers(), 0);
    window->setProperty("currentView", 6); // Processes, the seventh view (Ctrl+7)
    QTRY_COMPARE(watcher->watchers(), 1);

    window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window));
    auto *filter = window->findChild<QQuickItem *>(QStringLiteral("processFilter"));
    QVERIFY(filter);
    filter->forceActiveFocus();
    for (const char key : {'9', '8', '7', '6', '5', '4'})
        QTest::keyClick(window, key);
    ProcessFilterModel *processes = session.backend()->processes();
    QTRY_COMPARE_WITH_TIMEOUT(processes->rowCount(), 1, 10000);
    QCOMPARE(QString::number(processes->pidAt(0)), pid);

    // TableView's delegates are items of its content item, not QObject children.
    auto *table = window->findChild<QQuickItem *>(QStringLiteral("processTable"));
    QVERIFY(table);
    const auto nameCell = [table]() -> QQuickItem * {
        const auto *content = table->property("contentItem").value<QQuickItem *>();
        for (QQuickItem *item : content->childItems()) {
            if (item->objectName() == QLatin1String("processCell_0_2") && item->isVisible())
                return item;
        }
        return nullptr;
    };
    QTRY_VERIFY(nameCell());
    QQuickItem *cell = nameCell();
    QTest::mouseClick(window, Qt::LeftButton, {},
                      cell->mapToScene(QPointF(cell->width() / 2, cell->height() / 2)).toPoint());
    QTRY_COMPARE(QString::number(processes->selectedPid()), pid);
    auto *panel = window->findChild<QQuickItem *>(QStringLiteral("processDetail"));
    auto *commandLine = window->findChild<QQuickItem *>(QStringLiteral("processCommandLine"));
    QVERIFY(panel && commandLine);
    QTRY_VERIFY(panel->isVisible());
    QTRY_COMPARE(commandLine->property("text").toString(), program + QStringLiteral(" 987654 1"));

    // Another view: the list is dropped and nothing is scanned.
    window->setProperty("currentView", 0);
    QTRY_COMPARE(watcher->watchers(), 0);
    QVERIFY(!watcher->isScanning());
    QCOMPARE(processes->rowCount(), 0);
    monitor.stop();
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv); // the window's charts need a QApplication
    DesktopSession::chooseStyle();
    TestDesktopWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktopwindow.moc"

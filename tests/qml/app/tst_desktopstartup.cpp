#include "httpprobe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

// vantage without --headless opens the window: with no display, or one that cannot be opened,
// it says so in one line, suggests --headless and exits 2 without starting anything (never
// Qt's abort); with a display (here the offscreen platform) it serves the dashboard like
// headless mode, restores the window's state from beside the settings file, and on SIGTERM
// stops cleanly and saves that state again. Its port taken, the window opens anyway. A second
// start for the same settings file brings the first window forward and exits 0.
class TestDesktopStartup : public QObject
{
    Q_OBJECT

private slots:
    void noDisplayExitsTwo_data();
    void noDisplayExitsTwo();
    void unreachableDisplayExitsTwo();
    void withDisplayServesAndKeepsWindowState();
    void portInUseStillOpensTheWindow();
    void secondStartRaisesTheFirst();
    void crashedRunDoesNotBlockTheNext();

private:
    QProcessEnvironment environment() const;
    QProcessEnvironment offscreen() const;
    // Starts vantage with a window on the offscreen platform; QProcess kills it at the latest
    // when the test ends.
    QProcess *startWindow(const QStringList &arguments);
    // Waits for the "Serving dashboard at" line and returns its port (0 if none came).
    static quint16 waitServing(QProcess *process);
    static int terminate(QProcess *process);

    QTemporaryDir m_home;
};

QProcessEnvironment TestDesktopStartup::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    // The single-instance socket lives in the runtime directory: one of the test's own.
    const QString runtime = m_home.filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    return env;
}

QProcessEnvironment TestDesktopStartup::offscreen() const
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

QProcess *TestDesktopStartup::startWindow(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    process->setProcessEnvironment(offscreen());
    process->start(QStringLiteral(VANTAGE_BINARY), arguments);
    process->waitForStarted();
    return process;
}

quint16 TestDesktopStartup::waitServing(QProcess *process)
{
    if (!QTest::qWaitFor([process] { return process->canReadLine(); }, 15000))
        return 0;
    const QRegularExpressionMatch served =
        QRegularExpression(
            QStringLiteral("^Serving dashboard at http://127\\.0\\.0\\.1:(\\d+)/\n$"))
            .match(QString::fromUtf8(process->readLine()));
    return served.hasMatch() ? served.captured(1).toUShort() : 0;
}

int TestDesktopStartup::terminate(QProcess *process)
{
    ::kill(pid_t(process->processId()), SIGTERM);
    if (!process->waitForFinished(10000) || process->exitStatus() != QProcess::NormalExit)
        return -1;
    return process->exitCode();
}

void TestDesktopStartup::noDisplayExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no flags") << QStringList{};
    QTest::newRow("with server flags") << QStringList{"--port", "0", "--interval", "0.5"};
}

void TestDesktopStartup::noDisplayExitsTwo()
{
    QFETCH(QStringList, arguments);
    QProcessEnvironment env = environment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(VANTAGE_BINARY), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(err.trimmed().count('\n'), 0); // one line
    QVERIFY2(err.contains("no display"), err.constData());
    QVERIFY2(err.contains("--headless"), err.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty()); // no server started
}

// DISPLAY names an X server that does not exist: Qt's xcb plugin cannot connect and would
// abort; vantage turns that into its one line and exit code 2.
void TestDesktopStartup::unreachableDisplayExitsTwo()
{
    // Display 4711 has no socket here (xvfb-run and a desktop start at 0 or 99).
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/.X11-unix/X4711")));
    QProcessEnvironment env = environment();
    for (const char *name : {"WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("DISPLAY"), QStringLiteral(":4711"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(VANTAGE_BINARY), {QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit); // not Qt's abort
    QCOMPARE(process.exitCode(), 2);
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(err.trimmed().count('\n'), 0); // one line
    QVERIFY2(err.startsWith("vantage: cannot open a window on display :4711 ("), err.constData());
    QVERIFY2(err.contains("use vantage --headless"), err.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty()); // no server started
}

// The window state of an earlier run (view 9, the last; a 900 s chart window; a geometry) sits
// beside the settings file, without the maximized flag that only a save writes. A working start
// restores it onto the real window, the server ticks, and a clean stop saves the window back:
// the same view, chart window and geometry, now with maximized=false.
void TestDesktopStartup::withDisplayServesAndKeepsWindowState()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QString config = m_home.filePath(QStringLiteral("run/vantage.conf"));
    const QString state = m_home.filePath(QStringLiteral("run/desktop.ini"));
    QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("run"))));
    {
        QFile file(state);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // The offscreen screen is 800 x 600 at 0, 0: this place is on it.
        file.write("[window]\ngeometry=@Rect(40 50 700 500)\nview=9\nchartSeconds=900\n");
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(VANTAGE_BINARY),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--interval"),
                   QStringLiteral("0.2"), QStringLiteral("--config"), config});
    QVERIFY(process.waitForStarted());
    const auto stop = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGKILL);
            process.waitForFinished();
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 15000);
    const QByteArray line = process.readLine();
    const QRegularExpressionMatch served =
        QRegularExpression(
            QStringLiteral("^Serving dashboard at http://127\\.0\\.0\\.1:(\\d+)/\n$"))
            .match(QString::fromUtf8(line));
    QVERIFY2(served.hasMatch(), line.constData());
    const quint16 port = served.captured(1).toUShort();

    // Serving and ticking: the snapshot the server answers with moves past its first ticks.
    const auto seq = [port] {
        const HttpProbe probe = HttpProbe::get(port, "/api/v1/snapshot");
        return probe.status == 200
                   ? QJsonDocument::fromJson(probe.body).object().value("seq").toInteger()
                   : -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(seq() >= 3, 15000);
    QCOMPARE(process.state(), QProcess::Running);

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QSettings saved(state, QSettings::IniFormat);
    QCOMPARE(saved.value(QStringLiteral("window/maximized")), QVariant(QStringLiteral("false")));
    QCOMPARE(saved.value(QStringLiteral("window/view")).toInt(), 9);
    QCOMPARE(saved.value(QStringLiteral("window/chartSeconds")).toInt(), 900);
    QCOMPARE(saved.value(QStringLiteral("window/geometry")).toRect(), QRect(40, 50, 700, 500));
}

// Another program holds the port: the window opens all the same (it runs, and its state is
// saved when it stops), and the reason is on stderr with where to change it.
void TestDesktopStartup::portInUseStillOpensTheWindow()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(holder.serverPort());
    const QString config = m_home.filePath(QStringLiteral("taken/vantage.conf"));
    QProcess *process = startWindow({QStringLiteral("--port"), port, QStringLiteral("--config"),
                                     config, QStringLiteral("--interval"), QStringLiteral("0.2")});
    const QByteArray expected = "vantage: web access off: cannot listen on 127.0.0.1 port " +
                                port.toUtf8() +
                                ": The bound address is already in use; change it in Settings\n";
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += process->readAllStandardError()).contains(expected), 15000);
    QCOMPARE(process->state(), QProcess::Running);
    QCOMPARE(terminate(process), 0);
    QVERIFY(process->readAllStandardOutput().isEmpty()); // never served
    // Saved on the way out: the window was open.
    const QSettings saved(m_home.filePath(QStringLiteral("taken/desktop.ini")),
                          QSettings::IniFormat);
    QCOMPARE(saved.value(QStringLiteral("window/view")).toInt(), 0);
    QCOMPARE(saved.value(QStringLiteral("window/maximized")), QVariant(QStringLiteral("false")));
}

// A second vantage on the same settings file finds the first through its local socket, asks it
// to bring its window forward (the first logs that with --verbose), says so and exits 0; one on
// another settings file is a separate setup and runs beside it.
void TestDesktopStartup::secondStartRaisesTheFirst()
{
    const QString config = m_home.filePath(QStringLiteral("first/vantage.conf"));
    QProcess *first =
        startWindow({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--config"),
                     config, QStringLiteral("--verbose")});
    QVERIFY(waitServing(first) > 0);

    QProcess second;
    second.setProcessEnvironment(offscreen());
    second.start(QStringLiteral(VANTAGE_BINARY), {QStringLiteral("--port"), QStringLiteral("0"),
                                                  QStringLiteral("--config"), config});
    QVERIFY(second.waitForFinished(15000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(second.readAllStandardOutput(),
             "Vantage is already running; brought its window forward\n");
    QByteArray firstErr;
    QTRY_VERIFY_WITH_TIMEOUT((firstErr += first->readAllStandardError())
                                 .contains("window brought forward for a second start"),
                             15000);

    QProcess *other =
        startWindow({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--config"),
                     m_home.filePath(QStringLiteral("other/vantage.conf"))});
    QVERIFY(waitServing(other) > 0);
    QCOMPARE(terminate(other), 0);
    QCOMPARE(terminate(first), 0);
}

// A run killed outright leaves its socket file behind; the next start must not take it for a
// running window.
void TestDesktopStartup::crashedRunDoesNotBlockTheNext()
{
    const QString config = m_home.filePath(QStringLiteral("crashed/vantage.conf"));
    const QStringList arguments = {QStringLiteral("--port"), QStringLiteral("0"),
                                   QStringLiteral("--config"), config};
    QProcess *crashed = startWindow(arguments);
    QVERIFY(waitServing(crashed) > 0);
    ::kill(pid_t(crashed->processId()), SIGKILL);
    QVERIFY(crashed->waitForFinished(10000));
    QCOMPARE(crashed->exitStatus(), QProcess::CrashExit);

    QProcess *next = startWindow(arguments);
    QVERIFY(waitServing(next) > 0);
    QCOMPARE(terminate(next), 0);
}

QTEST_GUILESS_MAIN(TestDesktopStartup)
#include "tst_desktopstartup.moc"

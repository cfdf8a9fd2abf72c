#include "httpprobe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

// vantage without --headless opens the window: with no display it says so in one line,
// suggests --headless and exits 2 without starting anything; with a display (here the offscreen
// platform) it serves the dashboard like headless mode, restores the window's state from beside
// the settings file, and on SIGTERM stops cleanly and saves that state again.
class TestDesktopStartup : public QObject
{
    Q_OBJECT

private slots:
    void noDisplayExitsTwo_data();
    void noDisplayExitsTwo();
    void withDisplayServesAndKeepsWindowState();

private:
    QProcessEnvironment environment() const;

    QTemporaryDir m_home;
};

QProcessEnvironment TestDesktopStartup::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    return env;
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

QTEST_GUILESS_MAIN(TestDesktopStartup)
#include "tst_desktopstartup.moc"

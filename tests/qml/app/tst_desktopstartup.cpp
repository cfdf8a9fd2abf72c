#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

// vantage without --headless opens the window: with no display it says so in one line,
// suggests --headless and exits 2 without starting anything; with a display (here the offscreen
// platform) it serves the dashboard like headless mode, and on SIGTERM it stops cleanly and
// keeps the window's state beside the settings file.
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

void TestDesktopStartup::withDisplayServesAndKeepsWindowState()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QString config = m_home.filePath(QStringLiteral("run/vantage.conf"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(VANTAGE_BINARY),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--interval"),
                   QStringLiteral("0.2"), QStringLiteral("--config"), config});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 15000);
    const QByteArray line = process.readLine();
    QVERIFY2(line.startsWith("Serving dashboard at http://127.0.0.1:"), line.constData());
    QTest::qWait(1000); // the window is up and ticking
    QCOMPARE(process.state(), QProcess::Running);
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString state = m_home.filePath(QStringLiteral("run/desktop.ini"));
    QVERIFY(QFile::exists(state));
    QCOMPARE(QSettings(state, QSettings::IniFormat).value(QStringLiteral("window/view")).toInt(),
             0);
}

QTEST_GUILESS_MAIN(TestDesktopStartup)
#include "tst_desktopstartup.moc"

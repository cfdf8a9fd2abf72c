#include "vantageprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

// The vantage executable as a user runs it: flags, exit codes, --snapshot against a fixture
// tree with hand-computed answers and against this machine compared with the usual tools.
class TestVantage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badFlagExitsTwoNamingTheFlag_data();
    void badFlagExitsTwoNamingTheFlag();
    void helpAndVersionExitZero_data();
    void helpAndVersionExitZero();
    void snapshotOfFixtureTree();
    void snapshotOfThisMachine();
    void snapshotOfFansAndBatteries();
    void headlessStopsCleanlyOnSignal_data();
    void headlessStopsCleanlyOnSignal();
    void headlessPortInUseExitsOneSayingWhy();
    void headlessMapsNoWindowLibrary();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, int timeoutMs = 20000);
    QJsonObject snapshot(const QStringList &arguments);
    static QString command(const QString &program, const QStringList &arguments);
    void startHeadless(QProcess &process);

    QTemporaryDir m_home; // HOME and the XDG folders of every vantage this test starts
    QString m_fixtures;
};

void TestVantage::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_fixtures = QFINDTESTDATA("fixtures");
    QVERIFY(!m_fixtures.isEmpty());
}

TestVantage::Run TestVantage::run(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(VantageProcess::isolatedEnvironment(m_home.path()));
    process.start(QStringLiteral(VANTAGE_BINARY), arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QJsonObject TestVantage::snapshot(const QStringList &arguments)
{
    const Run r = run(QStringList{QStringLiteral("--snapshot")} + arguments);
    if (r.exitCode != 0)
        qWarning() << "vantage --snapshot failed:" << r.exitCode << r.err;
    return QJsonDocument::fromJson(r.out).object();
}

QString TestVantage::command(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished();
    return QString::fromLocal8Bit(process.readAllStandardOutput());
}

void TestVantage::badFlagExitsTwoNamingTheFlag_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("flag");
    QTest::newRow("negative interval") << QStringList{"--interval", "-1"} << "--interval";
    QTest::newRow("interval not a number") << QStringList{"--interval", "fast"} << "--interval";
    QTest::newRow("port too large") << QStringList{"--port", "70000"} << "--port";
    QTest::newRow("bind not an address") << QStringList{"--bind", "nowhere"} << "--bind";
    QTest::newRow("zero connections")
        << QStringList{"--max-connections", "0"} << "--max-connections";
    QTest::newRow("missing proc root")
        << QStringList{"--proc-root", "/no/such/dir"} << "--proc-root";
    QTest::newRow("missing value") << QStringList{"--config"} << "--config";
    QTest::newRow("unknown flag") << QStringList{"--frobnicate"} << "--frobnicate";
}

void TestVantage::badFlagExitsTwoNamingTheFlag()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, flag);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(flag.toUtf8()), r.err.constData());
    QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFileInfo::exists(m_home.filePath(QStringLiteral("config/vantage/vantage.conf"))));
}

void TestVantage::helpAndVersionExitZero_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("expected");
    QTest::newRow("help") << "--help"
                          << "--headless";
    QTest::newRow("version") << "--version"
                             << "vantage";
}

void TestVantage::helpAndVersionExitZero()
{
    QFETCH(QString, flag);
    QFETCH(QString, expected);
    const Run r = run({flag});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(expected.toUtf8()), r.out.constData());
}

// Expected values are worked out by hand from the files in fixtures/proc.
void TestVantage::startHeadless(QProcess &process)
{
    process.setProcessEnvironment(VantageProcess::isolatedEnvironment(m_home.path()));
    process.start(QStringLiteral(VANTAGE_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--interval"),
                   QStringLiteral("0.1"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(process.waitForStarted());
}

void TestVantage::snapshotOfFixtureTree()
{
    const QJsonObject s = snapshot({"--interval", "0.1", "--proc-root", m_fixtures + "/proc",
                                    "--sys-root", m_fixtures + "/sys"});
    QVERIFY(!s.isEmpty());
    const QJsonObject mem = s[QStringLiteral("mem")].toObject();
    QCOMPARE(mem[QStringLiteral("total")].toInteger(), 16384000LL * 1024); // MemTotal
    QCOMPARE(mem[QStringLiteral("used")].toInteger(),
             (16384000LL - 8192000) * 1024); // - MemAvailable
    QCOMPARE(mem[QStringLiteral("percent")].toDouble(), 50.0);
    const QJsonObject swap = s[QStringLiteral("swap")].toObject();
    QCOMPARE(swap[QStringLiteral("used")].toInteger(), (2048000LL - 1536000) * 1024);
    QCOMPARE(swap[QStringLiteral("percent")].toDouble(), 25.0);
    QCOMPARE(s[QStringLiteral("load")].toArray(), (QJsonArray{1.5, 0.75, 0.25}));
    QCOMPARE(s[QStringLiteral("uptime")].toDouble(), 12346.0); // 12345.67 s, whole seconds
    // The counters do not move between the two reads of a fixture: nothing was busy.
    QCOMPARE(s[QStringLiteral("cpu")][QStringLiteral("total")].toDouble(), 0.0);
    QCOMPARE(s[QStringLiteral("cpu")][QStringLiteral("cores")].toArray().size(), 2);
    const QJsonObject procs = s[QStringLiteral("procs")].toObject();
    QCOMPARE(procs[QStringLiteral("count")].toInt(), 2);
    QCOMPARE(procs[QStringLiteral("running")].toInt(), 1); // pid 42 is R
    QCOMPARE(procs[QStringLiteral("threads")].toInt(), 5); // 1 + 4
    const QJsonArray net = s[QStringLiteral("net")].toArray();
    QCOMPARE(net.size(), 1); // lo is left out
    QCOMPARE(net[0][QStringLiteral("rxTotal")].toInteger(), 500000);
    QCOMPARE(s[QStringLiteral("disks")].toArray().size(), 0); // proc and sysfs only
    QCOMPARE(s[QStringLiteral("temps")].toArray().size(), 0); // no sensors: none invented
    QCOMPARE(s[QStringLiteral("fans")].toArray().size(), 0);
    QCOMPARE(s[QStringLiteral("power")].toArray().size(), 0);
    QCOMPARE(s[QStringLiteral("cpu")][QStringLiteral("coreMhz")].toArray().size(), 0);
    const QJsonObject host = s[QStringLiteral("host")].toObject();
    QCOMPARE(host[QStringLiteral("hostname")].toString(), QStringLiteral("fixture-host"));
    QCOMPARE(host[QStringLiteral("kernel")].toString(), QStringLiteral("6.1.0-fixture"));
    QCOMPARE(host[QStringLiteral("cpu")][QStringLiteral("count")].toInt(), 2);
    QCOMPARE(host[QStringLiteral("bootTime")].toInteger(), 1700000000000LL);
}

void TestVantage::snapshotOfThisMachine()
{
    const QJsonObject s = snapshot({"--interval", "0.2"});
    QVERIFY(!s.isEmpty());

    const QString meminfo = command(QStringLiteral("cat"), {QStringLiteral("/proc/meminfo")});
    const auto memTotalKiB =
        QRegularExpression(QStringLiteral("MemTotal:\\s+(\\d+)")).match(meminfo).captured(1);
    QCOMPARE(s[QStringLiteral("mem")][QStringLiteral("total")].toInteger(),
             memTotalKiB.toLongLong() * 1024);

    // free -b: the same total; used moves while we look, so within 2% of the total.
    const QStringList free = command(QStringLiteral("free"), {QStringLiteral("-b")})
                                 .split(u'\n')
                                 .at(1)
                                 .split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(s[QStringLiteral("mem")][QStringLiteral("total")].toInteger(), free[1].toLongLong());
    const double used = s[QStringLiteral("mem")][QStringLiteral("used")].toDouble();
    QVERIFY(qAbs(used - free[2].toDouble()) < 0.02 * free[1].toDouble());

    const int nproc = command(QStringLiteral("nproc"), {}).trimmed().toInt();
    QCOMPARE(s[QStringLiteral("host")][QStringLiteral("cpu")][QStringLiteral("count")].toInt(),
             nproc);
    QCOMPARE(s[QStringLiteral("cpu")][QStringLiteral("cores")].toArray().size(), nproc);

    const QStringList loadavg =
        command(QStringLiteral("cat"), {QStringLiteral("/proc/loadavg")}).split(u' ');
    const QJsonArray load = s[QStringLiteral("load")].toArray();
    for (int i = 0; i < 3; ++i)
        QVERIFY(qAbs(load[i].toDouble() - loadavg[i].toDouble()) < 0.5);

    // df -B1 /: the same size exactly, used within 1% (files change while we look).
    const QStringList df =
        command(QStringLiteral("df"), {QStringLiteral("-B1"), QStringLiteral("/")})
            .split(u'\n')
            .at(1)
            .split(u' ', Qt::SkipEmptyParts);
    QJsonObject root;
    for (const QJsonValue &disk : s[QStringLiteral("disks")].toArray()) {
        if (disk[QStringLiteral("mount")].toString() == QStringLiteral("/"))
            root = disk.toObject();
    }
    QVERIFY2(!root.isEmpty(), "no / in disks[]");
    QCOMPARE(root[QStringLiteral("total")].toInteger(), df[1].toLongLong());
    QVERIFY(qAbs(root[QStringLiteral("used")].toDouble() - df[2].toDouble()) <
            0.01 * df[1].toDouble());
}

// The sensors collector's desktop fixture (tests/core/collectors/sensors) as the machine's sysfs:
// what the JSON of a real vantage carries, from the fixture's files by hand.
void TestVantage::snapshotOfFansAndBatteries()
{
    const QString sys = QFINDTESTDATA("../core/collectors/sensors/fixtures/desktop");
    QVERIFY(!sys.isEmpty());
    const QJsonObject s =
        snapshot({"--interval", "0.1", "--proc-root", m_fixtures + "/proc", "--sys-root", sys});
    QVERIFY(!s.isEmpty());
    const QJsonArray fans = s[QStringLiteral("fans")].toArray();
    QCOMPARE(fans.size(), 4);
    QCOMPARE(fans[1][QStringLiteral("label")].toString(), QStringLiteral("nct6798 Pump"));
    QCOMPARE(fans[1][QStringLiteral("rpm")].toDouble(), 830.0);
    const QJsonArray power = s[QStringLiteral("power")].toArray();
    QCOMPARE(power.size(), 4);
    QCOMPARE(power[0][QStringLiteral("name")].toString(), QStringLiteral("AC"));
    QCOMPARE(power[0][QStringLiteral("online")].toBool(), true);
    QVERIFY(power[0][QStringLiteral("capacity")].isNull());
    // BAT1: 1.5 A × 12 V = 18 W; 2.6 Ah × 11.1 V = 28.86 Wh.
    QCOMPARE(power[2][QStringLiteral("name")].toString(), QStringLiteral("BAT1"));
    QCOMPARE(power[2][QStringLiteral("capacity")].toDouble(), 52.0);
    QCOMPARE(power[2][QStringLiteral("status")].toString(), QStringLiteral("Charging"));
    QCOMPARE(power[2][QStringLiteral("watts")].toDouble(), 18.0);
    QCOMPARE(power[2][QStringLiteral("energyWh")].toDouble(), 28.86);
    QVERIFY(power[2][QStringLiteral("online")].isNull());
}

void TestVantage::headlessStopsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << SIGTERM;
    QTest::newRow("SIGINT") << SIGINT;
}

void TestVantage::headlessStopsCleanlyOnSignal()
{
    QFETCH(int, signalNumber);
    QProcess process;
    startHeadless(process);
    // Once it serves, ask it to stop as systemd or Ctrl+C would.
    QVERIFY(QTest::qWaitFor([&] { return process.canReadLine(); }, 20000));
    QVERIFY(process.readLine().startsWith("Serving dashboard at http://127.0.0.1:"));
    QCOMPARE(process.state(), QProcess::Running);
    ::kill(pid_t(process.processId()), signalNumber);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

// Headless has nothing to show but the web dashboard: a port another program holds ends the run
// with exit code 1, its last line on stderr saying why, and nothing served.
void TestVantage::headlessPortInUseExitsOneSayingWhy()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const QByteArray port = QByteArray::number(holder.serverPort());
    const Run r =
        run({QStringLiteral("--headless"), QStringLiteral("--port"), QString::fromLatin1(port),
             QStringLiteral("--config"), m_home.filePath(QStringLiteral("taken/vantage.conf"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.endsWith("\nvantage: cannot listen on 127.0.0.1 port " + port +
                            ": The bound address is already in use\n"),
             r.err.constData());
    QVERIFY(r.out.isEmpty());
}

// A headless process is judged by what it costs: none of the window's libraries (Qt Gui, Quick,
// Widgets, their QML and OpenGL stack) may be mapped in it, whichever build started it.
void TestVantage::headlessMapsNoWindowLibrary()
{
    QProcess process;
    startHeadless(process);
    QVERIFY(QTest::qWaitFor([&] { return process.canReadLine(); }, 20000));
    QVERIFY(process.readLine().startsWith("Serving dashboard at http://127.0.0.1:"));
    QFile maps(QStringLiteral("/proc/%1/maps").arg(process.processId()));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(mapped.contains("libQt6Core.so"));
    for (const char *library :
         {"libQt6Gui.so", "libQt6Widgets.so", "libQt6Quick.so", "libQt6Qml.so", "libQt6OpenGL.so",
          "libQt6Charts.so", "libQt6QuickControls2.so", "libGL", "libEGL", "libxcb"}) {
        QVERIFY2(!mapped.contains(library), library);
    }
}

QTEST_GUILESS_MAIN(TestVantage)
#include "tst_vantage.moc"

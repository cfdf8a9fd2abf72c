#include "cli/commandline.h"

#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void exitCodes_data();
    void exitCodes();
    void lastOfARepeatedFlagWins();
    void negativeIntervalIsAValue();
    void settingFlagsBecomeTypedOverrides();
    void noFlagsKeepDefaults();
    void pathsAndSwitches();
    void tokenNeverEchoed();
    void helpListsEveryFlagWithDefaults();
    void versionNamesTheProject();

private:
    static QStringList args(std::initializer_list<QString> list);
};

// A token of 20 printable characters, valid for server/token.
static const QString GoodToken = QStringLiteral("s3cret-token-0123456");

QStringList TestCommandLine::args(std::initializer_list<QString> list)
{
    return QStringList{QStringLiteral("vantage")} + QStringList(list);
}

void TestCommandLine::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("named"); // what the error must name; empty when there is none
    const QString fixtures = QFINDTESTDATA("fixtures");
    const QString cert = QFINDTESTDATA("fixtures/tls/cert.pem");
    const QString key = QFINDTESTDATA("fixtures/tls/key.pem");
    const auto ok = [](const char *name, const QStringList &arguments) {
        QTest::newRow(name) << arguments << -1 << QString();
    };
    const auto bad = [](const char *name, const QStringList &arguments, const char *named) {
        QTest::newRow(name) << arguments << 2 << QString::fromUtf8(named);
    };
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    ok("nothing", args({}));
    ok("headless", args({s("--headless")}));
    ok("verbose", args({s("--verbose")}));
    ok("snapshot", args({s("--snapshot")}));
    ok("bind any", args({s("--bind"), s("0.0.0.0")}));
    ok("bind with =", args({s("--bind=::1")}));
    ok("port 0", args({s("--port"), s("0")}));
    ok("port highest", args({s("--port"), s("65535")}));
    ok("interval lowest", args({s("--interval"), s("0.1")}));
    ok("interval with =", args({s("--interval=3600")}));
    ok("max connections", args({s("--max-connections"), s("1")}));
    ok("token", args({s("--token"), GoodToken}));
    ok("token starting with -", args({s("--token"), s("-starts-with-dash-x")}));
    ok("config not there yet", args({s("--config"), s("/nonexistent/vantage.conf")}));
    ok("proc root", args({s("--proc-root"), fixtures}));
    ok("sys root", args({s("--sys-root"), fixtures}));
    ok("tls pair", args({s("--tls-cert"), cert, s("--tls-key"), key}));
    ok("repeated flag", args({s("--port"), s("1"), s("--port"), s("2")}));

    QTest::newRow("help") << args({s("--help")}) << 0 << QString();
    QTest::newRow("-h") << args({s("-h")}) << 0 << QString();
    QTest::newRow("version") << args({s("--version")}) << 0 << QString();
    QTest::newRow("-v") << args({s("-v")}) << 0 << QString();
    QTest::newRow("help after a flag")
        << args({s("--port"), s("1"), s("--help")}) << 0 << QString();
    QTest::newRow("help wins over a combination")
        << args({s("--snapshot"), s("--headless"), s("-h")}) << 0 << QString();

    bad("unknown", args({s("--bogus")}), "--bogus");
    bad("unknown short", args({s("-x")}), "-x");
    bad("unknown with =", args({s("--bogus=1")}), "--bogus");
    bad("help after an unknown flag", args({s("--bogus"), s("--help")}), "--bogus");
    bad("stray argument", args({s("--headless"), s("extra")}), "\"extra\"");
    bad("interval negative", args({s("--interval"), s("-1")}), "--interval");
    bad("interval not a number", args({s("--interval"), s("abc")}), "--interval");
    bad("interval too small", args({s("--interval"), s("0.05")}), "--interval");
    bad("interval missing", args({s("--interval")}), "--interval");
    bad("interval followed by a flag", args({s("--interval"), s("--headless")}), "--interval");
    bad("port too big", args({s("--port"), s("65536")}), "--port");
    bad("port negative", args({s("--port"), s("-1")}), "--port");
    bad("port fraction", args({s("--port"), s("1.5")}), "--port");
    bad("port missing", args({s("--port")}), "--port");
    bad("port empty with =", args({s("--port=")}), "--port");
    bad("bind hostname", args({s("--bind"), s("localhost")}), "--bind");
    bad("bind missing", args({s("--bind")}), "--bind");
    bad("max connections zero", args({s("--max-connections"), s("0")}), "--max-connections");
    bad("max connections too many", args({s("--max-connections"), s("100001")}),
        "--max-connections");
    bad("token short", args({s("--token"), s("short")}), "--token");
    bad("token missing", args({s("--token")}), "--token");
    bad("config empty", args({s("--config"), QString()}), "--config");
    bad("config is a directory", args({s("--config"), fixtures}), "--config");
    bad("config missing", args({s("--config"), s("--verbose")}), "--config");
    bad("proc root missing dir", args({s("--proc-root"), s("/nonexistent")}), "--proc-root");
    bad("proc root is a file", args({s("--proc-root"), cert}), "--proc-root");
    bad("proc root missing", args({s("--proc-root")}), "--proc-root");
    bad("sys root missing dir", args({s("--sys-root"), s("/nonexistent")}), "--sys-root");
    bad("tls cert alone", args({s("--tls-cert"), cert}), "--tls-cert");
    bad("tls key alone", args({s("--tls-key"), key}), "--tls-key");
    bad("tls cert not there", args({s("--tls-cert"), s("/nonexistent.pem"), s("--tls-key"), key}),
        "--tls-cert");
    bad("tls key is a directory", args({s("--tls-cert"), cert, s("--tls-key"), fixtures}),
        "--tls-key");
    bad("snapshot with headless", args({s("--snapshot"), s("--headless")}), "--snapshot");
    bad("switch with a value", args({s("--headless=yes")}), "--headless");
}

void TestCommandLine::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, named);
    const CommandLine::Result result = CommandLine::parse(arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (exitCode == 2) {
        QVERIFY2(result.error.startsWith(QStringLiteral("vantage: ") + named + u':'),
                 qPrintable(result.error));
        QVERIFY2(!result.error.contains(u'\n'), qPrintable(result.error));
        QVERIFY(result.output.isEmpty());
    } else {
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.output.isEmpty(), exitCode == -1);
    }
}

void TestCommandLine::lastOfARepeatedFlagWins()
{
    const QString fixtures = QFINDTESTDATA("fixtures");
    const QString tls = QFINDTESTDATA("fixtures/tls");
    const CommandLine::Result result = CommandLine::parse(
        args({QStringLiteral("--port"), QStringLiteral("1"), QStringLiteral("--port=2"),
              QStringLiteral("--interval=5"), QStringLiteral("--interval"), QStringLiteral("0.5"),
              QStringLiteral("--proc-root"), tls, QStringLiteral("--proc-root"), fixtures,
              QStringLiteral("--config"), QStringLiteral("/tmp/first.conf"),
              QStringLiteral("--config=/tmp/second.conf")}));
    QCOMPARE(result.exitCode, -1);
    const QVariantMap expected{{QStringLiteral("server/port"), 2},
                               {QStringLiteral("general/interval"), 0.5}};
    QCOMPARE(result.options.settingOverrides, expected);
    QCOMPARE(result.options.procRoot, fixtures);
    QCOMPARE(result.options.configFile, QStringLiteral("/tmp/second.conf"));
}

void TestCommandLine::negativeIntervalIsAValue()
{
    const CommandLine::Result result =
        CommandLine::parse(args({QStringLiteral("--interval"), QStringLiteral("-1")}));
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.error,
             QStringLiteral("vantage: --interval: expected a number of seconds from 0.1 to 3600, "
                            "got \"-1\""));
    const CommandLine::Result missing = CommandLine::parse(args({QStringLiteral("--port")}));
    QCOMPARE(
        missing.error,
        QStringLiteral("vantage: --port: expected a port number from 0 to 65535, got nothing"));
}

void TestCommandLine::settingFlagsBecomeTypedOverrides()
{
    const CommandLine::Result result = CommandLine::parse(
        args({QStringLiteral("--interval"), QStringLiteral("2.5"), QStringLiteral("--port=9000"),
              QStringLiteral("--bind"), QStringLiteral("::1"), QStringLiteral("--max-connections"),
              QStringLiteral("7"), QStringLiteral("--token"), GoodToken}));
    QCOMPARE(result.exitCode, -1);
    const QVariantMap expected{{QStringLiteral("general/interval"), 2.5},
                               {QStringLiteral("server/port"), 9000},
                               {QStringLiteral("server/bind"), QStringLiteral("::1")},
                               {QStringLiteral("server/maxConnections"), 7},
                               {QStringLiteral("server/token"), GoodToken}};
    QCOMPARE(result.options.settingOverrides, expected);
    QCOMPARE(result.options.settingOverrides.value(QStringLiteral("server/port")).typeId(),
             QMetaType::Int);
    QCOMPARE(result.options.settingOverrides.value(QStringLiteral("general/interval")).typeId(),
             QMetaType::Double);
}

void TestCommandLine::noFlagsKeepDefaults()
{
    const CommandLine::Result result = CommandLine::parse(args({}));
    QCOMPARE(result.exitCode, -1);
    QVERIFY(!result.options.headless);
    QVERIFY(!result.options.snapshot);
    QVERIFY(!result.options.verbose);
    QVERIFY(result.options.configFile.isEmpty());
    QCOMPARE(result.options.procRoot, QStringLiteral("/proc"));
    QCOMPARE(result.options.sysRoot, QStringLiteral("/sys"));
    QVERIFY(result.options.tlsCert.isEmpty());
    QVERIFY(result.options.settingOverrides.isEmpty());
}

void TestCommandLine::pathsAndSwitches()
{
    const QString fixtures = QFINDTESTDATA("fixtures");
    const QString tls = QFINDTESTDATA("fixtures/tls");
    const QString cert = QFINDTESTDATA("fixtures/tls/cert.pem");
    const QString key = QFINDTESTDATA("fixtures/tls/key.pem");
    const CommandLine::Result result = CommandLine::parse(
        args({QStringLiteral("--headless"), QStringLiteral("--verbose"),
              QStringLiteral("--proc-root"), fixtures, QStringLiteral("--sys-root=") + tls,
              QStringLiteral("--config"), QStringLiteral("/tmp/v.conf"),
              QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}));
    QCOMPARE(result.exitCode, -1);
    QVERIFY(result.options.headless);
    QVERIFY(result.options.verbose);
    QVERIFY(!result.options.snapshot);
    QCOMPARE(result.options.procRoot, fixtures);
    QCOMPARE(result.options.sysRoot, tls);
    QCOMPARE(result.options.configFile, QStringLiteral("/tmp/v.conf"));
    QCOMPARE(result.options.tlsCert, cert);
    QCOMPARE(result.options.tlsKey, key);
    const QVariantMap expected{{QStringLiteral("server/tlsCert"), cert},
                               {QStringLiteral("server/tlsKey"), key}};
    QCOMPARE(result.options.settingOverrides, expected);
}

void TestCommandLine::tokenNeverEchoed()
{
    const QString token = QStringLiteral("has a space 0123456789");
    const CommandLine::Result result = CommandLine::parse(args({QStringLiteral("--token"), token}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.error.contains(QStringLiteral("16 to 256")));
    QVERIFY2(!result.error.contains(token), qPrintable(result.error));
}

void TestCommandLine::helpListsEveryFlagWithDefaults()
{
    const QString help = CommandLine::parse(args({QStringLiteral("--help")})).output;
    const char *flags[] = {"--headless",         "--bind ADDR",         "--port N",
                           "--interval SECONDS", "--max-connections N", "--token TOKEN",
                           "--config FILE",      "--proc-root DIR",     "--sys-root DIR",
                           "--tls-cert FILE",    "--tls-key FILE",      "--verbose",
                           "--snapshot",         "-v, --version",       "-h, --help"};
    for (const char *flag : flags)
        QVERIFY2(help.contains(QString::fromUtf8(flag)), flag);
    // The defaults of the settings table and of AppOptions, one per flag line.
    const char *defaults[] = {"Address the web server listens on (default: 127.0.0.1)",
                              "(default: 8765)",
                              "(default: 1)",
                              "(default: 100)",
                              "(default: none)",
                              "(default: /proc)",
                              "(default: /sys)",
                              "/vantage.conf)"};
    for (const char *text : defaults)
        QVERIFY2(help.contains(QString::fromUtf8(text)), text);
    QVERIFY(help.contains(QStringLiteral("Exit status: 0")));
    QVERIFY(!help.endsWith(u'\n'));
}

void TestCommandLine::versionNamesTheProject()
{
    const CommandLine::Result result = CommandLine::parse(args({QStringLiteral("-v")}));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output, QStringLiteral("vantage " VANTAGE_EXPECTED_VERSION));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"

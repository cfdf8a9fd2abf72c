#include "requireorskip.h"
#include "settings/settings.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void editsToTheFileAreReloaded();
    void ownSavesAreNotReloaded();
    void init();
    void defaults_data();
    void defaults();
    void missingFileIsNotCreated();
    void defaultFileIsVantagesOwn();
    void precedence_data();
    void precedence();
    void validValues_data();
    void validValues();
    void validationMessages_data();
    void validationMessages();
    void criticalBelowWarningRefused();
    void impossibleCombinations_data();
    void impossibleCombinations();
    void applyIsAllOrNothing();
    void applySavesOnlyUserKeysAtomically();
    void changedEmittedOnceWithChangedKeys();
    void applyClearsOverride();
    void overridesAreNotSaved();
    void listsAndNonAsciiRoundTrip();
    void corruptFile();
    void corruptLineIsNotLogged();
    void outOfRangeValueKeptRawOnSave();
    void inconsistentThresholdsInFileFallBack();
    void neverClearingRuleInFileFallsBack();
    void unreadableFileIsNeverOverwritten();
    void failedSaveLeavesOldFile();
    void toMapHidesToken();
    void keysCoverTheSchema();

private:
    QString copyFixture(const char *name);
    static QByteArray contents(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
};

// A token of 20 printable characters, valid for server/token.
static const QString GoodToken = QStringLiteral("s3cret-token-0123456");

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Fixtures are copied so that load() and save() never touch the source tree.
QString TestSettings::copyFixture(const char *name)
{
    const QString target = m_dir->filePath(QStringLiteral("vantage.conf"));
    if (!QFile::copy(QFINDTESTDATA(QStringLiteral("fixtures/") + QLatin1StringView(name)), target))
        qFatal("cannot copy fixture %s", name);
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return target;
}

QByteArray TestSettings::contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void TestSettings::defaults_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("expected");
    const auto row = [](const QByteArray &key, const QVariant &value) {
        QTest::newRow(key.constData()) << QString::fromUtf8(key) << value;
    };
    row("general/interval", 1.0);
    row("general/historySeconds", 3600);
    row("general/cleanupInterval", 60);
    row("server/bind", QStringLiteral("127.0.0.1"));
    row("server/port", 8765);
    row("server/token", QString());
    row("server/maxConnections", 100);
    row("server/maxPerAddress", 32);
    row("server/allowedOrigins", QStringList());
    row("server/publicNames", QStringList());
    row("server/tlsCert", QString());
    row("server/tlsKey", QString());
    // The brief's table: rule warning, critical, for, hysteresis.
    const struct
    {
        const char *rule;
        double warning, critical;
        int forSeconds;
        double hysteresis;
    } rules[] = {
        {"cpu", 75, 90, 10, 5},        {"memory", 80, 95, 10, 5},       {"swap", 50, 80, 30, 5},
        {"disk", 90, 95, 60, 2},       {"temperature", 80, 95, 10, 3},  {"errors", 10, 60, 0, 2},
        {"connections", 10, 50, 0, 2}, {"tick", 50, 100, 10, 10},       {"pressure", 10, 25, 30, 2},
        {"cgroup", 90, 180, 60, 10},   {"cgroupMemory", 90, 98, 60, 3}, {"gpu", 85, 95, 30, 3},
        {"gpuMemory", 90, 98, 60, 2},  {"host", 15, 300, 0, 1}};
    for (const auto &rule : rules) {
        const QByteArray prefix = QByteArray("thresholds/") + rule.rule + '/';
        row(prefix + "warning", rule.warning);
        row(prefix + "critical", rule.critical);
        row(prefix + "for", rule.forSeconds);
        row(prefix + "hysteresis", rule.hysteresis);
    }
}

void TestSettings::defaults()
{
    QFETCH(QString, key);
    QFETCH(QVariant, expected);
    Settings settings(m_dir->filePath(QStringLiteral("missing.conf")));
    QVERIFY(settings.load());
    QCOMPARE(settings.value(key), expected);
    QCOMPARE(settings.value(key).typeId(), expected.typeId());
}

void TestSettings::missingFileIsNotCreated()
{
    const QString path = m_dir->filePath(QStringLiteral("missing.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    QCOMPARE(settings.interval(), 1.0);
    QCOMPARE(settings.bind(), QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.port(), 8765);
    QCOMPARE(settings.maxConnections(), 100);
    QCOMPARE(settings.maxPerAddress(), 32);
    QCOMPARE(settings.historySeconds(), 3600);
    QCOMPARE(settings.cleanupInterval(), 60);
    QVERIFY(settings.token().isEmpty());
    QVERIFY(settings.allowedOrigins().isEmpty());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(settings.filePath(), path);
}

void TestSettings::defaultFileIsVantagesOwn()
{
    // This test program is called tst_settings, yet the default stays Vantage's own file under
    // the configuration folder, with no application name in between.
    QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("tst_settings"));
    QTemporaryDir config;
    const std::optional<QByteArray> saved = qEnvironmentVariableIsSet("XDG_CONFIG_HOME")
                                                ? std::optional(qgetenv("XDG_CONFIG_HOME"))
                                                : std::nullopt;
    const auto restore = qScopeGuard([&saved] {
        if (saved)
            qputenv("XDG_CONFIG_HOME", *saved);
        else
            qunsetenv("XDG_CONFIG_HOME");
    });
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QCOMPARE(Settings::defaultFilePath(), config.path() + QStringLiteral("/vantage/vantage.conf"));
}

void TestSettings::precedence_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QVariant>("flag");
    QTest::addColumn<QVariant>("expected");
    const QString interval = QStringLiteral("general/interval");
    const QString bind = QStringLiteral("server/bind");
    const QString port = QStringLiteral("server/port");
    QTest::newRow("default") << interval << QByteArray() << QVariant() << QVariant(1.0);
    QTest::newRow("file over default")
        << interval << QByteArray("[general]\ninterval=2.5\n") << QVariant() << QVariant(2.5);
    QTest::newRow("flag over file") << interval << QByteArray("[general]\ninterval=2.5\n")
                                    << QVariant(QStringLiteral("0.5")) << QVariant(0.5);
    QTest::newRow("flag over default")
        << port << QByteArray() << QVariant(QStringLiteral("9000")) << QVariant(9000);
    QTest::newRow("flag over file, address")
        << bind << QByteArray("[server]\nbind=::1\n") << QVariant(QStringLiteral("0.0.0.0"))
        << QVariant(QStringLiteral("0.0.0.0"));
    QTest::newRow("file over default, address") << bind << QByteArray("[server]\nbind=::1\n")
                                                << QVariant() << QVariant(QStringLiteral("::1"));
    QTest::newRow("other key's flag")
        << port << QByteArray("[server]\nport=9100\n") << QVariant() << QVariant(9100);
}

void TestSettings::precedence()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, file);
    QFETCH(QVariant, flag);
    QFETCH(QVariant, expected);
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    if (!file.isEmpty()) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(file);
    }
    Settings settings(path);
    QVERIFY(settings.load());
    if (flag.isValid())
        settings.setOverride(key, flag);
    else
        settings.setOverride(QStringLiteral("general/cleanupInterval"), 5);
    QCOMPARE(settings.value(key), expected);
}

void TestSettings::validValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    const auto row = [](const char *name, const char *key, const QVariant &value) {
        QTest::newRow(name) << QString::fromUtf8(key) << value;
    };
    row("interval lowest", "general/interval", 0.1);
    row("interval highest text", "general/interval", QStringLiteral("3600"));
    row("interval text", "general/interval", QStringLiteral(" 2.5 "));
    row("interval int", "general/interval", 2);
    row("history lowest", "general/historySeconds", 60);
    row("port zero", "server/port", 0);
    row("port highest", "server/port", 65535);
    row("port from JSON double", "server/port", 8080.0);
    row("bind IPv6", "server/bind", QStringLiteral("::1"));
    row("bind any", "server/bind", QStringLiteral("0.0.0.0"));
    row("token empty", "server/token", QString());
    row("token 16", "server/token", QString(16, u'x'));
    row("token 256", "server/token", QString(256, u'~'));
    row("origins empty", "server/allowedOrigins", QString());
    row("origins text", "server/allowedOrigins",
        QStringLiteral("https://a.example:8443, http://[::1]:8080"));
    row("origins list", "server/allowedOrigins", QStringList{QStringLiteral("http://b.example")});
    row("names text", "server/publicNames",
        QStringLiteral("monitor.example.org, proxy.example.org:443, [::1]:8765, 192.0.2.2"));
    row("names any", "server/publicNames", QStringLiteral("*"));
    row("names list", "server/publicNames", QStringList{QStringLiteral("a.example")});
    row("cert path", "server/tlsCert", QStringLiteral("/etc/vantage/cert.pem"));
    row("tick lowest", "thresholds/tick/warning", 1);
    row("temperature highest", "thresholds/temperature/critical", 200);
    row("hysteresis zero", "thresholds/cpu/hysteresis", 0);
    row("connections highest", "thresholds/connections/critical", 1000000);
}

void TestSettings::validValues()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    QCOMPARE(settings.validate(key, value), QString());
}

void TestSettings::validationMessages_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<QString>("subject");
    // A threshold is named as the panels name it; any other key as it is.
    const auto row = [](const char *name, const char *key, const QVariant &value,
                        const QStringList &mentions, const char *subject = nullptr) {
        QTest::newRow(name) << QString::fromUtf8(key) << value << mentions
                            << QString::fromUtf8(subject ? subject : key);
    };
    const auto words = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *word : list)
            out.append(QString::fromUtf8(word));
        return out;
    };
    row("interval negative", "general/interval", QStringLiteral("-1"),
        words({"seconds", "0.1 to 3600", "\"-1\""}));
    row("interval too small", "general/interval", 0.05, words({"0.1 to 3600", "0.05"}));
    row("interval not a number", "general/interval", QStringLiteral("abc"),
        words({"0.1 to 3600", "\"abc\""}));
    row("interval nan", "general/interval", QStringLiteral("nan"), words({"0.1 to 3600"}));
    row("interval bool", "general/interval", true, words({"0.1 to 3600"}));
    row("history too short", "general/historySeconds", 59, words({"whole", "60 to 86400"}));
    row("history fraction", "general/historySeconds", 100.5, words({"60 to 86400", "100.5"}));
    row("cleanup zero", "general/cleanupInterval", 0, words({"1 to 3600"}));
    row("bind hostname", "server/bind", QStringLiteral("localhost"),
        words({"IPv4 or IPv6", "\"localhost\""}));
    row("bind bad octet", "server/bind", QStringLiteral("999.1.1.1"), words({"IPv4 or IPv6"}));
    row("port too big", "server/port", 65536, words({"0 to 65535", "65536"}));
    row("port junk", "server/port", QStringLiteral("80x"), words({"0 to 65535", "\"80x\""}));
    row("token short", "server/token", QStringLiteral("short"),
        words({"16 to 256", "5 characters"}));
    row("token space", "server/token", QStringLiteral("with a space 0123456789"),
        words({"16 to 256", "space"}));
    row("token long", "server/token", QString(257, u'x'), words({"16 to 256", "257"}));
    row("connections zero", "server/maxConnections", 0, words({"1 to 100000"}));
    row("per address too big", "server/maxPerAddress", 100001, words({"1 to 100000"}));
    row("origin scheme", "server/allowedOrigins",
        QStringLiteral("https://ok.example, ftp://bad.example"),
        words({"http or https", "\"ftp://bad.example\""}));
    row("origin path", "server/allowedOrigins", QStringLiteral("https://x.example/app"),
        words({"no path", "\"https://x.example/app\""}));
    row("origin user", "server/allowedOrigins", QStringLiteral("https://me@x.example"),
        words({"origins"}));
    row("origin not text", "server/allowedOrigins", 5, words({"origins"}));
    row("name with scheme", "server/publicNames", QStringLiteral("ok.example, http://bad.example"),
        words({"host names", "\"http://bad.example\""}));
    row("name with path", "server/publicNames", QStringLiteral("x.example/app"),
        words({"host names", "\"x.example/app\""}));
    row("name with space", "server/publicNames", QStringLiteral("a b.example"),
        words({"host names"}));
    row("name not text", "server/publicNames", 5, words({"host names"}));
    row("cert newline", "server/tlsCert", QStringLiteral("a\nb"), words({"file path"}));
    row("cpu above 100", "thresholds/cpu/warning", 101, words({"percentage", "0 to 100"}),
        "CPU warning");
    row("temperature above 200", "thresholds/temperature/critical", 201, words({"0 to 200"}),
        "Temperature critical");
    row("errors negative", "thresholds/errors/warning", -1, words({"0 to 1000000"}),
        "Server errors warning");
    row("tick zero", "thresholds/tick/warning", 0, words({"1 to 1000"}), "Tick time warning");
    row("for too long", "thresholds/disk/for", 86401, words({"seconds", "0 to 86400"}),
        "Disk space for");
    row("for fraction", "thresholds/disk/for", 1.5, words({"whole", "0 to 86400"}),
        "Disk space for");
    row("swap hysteresis", "thresholds/swap/hysteresis", 101, words({"0 to 100"}),
        "Swap hysteresis");
    row("tick hysteresis", "thresholds/tick/hysteresis", 1001, words({"0 to 1000"}),
        "Tick time hysteresis");
    row("unknown key", "general/nope", 1, words({"unknown"}));
}

void TestSettings::validationMessages()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QFETCH(QStringList, mentions);
    QFETCH(QString, subject);
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    const QString message = settings.validate(key, value);
    QVERIFY2(message.startsWith(subject + u':'), qPrintable(message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
    for (const QString &mention : mentions)
        QVERIFY2(message.contains(mention),
                 qPrintable(message + QStringLiteral(" lacks ") + mention));
    if (key == u"server/token")
        QVERIFY2(!message.contains(value.toString()), "a token must never be repeated");
}

void TestSettings::criticalBelowWarningRefused()
{
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(settings.load());
    // cpu warning is 75 by default, so a critical level of 70 would sit below it.
    QStringList errors = settings.apply({{QStringLiteral("thresholds/cpu/critical"), 70}});
    QCOMPARE(errors, QStringList{QStringLiteral("CPU critical 70 % is below its warning 75 %: "
                                                "raise the critical level or lower the warning")});
    QCOMPARE(settings.value(QStringLiteral("thresholds/cpu/critical")), QVariant(90.0));
    // memory critical is 95 by default; a warning of 96 alone is refused.
    errors = settings.apply({{QStringLiteral("thresholds/memory/warning"), 96}});
    QCOMPARE(errors.size(), 1);
    // Both moved together are checked against each other, not against the old values.
    errors = settings.apply({{QStringLiteral("thresholds/memory/warning"), 96},
                             {QStringLiteral("thresholds/memory/critical"), 98}});
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    // Equal levels are allowed: critical >= warning.
    errors = settings.apply({{QStringLiteral("thresholds/cpu/critical"), 75}});
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
}

// Each change is checked merged with the defaults of docs/settings.md (cpu 75/90 hysteresis 5,
// memory 80/95 h 5, swap 50/80 h 5, disk 90/95 h 2, temperature 80/95 h 3, errors 10/60 h 2,
// connections 10/50 h 2, tick 50/100 h 10). An alert clears below level - hysteresis, so a
// warning level at or below its hysteresis never clears for a value that cannot be negative.
// An empty message means the change is accepted.
void TestSettings::impossibleCombinations_data()
{
    QTest::addColumn<QVariantMap>("changes");
    QTest::addColumn<QString>("message");
    const QString advice =
        QStringLiteral(" could never clear: lower the hysteresis or raise the level");
    const auto key = [](const char *rule, const char *field) {
        return QStringLiteral("thresholds/%1/%2")
            .arg(QLatin1StringView(rule), QLatin1StringView(field));
    };
    // 2 - 5 = -3: memory can never fall below it.
    QTest::newRow("memory warning below hysteresis")
        << QVariantMap{{key("memory", "warning"), 2}}
        << QStringLiteral("Memory warning 2 % with hysteresis 5 %") + advice;
    // 90 - 90 = 0: disk use is never below 0 %.
    QTest::newRow("disk hysteresis equal to warning")
        << QVariantMap{{key("disk", "hysteresis"), 90}}
        << QStringLiteral("Disk space warning 90 % with hysteresis 90 %") + advice;
    QTest::newRow("errors warning equal to hysteresis")
        << QVariantMap{{key("errors", "warning"), 2}}
        << QStringLiteral("Server errors warning 2/min with hysteresis 2/min") + advice;
    QTest::newRow("tick hysteresis above warning")
        << QVariantMap{{key("tick", "hysteresis"), 60}}
        << QStringLiteral("Tick time warning 50 % of interval with hysteresis 60 % of interval") +
               advice;
    QTest::newRow("swap levels crossed in one change")
        << QVariantMap{{key("swap", "warning"), 90}, {key("swap", "critical"), 85}}
        << QStringLiteral("Swap critical 85 % is below its warning 90 %: raise the critical level "
                          "or lower the warning");
    // Critical below warning is named first, even when the hysteresis is wrong too.
    QTest::newRow("cpu crossed and never clearing")
        << QVariantMap{{key("cpu", "critical"), 4}, {key("cpu", "hysteresis"), 6}}
        << QStringLiteral("CPU critical 4 % is below its warning 75 %: raise the critical level "
                          "or lower the warning");
    // One value out of range is named as the panels name it too.
    QTest::newRow("memory critical out of range")
        << QVariantMap{{key("memory", "critical"), 150}}
        << QStringLiteral("Memory critical: expected a percentage from 0 to 100, got \"150\"");
    // A level of 0 is "always on": every value is at or above it, so it is meant never to clear.
    QTest::newRow("disk level 0 always on")
        << QVariantMap{{key("disk", "warning"), 0}} << QString();
    // 6 - 5 = 1: memory can fall below 1 %, so the alert can clear.
    QTest::newRow("memory warning just above hysteresis")
        << QVariantMap{{key("memory", "warning"), 6}} << QString();
    // 3 - 3 = 0: a sensor can read below 0 °C, so a temperature alert can clear.
    QTest::newRow("temperature may go below zero")
        << QVariantMap{{key("temperature", "warning"), 3}} << QString();
    // Lowering both together: 20 > 5 and 30 >= 20.
    QTest::newRow("memory levels lowered together")
        << QVariantMap{{key("memory", "warning"), 20}, {key("memory", "critical"), 30}}
        << QString();
}

void TestSettings::impossibleCombinations()
{
    QFETCH(QVariantMap, changes);
    QFETCH(QString, message);
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    const QVariantMap before = settings.toMap(true);
    const QStringList errors = settings.apply(changes);
    if (message.isEmpty()) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        for (auto it = changes.cbegin(); it != changes.cend(); ++it)
            QCOMPARE(settings.value(it.key()).toDouble(), it.value().toDouble());
        return;
    }
    QCOMPARE(errors, QStringList{message});
    QCOMPARE(settings.toMap(true), before);
    QVERIFY(!QFile::exists(path));
}

void TestSettings::applyIsAllOrNothing()
{
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    QSignalSpy spy(&settings, &Settings::changed);
    const QStringList errors =
        settings.apply({{QStringLiteral("general/interval"), 2},
                        {QStringLiteral("server/port"), 70000},
                        {QStringLiteral("server/bind"), QStringLiteral("x")}});
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.at(0).startsWith(QStringLiteral("server/bind")));
    QVERIFY(errors.at(1).startsWith(QStringLiteral("server/port")));
    QCOMPARE(settings.interval(), 1.0);
    QCOMPARE(spy.count(), 0);
    QVERIFY(!QFile::exists(path));
}

void TestSettings::applySavesOnlyUserKeysAtomically()
{
    const QString path = m_dir->filePath(QStringLiteral("sub/dir/vantage.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    const QStringList errors =
        settings.apply({{QStringLiteral("general/interval"), 2.5},
                        {QStringLiteral("server/port"), QStringLiteral("9000")}});
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    // Only the two applied keys, each in its section; no default is written.
    QCOMPARE(contents(path), QByteArray("[general]\ninterval=2.5\n\n[server]\nport=9000\n"));
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("vantage.conf")});
    // A new file may hold the token, so nobody but its owner reads it.
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    QVERIFY(permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    Settings reread(path);
    QVERIFY(reread.load());
    QCOMPARE(reread.interval(), 2.5);
    QCOMPARE(reread.port(), 9000);
}

void TestSettings::changedEmittedOnceWithChangedKeys()
{
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(settings.load());
    QSignalSpy spy(&settings, &Settings::changed);
    // cpu/warning is applied with its default value, so its effective value does not change.
    const QStringList errors = settings.apply({{QStringLiteral("server/port"), 9000},
                                               {QStringLiteral("general/interval"), 2},
                                               {QStringLiteral("thresholds/cpu/warning"), 75}});
    QVERIFY(errors.isEmpty());
    QCOMPARE(spy.count(), 1);
    const QStringList expected{QStringLiteral("general/interval"), QStringLiteral("server/port")};
    QCOMPARE(spy.at(0).at(0).toStringList(), expected);
}

void TestSettings::applyClearsOverride()
{
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(settings.load());
    settings.setOverride(QStringLiteral("general/interval"), 0.5);
    QCOMPARE(settings.interval(), 0.5);
    QVERIFY(settings.apply({{QStringLiteral("general/interval"), 2}}).isEmpty());
    QCOMPARE(settings.interval(), 2.0);
}

void TestSettings::overridesAreNotSaved()
{
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    settings.setOverride(QStringLiteral("server/port"), 9000);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("server/bind")));
    settings.setOverride(QStringLiteral("server/bind"), QStringLiteral("not an address"));
    QCOMPARE(settings.bind(), QStringLiteral("127.0.0.1"));
    QVERIFY(settings.apply({{QStringLiteral("general/interval"), 2}}).isEmpty());
    QCOMPARE(settings.port(), 9000);
    QCOMPARE(contents(path), QByteArray("[general]\ninterval=2\n"));
}

void TestSettings::listsAndNonAsciiRoundTrip()
{
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    const QString cert = QStringLiteral(" /home/jörg/zert=1;a.pem");
    QVERIFY(settings
                .apply({{QStringLiteral("server/allowedOrigins"),
                         QStringLiteral("https://a.example, http://b.example:81")},
                        {QStringLiteral("server/tlsCert"), cert}})
                .isEmpty());
    const QStringList origins{QStringLiteral("https://a.example"),
                              QStringLiteral("http://b.example:81")};
    QCOMPARE(settings.allowedOrigins(), origins);
    // The list is joined with ',' and quoted; the path keeps its leading space, '=' and ';'.
    QCOMPARE(contents(path),
             QByteArray("[server]\nallowedOrigins=\"https://a.example,http://b.example:81\"\n"
                        "tlsCert=\" /home/j\xC3\xB6rg/zert=1;a.pem\"\n"));
    Settings reread(path);
    QVERIFY(reread.load());
    QCOMPARE(reread.allowedOrigins(), origins);
    QCOMPARE(reread.value(QStringLiteral("server/tlsCert")).toString(), cert);
}

void TestSettings::corruptFile()
{
    const QString path = copyFixture("corrupt.conf");
    const QByteArray original = contents(path);
    Settings settings(path);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("unknown key future/newKey")));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("vantage.conf.* corrupt at line 3 ")));
    QVERIFY(!settings.load());
    QCOMPARE(contents(path + QStringLiteral(".corrupt")), original);
    QCOMPARE(settings.interval(), 2.0); // line 2, before the broken line
    QCOMPARE(settings.port(), 9000);    // line 5, after it
    QCOMPARE(settings.historySeconds(), 3600);
    QVERIFY(settings.apply({{QStringLiteral("server/maxConnections"), 50}}).isEmpty());
    // The broken line 3 is gone (its copy is in .corrupt), the later version's key survives.
    QCOMPARE(contents(path), QByteArray("[general]\ninterval=2\n[server]\nport=9000\n"
                                        "maxConnections=50\n[future]\nnewKey=keep me\n"));
    QCOMPARE(contents(path + QStringLiteral(".corrupt")), original);
}

static QStringList s_messages;

void TestSettings::corruptLineIsNotLogged()
{
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("[server]\ntoken " + GoodToken.toUtf8() + '\n');
    out.close();
    s_messages.clear();
    const QtMessageHandler previous =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &text) {
            s_messages.append(text);
        });
    Settings settings(path);
    const bool loaded = settings.load();
    qInstallMessageHandler(previous);
    QVERIFY(!loaded);
    QCOMPARE(s_messages.size(), 1);
    QVERIFY2(
        s_messages.constFirst().contains(QStringLiteral("corrupt at line 2 (expected key=value)")),
        qPrintable(s_messages.constFirst()));
    QVERIFY(!s_messages.constFirst().contains(GoodToken));
}

void TestSettings::outOfRangeValueKeptRawOnSave()
{
    const QString path = copyFixture("badvalues.conf");
    const QByteArray original = contents(path);
    Settings settings(path);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             "general/interval: expected .*0.1 to 3600, got \"abc\"; using the "
                             "default 1$")));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             "general/historySeconds: .*60 to 86400, got \"10\"; using the "
                             "default 3600$")));
    QVERIFY(settings.load());
    QCOMPARE(settings.interval(), 1.0);
    QCOMPARE(settings.historySeconds(), 3600);
    QCOMPARE(settings.port(), 9000);
    QVERIFY(settings.apply({{QStringLiteral("server/port"), 9001}}).isEmpty());
    QCOMPARE(contents(path), QByteArray(original).replace("port=9000", "port=9001"));
    QVERIFY(settings.apply({{QStringLiteral("general/interval"), 3}}).isEmpty());
    QCOMPARE(contents(path), QByteArray(original)
                                 .replace("port=9000", "port=9001")
                                 .replace("interval=abc", "interval=3"));
}

void TestSettings::inconsistentThresholdsInFileFallBack()
{
    Settings settings(copyFixture("inconsistent.conf"));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             "CPU critical 80 % is below its warning 95 %: raise the critical "
                             "level or lower the warning; using the defaults of thresholds/cpu "
                             "\\(warning 75, critical 90, hysteresis 5\\)$")));
    QVERIFY(settings.load());
    // cpu 95/80 and memory 85/95(default) -> cpu back to 75/90; memory 85 <= 95 stays.
    QCOMPARE(settings.value(QStringLiteral("thresholds/cpu/warning")), QVariant(75.0));
    QCOMPARE(settings.value(QStringLiteral("thresholds/cpu/critical")), QVariant(90.0));
    QCOMPARE(settings.value(QStringLiteral("thresholds/memory/warning")), QVariant(85.0));
}

// A rule that could never clear falls back to its default levels and hysteresis; its `for`, the
// other rules and the user's text in the file stay.
void TestSettings::neverClearingRuleInFileFallsBack()
{
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    const QByteArray text = "[thresholds/memory]\nwarning=2\nhysteresis=5\nfor=30\n"
                            "[thresholds/disk]\nwarning=85\n";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(text), text.size());
    }
    Settings settings(path);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             "Memory warning 2 % with hysteresis 5 % could never clear: lower the "
                             "hysteresis or raise the level; using the defaults of "
                             "thresholds/memory \\(warning 80, critical 95, hysteresis 5\\)$")));
    QVERIFY(settings.load());
    QCOMPARE(settings.value(QStringLiteral("thresholds/memory/warning")), QVariant(80.0));
    QCOMPARE(settings.value(QStringLiteral("thresholds/memory/hysteresis")), QVariant(5.0));
    QCOMPARE(settings.value(QStringLiteral("thresholds/memory/for")), QVariant(30));
    QCOMPARE(settings.value(QStringLiteral("thresholds/disk/warning")), QVariant(85.0));
    // Another change saves the file with the user's memory lines as they were.
    QVERIFY(settings.apply({{QStringLiteral("thresholds/cpu/warning"), 70}}).isEmpty());
    QVERIFY2(contents(path).startsWith(text), contents(path).constData());
}

void TestSettings::unreadableFileIsNeverOverwritten()
{
    // A directory where the file should be cannot be read, even by root.
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    QVERIFY(QDir().mkdir(path));
    Settings settings(path);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read")));
    QVERIFY(!settings.load());
    QCOMPARE(settings.port(), 8765);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not saving")));
    const QStringList errors = settings.apply({{QStringLiteral("server/port"), 9000}});
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.constFirst().contains(QStringLiteral("not saving")));
    QCOMPARE(settings.port(), 9000);
    QVERIFY(QFileInfo(path).isDir());
}

void TestSettings::failedSaveLeavesOldFile()
{
    const QString folder = m_dir->filePath(QStringLiteral("locked"));
    const QString path = folder + QStringLiteral("/vantage.conf");
    Settings settings(path);
    QVERIFY(settings.apply({{QStringLiteral("general/interval"), 2}}).isEmpty());
    const QByteArray before = contents(path);
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                              QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                                              QFileDevice::ReadOther | QFileDevice::ExeOther));
    const auto unlock = qScopeGuard([&folder] {
        QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), folder});
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
    });
    QFile probe(folder + QStringLiteral("/probe"));
    if (probe.open(QIODevice::WriteOnly)) {
        // Root writes through 0555, as CI runs; an immutable folder stops root too.
        probe.close();
        probe.remove();
        VANTAGE_REQUIRE_OR_SKIP(
            QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), folder}) == 0,
            "root can write into a 0555 folder and chattr +i is not available here");
    }
    QSignalSpy spy(&settings, &Settings::changed);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot save")));
    const QStringList errors = settings.apply({{QStringLiteral("general/interval"), 3}});
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.constFirst().contains(QStringLiteral("cannot save the settings to")));
    QCOMPARE(settings.interval(), 3.0);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(contents(path), before);
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("vantage.conf")});
}

void TestSettings::toMapHidesToken()
{
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(settings.load());
    QVERIFY(settings.apply({{QStringLiteral("server/token"), GoodToken}}).isEmpty());
    QCOMPARE(settings.token(), GoodToken);
    const QVariantMap open = settings.toMap();
    QVERIFY(!open.contains(QStringLiteral("server/token")));
    QCOMPARE(open.size(), Settings::keys().size() - 1);
    QCOMPARE(open.value(QStringLiteral("server/port")), QVariant(8765));
    const QVariantMap all = settings.toMap(true);
    QCOMPARE(all.value(QStringLiteral("server/token")), QVariant(GoodToken));
}

void TestSettings::keysCoverTheSchema()
{
    const QStringList keys = Settings::keys();
    // 3 general + 10 server + 6 history + 2 notify + 4 fleet + 16 rules x 4 = 89; a unit's own
    // levels (thresholds/<rule>/<unit>/...) and a fleet host's keys are no fixed keys.
    QCOMPARE(keys.size(), 89);
    QCOMPARE(keys.constFirst(), QStringLiteral("general/interval"));
    QVERIFY(keys.contains(QStringLiteral("server/allowedOrigins")));
    QVERIFY(keys.contains(QStringLiteral("thresholds/tick/hysteresis")));
    QCOMPARE(Settings(QString()).value(QStringLiteral("no/such")), QVariant());
}

// Someone edits the file by hand (or configuration management rewrites it) while we run.
void TestSettings::editsToTheFileAreReloaded()
{
    const QString path = m_dir->filePath(QStringLiteral("vantage.conf"));
    Settings settings(path);
    settings.load();
    settings.watchFile();
    QSignalSpy spy(&settings, &Settings::changed);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[thresholds/cpu]\nwarning = 60\n");
    file.close();
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.first().first().toStringList(),
             QStringList{QStringLiteral("thresholds/cpu/warning")});
    QCOMPARE(settings.value(QStringLiteral("thresholds/cpu/warning")).toDouble(), 60.0);
    // An atomic replace (as editors and QSaveFile do) is seen too.
    QSaveFile replacement(path);
    QVERIFY(replacement.open(QIODevice::WriteOnly));
    replacement.write("[thresholds/cpu]\nwarning = 65\n");
    QVERIFY(replacement.commit());
    QTRY_COMPARE(settings.value(QStringLiteral("thresholds/cpu/warning")).toDouble(), 65.0);
}

void TestSettings::ownSavesAreNotReloaded()
{
    Settings settings(m_dir->filePath(QStringLiteral("vantage.conf")));
    settings.load();
    settings.watchFile();
    QSignalSpy spy(&settings, &Settings::changed);
    QCOMPARE(settings.apply({{QStringLiteral("general/interval"), 2.0}}), QStringList{});
    QCOMPARE(spy.size(), 1);
    QTest::qWait(500); // the watcher sees our own write and must stay quiet
    QCOMPARE(spy.size(), 1);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"

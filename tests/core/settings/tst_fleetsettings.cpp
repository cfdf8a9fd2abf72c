#include "settings/settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The fleet's keys (docs/fleet.md): fleet/host/<name>/{url,token} and fleet/{downSeconds,
// webEditable,prometheusUrl,prometheusRefresh}.
class TestFleetSettings : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaults();
    void addressesAccepted_data();
    void addressesAccepted();
    void addressesRefused_data();
    void addressesRefused();
    void aBadHostNameIsNoKey();
    void theTokenIsNeverShown();
    void removingAHostSaysItsKeysChanged();
    void prometheusAddressesAccepted_data();
    void prometheusAddressesAccepted();
    void prometheusAddressesRefused_data();
    void prometheusAddressesRefused();
    void prometheusRefreshRange();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestFleetSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(m_settings->load());
}

void TestFleetSettings::defaults()
{
    QCOMPARE(m_settings->value(QStringLiteral("fleet/downSeconds")).toInt(), 15);
    QCOMPARE(m_settings->value(QStringLiteral("fleet/webEditable")).toBool(), false);
    // The host rule warns when a host has been silent as long as it takes to call it down.
    QCOMPARE(m_settings->value(QStringLiteral("thresholds/host/warning")).toDouble(), 15.0);
    QCOMPARE(m_settings->fleetHosts(), QStringList());
    QVERIFY(m_settings->validate(QStringLiteral("fleet/downSeconds"), 0).contains(u"from 1"));
    // No Prometheus until one is named; read every 15 s once it is.
    QCOMPARE(m_settings->value(QStringLiteral("fleet/prometheusUrl")).toString(), QString());
    QCOMPARE(m_settings->value(QStringLiteral("fleet/prometheusRefresh")).toInt(), 15);
}

void TestFleetSettings::addressesAccepted_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("dashboard") << QStringLiteral("http://127.0.0.1:8765/");
    QTest::newRow("dashboard without slash") << QStringLiteral("https://box.example.org:8765");
    QTest::newRow("socket") << QStringLiteral("ws://127.0.0.1:8765/ws");
    QTest::newRow("tls socket") << QStringLiteral("wss://box.example.org:8765/ws");
}

void TestFleetSettings::addressesAccepted()
{
    QFETCH(QString, url);
    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/host/box/url"), url}}), QStringList());
    QCOMPARE(m_settings->value(QStringLiteral("fleet/host/box/url")).toString(), url);
    QCOMPARE(m_settings->fleetHosts(), QStringList{QStringLiteral("box")});
}

void TestFleetSettings::addressesRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("other scheme") << QStringLiteral("ftp://box:8765/");
    QTest::newRow("no host") << QStringLiteral("http:///");
    QTest::newRow("socket elsewhere than /ws") << QStringLiteral("ws://box:8765/");
    QTest::newRow("dashboard page") << QStringLiteral("http://box:8765/index.html");
    QTest::newRow("token in the query") << QStringLiteral("ws://box:8765/ws?token=x");
    QTest::newRow("user") << QStringLiteral("http://me:pw@box:8765/");
    QTest::newRow("empty") << QString();
}

void TestFleetSettings::addressesRefused()
{
    QFETCH(QString, url);
    const QStringList errors = m_settings->apply({{QStringLiteral("fleet/host/box/url"), url}});
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(u"fleet/host/box/url: expected an address such as "
                                       u"http://host:8765/ or wss://host:8765/ws"),
             qPrintable(errors.first()));
    QCOMPARE(m_settings->fleetHosts(), QStringList());
}

void TestFleetSettings::aBadHostNameIsNoKey()
{
    const QStringList errors =
        m_settings->apply({{QStringLiteral("fleet/host/a b/url"), QStringLiteral("http://a/")}});
    QCOMPARE(errors, QStringList{QStringLiteral("fleet/host/a b/url: unknown setting")});
}

void TestFleetSettings::theTokenIsNeverShown()
{
    const QString token = QStringLiteral("fleet-secret-Tk83-xyz");
    QCOMPARE(m_settings->apply(
                 {{QStringLiteral("fleet/host/box/url"), QStringLiteral("http://127.0.0.1:8765/")},
                  {QStringLiteral("fleet/host/box/token"), token}}),
             QStringList());
    const QVariantMap shown = m_settings->toMap();
    QCOMPARE(shown.value(QStringLiteral("fleet/host/box/token")), QVariant(true));
    QCOMPARE(shown.value(QStringLiteral("fleet/host/box/url")).toString(),
             QStringLiteral("http://127.0.0.1:8765/"));
    QCOMPARE(m_settings->toMap(true).value(QStringLiteral("fleet/host/box/token")).toString(),
             token);
    // A token that is too short is refused without repeating it.
    const QString shortToken = QStringLiteral("short-Zq1");
    const QStringList errors =
        m_settings->apply({{QStringLiteral("fleet/host/box/token"), shortToken}});
    QCOMPARE(errors.size(), 1);
    QVERIFY(!errors.first().contains(shortToken));
    QVERIFY2(errors.first().contains(u"a token of 9 characters"), qPrintable(errors.first()));
}

void TestFleetSettings::removingAHostSaysItsKeysChanged()
{
    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/host/box/url"),
                                 QStringLiteral("http://127.0.0.1:8765/")}}),
             QStringList());
    QSignalSpy changed(m_settings.get(), &Settings::changed);
    QCOMPARE(m_settings->remove(QStringLiteral("fleet/host/box/")), QString());
    QCOMPARE(changed.size(), 1);
    QVERIFY(changed.first().first().toStringList().contains(QStringLiteral("fleet/host/box/url")));
    QCOMPARE(m_settings->fleetHosts(), QStringList());
}

void TestFleetSettings::prometheusAddressesAccepted_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("none") << QString();
    QTest::newRow("host and port") << QStringLiteral("http://127.0.0.1:9090/");
    QTest::newRow("no slash") << QStringLiteral("https://prometheus.example.org");
    QTest::newRow("behind a proxy") << QStringLiteral("https://ops.example.org/prometheus/");
}

void TestFleetSettings::prometheusAddressesAccepted()
{
    QFETCH(QString, url);
    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/prometheusUrl"), url}}), QStringList());
    QCOMPARE(m_settings->value(QStringLiteral("fleet/prometheusUrl")).toString(), url);
}

void TestFleetSettings::prometheusAddressesRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("other scheme") << QStringLiteral("ws://127.0.0.1:9090/");
    QTest::newRow("no scheme") << QStringLiteral("prometheus:9090");
    QTest::newRow("no host") << QStringLiteral("http:///api");
    QTest::newRow("user") << QStringLiteral("http://admin:pw@127.0.0.1:9090/");
    QTest::newRow("query") << QStringLiteral("http://127.0.0.1:9090/?x=1");
    QTest::newRow("fragment") << QStringLiteral("http://127.0.0.1:9090/#graph");
}

// A refused address names the key and what it allows, and the previous address stays.
void TestFleetSettings::prometheusAddressesRefused()
{
    QFETCH(QString, url);
    const QString before = QStringLiteral("http://127.0.0.1:9090/");
    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/prometheusUrl"), before}}), QStringList());
    const QStringList errors = m_settings->apply({{QStringLiteral("fleet/prometheusUrl"), url}});
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(
                 u"fleet/prometheusUrl: expected an address such as http://prometheus:9090/"),
             qPrintable(errors.first()));
    QCOMPARE(m_settings->value(QStringLiteral("fleet/prometheusUrl")).toString(), before);
}

void TestFleetSettings::prometheusRefreshRange()
{
    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/prometheusRefresh"), 3600}}), QStringList());
    QCOMPARE(m_settings->value(QStringLiteral("fleet/prometheusRefresh")).toInt(), 3600);
    for (const QVariant &bad : {QVariant(0), QVariant(3601), QVariant(1.5)}) {
        const QStringList errors =
            m_settings->apply({{QStringLiteral("fleet/prometheusRefresh"), bad}});
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(u"fleet/prometheusRefresh: expected a whole number of "
                                           u"seconds from 1 to 3600"),
                 qPrintable(errors.first()));
    }
    QCOMPARE(m_settings->value(QStringLiteral("fleet/prometheusRefresh")).toInt(), 3600);
}

QTEST_GUILESS_MAIN(TestFleetSettings)
#include "tst_fleetsettings.moc"

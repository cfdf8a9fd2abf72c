#include "monitor.h"
#include "server/serverservice.h"
#include "settings/settings.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

// Levels per unit end to end: a web admin gives one unit levels of its own with setSettings, the
// real collector reads the fixture cgroup tree and the alert follows; the levels taken out with a
// null prefix, it follows the shared ones again. The fixture (tests/core/collectors/cgroups/
// fixtures/v2): nginx.service has memory.current 104 857 600 less inactive_file 4 194 304 =
// 100 663 296 bytes (96 MiB) of its memory.max 268 435 456 (256 MiB): 96 / 256 = 37.5 %, under
// the shared cgroupMemory warning of 90.
class TestUnitAlerts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void adminsUnitLevelsFireAndRemovalFallsBack();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Monitor> m_monitor;
};

void TestUnitAlerts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestUnitAlerts::cleanup()
{
    m_monitor.reset();
}

void TestUnitAlerts::adminsUnitLevelsFireAndRemovalFallsBack()
{
    const QString fixtures = QFINDTESTDATA("../../app/fixtures");
    const QString cgroups = QFINDTESTDATA("../collectors/cgroups/fixtures/v2");
    QVERIFY(!fixtures.isEmpty() && !cgroups.isEmpty());
    Monitor::Options options;
    options.configFile = m_dir->filePath("vantage.conf");
    options.alertLogFile = m_dir->filePath("alerts.jsonl");
    options.paths.procRoot = fixtures + "/proc";
    options.paths.sysRoot = fixtures + "/sys";
    options.paths.cgroupRoot = cgroups;
    options.settingOverrides = {{"general/interval", 0.1},
                                {"server/port", 0},
                                {"server/token", "0123456789abcdef"},
                                {"thresholds/cgroupMemory/for", 0}};
    m_monitor = std::make_unique<Monitor>(options);
    QVERIFY(m_monitor->start());
    const quint16 port = quint16(m_monitor->server()->url().port());

    WsClient admin;
    QVERIFY(admin.open(port, "/ws?token=0123456789abcdef"));
    const auto nginxAlerts = [&admin] {
        QList<QJsonObject> found;
        for (const QJsonObject &alert : admin.ofType("alert")) {
            if (alert["id"].toString() == u"cgroupMemory:nginx.service")
                found.append(alert);
        }
        return found;
    };
    QVERIFY(!admin.waitFor("sample", 20000).isEmpty());
    admin.send({{"type", "setSettings"},
                {"id", 1},
                {"settings", QJsonObject{{"thresholds/cgroupMemory/nginx.service/warning", 30},
                                         {"thresholds/cgroupMemory/nginx.service/critical", 40}}}});
    QCOMPARE(admin.waitFor("result", 20000)["id"].toInt(), 1);
    // Every client hears the new keys, the unit's `for` as the shared one.
    QTRY_VERIFY_WITH_TIMEOUT(!admin.ofType("settings").isEmpty(), 20000);
    const QJsonObject settings = admin.ofType("settings").last()["settings"].toObject();
    QCOMPARE(settings["thresholds/cgroupMemory/nginx.service/warning"].toDouble(), 30.0);
    QCOMPARE(settings["thresholds/cgroupMemory/nginx.service/for"].toInt(), 0);
    QCOMPARE(settings["thresholds/cgroupMemory/nginx.service/enabled"].toBool(), true);

    // 37.5 % is over its own warning 30, under its own critical 40.
    QTRY_COMPARE_WITH_TIMEOUT(nginxAlerts().size(), 1, 20000);
    const QJsonObject fired = nginxAlerts().first();
    QCOMPARE(fired["state"].toString(), QString("firing"));
    QCOMPARE(fired["severity"].toString(), QString("warning"));
    QCOMPARE(fired["value"].toDouble(), 37.5);
    QCOMPARE(fired["threshold"].toDouble(), 30.0);

    // Taken out: the shared warning 90 again, and 37.5 is below 90 less the hysteresis 3.
    admin.send(
        {{"type", "setSettings"},
         {"id", 2},
         {"settings", QJsonObject{{"thresholds/cgroupMemory/nginx.service/", QJsonValue::Null}}}});
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType("result").size(), 2, 20000);
    QCOMPARE(admin.ofType("result").last()["id"].toInt(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(nginxAlerts().size(), 2, 20000);
    const QJsonObject resolved = nginxAlerts().last();
    QCOMPARE(resolved["state"].toString(), QString("resolved"));
    QVERIFY(!admin.ofType("settings")
                 .last()["settings"]
                 .toObject()
                 .contains("thresholds/cgroupMemory/nginx.service/warning"));
    QVERIFY(!m_monitor->settings()->units("cgroupMemory").contains("nginx.service"));

    // A null on an ordinary key is still refused, and nothing of the change is applied.
    admin.send({{"type", "setSettings"},
                {"id", 3},
                {"settings", QJsonObject{{"thresholds/cgroupMemory/warning", QJsonValue::Null}}}});
    QTRY_VERIFY_WITH_TIMEOUT(!admin.ofType("error").isEmpty(), 20000);
    QCOMPARE(admin.ofType("error").last()["code"].toString(), QString("bad_request"));
    QCOMPARE(m_monitor->settings()->value("thresholds/cgroupMemory/warning").toDouble(), 90.0);
}

QTEST_GUILESS_MAIN(TestUnitAlerts)
#include "tst_unitalerts.moc"

#include "alerts/alertservice.h"
#include "httpprobe.h"
#include "monitor.h"
#include "server/serverservice.h"
#include "settings/settings.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

// Alerts end to end: the fixture machine's memory is at 50% (tests/app/fixtures/proc/meminfo:
// MemTotal 16384000 kB, MemAvailable 8192000 kB), so a memory warning at 40 fires at the first
// tick and one at 60 resolves it.
class TestAlertService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firesThenResolvesWhenAdminRaisesThreshold();
    void apiAndMetricsAgree();
    void acknowledgementReachesEveryClient();
    void newClientGetsActiveAlertsAfterHistory();
    void logSurvivesRestart();

private:
    quint16 start();
    QString m_fixtures;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Monitor> m_monitor;
};

void TestAlertService::init()
{
    m_fixtures = QFINDTESTDATA("../../app/fixtures");
    QVERIFY(!m_fixtures.isEmpty());
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestAlertService::cleanup()
{
    m_monitor.reset();
}

quint16 TestAlertService::start()
{
    Monitor::Options options;
    options.configFile = m_dir->filePath("vantage.conf");
    options.alertLogFile = m_dir->filePath("alerts.jsonl");
    options.paths.procRoot = m_fixtures + "/proc";
    options.paths.sysRoot = m_fixtures + "/sys";
    options.settingOverrides = {{"general/interval", 0.1},
                                {"server/port", 0},
                                {"server/token", "0123456789abcdef"},
                                {"thresholds/memory/warning", 40},
                                {"thresholds/memory/for", 0}};
    m_monitor = std::make_unique<Monitor>(options);
    if (!m_monitor->start())
        return 0;
    return quint16(m_monitor->server()->url().port());
}

void TestAlertService::firesThenResolvesWhenAdminRaisesThreshold()
{
    const quint16 port = start();
    WsClient admin;
    QVERIFY(admin.open(port, "/ws?token=0123456789abcdef"));
    const QJsonObject fired = admin.waitFor("alert");
    QCOMPARE(fired["id"].toString(), QString("memory"));
    QCOMPARE(fired["state"].toString(), QString("firing"));
    QCOMPARE(fired["severity"].toString(), QString("warning"));
    QCOMPARE(fired["value"].toDouble(), 50.0);
    QCOMPARE(fired["threshold"].toDouble(), 40.0);
    admin.send(
        {{"type", "setSettings"}, {"settings", QJsonObject{{"thresholds/memory/warning", 60}}}});
    QTRY_COMPARE(admin.ofType("alert").size(), 2);
    const QJsonObject resolved = admin.ofType("alert").last();
    QCOMPARE(resolved["id"].toString(), QString("memory"));
    QCOMPARE(resolved["state"].toString(), QString("resolved"));
    QCOMPARE(m_monitor->alerts()->active().size(), 0);
}

void TestAlertService::apiAndMetricsAgree()
{
    const quint16 port = start();
    QTRY_VERIFY(!m_monitor->alerts()->active().isEmpty());
    const QJsonObject api =
        QJsonDocument::fromJson(HttpProbe::get(port, "/api/v1/alerts").body).object();
    QCOMPARE(api["active"].toArray().size(), 1);
    QCOMPARE(api["active"][0].toObject()["id"].toString(), QString("memory"));
    QCOMPARE(api["log"][0].toObject()["state"].toString(), QString("firing"));
    const QByteArray metrics = HttpProbe::get(port, "/metrics").body;
    QVERIFY(metrics.contains("vantage_alert_state{rule=\"memory\",instance=\"\"} 1\n"));
    QVERIFY(metrics.contains("vantage_alert_state{rule=\"cpu\",instance=\"\"} 0\n"));
    QVERIFY(metrics.contains("vantage_alert_firings_total{rule=\"memory\"} 1\n"));
    // Raised on the machine itself (desktop or file): both views clear together.
    QCOMPARE(m_monitor->settings()->apply({{"thresholds/memory/warning", 60}}), QStringList{});
    QTRY_VERIFY(m_monitor->alerts()->active().isEmpty());
    const QJsonObject after =
        QJsonDocument::fromJson(HttpProbe::get(port, "/api/v1/alerts").body).object();
    QCOMPARE(after["active"].toArray().size(), 0);
    QVERIFY(HttpProbe::get(port, "/metrics")
                .body.contains("vantage_alert_state{rule=\"memory\",instance=\"\"} 0\n"));
}

void TestAlertService::acknowledgementReachesEveryClient()
{
    const quint16 port = start();
    WsClient admin, viewer;
    QVERIFY(admin.open(port, "/ws?token=0123456789abcdef"));
    QVERIFY(viewer.open(port));
    QVERIFY(!viewer.waitFor("alert").isEmpty());
    viewer.send({{"type", "acknowledge"}, {"alert", "memory"}, {"id", 1}});
    QCOMPARE(viewer.waitFor("error")["code"].toString(), QString("unauthorized"));
    admin.send({{"type", "acknowledge"}, {"alert", "memory"}, {"id", 2}});
    QCOMPARE(admin.waitFor("result")["id"].toInt(), 2);
    for (WsClient *client : {&admin, &viewer}) {
        QTRY_VERIFY(!client->ofType("alert").isEmpty() &&
                    client->ofType("alert").last()["acknowledged"].toBool());
    }
    QVERIFY(m_monitor->alerts()->active().first().acknowledged);
    admin.send({{"type", "acknowledge"}, {"alert", "nothing"}, {"id", 3}});
    QCOMPARE(admin.waitFor("error")["code"].toString(), QString("bad_request"));
}

void TestAlertService::newClientGetsActiveAlertsAfterHistory()
{
    const quint16 port = start();
    QTRY_VERIFY(!m_monitor->alerts()->active().isEmpty());
    WsClient late;
    QVERIFY(late.open(port));
    QTRY_VERIFY(late.messages.size() >= 3);
    QCOMPARE(late.messages[0]["type"].toString(), QString("hello"));
    QCOMPARE(late.messages[1]["type"].toString(), QString("history"));
    QCOMPARE(late.messages[2]["type"].toString(), QString("alert"));
    QCOMPARE(late.messages[2]["id"].toString(), QString("memory"));
}

void TestAlertService::logSurvivesRestart()
{
    start();
    QTRY_VERIFY(!m_monitor->alerts()->active().isEmpty());
    m_monitor.reset();
    start();
    const QList<Alert> recent = m_monitor->alerts()->recent();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first().rule, QString("memory"));
}

QTEST_GUILESS_MAIN(TestAlertService)
#include "tst_alertservice.moc"

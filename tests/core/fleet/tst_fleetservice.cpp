#include "fixturetree.h"
#include "httpprobe.h"
#include "prometheusprocess.h"
#include "requireorskip.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QByteArray TokenA = "fleet-host-a-token-7Qx2";
const QByteArray TokenB = "fleet-host-b-token-9Kw4";

QJsonObject getJson(quint16 port, const QByteArray &path)
{
    return QJsonDocument::fromJson(HttpProbe::get(port, path).body).object();
}

// The host of the hub's /api/v1/fleet with that name; empty while it is not listed.
QJsonObject fleetHost(quint16 hub, const QString &name)
{
    const QJsonArray hosts = getJson(hub, "/api/v1/fleet").value(QStringLiteral("hosts")).toArray();
    for (const QJsonValue &host : hosts) {
        if (host.toObject().value(QStringLiteral("name")).toString() == name)
            return host.toObject();
    }
    return {};
}

QString stateOf(quint16 hub, const QString &name)
{
    return fleetHost(hub, name).value(QStringLiteral("state")).toString();
}

// The hub's active alert with that id; empty while none fires.
QJsonObject activeAlert(quint16 hub, const QString &id)
{
    const QJsonArray active =
        getJson(hub, "/api/v1/alerts").value(QStringLiteral("active")).toArray();
    for (const QJsonValue &alert : active) {
        if (alert.toObject().value(QStringLiteral("id")).toString() == id)
            return alert.toObject();
    }
    return {};
}

} // namespace

// Three real vantage processes on 127.0.0.1: hosts a and b, each with its own token and its own
// fixture machine, and a hub whose settings list them (and a third entry with a wrong token).
class TestFleetService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void aHubWithoutFleetListsNoHost();
    void theHubFollowsEachHostAndItsValues();
    void aHostThatStopsFiresTheHostRuleUntilItIsBack();
    void aWrongTokenIsReported();
    void aWebAdminEditsTheFleetOnlyWhereAllowed();
    void aPrometheusAddsTheInstancesNoLiveHostIs();

private:
    bool startHost(VantageProcess &host, QTemporaryDir &root, const QByteArray &token,
                   const QStringList &extra = {});
    bool start(VantageProcess &process, QTemporaryDir &root, const QByteArray &config,
               const QStringList &extra);
    bool startHub(const QByteArray &fleet);

    QTemporaryDir m_rootA;
    QTemporaryDir m_rootB;
    QTemporaryDir m_rootHub;
    std::unique_ptr<VantageProcess> m_a;
    std::unique_ptr<VantageProcess> m_b;
    std::unique_ptr<VantageProcess> m_hub;
};

void TestFleetService::init()
{
    for (QTemporaryDir *root : {&m_rootA, &m_rootB, &m_rootHub}) {
        QVERIFY(root->isValid());
        QDir(root->path()).removeRecursively();
        QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), root->path()));
    }
    // Host b's machine has half as much memory available as the fixture's: used =
    // 16384000 - 4096000 = 12288000 kB of 16384000, 75 %; host a keeps the fixture's
    // 16384000 - 8192000 = 8192000 kB, 50 %.
    QVERIFY(replaceInFile(m_rootB.filePath(QStringLiteral("proc/meminfo")),
                          "MemAvailable:    8192000 kB", "MemAvailable:    4096000 kB"));
    m_a = std::make_unique<VantageProcess>();
    m_b = std::make_unique<VantageProcess>();
    m_hub = std::make_unique<VantageProcess>();
}

void TestFleetService::cleanup()
{
    m_hub.reset();
    m_a.reset();
    m_b.reset();
}

bool TestFleetService::startHost(VantageProcess &host, QTemporaryDir &root, const QByteArray &token,
                                 const QStringList &extra)
{
    return start(host, root, "[server]\ntoken = " + token + "\n", extra);
}

bool TestFleetService::start(VantageProcess &host, QTemporaryDir &root, const QByteArray &config,
                             const QStringList &extra)
{
    return host.startOnMachine(root.path(), config, QStringLiteral("127.0.0.1"), extra);
}

// A hub that calls a host down after 2 s of silence and warns at 2 s of it (hysteresis 1: it
// clears below 1 s, which a host that is up, at 0, is).
bool TestFleetService::startHub(const QByteArray &fleet)
{
    return start(*m_hub, m_rootHub,
                 "[fleet]\ndownSeconds = 2\n[thresholds]\nhost/warning = 2\nhost/hysteresis = 1\n" +
                     fleet,
                 {});
}

void TestFleetService::aHubWithoutFleetListsNoHost()
{
    QVERIFY(startHub({}));
    const HttpProbe probe = HttpProbe::get(m_hub->port(), "/api/v1/fleet");
    QCOMPARE(probe.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(probe.body).object();
    QVERIFY(body.value(QStringLiteral("hosts")).isArray());
    QCOMPARE(body.value(QStringLiteral("hosts")).toArray().size(), 0);
}

void TestFleetService::theHubFollowsEachHostAndItsValues()
{
    QVERIFY(startHost(*m_a, m_rootA, TokenA));
    QVERIFY(startHost(*m_b, m_rootB, TokenB));
    QVERIFY(startHub("[fleet/host/a]\nurl = http://127.0.0.1:" + QByteArray::number(m_a->port()) +
                     "/\ntoken = " + TokenA + "\n[fleet/host/b]\nurl = ws://127.0.0.1:" +
                     QByteArray::number(m_b->port()) + "/ws\ntoken = " + TokenB + "\n"));
    const quint16 hub = m_hub->port();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(hub, QStringLiteral("a")), QStringLiteral("up"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(hub, QStringLiteral("b")), QStringLiteral("up"), 20000);
    // Memory from each fixture (init()); it waits for the first sample after the host is up.
    QTRY_COMPARE_WITH_TIMEOUT(fleetHost(hub, QStringLiteral("a"))
                                  .value(QStringLiteral("mem"))
                                  .toObject()
                                  .value(QStringLiteral("percent"))
                                  .toDouble(-1),
                              50.0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(fleetHost(hub, QStringLiteral("b"))
                                  .value(QStringLiteral("mem"))
                                  .toObject()
                                  .value(QStringLiteral("percent"))
                                  .toDouble(-1),
                              75.0, 20000);
    // CPU as each host answers itself: the fixture's /proc/stat does not move between ticks.
    for (VantageProcess *process : {m_a.get(), m_b.get()}) {
        const QString name = process == m_a.get() ? QStringLiteral("a") : QStringLiteral("b");
        const double own = getJson(process->port(), "/api/v1/snapshot")
                               .value(QStringLiteral("cpu"))
                               .toObject()
                               .value(QStringLiteral("total"))
                               .toDouble(-1);
        QVERIFY(own >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(fleetHost(hub, name)
                                      .value(QStringLiteral("cpu"))
                                      .toObject()
                                      .value(QStringLiteral("total"))
                                      .toDouble(-1),
                                  own, 20000);
    }
    const QJsonObject a = fleetHost(hub, QStringLiteral("a"));
    QCOMPARE(a.value(QStringLiteral("url")).toString(),
             QStringLiteral("http://127.0.0.1:%1/").arg(m_a->port()));
    QVERIFY(a.value(QStringLiteral("lastSeen")).toDouble() > 0);
    QVERIFY(a.value(QStringLiteral("alerts")).isArray());
    // The tokens are the hub's secrets: its settings say only that they are set.
    const QByteArray settings = HttpProbe::get(hub, "/api/v1/settings").body;
    QVERIFY(!settings.contains(TokenA));
    QVERIFY(!settings.contains(TokenB));
    QCOMPARE(QJsonDocument::fromJson(settings)
                 .object()
                 .value(QStringLiteral("fleet/host/a/token"))
                 .toBool(),
             true);
}

void TestFleetService::aHostThatStopsFiresTheHostRuleUntilItIsBack()
{
    QVERIFY(startHost(*m_a, m_rootA, TokenA));
    QVERIFY(startHost(*m_b, m_rootB, TokenB));
    QVERIFY(startHub("[fleet/host/a]\nurl = http://127.0.0.1:" + QByteArray::number(m_a->port()) +
                     "/\ntoken = " + TokenA + "\n[fleet/host/b]\nurl = http://127.0.0.1:" +
                     QByteArray::number(m_b->port()) + "/\ntoken = " + TokenB + "\n"));
    const quint16 hub = m_hub->port();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(hub, QStringLiteral("b")), QStringLiteral("up"), 20000);
    QVERIFY(activeAlert(hub, QStringLiteral("host:b")).isEmpty());

    const quint16 port = m_b->port();
    QVERIFY(m_b->stop());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(hub, QStringLiteral("b")), QStringLiteral("down"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!activeAlert(hub, QStringLiteral("host:b")).isEmpty(), 20000);
    const QJsonObject alert = activeAlert(hub, QStringLiteral("host:b"));
    QCOMPARE(alert.value(QStringLiteral("rule")).toString(), QStringLiteral("host"));
    QCOMPARE(alert.value(QStringLiteral("instance")).toString(), QStringLiteral("b"));
    QCOMPARE(alert.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
    // Host a never stopped.
    QCOMPARE(stateOf(hub, QStringLiteral("a")), QStringLiteral("up"));
    QVERIFY(activeAlert(hub, QStringLiteral("host:a")).isEmpty());

    QVERIFY(startHost(*m_b, m_rootB, TokenB, {QStringLiteral("--port"), QString::number(port)}));
    QCOMPARE(m_b->port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(hub, QStringLiteral("b")), QStringLiteral("up"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(activeAlert(hub, QStringLiteral("host:b")).isEmpty(), 20000);
}

void TestFleetService::aWrongTokenIsReported()
{
    QVERIFY(startHost(*m_a, m_rootA, TokenA));
    QVERIFY(startHub("[fleet/host/a]\nurl = http://127.0.0.1:" + QByteArray::number(m_a->port()) +
                     "/\ntoken = " + TokenB + "\n"));
    const quint16 hub = m_hub->port();
    QTRY_VERIFY_WITH_TIMEOUT(fleetHost(hub, QStringLiteral("a"))
                                 .value(QStringLiteral("reason"))
                                 .toString()
                                 .startsWith(QStringLiteral("the host refused the token")),
                             20000);
    QCOMPARE(stateOf(hub, QStringLiteral("a")), QStringLiteral("down"));
}

// The fleet says which hosts the hub connects to, with which tokens: a web admin edits it only
// where the machine itself allowed it, and never the switch that allows it.
void TestFleetService::aWebAdminEditsTheFleetOnlyWhereAllowed()
{
    const QByteArray hubToken = "fleet-hub-admin-token-3Jd8";
    QVERIFY(start(*m_hub, m_rootHub, "[server]\ntoken = " + hubToken + "\n", {}));
    WsClient admin;
    QVERIFY(
        admin.open(m_hub->port(), QStringLiteral("/ws?token=") + QString::fromLatin1(hubToken)));
    QVERIFY(!admin.waitFor(QStringLiteral("hello")).isEmpty());
    const QJsonObject host{
        {QStringLiteral("fleet/host/x/url"), QStringLiteral("http://127.0.0.1:9/")}};
    admin.send({{QStringLiteral("type"), QStringLiteral("setSettings")},
                {QStringLiteral("settings"), host},
                {QStringLiteral("id"), 1}});
    admin.send(
        {{QStringLiteral("type"), QStringLiteral("setSettings")},
         {QStringLiteral("settings"), QJsonObject{{QStringLiteral("fleet/webEditable"), true}}},
         {QStringLiteral("id"), 2}});
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType(QStringLiteral("error")).size(), 2, 10000);
    for (const QJsonObject &error : admin.ofType(QStringLiteral("error")))
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    QCOMPARE(
        getJson(m_hub->port(), "/api/v1/fleet").value(QStringLiteral("hosts")).toArray().size(), 0);

    // Allowed in the hub's own file: the same change is applied and the host listed.
    QVERIFY(m_hub->stop());
    QVERIFY(start(*m_hub, m_rootHub,
                  "[server]\ntoken = " + hubToken + "\n[fleet]\nwebEditable = true\n", {}));
    WsClient allowed;
    QVERIFY(
        allowed.open(m_hub->port(), QStringLiteral("/ws?token=") + QString::fromLatin1(hubToken)));
    QVERIFY(!allowed.waitFor(QStringLiteral("hello")).isEmpty());
    allowed.send({{QStringLiteral("type"), QStringLiteral("setSettings")},
                  {QStringLiteral("settings"), host},
                  {QStringLiteral("id"), 3}});
    QCOMPARE(allowed.waitFor(QStringLiteral("result"), 10000).value(QStringLiteral("id")).toInt(),
             3);
    QTRY_VERIFY_WITH_TIMEOUT(!fleetHost(m_hub->port(), QStringLiteral("x")).isEmpty(), 10000);
}

// Host a (127.0.0.2) is in the hub's list and scraped; host b (127.0.0.3) is only scraped. The
// hub shows a once, live, and b as Prometheus sees it.
void TestFleetService::aPrometheusAddsTheInstancesNoLiveHostIs()
{
    VANTAGE_REQUIRE_OR_SKIP(PrometheusProcess::available(),
                            "no prometheus at VANTAGE_PROMETHEUS: run scripts/prometheus.sh once");
    QVERIFY(
        startHost(*m_a, m_rootA, TokenA, {QStringLiteral("--bind"), QStringLiteral("127.0.0.2")}));
    QVERIFY(
        startHost(*m_b, m_rootB, TokenB, {QStringLiteral("--bind"), QStringLiteral("127.0.0.3")}));
    const QString instanceA = QStringLiteral("127.0.0.2:%1").arg(m_a->port());
    const QString instanceB = QStringLiteral("127.0.0.3:%1").arg(m_b->port());
    PrometheusProcess prometheus;
    QVERIFY(prometheus.start({instanceA, instanceB}));
    QVERIFY(startHub(
        "[fleet]\nprometheusUrl = http://127.0.0.1:" + QByteArray::number(prometheus.port()) +
        "/\nprometheusRefresh = 1\n[fleet/host/a]\nurl = " + m_a->url().toUtf8() +
        "\ntoken = " + TokenA + "\n"));
    const quint16 hub = m_hub->port();
    // b's memory from its fixture (init()): 75 %, as Prometheus scraped it.
    const auto rowOf = [hub](const QString &instance) {
        const QJsonArray hosts =
            getJson(hub, "/api/v1/fleet").value(QStringLiteral("hosts")).toArray();
        QJsonArray found;
        for (const QJsonValue &host : hosts) {
            if (host.toObject().value(QStringLiteral("instance")).toString() == instance)
                found.append(host);
        }
        return found;
    };
    QTRY_COMPARE_WITH_TIMEOUT(rowOf(instanceB)
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("mem"))
                                  .toObject()
                                  .value(QStringLiteral("percent"))
                                  .toDouble(-1),
                              75.0, 30000);
    QCOMPARE(rowOf(instanceB).first().toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("prometheus"));
    QCOMPARE(rowOf(instanceB).first().toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("up"));
    // a is scraped too, and shown once: live, by its name in the list.
    QVERIFY(
        !prometheus.waitForResult(QStringLiteral("up{instance=\"%1\"}").arg(instanceA)).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(hub, QStringLiteral("a")), QStringLiteral("up"), 20000);
    QCOMPARE(rowOf(instanceA).size(), 1);
    QCOMPARE(rowOf(instanceA).first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("a"));
    QCOMPARE(rowOf(instanceA).first().toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("live"));
    QCOMPARE(getJson(hub, "/api/v1/fleet")
                 .value(QStringLiteral("prometheus"))
                 .toObject()
                 .value(QStringLiteral("error")),
             QJsonValue(QString()));
}

QTEST_MAIN(TestFleetService)
#include "tst_fleetservice.moc"

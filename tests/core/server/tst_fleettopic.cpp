#include "fixturetree.h"
#include "httpprobe.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QByteArray TokenA = "fleet-topic-host-a-5Rt8";
const QByteArray TokenB = "fleet-topic-host-b-2Lp6";
const QByteArray HubToken = "fleet-topic-hub-token-9Vc3";

QJsonObject getJson(const VantageProcess &process, const QByteArray &path)
{
    return QJsonDocument::fromJson(HttpProbe::getAt(process.address(), process.port(), path).body)
        .object();
}

// The row named `name` of the last `fleet` message the client got; empty before one names it.
QJsonObject lastRow(const WsClient &client, const QString &name)
{
    const QList<QJsonObject> updates = client.ofType(QStringLiteral("fleet"));
    if (updates.isEmpty())
        return {};
    for (const QJsonValue &row : updates.last().value(QStringLiteral("hosts")).toArray()) {
        if (row.toObject().value(QStringLiteral("name")).toString() == name)
            return row.toObject();
    }
    return {};
}

QJsonObject firstAlert(const QJsonObject &row)
{
    return row.value(QStringLiteral("alerts")).toArray().first().toObject();
}

// The answer (result or error) to the message with this id; empty while none came.
QJsonObject answerTo(const WsClient &client, int id)
{
    for (const QJsonObject &message : client.messages) {
        const QString type = message.value(QStringLiteral("type")).toString();
        if ((type == u"result" || type == u"error") &&
            message.value(QStringLiteral("id")).toInt() == id)
            return message;
    }
    return {};
}

} // namespace

// Hosts a (127.0.0.2) and b (127.0.0.3), real headless vantages with tokens on fixture machines,
// and a hub on 127.0.0.1 that lists them (and b once more, as c, without a token). A real
// QWebSocket follows the hub's `fleet` topic and acknowledges a's alert through the hub.
class TestFleetTopic : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void theTopicCarriesEveryHostLiveWithItsCharts();
    void anAlertIsAcknowledgedOnItsHostFromTheHub();
    void fleetPageOnlyOnAHub();

private:
    bool startFleet();
    int send(WsClient &client, QJsonObject message);

    QTemporaryDir m_rootA;
    QTemporaryDir m_rootB;
    QTemporaryDir m_rootHub;
    std::unique_ptr<VantageProcess> m_a;
    std::unique_ptr<VantageProcess> m_b;
    std::unique_ptr<VantageProcess> m_hub;
    int m_lastId = 0;
};

void TestFleetTopic::init()
{
    for (QTemporaryDir *root : {&m_rootA, &m_rootB, &m_rootHub}) {
        QVERIFY(root->isValid());
        QDir(root->path()).removeRecursively();
        QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), root->path()));
    }
    m_a = std::make_unique<VantageProcess>();
    m_b = std::make_unique<VantageProcess>();
    m_hub = std::make_unique<VantageProcess>();
}

void TestFleetTopic::cleanup()
{
    m_hub.reset();
    m_a.reset();
    m_b.reset();
}

// Host a warns at once about its memory: the fixture's 8192000 kB available of 16384000 is
// 50 % in use, over a warning level of 40 with no `for`.
bool TestFleetTopic::startFleet()
{
    if (!m_a->startOnMachine(m_rootA.path(),
                             "[server]\ntoken = " + TokenA +
                                 "\n[thresholds]\nmemory/warning = 40\nmemory/for = 0\n",
                             QStringLiteral("127.0.0.2")) ||
        !m_b->startOnMachine(m_rootB.path(), "[server]\ntoken = " + TokenB + "\n",
                             QStringLiteral("127.0.0.3")))
        return false;
    return m_hub->startOnMachine(
        m_rootHub.path(),
        "[server]\ntoken = " + HubToken +
            "\n[fleet]\ndownSeconds = 2\n[fleet/host/a]\nurl = " + m_a->url().toUtf8() +
            "\ntoken = " + TokenA + "\n[fleet/host/b]\nurl = " + m_b->url().toUtf8() +
            "\ntoken = " + TokenB + "\n[fleet/host/c]\nurl = " + m_b->url().toUtf8() + "\n",
        QStringLiteral("127.0.0.1"));
}

int TestFleetTopic::send(WsClient &client, QJsonObject message)
{
    message.insert(QStringLiteral("id"), ++m_lastId);
    client.send(message);
    return m_lastId;
}

void TestFleetTopic::theTopicCarriesEveryHostLiveWithItsCharts()
{
    QVERIFY(startFleet());
    QCOMPARE(m_a->address(), QStringLiteral("127.0.0.2"));
    QCOMPARE(m_b->address(), QStringLiteral("127.0.0.3"));
    WsClient viewer;
    QVERIFY(viewer.open(m_hub->port()));
    const int subscribed = send(viewer, {{QStringLiteral("type"), QStringLiteral("subscribe")},
                                         {QStringLiteral("topics"), QJsonArray{"fleet"}}});
    QTRY_COMPARE_WITH_TIMEOUT(answerTo(viewer, subscribed).value(QStringLiteral("type")).toString(),
                              QStringLiteral("result"), 10000);
    const QJsonObject full = viewer.waitFor(QStringLiteral("fleet"), 10000);
    QCOMPARE(full.value(QStringLiteral("full")).toBool(), true);
    QStringList names;
    for (const QJsonValue &row : full.value(QStringLiteral("hosts")).toArray())
        names.append(row.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, (QStringList{"a", "b", "c"}));

    // The fixture's loadavg is "1.50 0.75 0.25"; b's memory is the same 50 %.
    QTRY_COMPARE_WITH_TIMEOUT(lastRow(viewer, QStringLiteral("b"))
                                  .value(QStringLiteral("mem"))
                                  .toObject()
                                  .value(QStringLiteral("percent"))
                                  .toDouble(-1),
                              50.0, 20000);
    const QJsonObject b = lastRow(viewer, QStringLiteral("b"));
    QCOMPARE(b.value(QStringLiteral("state")).toString(), QStringLiteral("up"));
    QCOMPARE(b.value(QStringLiteral("load")).toArray(), (QJsonArray{1.5, 0.75, 0.25}));
    QCOMPARE(b.value(QStringLiteral("instance")).toString(),
             QStringLiteral("127.0.0.3:%1").arg(m_b->port()));
    QCOMPARE(b.value(QStringLiteral("source")).toString(), QStringLiteral("live"));
    QCOMPARE(b.value(QStringLiteral("admin")).toBool(), true);
    // c is b without a token: followed as a viewer, so the hub may not acknowledge there.
    QTRY_COMPARE_WITH_TIMEOUT(
        lastRow(viewer, QStringLiteral("c")).value(QStringLiteral("state")).toString(),
        QStringLiteral("up"), 20000);
    QCOMPARE(lastRow(viewer, QStringLiteral("c")).value(QStringLiteral("admin")).toBool(), false);
    // The charts grow by each sample the host sends: points at its own times, CPU as it says.
    QTRY_VERIFY_WITH_TIMEOUT(!lastRow(viewer, QStringLiteral("b"))
                                  .value(QStringLiteral("points"))
                                  .toObject()
                                  .value(QStringLiteral("ts"))
                                  .toArray()
                                  .isEmpty(),
                             20000);
    const QJsonObject points =
        lastRow(viewer, QStringLiteral("b")).value(QStringLiteral("points")).toObject();
    QCOMPARE(points.value(QStringLiteral("load")).toArray().last().toDouble(), 1.5);
    QCOMPARE(points.value(QStringLiteral("mem")).toArray().last().toDouble(), 50.0);
    const double ownCpu = getJson(*m_b, "/api/v1/snapshot")
                              .value(QStringLiteral("cpu"))
                              .toObject()
                              .value(QStringLiteral("total"))
                              .toDouble(-1);
    QCOMPARE(points.value(QStringLiteral("cpu")).toArray().last().toDouble(-2), ownCpu);

    // A host killed is down in the next updates, and its tile keeps what it last showed.
    QVERIFY(m_b->stop());
    QTRY_COMPARE_WITH_TIMEOUT(
        lastRow(viewer, QStringLiteral("b")).value(QStringLiteral("state")).toString(),
        QStringLiteral("down"), 20000);
    QCOMPARE(lastRow(viewer, QStringLiteral("b"))
                 .value(QStringLiteral("mem"))
                 .toObject()
                 .value(QStringLiteral("percent"))
                 .toDouble(-1),
             50.0);
    QVERIFY(
        !lastRow(viewer, QStringLiteral("b")).value(QStringLiteral("reason")).toString().isEmpty());

    // Unsubscribed, no more updates come.
    const int left = send(viewer, {{QStringLiteral("type"), QStringLiteral("unsubscribe")},
                                   {QStringLiteral("topics"), QJsonArray{"fleet"}}});
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(viewer, left).isEmpty(), 10000);
    const qsizetype seen = viewer.ofType(QStringLiteral("fleet")).size();
    QTest::qWait(2500); // two ticks of the hub, in which nothing may arrive
    QCOMPARE(viewer.ofType(QStringLiteral("fleet")).size(), seen);
}

void TestFleetTopic::anAlertIsAcknowledgedOnItsHostFromTheHub()
{
    QVERIFY(startFleet());
    WsClient admin;
    QVERIFY(admin.open(m_hub->port()));
    send(admin, {{QStringLiteral("type"), QStringLiteral("subscribe")},
                 {QStringLiteral("topics"), QJsonArray{"fleet"}}});
    QTRY_VERIFY_WITH_TIMEOUT(
        !lastRow(admin, QStringLiteral("a")).value(QStringLiteral("alerts")).toArray().isEmpty(),
        20000);
    const QJsonObject alert = firstAlert(lastRow(admin, QStringLiteral("a")));
    QCOMPARE(alert.value(QStringLiteral("rule")).toString(), QStringLiteral("memory"));
    QCOMPARE(alert.value(QStringLiteral("acknowledged")).toBool(), false);
    // The host's own page shows what was running when it fired; the fleet's rows leave it out.
    const QJsonArray own0 =
        getJson(*m_a, "/api/v1/alerts").value(QStringLiteral("active")).toArray();
    QVERIFY(own0.first().toObject().contains(QStringLiteral("top")));
    QVERIFY(!alert.contains(QStringLiteral("top")));
    const QString alertId = alert.value(QStringLiteral("id")).toString();
    const QJsonObject ack{{QStringLiteral("type"), QStringLiteral("acknowledge")},
                          {QStringLiteral("alert"), alertId},
                          {QStringLiteral("host"), QStringLiteral("a")}};

    // A viewer of the hub may not; nor may the hub where it holds no token (c), nor for a host
    // not in its list.
    int id = send(admin, ack);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty(), 10000);
    QCOMPARE(answerTo(admin, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("unauthorized"));
    id = send(admin, {{QStringLiteral("type"), QStringLiteral("auth")},
                      {QStringLiteral("token"), QString::fromUtf8(HubToken)}});
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty() || !admin.ofType("auth").isEmpty(),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        lastRow(admin, QStringLiteral("c")).value(QStringLiteral("state")).toString(),
        QStringLiteral("up"), 20000);
    QJsonObject onC = ack;
    onC.insert(QStringLiteral("host"), QStringLiteral("c"));
    id = send(admin, onC);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty(), 10000);
    QCOMPARE(answerTo(admin, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("forbidden"));
    QJsonObject nowhere = ack;
    nowhere.insert(QStringLiteral("host"), QStringLiteral("nowhere"));
    id = send(admin, nowhere);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty(), 10000);
    QCOMPARE(answerTo(admin, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
    // The host's own refusal comes back naming it.
    QJsonObject unknownAlert = ack;
    unknownAlert.insert(QStringLiteral("alert"), QStringLiteral("no-such-alert"));
    id = send(admin, unknownAlert);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty(), 10000);
    QCOMPARE(answerTo(admin, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("bad_request"));
    QVERIFY(answerTo(admin, id).value(QStringLiteral("message")).toString().startsWith(u"a: "));

    id = send(admin, ack);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty(), 10000);
    QCOMPARE(answerTo(admin, id).value(QStringLiteral("type")).toString(),
             QStringLiteral("result"));
    // Acknowledged on the host itself, and the fleet shows it.
    const QJsonArray own =
        getJson(*m_a, "/api/v1/alerts").value(QStringLiteral("active")).toArray();
    QCOMPARE(own.size(), 1);
    QCOMPARE(own.first().toObject().value(QStringLiteral("acknowledged")).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(firstAlert(lastRow(admin, QStringLiteral("a")))
                                  .value(QStringLiteral("acknowledged"))
                                  .toBool(),
                              true, 10000);

    // A host that is down cannot be asked.
    QVERIFY(m_a->stop());
    QTRY_COMPARE_WITH_TIMEOUT(
        lastRow(admin, QStringLiteral("a")).value(QStringLiteral("state")).toString(),
        QStringLiteral("down"), 20000);
    id = send(admin, ack);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(admin, id).isEmpty(), 10000);
    QCOMPARE(answerTo(admin, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("bad_request"));
}

void TestFleetTopic::fleetPageOnlyOnAHub()
{
    QVERIFY(startFleet());
    const HttpProbe page = HttpProbe::get(m_hub->port(), "/fleet");
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("content-type").startsWith("text/html"));
    const HttpProbe none = HttpProbe::getAt(m_a->address(), m_a->port(), "/fleet");
    QCOMPARE(none.status, 404);
    QVERIFY(none.body.contains("no hub"));
}

QTEST_GUILESS_MAIN(TestFleetTopic)
#include "tst_fleettopic.moc"

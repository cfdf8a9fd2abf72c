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

const QByteArray HostToken = "relay-host-token-8Gd3";
const QByteArray HubToken = "relay-hub-token-4Hs7";

// The answer (result, auth or error) to the message with this id; empty while none came.
QJsonObject answerTo(const WsClient &client, int id)
{
    for (const QJsonObject &message : client.messages) {
        const QString type = message.value(QStringLiteral("type")).toString();
        if ((type == u"result" || type == u"error" || type == u"auth") &&
            message.value(QStringLiteral("id")).toInt() == id)
            return message;
    }
    return {};
}

double memoryOf(const QJsonObject &sample)
{
    return sample.value(QStringLiteral("mem"))
        .toObject()
        .value(QStringLiteral("percent"))
        .toDouble(-1);
}

} // namespace

// A host (127.0.0.2, a token, its own fixture machine) seen through a hub (127.0.0.1) that lists
// it twice: as a with the host's token, as v without. Real QWebSocket clients open the host's
// stream at the hub's /hosts/<name>/ws, as the dashboard served at /hosts/<name>/ does.
class TestHostRelay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void theHostsStreamComesThroughTheHub();
    void roleOnTheHostFollowsTheRoleOnTheHub();
    void pagesAndApiUnderTheHostsPath();
    void aHostThatGoesAwayClosesItsRelays();

private:
    int send(WsClient &client, QJsonObject message);
    QJsonObject hostSettings();

    QTemporaryDir m_rootHost;
    QTemporaryDir m_rootHub;
    VantageProcess m_host;
    VantageProcess m_hub;
    int m_lastId = 0;
};

// The host's memory is 75 % in use (4096000 kB available of 16384000), the hub's the fixture's
// 50 % (8192000 of 16384000): a sample says which machine it came from.
void TestHostRelay::initTestCase()
{
    for (QTemporaryDir *root : {&m_rootHost, &m_rootHub})
        QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), root->path()));
    QVERIFY(replaceInFile(m_rootHost.filePath(QStringLiteral("proc/meminfo")),
                          "MemAvailable:    8192000 kB", "MemAvailable:    4096000 kB"));
    QVERIFY(m_host.startOnMachine(m_rootHost.path(), "[server]\ntoken = " + HostToken + "\n",
                                  QStringLiteral("127.0.0.2")));
    QVERIFY(m_hub.startOnMachine(
        m_rootHub.path(),
        "[server]\ntoken = " + HubToken + "\n[fleet/host/a]\nurl = " + m_host.url().toUtf8() +
            "\ntoken = " + HostToken + "\n[fleet/host/v]\nurl = " + m_host.url().toUtf8() + "\n",
        QStringLiteral("127.0.0.1")));
}

void TestHostRelay::cleanupTestCase()
{
    m_hub.stop();
    m_host.stop();
}

int TestHostRelay::send(WsClient &client, QJsonObject message)
{
    message.insert(QStringLiteral("id"), ++m_lastId);
    client.send(message);
    return m_lastId;
}

QJsonObject TestHostRelay::hostSettings()
{
    return QJsonDocument::fromJson(
               HttpProbe::getAt(m_host.address(), m_host.port(), "/api/v1/settings").body)
        .object();
}

void TestHostRelay::theHostsStreamComesThroughTheHub()
{
    WsClient viewer;
    QVERIFY(viewer.open(m_hub.port(), QStringLiteral("/hosts/a/ws")));
    const QJsonObject hello = viewer.waitFor(QStringLiteral("hello"), 10000);
    QCOMPARE(hello.value(QStringLiteral("role")).toString(), QStringLiteral("viewer"));
    QVERIFY(!viewer.waitFor(QStringLiteral("history"), 10000).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!viewer.ofType(QStringLiteral("sample")).isEmpty(), 10000);
    QCOMPARE(memoryOf(viewer.ofType(QStringLiteral("sample")).last()), 75.0);
    // Only the host's stream: one hello, and none of the hub's own samples (50 %).
    QTest::qWait(2500); // two more ticks, in which a hub sample would show
    QCOMPARE(viewer.ofType(QStringLiteral("hello")).size(), 1);
    for (const QJsonObject &sample : viewer.ofType(QStringLiteral("sample")))
        QCOMPARE(memoryOf(sample), 75.0);
    // Requests are the host's to answer: a history range of its memory.
    const int asked = send(viewer, {{QStringLiteral("type"), QStringLiteral("historyRequest")},
                                    {QStringLiteral("series"), QJsonArray{"mem.percent"}},
                                    {QStringLiteral("from"), 0},
                                    {QStringLiteral("points"), 10}});
    const QJsonObject range = viewer.waitFor(QStringLiteral("historyRange"), 10000);
    QCOMPARE(range.value(QStringLiteral("id")).toInt(), asked);
    const QJsonArray values = range.value(QStringLiteral("series"))
                                  .toObject()
                                  .value(QStringLiteral("mem.percent"))
                                  .toArray();
    QVERIFY(!values.isEmpty());
    QCOMPARE(values.last().toDouble(), 75.0);
}

void TestHostRelay::roleOnTheHostFollowsTheRoleOnTheHub()
{
    const QJsonObject change{
        {QStringLiteral("type"), QStringLiteral("setSettings")},
        {QStringLiteral("settings"), QJsonObject{{QStringLiteral("thresholds/cpu/warning"), 61}}}};
    WsClient client;
    QVERIFY(client.open(m_hub.port(), QStringLiteral("/hosts/a/ws")));
    QVERIFY(!client.waitFor(QStringLiteral("hello"), 10000).isEmpty());
    // A hub viewer is a viewer on the host: the host itself refuses.
    int id = send(client, change);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(client, id).isEmpty(), 10000);
    QCOMPARE(answerTo(client, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("unauthorized"));
    // The host's own token is no token of the hub: refused by the hub, never tried on the host
    // (whose ban of wrong tokens would shut the hub out).
    id = send(client, {{QStringLiteral("type"), QStringLiteral("auth")},
                       {QStringLiteral("token"), QString::fromUtf8(HostToken)}});
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(client, id).isEmpty(), 10000);
    QCOMPARE(answerTo(client, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("unauthorized"));
    // The hub's token makes it an admin there, with the hub's token for the host.
    id = send(client, {{QStringLiteral("type"), QStringLiteral("auth")},
                       {QStringLiteral("token"), QString::fromUtf8(HubToken)}});
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(client, id).isEmpty(), 10000);
    QCOMPARE(answerTo(client, id).value(QStringLiteral("role")).toString(),
             QStringLiteral("admin"));
    id = send(client, change);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(client, id).isEmpty(), 10000);
    QCOMPARE(answerTo(client, id).value(QStringLiteral("type")).toString(),
             QStringLiteral("result"));
    QCOMPARE(hostSettings().value(QStringLiteral("thresholds/cpu/warning")).toDouble(), 61.0);

    // Where the hub holds no token (v), a hub admin stays a viewer of the host.
    WsClient readOnly;
    QVERIFY(readOnly.open(m_hub.port(), QStringLiteral("/hosts/v/ws?token=") + HubToken));
    QVERIFY(!readOnly.waitFor(QStringLiteral("hello"), 10000).isEmpty());
    id = send(readOnly, {{QStringLiteral("type"), QStringLiteral("auth")},
                         {QStringLiteral("token"), QString::fromUtf8(HubToken)}});
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(readOnly, id).isEmpty(), 10000);
    QCOMPARE(answerTo(readOnly, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("forbidden"));
    QJsonObject other = change;
    other.insert(QStringLiteral("settings"),
                 QJsonObject{{QStringLiteral("thresholds/cpu/warning"), 62}});
    id = send(readOnly, other);
    QTRY_VERIFY_WITH_TIMEOUT(!answerTo(readOnly, id).isEmpty(), 10000);
    QCOMPARE(answerTo(readOnly, id).value(QStringLiteral("code")).toString(),
             QStringLiteral("unauthorized"));
    QCOMPARE(hostSettings().value(QStringLiteral("thresholds/cpu/warning")).toDouble(), 61.0);
}

void TestHostRelay::pagesAndApiUnderTheHostsPath()
{
    const HttpProbe page = HttpProbe::get(m_hub.port(), "/hosts/a/");
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("content-type").startsWith("text/html"));
    QCOMPARE(page.body, HttpProbe::get(m_hub.port(), "/").body);
    QCOMPARE(HttpProbe::get(m_hub.port(), "/hosts/a/assets/app.js").status, 200);
    const HttpProbe snapshot = HttpProbe::get(m_hub.port(), "/hosts/a/api/v1/snapshot");
    QCOMPARE(snapshot.status, 200);
    QCOMPARE(memoryOf(QJsonDocument::fromJson(snapshot.body).object()), 75.0);
    const HttpProbe history =
        HttpProbe::get(m_hub.port(), "/hosts/a/api/v1/history?series=mem.percent&seconds=60");
    QCOMPARE(history.status, 200);
    QVERIFY(QJsonDocument::fromJson(history.body)
                .object()
                .value("series")
                .toObject()
                .contains(QStringLiteral("mem.percent")));
    // The host's refusals come through as the host gave them.
    QCOMPARE(HttpProbe::get(m_hub.port(), "/hosts/a/api/v1/nothing").status, 404);
    QCOMPARE(HttpProbe::get(m_hub.port(), "/hosts/a/api/v1/snapshot", {}, "POST").status, 405);
    const HttpProbe unknown = HttpProbe::get(m_hub.port(), "/hosts/nobody/api/v1/snapshot");
    QCOMPARE(unknown.status, 404);
    QVERIFY(unknown.body.contains("nobody"));
    QCOMPARE(HttpProbe::get(m_hub.port(), "/hosts/../api/v1/snapshot").status, 404);
}

void TestHostRelay::aHostThatGoesAwayClosesItsRelays()
{
    WsClient viewer;
    QVERIFY(viewer.open(m_hub.port(), QStringLiteral("/hosts/a/ws")));
    QVERIFY(!viewer.waitFor(QStringLiteral("hello"), 10000).isEmpty());
    QVERIFY(m_host.stop());
    QVERIFY(viewer.waitClosed(15000));
    QVERIFY(viewer.socket.closeReason().startsWith(u"a: "));
    // The page's next try finds no host and is closed again; the hub itself carries on.
    QCOMPARE(HttpProbe::get(m_hub.port(), "/hosts/a/api/v1/snapshot").status, 502);
    QCOMPARE(HttpProbe::get(m_hub.port(), "/healthz").status, 200);
}

QTEST_GUILESS_MAIN(TestHostRelay)
#include "tst_hostrelay.moc"

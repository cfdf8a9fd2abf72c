#include "fixturetree.h"
#include "httpprobe.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// The catalogue and range questions over the WebSocket of a real vantage process (docs/
// protocol.md): the catalogue in hello and again when a series joins or goes, historyRequest
// answered as historyRange with its id, errors with the id, and clients that leave early.
class TestHistoryRequest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helloCarriesTheCatalogue();
    void historyRequestIsAnsweredWithItsId();
    void historyRequestErrorsCarryTheId_data();
    void historyRequestErrorsCarryTheId();
    void everyRequestToTheStoreGetsOneAnswer();
    void aClientThatLeavesBeforeTheAnswerHarmsNoOne();
    void anInterfaceJoinsThenGoes();

private:
    bool writeNetDev(const QByteArray &extraLine);
    static QJsonObject seriesIn(const QJsonObject &message, const QString &id);

    QTemporaryDir m_machine;
    VantageProcess m_memoryOnly; // history/enabled=0: ranges from memory
    VantageProcess m_withStore;  // the store on disk answers ranges, on its own thread
};

void TestHistoryRequest::initTestCase()
{
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("fixtures/machine/proc"), m_machine.path()));
    QVERIFY(writeFile(m_memoryOnly.configFile(), "[history]\nenabled=0\n"));
    const QStringList arguments = {"--interval",  "0.2",
                                   "--proc-root", m_machine.path() + "/proc",
                                   "--sys-root",  m_machine.path() + "/sys"};
    QVERIFY2(m_memoryOnly.start(arguments), qPrintable(m_memoryOnly.errorString()));
    QVERIFY2(m_withStore.start(arguments), qPrintable(m_withStore.errorString()));
    // The catalogue is made at the first tick.
    for (const VantageProcess *process : {&m_memoryOnly, &m_withStore}) {
        QVERIFY(QTest::qWaitFor(
            [process] {
                const HttpProbe answer = HttpProbe::get(process->port(), "/api/v1/series");
                return answer.body.contains("\"mem.used\"");
            },
            20000));
    }
}

// The fixture's /proc/net/dev with one more line.
bool TestHistoryRequest::writeNetDev(const QByteArray &extraLine)
{
    QFile fixture(QFINDTESTDATA("fixtures/machine/proc/net/dev"));
    if (!fixture.open(QIODevice::ReadOnly))
        return false;
    // Rewritten in place: vantage keeps the file open and rereads it every tick (a rename would
    // leave it reading the old one).
    return writeFile(m_machine.path() + "/proc/net/dev", fixture.readAll() + extraLine);
}

QJsonObject TestHistoryRequest::seriesIn(const QJsonObject &message, const QString &id)
{
    for (const QJsonValue &info : message["series"].toArray()) {
        if (info["id"].toString() == id)
            return info.toObject();
    }
    return {};
}

void TestHistoryRequest::helloCarriesTheCatalogue()
{
    WsClient client;
    QVERIFY(client.open(m_memoryOnly.port()));
    const QJsonObject hello = client.waitFor("hello");
    QCOMPARE(hello["protocol"].toInt(), 1);
    const QJsonObject used = seriesIn(hello, "mem.used");
    QCOMPARE(used["unit"].toString(), QString("bytes"));
    QCOMPARE(used["max"].toDouble(), 16777216000.0); // MemTotal 16384000 kB × 1024
    QCOMPARE(seriesIn(hello, "net[eth0].txBps")["instance"].toString(), QString("eth0"));
}

void TestHistoryRequest::historyRequestIsAnsweredWithItsId()
{
    WsClient client;
    QVERIFY(client.open(m_memoryOnly.port()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonValue ids[] = {7, QStringLiteral("zoom-1")};
    for (const QJsonValue &id : ids) {
        client.send({{"type", "historyRequest"},
                     {"id", id},
                     {"series", QJsonArray{"mem.percent", "swap.percent"}},
                     {"from", double(now - 600'000)},
                     {"to", double(now + 60'000)},
                     {"points", 1000}});
    }
    QVERIFY(QTest::qWaitFor([&] { return client.ofType("historyRange").size() == 2; }, 10000));
    for (int i = 0; i < 2; ++i) {
        const QJsonObject range = client.ofType("historyRange")[i];
        QCOMPARE(range["id"], ids[i]);
        QCOMPARE(range["from"].toInteger(), now - 600'000);
        QCOMPARE(range["to"].toInteger(), now + 60'000);
        QCOMPARE(range["tier"].toInt(), 0);
        QCOMPARE(range["step"].toInt(), 200); // the ticks themselves, --interval 0.2
        const qsizetype ticks = range["ts"].toArray().size();
        QVERIFY(ticks >= 1);
        // The fixture machine at every tick: memory 62.5 %, swap 50 % (meminfo).
        for (const char *key : {"series", "min", "max"}) {
            QCOMPARE(range[key].toObject().keys(), (QStringList{"mem.percent", "swap.percent"}));
            QCOMPARE(range[key].toObject()["mem.percent"].toArray(),
                     QJsonArray::fromVariantList(QVariantList(ticks, 62.5)));
            QCOMPARE(range[key].toObject()["swap.percent"].toArray(),
                     QJsonArray::fromVariantList(QVariantList(ticks, 50.0)));
        }
    }
}

void TestHistoryRequest::historyRequestErrorsCarryTheId_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("says");
    const QJsonObject good{{"type", "historyRequest"},
                           {"series", QJsonArray{"mem.percent"}},
                           {"from", 1000},
                           {"to", 2000}};
    const auto with = [&good](const char *key, const QJsonValue &value) {
        QJsonObject request = good;
        request.insert(key, value);
        return request;
    };
    QTest::newRow("series a string") << with("series", "mem.percent") << "bad_request"
                                     << "array";
    QTest::newRow("no series") << with("series", QJsonArray()) << "bad_request"
                               << "one or more";
    QTest::newRow("from after to") << with("from", 3000) << "bad_request"
                                   << "after";
    QTest::newRow("from a fraction") << with("from", 1000.5) << "bad_request"
                                     << "whole";
    QTest::newRow("from a string") << with("from", "1000") << "bad_request"
                                   << "whole";
    QTest::newRow("no points") << with("points", 0) << "bad_request"
                               << "10000";
    QTest::newRow("too many points") << with("points", 10001) << "bad_request"
                                     << "10000";
    QTest::newRow("unknown series")
        << with("series", QJsonArray{"mem.percent", "disk.nope"}) << "not_found"
        << "disk.nope";
}

void TestHistoryRequest::historyRequestErrorsCarryTheId()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, code);
    QFETCH(QString, says);
    WsClient client;
    QVERIFY(client.open(m_memoryOnly.port()));
    request.insert("id", 42);
    client.send(request);
    const QJsonObject error = client.waitFor("error");
    QCOMPARE(error["code"].toString(), code);
    QCOMPARE(error["id"].toInt(), 42);
    QVERIFY2(error["message"].toString().contains(says), qPrintable(error["message"].toString()));
    QVERIFY(client.ofType("historyRange").isEmpty());
}

// Eight questions at once to the store: each gets exactly one answer with its id, a range or,
// beyond the four a client may have waiting, rate_limited.
void TestHistoryRequest::everyRequestToTheStoreGetsOneAnswer()
{
    WsClient client;
    QVERIFY(client.open(m_withStore.port()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int id = 1; id <= 8; ++id) {
        client.send({{"type", "historyRequest"},
                     {"id", id},
                     {"series", QJsonArray{"mem.percent"}},
                     {"from", double(now - 3'600'000)},
                     {"to", double(now)}});
    }
    QVERIFY(QTest::qWaitFor(
        [&] { return client.ofType("historyRange").size() + client.ofType("error").size() >= 8; },
        20000));
    QSet<int> answered;
    for (const QJsonObject &range : client.ofType("historyRange")) {
        answered.insert(range["id"].toInt());
        QVERIFY(range["series"].toObject().contains("mem.percent"));
    }
    for (const QJsonObject &error : client.ofType("error")) {
        QCOMPARE(error["code"].toString(), QString("rate_limited"));
        answered.insert(error["id"].toInt());
    }
    QCOMPARE(answered, (QSet<int>{1, 2, 3, 4, 5, 6, 7, 8}));
    QVERIFY(client.ofType("historyRange").size() >= 4);
}

// Asked, then gone before the store has answered: the answer is dropped, and the server goes on
// answering everyone else.
void TestHistoryRequest::aClientThatLeavesBeforeTheAnswerHarmsNoOne()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject request{{"type", "historyRequest"},
                              {"id", 1},
                              {"series", QJsonArray{"mem.percent", "cpu.total"}},
                              {"from", double(now - 86'400'000)},
                              {"to", double(now)}};
    for (int i = 0; i < 5; ++i) {
        WsClient leaving;
        QVERIFY(leaving.open(m_withStore.port()));
        leaving.send(request);
        leaving.socket.flush();
        leaving.socket.abort();
    }
    WsClient staying;
    QVERIFY(staying.open(m_withStore.port()));
    staying.send(request);
    QCOMPARE(staying.waitFor("historyRange", 20000)["id"].toInt(), 1);
    QCOMPARE(HttpProbe::get(m_withStore.port(), "/healthz").status, 200);
}

// A new interface in /proc/net/dev joins the catalogue, sent to every client as it happens;
// when it leaves it is marked gone, and stays while history holds it.
void TestHistoryRequest::anInterfaceJoinsThenGoes()
{
    WsClient client;
    QVERIFY(client.open(m_memoryOnly.port()));
    QVERIFY(client.waitFor("hello").contains("series"));
    const QString rx = QStringLiteral("net[eth1].rxBps");
    const auto latest = [&client, &rx] {
        const QList<QJsonObject> catalogs = client.ofType("catalog");
        return catalogs.isEmpty() ? QJsonObject() : seriesIn(catalogs.last(), rx);
    };
    QVERIFY(writeNetDev("  eth1:    7000      70    0    0    0     0          0         0"
                        "     3000      30    0    0    0     0       0          0\n"));
    QVERIFY(QTest::qWaitFor([&] { return !latest().isEmpty(); }, 20000));
    QCOMPARE(latest()["label"].toString(), QString("eth1 received"));
    QCOMPARE(latest()["gone"].toBool(true), false);
    QVERIFY(writeNetDev({}));
    QVERIFY(QTest::qWaitFor([&] { return latest()["gone"].toBool(); }, 20000));
    QCOMPARE(latest()["instance"].toString(), QString("eth1"));
}

QTEST_GUILESS_MAIN(TestHistoryRequest)
#include "tst_historyrequest.moc"

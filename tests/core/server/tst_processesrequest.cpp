#include "fixturetree.h"
#include "httpprobe.h"
#include "store/storewriter.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

// What was running in a past minute, asked of a real vantage process whose store holds it
// (docs/api.md `GET /api/v1/processes?at=`, docs/protocol.md `processesRequest`), and the latest
// processes now when no minute is named.
class TestProcessesRequest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storedMinuteOverHttp();
    void minuteWithNothingKept();
    void badAtIsRefused_data();
    void badAtIsRefused();
    void withoutAtEveryProcessNow();
    void storedMinuteOverWebSocket();
    void badAtOverWebSocketCarriesTheId();

private:
    static QStringList names(const QJsonValue &list);
    static QList<int> pids(const QJsonValue &list);

    QTemporaryDir m_machine;
    QTemporaryDir m_data;
    qint64 m_minute = 0; // the stored minute, an hour ago
    VantageProcess m_vantage;
};

// A store written before vantage starts, as a run an hour ago left it: the minute m_minute with
// two ticks, the last of which is what the minute keeps; a tick of the next minute closes it.
void TestProcessesRequest::initTestCase()
{
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("fixtures/machine/proc"), m_machine.path()));
    m_minute = StoreTiers::align(QDateTime::currentMSecsSinceEpoch() - 3'600'000, 60'000);
    Snapshot first;
    first.ts = m_minute;
    first.procs.top = {{7, QStringLiteral("early"), 90, 1000}};
    Snapshot last;
    last.ts = m_minute + 30'000;
    last.procs.top = {{101, QStringLiteral("compiler"), 180.04, 400 << 20},
                      {102, QStringLiteral("database"), 12.5, 2000 << 20},
                      {103, QStringLiteral("editor"), 3, 300 << 20}};
    Snapshot next;
    next.ts = m_minute + 60'000;
    next.procs.top = {{9, QStringLiteral("later"), 99, 99}};
    {
        StoreWriter writer;
        StoreConfig config;
        config.path = m_data.filePath("history.db");
        writer.start(config);
        for (const Snapshot &tick : {first, last, next})
            writer.enqueue(tick);
        writer.stop();
    }
    QVERIFY2(m_vantage.start({"--interval", "0.2", "--data-dir", m_data.path(), "--proc-root",
                              m_machine.path() + "/proc", "--sys-root", m_machine.path() + "/sys"}),
             qPrintable(m_vantage.errorString()));
    QVERIFY(QTest::qWaitFor(
        [this] { return HttpProbe::get(m_vantage.port(), "/api/v1/snapshot").status == 200; },
        20000));
}

QStringList TestProcessesRequest::names(const QJsonValue &list)
{
    QStringList result;
    for (const QJsonValue &p : list.toArray())
        result.append(p["name"].toString());
    return result;
}

QList<int> TestProcessesRequest::pids(const QJsonValue &list)
{
    QList<int> result;
    for (const QJsonValue &p : list.toArray())
        result.append(p["pid"].toInt());
    return result;
}

void TestProcessesRequest::storedMinuteOverHttp()
{
    const qint64 at = m_minute + 45'000;
    const HttpProbe answer =
        HttpProbe::get(m_vantage.port(), "/api/v1/processes?at=" + QByteArray::number(at));
    QCOMPARE(answer.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(body["at"].toInteger(), at);
    QCOMPARE(body["minute"].toInteger(), m_minute);
    // The minute's last tick: by CPU compiler 180.04 (one decimal: 180), database 12.5, editor
    // 3; by memory database 2000 MiB, compiler 400 MiB, editor 300 MiB. "early" was replaced by
    // the later tick of its minute, "later" belongs to the next minute.
    QCOMPARE(names(body["cpu"]), (QStringList{"compiler", "database", "editor"}));
    QCOMPARE(pids(body["rss"]), (QList<int>{102, 101, 103}));
    const QJsonObject compiler = body["cpu"].toArray().first().toObject();
    QCOMPARE(compiler["cpu"].toDouble(), 180.0);
    QCOMPARE(compiler["rss"].toInteger(), 419430400); // 400 × 1048576
}

void TestProcessesRequest::minuteWithNothingKept()
{
    const qint64 at = m_minute - 600'000; // ten minutes before anything was written
    const HttpProbe answer =
        HttpProbe::get(m_vantage.port(), "/api/v1/processes?at=" + QByteArray::number(at));
    QCOMPARE(answer.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(body["at"].toInteger(), at);
    QVERIFY(body.contains("minute"));
    QVERIFY(body["minute"].isNull());
    QCOMPARE(body["cpu"].toArray(), QJsonArray());
    QCOMPARE(body["rss"].toArray(), QJsonArray());
}

void TestProcessesRequest::badAtIsRefused_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("empty") << QByteArray("at=");
    QTest::newRow("words") << QByteArray("at=yesterday");
    QTest::newRow("negative") << QByteArray("at=-60000");
    QTest::newRow("fraction") << QByteArray("at=1000.5");
}

void TestProcessesRequest::badAtIsRefused()
{
    QFETCH(QByteArray, query);
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/processes?" + query);
    QCOMPARE(answer.status, 400);
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(body["status"].toInt(), 400);
    QVERIFY2(body["message"].toString().contains("ms since the epoch"), answer.body.constData());
}

// The fixture machine's two processes (proc/1/stat and proc/42/stat): RSS 2000 and 8000 pages
// of 4096 bytes; MemTotal 16384000 kB; btime 1700000000. Nobody watches the list, so the answer
// is two scans of the whole list apart.
void TestProcessesRequest::withoutAtEveryProcessNow()
{
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/processes");
    QCOMPARE(answer.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    QVERIFY(body["ts"].toInteger() > m_minute);
    const QJsonArray list = body["processes"].toArray();
    QCOMPARE(list.size(), 2);
    QJsonObject worker;
    for (const QJsonValue &p : list) {
        if (p["pid"].toInt() == 42)
            worker = p.toObject();
    }
    // proc/42/stat: "42 (worker thread) R 1 … 20 0 4 0 500 340000000 8000 …"
    QCOMPARE(worker["name"].toString(), QString("worker thread"));
    QCOMPARE(worker["state"].toString(), QString("R"));
    QCOMPARE(worker["ppid"].toInt(), 1);
    QCOMPARE(worker["threads"].toInt(), 4);
    QCOMPARE(worker["nice"].toInt(), 0);
    QCOMPARE(worker["rss"].toInteger(), 32768000); // 8000 × 4096
    // 32768000 / (16384000 × 1024) × 100 = 0.1953125, to two decimals as every percentage.
    QCOMPARE(worker["memPercent"].toDouble(), 0.2);
    // Started 500 ticks of 1/100 s after boot: 1700000000 s × 1000 + 5000 ms.
    QCOMPARE(worker["startTime"].toInteger(), 1700000005000);
    // utime + stime stay 600 ticks between the two scans: a rate of 0, not null.
    QVERIFY(worker["cpu"].isDouble());
    QCOMPARE(worker["cpu"].toDouble(), 0.0);
    // The fixture has no status, cmdline, io or cgroup for it: null, never a made-up value.
    for (const char *key : {"user", "cmdline", "readBps", "writeBps", "unit"}) {
        QVERIFY2(worker.contains(key), key);
        QVERIFY2(worker[key].isNull(), key);
    }
}

void TestProcessesRequest::storedMinuteOverWebSocket()
{
    WsClient client;
    QVERIFY(client.open(m_vantage.port()));
    const QJsonValue ids[] = {5, QStringLiteral("minute-a")};
    for (const QJsonValue &id : ids)
        client.send({{"type", "processesRequest"}, {"id", id}, {"at", double(m_minute)}});
    QVERIFY(QTest::qWaitFor([&] { return client.ofType("processes").size() == 2; }, 20000));
    QSet<QString> answered;
    for (const QJsonObject &answer : client.ofType("processes")) {
        answered.insert(answer["id"].toVariant().toString());
        QCOMPARE(answer["at"].toInteger(), m_minute);
        QCOMPARE(answer["minute"].toInteger(), m_minute);
        QCOMPARE(names(answer["cpu"]), (QStringList{"compiler", "database", "editor"}));
        QCOMPARE(names(answer["rss"]), (QStringList{"database", "compiler", "editor"}));
    }
    QCOMPARE(answered, (QSet<QString>{"5", "minute-a"}));
}

void TestProcessesRequest::badAtOverWebSocketCarriesTheId()
{
    WsClient client;
    QVERIFY(client.open(m_vantage.port()));
    client.send({{"type", "processesRequest"}, {"id", 11}});
    client.send({{"type", "processesRequest"}, {"id", 12}, {"at", "1700000000000"}});
    QVERIFY(QTest::qWaitFor([&] { return client.ofType("error").size() == 2; }, 20000));
    for (const QJsonObject &error : client.ofType("error")) {
        QCOMPARE(error["code"].toString(), QString("bad_request"));
        QVERIFY(error["message"].toString().contains("ms since the epoch"));
    }
    QCOMPARE(client.ofType("error")[0]["id"].toInt(), 11);
    QCOMPARE(client.ofType("error")[1]["id"].toInt(), 12);
    QVERIFY(client.ofType("processes").isEmpty());
}

QTEST_GUILESS_MAIN(TestProcessesRequest)
#include "tst_processesrequest.moc"

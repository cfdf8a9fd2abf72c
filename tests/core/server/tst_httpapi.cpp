#include "httpprobe.h"
#include "vantageprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

// The HTTP answers of a real vantage process (docs/api.md), read as raw bytes: the fixture
// machine's values in /api/v1/snapshot, the documented errors, a token that never leaves the
// process, and the security headers on every kind of answer.
class TestHttpApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void snapshotServesTheFixtureMachine();
    void snapshotAndMetricsAre503BeforeTheFirstTick();
    void historyWithoutSeriesListsTheAvailable();
    void historyOfAnUnknownSeriesIs404_data();
    void historyOfAnUnknownSeriesIs404();
    void historyRefusesBadSeconds_data();
    void historyRefusesBadSeconds();
    void historyAnswersOneTimeAxisAndAColumnPerSeries();
    void rangeAnswersTheTicksWithTheirBand();
    void rangeBucketsAreWholeStepsOfTheSpan();
    void rangeRefusesBadParameters_data();
    void rangeRefusesBadParameters();
    void rangeOfAnUnknownSeriesIs404();
    void rangeFromTheStoreKeepsThePipelineInOrder();
    void aConnectionClosedBeforeItsRangeHarmsNoOne();
    void seriesDescribeTheFixtureMachine();
    void settingsNeverHoldTheToken_data();
    void settingsNeverHoldTheToken();
    void plainGetOfWsIs426();
    void wrongMethodIs405WithAllow_data();
    void wrongMethodIs405WithAllow();
    void securityHeadersOnEveryAnswer_data();
    void securityHeadersOnEveryAnswer();
    void dashboardFilesAreGzippedWhenAccepted_data();
    void dashboardFilesAreGzippedWhenAccepted();
    void aRevisitWithTheETagIs304WithoutBody_data();
    void aRevisitWithTheETagIs304WithoutBody();
    void headAnswersTheHeadersOfGet_data();
    void headAnswersTheHeadersOfGet();

private:
    QStringList fixtureArguments(const QString &interval) const;
    static QJsonObject json(const HttpProbe &answer);
    static QString securityHeaderProblems(const HttpProbe &answer);
    static QByteArray sourceFile(const QString &path);
    static QByteArray gunzip(const QByteArray &compressed);

    QJsonObject rangeFromMemory(qint64 from, qint64 to, int points,
                                const QByteArray &series = "mem.percent,swap.percent");

    QString m_fixture;
    VantageProcess m_vantage; // the fixture machine, ticking every 0.2 s, with the store on disk
    // The same with history/enabled=0: ranges come from memory, at once and exactly known.
    VantageProcess m_memoryOnly;
};

// tests/core/server/fixtures/machine: a copy of tests/app/fixtures whose memory figures all
// differ from each other (meminfo), so a swapped field cannot pass.
QStringList TestHttpApi::fixtureArguments(const QString &interval) const
{
    return {"--interval",        interval,     "--proc-root",
            m_fixture + "/proc", "--sys-root", m_fixture + "/sys"};
}

void TestHttpApi::initTestCase()
{
    m_fixture = QFINDTESTDATA("fixtures/machine");
    QVERIFY(!m_fixture.isEmpty());
    QVERIFY2(m_vantage.start(fixtureArguments("0.2")), qPrintable(m_vantage.errorString()));
    QFile config(m_memoryOnly.configFile());
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[history]\nenabled=0\n");
    config.close();
    QVERIFY2(m_memoryOnly.start(fixtureArguments("0.2")), qPrintable(m_memoryOnly.errorString()));
    // Every test below needs at least one tick; wait for it rather than for a fixed time.
    QVERIFY(QTest::qWaitFor(
        [this] { return HttpProbe::get(m_vantage.port(), "/api/v1/snapshot").status == 200; },
        20000));
}

QJsonObject TestHttpApi::json(const HttpProbe &answer)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning() << "not a JSON object:" << answer.body.left(200);
    return document.object();
}

// What docs/api.md "Headers on every answer" promises, with its exact values, and no CORS
// header of any kind: empty when all is well, else what is wrong.
QString TestHttpApi::securityHeaderProblems(const HttpProbe &answer)
{
    static const QList<QPair<QByteArray, QByteArray>> required = {
        {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    };
    QStringList problems;
    if (answer.status == 0)
        problems << "no answer";
    for (const auto &[name, value] : required) {
        if (answer.header(name) != value)
            problems << QString("%1 is '%2', not '%3'")
                            .arg(QString::fromLatin1(name),
                                 QString::fromLatin1(answer.header(name)),
                                 QString::fromLatin1(value));
    }
    for (const QByteArray &line : answer.head.split('\n')) {
        if (line.trimmed().toLower().startsWith("access-control-"))
            problems << "CORS header: " + QString::fromLatin1(line.trimmed());
    }
    return problems.join("; ");
}

void TestHttpApi::snapshotServesTheFixtureMachine()
{
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/snapshot");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
    const QJsonObject s = json(answer);
    QVERIFY(s["seq"].toInteger() >= 1);
    // fixtures/machine/proc/meminfo, kB × 1024:
    const QJsonObject mem = s["mem"].toObject();
    QCOMPARE(mem["total"].toInteger(), 16777216000LL);    // MemTotal 16384000
    QCOMPARE(mem["used"].toInteger(), 10485760000LL);     // 16384000 - MemAvailable 6144000
    QCOMPARE(mem["available"].toInteger(), 6291456000LL); // MemAvailable 6144000
    QCOMPARE(mem["cached"].toInteger(), 3407872000LL);    // Cached 3072000 + SReclaimable 256000
    QCOMPARE(mem["buffers"].toInteger(), 524288000LL);    // Buffers 512000
    QCOMPARE(mem["percent"].toDouble(), 62.5);            // 10240000 / 16384000
    const QJsonObject swap = s["swap"].toObject();
    QCOMPARE(swap["total"].toInteger(), 2097152000LL);            // SwapTotal 2048000
    QCOMPARE(swap["used"].toInteger(), 1048576000LL);             // 2048000 - SwapFree 1024000
    QCOMPARE(swap["percent"].toDouble(), 50.0);                   // 1024000 / 2048000
    QCOMPARE(s["load"].toArray(), (QJsonArray{1.5, 0.75, 0.25})); // loadavg
    QCOMPARE(s["uptime"].toDouble(), 12346.0);                    // uptime 12345.67, whole seconds
    // net/dev: lo is left out; eth0 received 500000 and sent 250000 bytes.
    const QJsonArray net = s["net"].toArray();
    QCOMPARE(net.size(), 1);
    QCOMPARE(net[0]["iface"].toString(), QString("eth0"));
    QCOMPARE(net[0]["rxTotal"].toInteger(), 500000);
    QCOMPARE(net[0]["txTotal"].toInteger(), 250000);
    // Two processes (1 and 42); 42 is running; 1 + 4 threads.
    QCOMPARE(s["procs"]["count"].toInt(), 2);
    QCOMPARE(s["procs"]["running"].toInt(), 1);
    QCOMPARE(s["procs"]["threads"].toInt(), 5);
    // The fixture's counters never move between ticks: nothing is busy.
    QCOMPARE(s["cpu"]["total"].toDouble(), 0.0);
    QCOMPARE(s["cpu"]["cores"].toArray().size(), 2);
}

// The first tick comes one interval after the start (the CPU needs two readings): with an hour's
// interval the process serves for an hour with no snapshot yet.
void TestHttpApi::snapshotAndMetricsAre503BeforeTheFirstTick()
{
    VantageProcess waiting;
    QVERIFY2(waiting.start(fixtureArguments("3600")), qPrintable(waiting.errorString()));
    QCOMPARE(HttpProbe::get(waiting.port(), "/healthz").status, 200); // it is serving
    const HttpProbe snapshot = HttpProbe::get(waiting.port(), "/api/v1/snapshot");
    QCOMPARE(snapshot.status, 503);
    QCOMPARE(snapshot.header("content-type"), QByteArray("application/json"));
    QCOMPARE(snapshot.header("cache-control"), QByteArray("no-store"));
    QVERIFY2(securityHeaderProblems(snapshot).isEmpty(),
             qPrintable(securityHeaderProblems(snapshot)));
    const QJsonObject error = json(snapshot);
    QCOMPARE(error["error"].toString(), QString("Service Unavailable"));
    QCOMPARE(error["status"].toInt(), 503);
    QVERIFY(!error["message"].toString().isEmpty());
    QVERIFY(!error.contains("mem"));
    const HttpProbe metrics = HttpProbe::get(waiting.port(), "/metrics");
    QCOMPARE(metrics.status, 503);
    QVERIFY2(securityHeaderProblems(metrics).isEmpty(),
             qPrintable(securityHeaderProblems(metrics)));
    QVERIFY(!metrics.body.contains("vantage_memory"));
    QVERIFY(waiting.stop());
}

void TestHttpApi::historyWithoutSeriesListsTheAvailable()
{
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/history?seconds=60");
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = json(answer);
    QCOMPARE(body["error"].toString(), QString("Bad Request"));
    QCOMPARE(body["status"].toInt(), 400);
    const QJsonArray available = body["available"].toArray();
    // Names of docs/protocol.md "history", for what the fixture machine has: eth0 but not lo
    // (left out), two cores.
    for (const char *name : {"cpu.total", "cpu.cores[1]", "load.1", "mem.percent", "mem.used",
                             "swap.percent", "procs.count", "net[eth0].rxBps", "net[eth0].txBps"})
        QVERIFY2(available.contains(QString(name)), name);
    QVERIFY(!available.contains(QString("net[lo].rxBps")));
    QVERIFY(!available.contains(QString("cpu.cores[2]")));
}

void TestHttpApi::historyOfAnUnknownSeriesIs404_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("unknown");
    QTest::newRow("alone") << QByteArray("series=nope") << "nope";
    QTest::newRow("beside a known one")
        << QByteArray("series=mem.percent,disk.nope") << "disk.nope";
    QTest::newRow("an interface this machine lacks")
        << QByteArray("series=net%5Bwlan0%5D.rxBps") << "net[wlan0].rxBps";
}

void TestHttpApi::historyOfAnUnknownSeriesIs404()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, unknown);
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/history?" + query);
    QCOMPARE(answer.status, 404);
    const QJsonObject body = json(answer);
    QCOMPARE(body["error"].toString(), QString("Not Found"));
    QCOMPARE(body["status"].toInt(), 404);
    QVERIFY2(body["message"].toString().contains(unknown), qPrintable(body["message"].toString()));
    QVERIFY(!body.contains("series"));
}

void TestHttpApi::historyRefusesBadSeconds_data()
{
    QTest::addColumn<QByteArray>("seconds");
    QTest::newRow("zero") << QByteArray("0");
    QTest::newRow("negative") << QByteArray("-5");
    QTest::newRow("not a number") << QByteArray("soon");
    QTest::newRow("a fraction") << QByteArray("1.5");
    // general/historySeconds is 3600 by default.
    QTest::newRow("more than the history holds") << QByteArray("3601");
}

void TestHttpApi::historyRefusesBadSeconds()
{
    QFETCH(QByteArray, seconds);
    const HttpProbe answer =
        HttpProbe::get(m_vantage.port(), "/api/v1/history?series=mem.percent&seconds=" + seconds);
    QCOMPARE(answer.status, 400);
    const QJsonObject body = json(answer);
    QCOMPARE(body["status"].toInt(), 400);
    QVERIFY2(body["message"].toString().contains("3600"), qPrintable(body["message"].toString()));
}

void TestHttpApi::historyAnswersOneTimeAxisAndAColumnPerSeries()
{
    const QByteArray target =
        "/api/v1/history?series=mem.percent,swap.percent,net%5Beth0%5D.txBps&seconds=60";
    HttpProbe answer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answer = HttpProbe::get(m_vantage.port(), target);
            return json(answer)["ts"].toArray().size() >= 2;
        },
        20000));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = json(answer);
    QCOMPARE(body["seconds"].toInt(), 60);
    const QJsonArray ts = body["ts"].toArray();
    for (qsizetype i = 1; i < ts.size(); ++i)
        QVERIFY(ts[i].toInteger() > ts[i - 1].toInteger());
    // Milliseconds since the epoch, of this run.
    QVERIFY(qAbs(ts.last().toInteger() - QDateTime::currentMSecsSinceEpoch()) < 60 * 1000);
    const QJsonObject series = body["series"].toObject();
    QCOMPARE(series.keys(),
             (QStringList{"mem.percent", "net[eth0].txBps", "swap.percent"})); // sorted
    // Every tick of the fixture machine: memory 62.5 %, swap 50 %, eth0 idle.
    const QList<QPair<QString, double>> expected = {
        {"mem.percent", 62.5}, {"swap.percent", 50.0}, {"net[eth0].txBps", 0.0}};
    for (const auto &[name, value] : expected) {
        const QJsonArray column = series[name].toArray();
        QCOMPARE(column.size(), ts.size());
        for (const QJsonValue &v : column)
            QCOMPARE(v.toDouble(-1), value);
    }
}

QJsonObject TestHttpApi::rangeFromMemory(qint64 from, qint64 to, int points,
                                         const QByteArray &series)
{
    const HttpProbe answer = HttpProbe::get(
        m_memoryOnly.port(),
        "/api/v1/history?series=" + series + "&from=" + QByteArray::number(from) +
            "&to=" + QByteArray::number(to) + "&points=" + QByteArray::number(points));
    if (answer.status != 200)
        qWarning() << answer.status << answer.body;
    return json(answer);
}

// A span holding fewer ticks than points: the ticks themselves (tier 0), so each bucket is one
// tick and its lowest, average and highest are the same value.
void TestHttpApi::rangeAnswersTheTicksWithTheirBand()
{
    const qint64 to = QDateTime::currentMSecsSinceEpoch() + 60'000;
    const qint64 from = to - 600'000;
    QJsonObject body;
    QVERIFY(QTest::qWaitFor(
        [&] {
            body = rangeFromMemory(from, to, 1000);
            return body["ts"].toArray().size() >= 3;
        },
        20000));
    QCOMPARE(body["from"].toInteger(), from);
    QCOMPARE(body["to"].toInteger(), to);
    QCOMPARE(body["step"].toInt(), 200); // --interval 0.2
    QCOMPARE(body["tier"].toInt(), 0);
    const QJsonArray ts = body["ts"].toArray();
    for (qsizetype i = 0; i < ts.size(); ++i) {
        QVERIFY(ts[i].toInteger() >= from && ts[i].toInteger() <= to);
        QVERIFY(i == 0 || ts[i].toInteger() > ts[i - 1].toInteger());
    }
    // Every tick of the fixture machine: memory 62.5 %, swap 50 % (meminfo, as in the snapshot).
    for (const char *key : {"series", "min", "max"}) {
        const QJsonObject columns = body[key].toObject();
        QCOMPARE(columns.keys(), (QStringList{"mem.percent", "swap.percent"}));
        for (const auto &[name, value] :
             QList<QPair<QString, double>>{{"mem.percent", 62.5}, {"swap.percent", 50.0}}) {
            const QJsonArray column = columns[name].toArray();
            QCOMPARE(column.size(), ts.size());
            for (const QJsonValue &v : column)
                QCOMPARE(v.toDouble(-1), value);
        }
    }
}

// 12 000 ms holding more than 4 ticks, in 4 buckets: ceil(12000 / (4 × 200 ms)) = 15
// intervals, a 3000 ms step. From a
// multiple of 12 000 (so of 3000), 4 buckets: from, +3000, +6000, +9000. Buckets before the
// process started, or still to come, are gaps (null) in every array.
void TestHttpApi::rangeBucketsAreWholeStepsOfTheSpan()
{
    QJsonObject body;
    qint64 from = 0;
    const auto anyValue = [&body] {
        for (const QJsonValue &v : body["series"].toObject()["mem.percent"].toArray()) {
            if (!v.isNull())
                return true;
        }
        return false;
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            from = QDateTime::currentMSecsSinceEpoch() / 12'000 * 12'000;
            body = rangeFromMemory(from, from + 11'999, 4, "mem.percent");
            // Up to 4 ticks in the span come back as they are (step 200); wait for more.
            return body["step"].toInt() != 200 && anyValue();
        },
        30000));
    QCOMPARE(body["step"].toInt(), 3000);
    QCOMPARE(body["ts"].toArray(), (QJsonArray{double(from), double(from + 3000),
                                               double(from + 6000), double(from + 9000)}));
    for (const char *key : {"series", "min", "max"}) {
        const QJsonArray column = body[key].toObject()["mem.percent"].toArray();
        QCOMPARE(column.size(), 4);
        for (const QJsonValue &v : column)
            QVERIFY2(v.isNull() || v.toDouble() == 62.5, key);
    }
}

void TestHttpApi::rangeRefusesBadParameters_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("says");
    QTest::newRow("from after to") << QByteArray("series=mem.percent&from=2000&to=1000") << "after";
    QTest::newRow("from not a number")
        << QByteArray("series=mem.percent&from=yesterday") << "whole numbers";
    QTest::newRow("to a fraction")
        << QByteArray("series=mem.percent&from=0&to=1.5") << "whole numbers";
    QTest::newRow("from missing") << QByteArray("series=mem.percent&to=1000") << "required";
    QTest::newRow("from negative")
        << QByteArray("series=mem.percent&from=-1&to=1000") << "required";
    QTest::newRow("points zero") << QByteArray("series=mem.percent&from=0&points=0") << "10000";
    QTest::newRow("points negative")
        << QByteArray("series=mem.percent&from=0&points=-3") << "10000";
    QTest::newRow("points huge") << QByteArray("series=mem.percent&from=0&points=10001") << "10000";
    QTest::newRow("points beyond 64 bits")
        << QByteArray("series=mem.percent&from=0&points=99999999999999999999") << "whole numbers";
    QTest::newRow("seconds and from")
        << QByteArray("series=mem.percent&seconds=60&from=0") << "not both";
    QTest::newRow("no series") << QByteArray("from=0") << "one or more";
    QTest::newRow("a series twice")
        << QByteArray("series=mem.percent,mem.percent&from=0") << "more than once";
    QByteArray many = "series=cpu.total";
    for (int i = 0; i < 32; ++i)
        many += ",x" + QByteArray::number(i);
    QTest::newRow("33 series") << many + "&from=0"
                               << "at most 32";
    // 21 series × 5000 points = 105 000 values, over the 100 000 of one answer.
    QByteArray wide = "series=cpu.total";
    for (int i = 0; i < 20; ++i)
        wide += ",x" + QByteArray::number(i);
    QTest::newRow("too many values") << wide + "&from=0&points=5000"
                                     << "100000";
}

// Refused before any source is asked, on the process with the store.
void TestHttpApi::rangeRefusesBadParameters()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, says);
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/history?" + query);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = json(answer);
    QCOMPARE(body["error"].toString(), QString("Bad Request"));
    QCOMPARE(body["status"].toInt(), 400);
    QVERIFY2(body["message"].toString().contains(says), qPrintable(body["message"].toString()));
}

// Known only once the source has answered (a stored series may be one memory no longer has):
// the same 404 as the seconds form, from both sources.
void TestHttpApi::rangeOfAnUnknownSeriesIs404()
{
    for (const quint16 port : {m_vantage.port(), m_memoryOnly.port()}) {
        const HttpProbe answer = HttpProbe::get(
            port, "/api/v1/history?series=mem.percent,disk.nope&from=0&to=1000&points=10");
        QCOMPARE(answer.status, 404);
        const QJsonObject body = json(answer);
        QCOMPARE(body["status"].toInt(), 404);
        QVERIFY2(body["message"].toString().contains("disk.nope"),
                 qPrintable(body["message"].toString()));
    }
}

// The store answers on its own thread, later: a request pipelined behind the range waits for
// it, and the answers come back in the order asked.
void TestHttpApi::rangeFromTheStoreKeepsThePipelineInOrder()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_vantage.port()) + "\r\n";
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_vantage.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/v1/history?series=mem.percent&from=" + QByteArray::number(now - 60'000) +
                 "&to=" + QByteArray::number(now) + " HTTP/1.1\r\n" + host +
                 "\r\nGET /healthz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        20000));
    received += socket.readAll();
    const qsizetype first = received.indexOf("HTTP/1.1 200");
    const qsizetype range = received.indexOf("\"tier\":");
    const qsizetype second = received.indexOf("HTTP/1.1 200", first + 1);
    QVERIFY2(first == 0 && range > first && second > range, received.constData());
    QVERIFY(received.endsWith("\r\n\r\nok"));
}

// Asked of the store, then gone before the answer: it is dropped, and the server goes on.
void TestHttpApi::aConnectionClosedBeforeItsRangeHarmsNoOne()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray target = "/api/v1/history?series=mem.percent,cpu.total&from=" +
                              QByteArray::number(now - 86'400'000) +
                              "&to=" + QByteArray::number(now);
    for (int i = 0; i < 5; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_vantage.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                     QByteArray::number(m_vantage.port()) + "\r\n\r\n");
        socket.flush();
        socket.abort();
    }
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), target);
    QCOMPARE(answer.status, 200);
    QVERIFY(json(answer)["series"].toObject().contains("cpu.total"));
    QCOMPARE(HttpProbe::get(m_vantage.port(), "/healthz").status, 200);
}

// The catalogue of docs/api.md for the fixture machine: its memory and swap sizes as the
// maxima (meminfo kB × 1024), two CPUs, eth0 but not lo.
void TestHttpApi::seriesDescribeTheFixtureMachine()
{
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/api/v1/series");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
    QCOMPARE(answer.header("cache-control"), QByteArray("no-store"));
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &info : json(answer)["series"].toArray())
        byId.insert(info["id"].toString(), info.toObject());
    const QJsonArray rollup{"min", "avg", "max"};
    const auto expect = [&](const QString &id, const QString &label, const QString &unit,
                            const QString &group, const QJsonValue &max,
                            const QJsonValue &instance) {
        const QJsonObject info = byId.value(id);
        QVERIFY2(!info.isEmpty(), qPrintable(id));
        QCOMPARE(info["label"].toString(), label);
        QCOMPARE(info["unit"].toString(), unit);
        QCOMPARE(info["group"].toString(), group);
        QCOMPARE(info["max"], max);
        QCOMPARE(info["instance"], instance);
        QCOMPARE(info["rollup"].toArray(), rollup);
        QCOMPARE(info["gone"].toBool(true), false);
    };
    const QJsonValue none = QJsonValue::Null;
    expect("mem.used", "Memory used", "bytes", "memory", 16777216000.0, none); // 16384000 kB
    expect("swap.used", "Swap used", "bytes", "memory", 2097152000.0, none);   // 2048000 kB
    expect("mem.percent", "Memory used", "percent", "memory", 100.0, none);
    expect("cpu.total", "CPU total", "percent", "cpu", 100.0, none);
    expect("cpu.cores[1]", "CPU 1", "percent", "cpu", 100.0, "1");
    expect("self.cpu", "Vantage CPU", "percent", "self", 200.0, none); // 2 CPUs × 100
    expect("load.1", "Load, 1 min", "count", "cpu", none, none);
    expect("net[eth0].rxBps", "eth0 received", "bytesPerSecond", "network", none, "eth0");
    QVERIFY(!byId.contains("net[lo].rxBps"));
    QVERIFY(!byId.contains("cpu.cores[2]"));
}

void TestHttpApi::settingsNeverHoldTheToken_data()
{
    QTest::addColumn<QByteArray>("flagToken");
    QTest::addColumn<QByteArray>("fileToken");
    QTest::newRow("--token") << QByteArray("SOMESECRET123456") << QByteArray();
    QTest::newRow("server/token in the file") << QByteArray() << QByteArray("FILESECRET7890abcd");
    QTest::newRow("both") << QByteArray("SOMESECRET123456") << QByteArray("FILESECRET7890abcd");
}

void TestHttpApi::settingsNeverHoldTheToken()
{
    QFETCH(QByteArray, flagToken);
    QFETCH(QByteArray, fileToken);
    VantageProcess vantage;
    if (!fileToken.isEmpty()) {
        QFile file(vantage.configFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("[server]\ntoken=" + fileToken + "\n") > 0);
    }
    QStringList arguments = fixtureArguments("0.2");
    if (!flagToken.isEmpty())
        arguments << "--token" << flagToken;
    QVERIFY2(vantage.start(arguments), qPrintable(vantage.errorString()));
    // The token is in effect (the flag wins over the file): the right one makes an admin, the
    // other is refused. So the answer below had a token to leak.
    const QByteArray effective = flagToken.isEmpty() ? fileToken : flagToken;
    QCOMPARE(HttpProbe::send(vantage.port(),
                             HttpProbe::upgrade(vantage.port(), "/ws?token=" + effective))
                 .status,
             101);
    QCOMPARE(HttpProbe::send(vantage.port(),
                             HttpProbe::upgrade(vantage.port(), "/ws?token=WRONGTOKEN0000000"))
                 .status,
             401);

    const HttpProbe answer = HttpProbe::get(vantage.port(), "/api/v1/settings");
    QCOMPARE(answer.status, 200);
    const QJsonObject settings = json(answer);
    // The real settings: the flag's interval is there.
    QCOMPARE(settings["general/interval"].toDouble(), 0.2);
    QVERIFY(settings.contains("server/maxConnections"));
    QVERIFY(!settings.contains("server/token"));
    for (const QByteArray &secret : {flagToken, fileToken}) {
        if (secret.isEmpty())
            continue;
        QVERIFY2(!answer.body.contains(secret), answer.body.constData());
        QVERIFY(!answer.head.contains(secret));
        for (auto it = settings.begin(); it != settings.end(); ++it) {
            QVERIFY2(!it.key().contains(QString::fromLatin1(secret)), qPrintable(it.key()));
            const QByteArray value =
                QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact);
            QVERIFY2(!value.contains(secret), qPrintable(it.key()));
        }
    }
    QVERIFY(vantage.stop());
}

void TestHttpApi::plainGetOfWsIs426()
{
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), "/ws");
    QCOMPARE(answer.status, 426);
    QCOMPARE(answer.header("upgrade"), QByteArray("websocket"));
    QVERIFY(!answer.body.isEmpty());
}

void TestHttpApi::wrongMethodIs405WithAllow_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("POST /healthz") << QByteArray("POST") << QByteArray("/healthz");
    QTest::newRow("PUT /api/v1/settings") << QByteArray("PUT") << QByteArray("/api/v1/settings");
    QTest::newRow("DELETE /") << QByteArray("DELETE") << QByteArray("/");
    QTest::newRow("OPTIONS /metrics") << QByteArray("OPTIONS") << QByteArray("/metrics");
}

void TestHttpApi::wrongMethodIs405WithAllow()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    const HttpProbe answer = HttpProbe::get(m_vantage.port(), target, {}, method);
    QCOMPARE(answer.status, 405);
    QCOMPARE(answer.header("allow"), QByteArray("GET, HEAD"));
}

// Every kind of answer the server gives, each asked from a foreign Origin (a cross-site script
// is what CORS headers would let read the answer).
void TestHttpApi::securityHeadersOnEveryAnswer_data()
{
    const QByteArray port = QByteArray::number(m_vantage.port());
    const auto request = [&](const QByteArray &method, const QByteArray &target,
                             const QByteArray &host) {
        return method + ' ' + target + " HTTP/1.1\r\n" +
               (host.isEmpty() ? QByteArray() : "Host: " + host + "\r\n") +
               "Origin: https://evil.example\r\nConnection: close\r\n\r\n";
    };
    const QByteArray own = "127.0.0.1:" + port;
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    // docs/api.md: JSON answers are no-store, the dashboard's files no-cache; it promises no
    // Cache-Control for the text answers (empty: not checked).
    QTest::addColumn<QByteArray>("cacheControl");
    QTest::newRow("dashboard /") << request("GET", "/", own) << 200 << QByteArray("no-cache");
    QTest::newRow("dashboard /index.html")
        << request("GET", "/index.html", own) << 200 << QByteArray("no-cache");
    QTest::newRow("asset") << request("GET", "/assets/app.js", own) << 200
                           << QByteArray("no-cache");
    QTest::newRow("304 asset")
        << request("GET", "/assets/app.js", own).replace("Origin:", "If-None-Match: *\r\nOrigin:")
        << 304 << QByteArray("no-cache");
    QTest::newRow("snapshot") << request("GET", "/api/v1/snapshot", own) << 200
                              << QByteArray("no-store");
    QTest::newRow("HEAD snapshot")
        << request("HEAD", "/api/v1/snapshot", own) << 200 << QByteArray("no-store");
    QTest::newRow("history") << request("GET", "/api/v1/history?series=mem.percent", own) << 200
                             << QByteArray("no-store");
    QTest::newRow("settings") << request("GET", "/api/v1/settings", own) << 200
                              << QByteArray("no-store");
    QTest::newRow("series") << request("GET", "/api/v1/series", own) << 200
                            << QByteArray("no-store");
    QTest::newRow("range") << request("GET", "/api/v1/history?series=mem.percent&from=0", own)
                           << 200 << QByteArray("no-store");
    QTest::newRow("400 range") << request("GET", "/api/v1/history?series=mem.percent&from=2&to=1",
                                          own)
                               << 400 << QByteArray("no-store");
    QTest::newRow("alerts") << request("GET", "/api/v1/alerts", own) << 200
                            << QByteArray("no-store");
    QTest::newRow("metrics") << request("GET", "/metrics", own) << 200 << QByteArray();
    QTest::newRow("healthz") << request("GET", "/healthz", own) << 200 << QByteArray();
    QTest::newRow("404 page") << request("GET", "/no/such/page", own) << 404 << QByteArray();
    QTest::newRow("404 api") << request("GET", "/api/v2/snapshot", own) << 404
                             << QByteArray("no-store");
    QTest::newRow("404 series") << request("GET", "/api/v1/history?series=nope", own) << 404
                                << QByteArray("no-store");
    QTest::newRow("400 history without series")
        << request("GET", "/api/v1/history", own) << 400 << QByteArray("no-store");
    QTest::newRow("400 no Host") << request("GET", "/healthz", {}) << 400 << QByteArray("no-store");
    QTest::newRow("400 malformed request line")
        << QByteArray("GET\r\n\r\n") << 400 << QByteArray("no-store");
    // Over 100 header lines, in few bytes: all of it is read before the answer, so the answer
    // is not lost to a reset.
    QTest::newRow("431 too many header lines")
        << request("GET", "/healthz", own)
               .replace("Origin:", QByteArray("X-A: b\r\n").repeated(101) + "Origin:")
        << 431 << QByteArray("no-store");
    QTest::newRow("505 HTTP/2.0") << request("GET", "/healthz", own).replace("HTTP/1.1", "HTTP/2.0")
                                  << 505 << QByteArray("no-store");
    QTest::newRow("405 page") << request("POST", "/healthz", own) << 405 << QByteArray();
    QTest::newRow("405 api") << request("DELETE", "/api/v1/settings", own) << 405
                             << QByteArray("no-store");
    QTest::newRow("421 foreign Host") << request("GET", "/api/v1/snapshot", "evil.example:" + port)
                                      << 421 << QByteArray("no-store");
    QTest::newRow("426 plain /ws") << request("GET", "/ws", own) << 426 << QByteArray();
    QTest::newRow("426 WebSocket version 12")
        << HttpProbe::upgrade(m_vantage.port()).replace("Version: 13", "Version: 12") << 426
        << QByteArray("no-store");
    QTest::newRow("403 foreign Origin on /ws")
        << HttpProbe::upgrade(m_vantage.port(), "/ws", "Origin: https://evil.example\r\n") << 403
        << QByteArray("no-store");
}

void TestHttpApi::securityHeadersOnEveryAnswer()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    QFETCH(QByteArray, cacheControl);
    const HttpProbe answer = HttpProbe::send(m_vantage.port(), raw);
    QCOMPARE(answer.status, status);
    QVERIFY2(securityHeaderProblems(answer).isEmpty(), qPrintable(securityHeaderProblems(answer)));
    if (!cacheControl.isEmpty())
        QCOMPARE(answer.header("cache-control"), cacheControl);
}

// The dashboard's file as it is in the repository (Chart.js as npm installed it): what the
// server must send, byte for byte.
QByteArray TestHttpApi::sourceFile(const QString &path)
{
    const QString relative = path == "/assets/vendor/chart.umd.min.js"
                                 ? "../../../node_modules/chart.js/dist/chart.umd.min.js"
                                 : "../../../resources/web" + (path == "/" ? "/index.html" : path);
    QFile file(QFINDTESTDATA(relative));
    if (!file.open(QIODevice::ReadOnly))
        qWarning() << "no such source file:" << relative;
    return file.readAll();
}

// Through the system's gzip, an implementation independent of the server's build.
QByteArray TestHttpApi::gunzip(const QByteArray &compressed)
{
    QProcess gzip;
    gzip.start("gzip", {"-dc"});
    if (!gzip.waitForStarted()) {
        qWarning() << "gzip did not start:" << gzip.errorString();
        return {};
    }
    gzip.write(compressed);
    gzip.closeWriteChannel();
    if (!gzip.waitForFinished() || gzip.exitStatus() != QProcess::NormalExit ||
        gzip.exitCode() != 0) {
        qWarning() << "not gzip:" << gzip.readAllStandardError();
        return {};
    }
    return gzip.readAllStandardOutput();
}

void TestHttpApi::dashboardFilesAreGzippedWhenAccepted_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("acceptEncoding"); // empty: no Accept-Encoding header
    QTest::addColumn<bool>("gzipped");
    const QList<QPair<QByteArray, QByteArray>> files = {
        {"/", "text/html; charset=utf-8"},
        {"/assets/app.js", "text/javascript; charset=utf-8"},
        {"/assets/app.css", "text/css; charset=utf-8"},
        {"/assets/vendor/chart.umd.min.js", "text/javascript; charset=utf-8"},
    };
    // RFC 9110 12.5.3: a weight of 0 is a no, "*" stands for every coding not named.
    const QList<QPair<QByteArray, bool>> accepts = {
        {"gzip", true},
        {"gzip, deflate, br, zstd", true},
        {"br;q=1.0, gzip;q=0.8", true},
        {"GZIP;Q=0.001", true},
        {"x-gzip", true},
        {"*", true},
        {"", false},
        {"identity", false},
        {"deflate, br", false},
        {"gzip;q=0", false},
        {"gzip; q=0.000, identity", false},
        {"*, gzip;q=0", false},
        {"*;q=0", false},
    };
    for (const auto &[target, type] : files) {
        for (const auto &[accept, gzipped] : accepts)
            QTest::addRow("%s, Accept-Encoding '%s'", target.constData(), accept.constData())
                << target << type << accept << gzipped;
    }
}

void TestHttpApi::dashboardFilesAreGzippedWhenAccepted()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, acceptEncoding);
    QFETCH(bool, gzipped);
    const QByteArray source = sourceFile(target);
    QVERIFY(source.size() > 1000);
    const HttpProbe answer = HttpProbe::get(
        m_vantage.port(), target,
        acceptEncoding.isEmpty() ? QByteArray() : "Accept-Encoding: " + acceptEncoding + "\r\n");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("content-type"), type);
    QCOMPARE(answer.header("content-length").toLongLong(), answer.body.size());
    // Both answers name the header they depend on, so a shared cache keeps them apart.
    QCOMPARE(answer.header("vary"), QByteArray("Accept-Encoding"));
    QCOMPARE(answer.header("cache-control"), QByteArray("no-cache"));
    if (!gzipped) {
        QCOMPARE(answer.header("content-encoding"), QByteArray());
        QCOMPARE(answer.body, source);
        return;
    }
    QCOMPARE(answer.header("content-encoding"), QByteArray("gzip"));
    QVERIFY(answer.body.startsWith("\x1f\x8b")); // the gzip magic number (RFC 1952)
    // Text this size compresses to well under half (gzip -9: index.html 22 %, app.css 26 %, app.js
    // 32 %, Chart.js 33 %).
    QVERIFY2(answer.body.size() * 2 < source.size(),
             qPrintable(QString("%1 of %2 bytes").arg(answer.body.size()).arg(source.size())));
    QCOMPARE(gunzip(answer.body), source);
}

void TestHttpApi::aRevisitWithTheETagIs304WithoutBody_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("acceptEncoding");
    for (const QByteArray target : {"/", "/assets/app.js", "/assets/vendor/chart.umd.min.js"}) {
        QTest::addRow("%s plain", target.constData()) << target << QByteArray("identity");
        QTest::addRow("%s gzip", target.constData()) << target << QByteArray("gzip, br");
    }
}

void TestHttpApi::aRevisitWithTheETagIs304WithoutBody()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, acceptEncoding);
    const QByteArray accept = "Accept-Encoding: " + acceptEncoding + "\r\n";
    const auto ask = [&](const QByteArray &ifNoneMatch) {
        return HttpProbe::get(m_vantage.port(), target,
                              accept + (ifNoneMatch.isEmpty()
                                            ? QByteArray()
                                            : "If-None-Match: " + ifNoneMatch + "\r\n"));
    };
    const HttpProbe first = ask({});
    QCOMPARE(first.status, 200);
    const QByteArray tag = first.header("etag");
    // A strong validator: quoted, no W/ prefix.
    QVERIFY2(tag.size() > 2 && tag.startsWith('"') && tag.endsWith('"'), tag.constData());
    QCOMPARE(ask({}).header("etag"), tag); // stable
    // Each representation has its own tag: a client's cached plain file does not validate the
    // gzipped one, nor the other way round.
    const QByteArray other = acceptEncoding == "identity" ? "gzip" : "identity";
    const HttpProbe otherForm =
        HttpProbe::get(m_vantage.port(), target, "Accept-Encoding: " + other + "\r\n");
    QVERIFY(!otherForm.header("etag").isEmpty());
    QVERIFY(otherForm.header("etag") != tag);
    QVERIFY(HttpProbe::get(m_vantage.port(), "/assets/app.css").header("etag") != tag);

    // RFC 9110 13.1.2: any tag of the list, compared weakly; "*" matches any file.
    const QByteArray weak = "W/" + tag;
    for (const QByteArray &matching : {tag, weak, "\"other\", " + tag, QByteArray("*")}) {
        const HttpProbe revisit = ask(matching);
        QCOMPARE(revisit.status, 304);
        QCOMPARE(revisit.body, QByteArray());
        QCOMPARE(revisit.header("etag"), tag);
        QCOMPARE(revisit.header("cache-control"), QByteArray("no-cache"));
        QCOMPARE(revisit.header("vary"), QByteArray("Accept-Encoding"));
        // No Content-Length: it would have to be the whole file's (RFC 9110 8.6).
        QCOMPARE(revisit.header("content-length"), QByteArray());
        QCOMPARE(revisit.header("content-encoding"), QByteArray());
        QVERIFY2(securityHeaderProblems(revisit).isEmpty(),
                 qPrintable(securityHeaderProblems(revisit)));
    }
    // A tag of another version or representation gets the whole file.
    for (const QByteArray &stale :
         {QByteArray("\"0123456789abcdef\""), otherForm.header("etag"), tag.chopped(1) + "x\""}) {
        const HttpProbe changed = ask(stale);
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.body, first.body);
        QCOMPARE(changed.header("etag"), tag);
    }
}

void TestHttpApi::headAnswersTheHeadersOfGet_data()
{
    QTest::addColumn<QByteArray>("extraHeaders");
    QTest::addColumn<int>("status");
    QTest::newRow("plain") << QByteArray() << 200;
    QTest::newRow("gzip") << QByteArray("Accept-Encoding: gzip\r\n") << 200;
    QTest::newRow("revisit") << QByteArray("Accept-Encoding: gzip\r\nIf-None-Match: *\r\n") << 304;
}

void TestHttpApi::headAnswersTheHeadersOfGet()
{
    QFETCH(QByteArray, extraHeaders);
    QFETCH(int, status);
    const HttpProbe get = HttpProbe::get(m_vantage.port(), "/assets/app.js", extraHeaders);
    const HttpProbe head = HttpProbe::get(m_vantage.port(), "/assets/app.js", extraHeaders, "HEAD");
    QCOMPARE(get.status, status);
    QCOMPARE(head.status, status);
    QCOMPARE(head.body, QByteArray());
    for (const QByteArray name :
         {"content-type", "content-length", "content-encoding", "etag", "vary", "cache-control"})
        QCOMPARE(head.header(name), get.header(name));
    if (status == 200)
        QCOMPARE(head.header("content-length").toLongLong(), get.body.size());
}

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"

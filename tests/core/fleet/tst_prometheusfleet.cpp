#include "fixturetree.h"
#include "httpprobe.h"
#include "prometheusprocess.h"
#include "requireorskip.h"
#include "vantageprocess.h"

#include "fleet/prometheusfleet.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace {

using Series = PrometheusFleet::Series;
using Query = PrometheusFleet::Query;

// 2023-11-14 22:13:20 UTC: the instant the hand-written answers were asked for.
constexpr qint64 NowMs = 1700000000000;

QList<Series> parsed(const QByteArray &body)
{
    QList<Series> series;
    QString error;
    if (!PrometheusFleet::parseAnswer(body, &series, &error))
        qWarning("refused: %s", qPrintable(error));
    return series;
}

// An instant answer with one sample per series: {"labels": "value", ...}.
QByteArray instant(const QList<std::pair<QByteArray, QByteArray>> &samples)
{
    QByteArray result;
    for (const auto &sample : samples)
        result += (result.isEmpty() ? "" : ",") + QByteArray("{\"metric\":{") + sample.first +
                  "},\"value\":[1700000000,\"" + sample.second + "\"]}";
    return R"({"status":"success","data":{"resultType":"vector","result":[)" + result + "]}}";
}

QJsonObject rowOf(const QJsonArray &rows, const QString &instance)
{
    for (const QJsonValue &row : rows) {
        if (row[QStringLiteral("instance")].toString() == instance)
            return row.toObject();
    }
    return {};
}

QJsonObject snapshotOf(quint16 port)
{
    return QJsonDocument::fromJson(HttpProbe::get(port, "/api/v1/snapshot").body).object();
}

double lastValue(const QJsonArray &values)
{
    for (qsizetype i = values.size() - 1; i >= 0; --i) {
        if (!values.at(i).isNull())
            return values.at(i).toDouble();
    }
    return -1;
}

} // namespace

// The fleet as a real Prometheus sees it: two real headless vantage hosts on their fixture
// machines, scraped every second, read through Prometheus' HTTP API; and the parsing of the API's
// answers on hand-written ones, down to the values Prometheus writes as text.
class TestPrometheusFleet : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void instanceOfAFleetUrl_data();
    void instanceOfAFleetUrl();
    void answersAreParsed();
    void badAnswersAreRefused_data();
    void badAnswersAreRefused();
    void rowsFromHandWrittenAnswers();
    void aDownHostKeepsWhenItWasLastSeen();
    void everyInstanceWithTheValuesOfItsOwnSnapshot();
    void noPrometheusThereSaysWhy();

private:
    bool startHost(VantageProcess &host, QTemporaryDir &root, const QByteArray &config);
    void setPrometheus(const QString &url);

    QTemporaryDir m_rootA;
    QTemporaryDir m_rootB;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<VantageProcess> m_a;
    std::unique_ptr<VantageProcess> m_b;
    std::unique_ptr<PrometheusProcess> m_prometheus;
};

void TestPrometheusFleet::init()
{
    QVERIFY(m_settingsDir.isValid());
    QFile::remove(m_settingsDir.filePath(QStringLiteral("vantage.conf")));
    m_settings = std::make_unique<Settings>(m_settingsDir.filePath(QStringLiteral("vantage.conf")));
    QVERIFY(m_settings->load());
    m_a = std::make_unique<VantageProcess>();
    m_b = std::make_unique<VantageProcess>();
    m_prometheus = std::make_unique<PrometheusProcess>();
}

void TestPrometheusFleet::cleanup()
{
    m_prometheus.reset();
    m_a.reset();
    m_b.reset();
    m_settings.reset();
}

bool TestPrometheusFleet::startHost(VantageProcess &host, QTemporaryDir &root,
                                    const QByteArray &config)
{
    return host.startOnMachine(root.path(), config);
}

void TestPrometheusFleet::setPrometheus(const QString &url)
{
    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/prometheusUrl"), url}}), QStringList());
}

void TestPrometheusFleet::instanceOfAFleetUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("instance");
    QTest::newRow("dashboard") << QStringLiteral("http://db1.example.org:8765/")
                               << QStringLiteral("db1.example.org:8765");
    QTest::newRow("socket") << QStringLiteral("wss://10.0.0.7:9000/ws")
                            << QStringLiteral("10.0.0.7:9000");
    QTest::newRow("http's port") << QStringLiteral("http://db1/") << QStringLiteral("db1:80");
    QTest::newRow("https' port") << QStringLiteral("https://db1") << QStringLiteral("db1:443");
    QTest::newRow("IPv6") << QStringLiteral("ws://[::1]:8765/ws") << QStringLiteral("[::1]:8765");
    QTest::newRow("no URL") << QStringLiteral("db1:8765") << QStringLiteral("");
    QTest::newRow("other scheme") << QStringLiteral("ftp://db1:21/") << QStringLiteral("");
}

void TestPrometheusFleet::instanceOfAFleetUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, instance);
    QCOMPARE(PrometheusFleet::instanceOf(url), instance);
}

// Prometheus writes every value as text: a number, or NaN and infinities, which are no value a
// row can show. Timestamps are seconds with a fraction.
void TestPrometheusFleet::answersAreParsed()
{
    QCOMPARE(parsed(R"({"status":"success","data":{"resultType":"vector","result":[]}})").size(),
             0);
    const QList<Series> values = parsed(instant({{R"("instance":"a:1")", "12.5"},
                                                 {R"("instance":"b:1")", "NaN"},
                                                 {R"("instance":"c:1")", "+Inf"},
                                                 {R"("instance":"d:1")", "-Inf"},
                                                 {R"("instance":"e:1")", "1e400"},
                                                 {R"("instance":"f:1")", "1e300"},
                                                 {R"("instance":"g:1","job":"x")", "twelve"}}));
    QCOMPARE(values.size(), 7);
    QCOMPARE(values[0].labels.value(QStringLiteral("instance")), QStringLiteral("a:1"));
    QCOMPARE(values[0].points.size(), 1);
    // 1700000000 s is 1700000000000 ms.
    QCOMPARE(values[0].points[0].first, NowMs);
    QCOMPARE(values[0].points[0].second, 12.5);
    for (int i : {1, 2, 3, 4, 6})
        QVERIFY2(std::isnan(values[i].points[0].second), qPrintable(QString::number(i)));
    QCOMPARE(values[5].points[0].second, 1e300); // huge, but a number
    QCOMPARE(values[6].labels.value(QStringLiteral("job")), QStringLiteral("x"));

    const QList<Series> matrix = parsed(R"({"status":"success","data":{"resultType":"matrix",
        "result":[{"metric":{"instance":"a:1"},"values":[[1700000000.25,"1"],[1700000060,"2"]]}]}})");
    QCOMPARE(matrix.size(), 1);
    QCOMPARE(matrix[0].points.size(), 2);
    QCOMPARE(matrix[0].points[0].first, NowMs + 250);
    QCOMPARE(matrix[0].points[1].second, 2.0);

    // JSON as any producer may write it: members in another order, members the API may add
    // (warnings), white space, escapes in labels (a quote, a backslash, é, and 😀 as a surrogate
    // pair), and a value that is null or a bare number.
    const QList<Series> odd = parsed(R"( { "data" : { "result" : [ { "values" : [ [ 1700000000 ,
        null ] , [1700000060, 2.5] ] , "metric" : { "mount" : "/a\"b\\c\u00e9\ud83d\ude00" } } ] ,
        "resultType" : "matrix" } , "warnings" : [ "x" , { "y" : [ true , false ] } ] ,
        "status" : "success" } )");
    QCOMPARE(odd.size(), 1);
    QCOMPARE(odd[0].labels.value(QStringLiteral("mount")),
             QStringLiteral("/a\"b\\c") + QChar(0xe9) + QChar(0xd83d) + QChar(0xde00));
    QCOMPARE(odd[0].points.size(), 2);
    QVERIFY(std::isnan(odd[0].points[0].second));
    QCOMPARE(odd[0].points[1].second, 2.5);
}

void TestPrometheusFleet::badAnswersAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a JSON object");
    QTest::newRow("HTML") << QByteArray("<html>404</html>") << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("deeply nested")
        << QByteArray(100000, '[') << QStringLiteral("not a JSON object");
    QTest::newRow("error")
        << QByteArray(
               R"({"status":"error","errorType":"bad_data","error":"parse error at char 3"})")
        << QStringLiteral("bad_data: parse error at char 3");
    QTest::newRow("no status") << QByteArray(R"({"data":{}})")
                               << QStringLiteral("an answer without status success");
    QTest::newRow("scalar")
        << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[1,"1"]}})")
        << QStringLiteral("no vector or matrix in the answer");
    QTest::newRow("result no array")
        << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":{}}})")
        << QStringLiteral("no vector or matrix in the answer");
    QTest::newRow("no labels")
        << QByteArray(
               R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]}]}})")
        << QStringLiteral("a series without labels");
    QTest::newRow("label no text") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[{"metric":{"instance":7},"value":[1,"1"]}]}})")
                                   << QStringLiteral("a label that is no text");
    QTest::newRow("no sample") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[{"metric":{}}]}})")
                               << QStringLiteral("a sample that is no [time, \"value\"]");
    QTest::newRow("short sample") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[{"metric":{},"value":[1]}]}})")
                                  << QStringLiteral("a sample that is no [time, \"value\"]");
    QTest::newRow("time as text") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[{"metric":{},"value":["1","1"]}]}})")
                                  << QStringLiteral("a sample that is no [time, \"value\"]");
    QTest::newRow("time before 1970") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[{"metric":{},"value":[-1,"1"]}]}})")
                                      << QStringLiteral("a sample that is no [time, \"value\"]");
    QTest::newRow("time past any clock") << QByteArray(R"({"status":"success","data":{
        "resultType":"matrix","result":[{"metric":{},"values":[[1e300,"1"]]}]}})")
                                         << QStringLiteral("a sample that is no [time, \"value\"]");
    QTest::newRow("trailing text") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[]}} x)") << QStringLiteral("not a JSON object");
    QTest::newRow("cut short") << QByteArray(R"({"status":"success","data":{"resultType":
        "matrix","result":[{"metric":{},"values":[[1,"1"],[2,)")
                               << QStringLiteral("not a JSON object");
    QTest::newRow("bad escape") << QByteArray(R"({"status":"success","data":{"resultType":
        "vector","result":[{"metric":{"a":"\x"},"value":[1,"1"]}]}})")
                                << QStringLiteral("not a JSON object");
    QTest::newRow("nested past any answer")
        << QByteArray(R"({"warnings":)" + QByteArray(100, '[') + QByteArray(100, ']') + "}")
        << QStringLiteral("not a JSON object");
    QTest::newRow("matrix without values") << QByteArray(R"({"status":"success","data":{
        "resultType":"matrix","result":[{"metric":{},"values":"1"}]}})")
                                           << QStringLiteral("a series without values");
}

void TestPrometheusFleet::badAnswersAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, why);
    QList<Series> series;
    QString error;
    QVERIFY(!PrometheusFleet::parseAnswer(body, &series, &error));
    QCOMPARE(error, why);
}

// Three instances from hand-written answers of every query, as Prometheus would give them.
void TestPrometheusFleet::rowsFromHandWrittenAnswers()
{
    PrometheusFleet::Answers answers;
    answers.nowMs = NowMs;
    answers.stepSeconds = 60;
    const auto set = [&answers](Query query, const QByteArray &body) {
        answers.series[size_t(query)] = parsed(body);
    };
    const QByteArray one = R"("instance":"10.0.0.1:8765")";
    const QByteArray two = R"("instance":"10.0.0.2:8765")";
    const QByteArray three = R"("instance":"10.0.0.3:8765")";
    set(Query::Up, instant({{one, "1"}, {two, "0"}, {three, "1"}, {R"("job":"x")", "1"}}));
    set(Query::Seen, instant({{one, "1699999999.5"}}));
    set(Query::Info, instant({{one + R"(,"hostname":"db")", "1"},
                              {two + R"(,"hostname":"web")", "1"},
                              {three + R"(,"hostname":"web")", "1"}}));
    set(Query::Cpu, instant({{one, "12.5"}, {three, "NaN"}}));
    set(Query::Memory, instant({{one, "+Inf"}, {three, "1e400"}}));
    set(Query::Load,
        instant({{one + R"(,"period":"1")", "0.5"}, {one + R"(,"period":"15")", "0.25"}}));
    set(Query::Disk, instant({{one + R"(,"device":"/dev/sda")", "1e300"}}));
    set(Query::Network, instant({{one + R"(,"interface":"eth0")", "100"},
                                 {one + R"(,"interface":"wlan0")", "300"}}));
    set(Query::Alerts, instant({{one + R"(,"rule":"disk","exported_instance":"/home")", "2"},
                                {one + R"(,"rule":"cpu")", "1"},
                                {R"("instance":"10.9.9.9:8765","rule":"cpu")", "2"}}));
    // Steps of 60 s over the last 3600 s: 61 steps from 1699996400 s, the last one now. The down
    // host has values at steps 0 (10) and 59 (30, at 1699999940 s) and NaN at step 1.
    set(Query::CpuRange, R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"instance":"10.0.0.2:8765"},
         "values":[[1699996400,"10"],[1699996460,"NaN"],[1699999940,"30"]]}]}})");
    QHash<QString, qint64> lastSeen;
    const QJsonArray rows = PrometheusFleet::rowsFrom(answers, &lastSeen);

    // Two instances called "web": each goes by its instance, and "1" sorts before "d".
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0][QStringLiteral("name")].toString(), QStringLiteral("10.0.0.2:8765"));
    QCOMPARE(rows[1][QStringLiteral("name")].toString(), QStringLiteral("10.0.0.3:8765"));
    QCOMPARE(rows[2][QStringLiteral("name")].toString(), QStringLiteral("db"));

    const QJsonObject db = rows[2].toObject();
    QCOMPARE(db[QStringLiteral("instance")].toString(), QStringLiteral("10.0.0.1:8765"));
    QCOMPARE(db[QStringLiteral("source")].toString(), QStringLiteral("prometheus"));
    QCOMPARE(db[QStringLiteral("admin")].toBool(true), false);
    QCOMPARE(db[QStringLiteral("state")].toString(), QStringLiteral("up"));
    QVERIFY(!db.contains(QStringLiteral("reason")));
    QCOMPARE(db[QStringLiteral("lastSeen")].toDouble(), 1699999999500.0);
    QCOMPARE(db[QStringLiteral("cpu")][QStringLiteral("total")].toDouble(), 12.5);
    QVERIFY(db[QStringLiteral("mem")][QStringLiteral("percent")].isNull()); // +Inf
    QCOMPARE(db[QStringLiteral("load")].toArray(),
             (QJsonArray{0.5, QJsonValue::Null, 0.25})); // no 5-minute load
    QCOMPARE(db[QStringLiteral("disk")].toObject(),
             (QJsonObject{{"name", "/dev/sda"}, {"bps", 1e300}}));
    QCOMPARE(db[QStringLiteral("net")].toObject(),
             (QJsonObject{{"name", "wlan0"}, {"bps", 300.0}})); // 300 > 100
    const QJsonArray alerts = db[QStringLiteral("alerts")].toArray();
    QCOMPARE(alerts.size(), 2); // 10.9.9.9 is no instance of `up`
    QCOMPARE(alerts[0][QStringLiteral("id")].toString(), QStringLiteral("cpu"));
    QCOMPARE(alerts[0][QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    QCOMPARE(alerts[0][QStringLiteral("instance")].toString(), QString());
    QCOMPARE(alerts[1][QStringLiteral("id")].toString(), QStringLiteral("disk:/home"));
    QCOMPARE(alerts[1][QStringLiteral("rule")].toString(), QStringLiteral("disk"));
    QCOMPARE(alerts[1][QStringLiteral("instance")].toString(), QStringLiteral("/home"));
    QCOMPARE(alerts[1][QStringLiteral("severity")].toString(), QStringLiteral("critical"));
    QCOMPARE(alerts[1][QStringLiteral("state")].toString(), QStringLiteral("firing"));
    QCOMPARE(alerts[1][QStringLiteral("acknowledged")].toBool(true), false);

    const QJsonObject series = db[QStringLiteral("series")].toObject();
    const QJsonArray ts = series[QStringLiteral("ts")].toArray();
    QCOMPARE(ts.size(), 61);
    QCOMPARE(ts.first().toDouble(), 1699996400000.0);
    QCOMPARE(ts.last().toDouble(), 1700000000000.0);
    for (const char *key : {"cpu", "mem", "disk", "net", "load"}) {
        const QJsonArray values = series[QLatin1StringView(key)].toArray();
        QCOMPARE(values.size(), 61);
        QVERIFY(std::all_of(values.begin(), values.end(),
                            [](const QJsonValue &value) { return value.isNull(); }));
    }

    const QJsonObject down = rows[0].toObject();
    QCOMPARE(down[QStringLiteral("state")].toString(), QStringLiteral("down"));
    QVERIFY(!down[QStringLiteral("reason")].toString().isEmpty());
    QCOMPARE(down[QStringLiteral("lastSeen")].toDouble(), 1699999940000.0); // its last step
    QVERIFY(down[QStringLiteral("cpu")][QStringLiteral("total")].isNull());
    QVERIFY(down[QStringLiteral("load")].isNull());
    QVERIFY(down[QStringLiteral("disk")].isNull());
    QCOMPARE(down[QStringLiteral("alerts")].toArray(), QJsonArray());
    const QJsonArray cpu = down[QStringLiteral("series")][QStringLiteral("cpu")].toArray();
    QCOMPARE(cpu.size(), 61);
    QCOMPARE(cpu[0].toDouble(), 10.0);
    QVERIFY(cpu[1].isNull());
    QCOMPARE(cpu[59].toDouble(), 30.0);
    QVERIFY(cpu[60].isNull());

    const QJsonObject never = rows[1].toObject();
    QCOMPARE(never[QStringLiteral("state")].toString(), QStringLiteral("up"));
    QVERIFY(never[QStringLiteral("lastSeen")].isNull()); // no scrape time, no series
    QVERIFY(never[QStringLiteral("cpu")][QStringLiteral("total")].isNull());   // NaN
    QVERIFY(never[QStringLiteral("mem")][QStringLiteral("percent")].isNull()); // 1e400
}

// Once its series have aged out of the hour, a host that is down still shows when it was last
// seen by this hub.
void TestPrometheusFleet::aDownHostKeepsWhenItWasLastSeen()
{
    PrometheusFleet::Answers answers;
    answers.nowMs = NowMs;
    answers.series[size_t(Query::Up)] = parsed(instant({{R"("instance":"a:1")", "1"}}));
    answers.series[size_t(Query::Seen)] = parsed(instant({{R"("instance":"a:1")", "1699999998"}}));
    QHash<QString, qint64> lastSeen;
    QCOMPARE(
        PrometheusFleet::rowsFrom(answers, &lastSeen)[0][QStringLiteral("lastSeen")].toDouble(),
        1699999998000.0);

    PrometheusFleet::Answers later;
    later.nowMs = NowMs + 7200000;
    later.series[size_t(Query::Up)] = parsed(instant({{R"("instance":"a:1")", "0"}}));
    const QJsonArray rows = PrometheusFleet::rowsFrom(later, &lastSeen);
    QCOMPARE(rows[0][QStringLiteral("state")].toString(), QStringLiteral("down"));
    QCOMPARE(rows[0][QStringLiteral("lastSeen")].toDouble(), 1699999998000.0);
}

// Host a is the fixture machine; host b has half its available memory, other load averages, its
// own host name and a memory warning level below its use. Both on 127.0.0.1 (the test starts
// vantage through VantageProcess, which serves on 127.0.0.1 only), on their own ports.
void TestPrometheusFleet::everyInstanceWithTheValuesOfItsOwnSnapshot()
{
    VANTAGE_REQUIRE_OR_SKIP(PrometheusProcess::available(),
                            "no prometheus at VANTAGE_PROMETHEUS: run scripts/prometheus.sh once");
    for (QTemporaryDir *root : {&m_rootA, &m_rootB}) {
        QVERIFY(root->isValid());
        QDir(root->path()).removeRecursively();
        QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), root->path()));
    }
    QVERIFY(replaceInFile(m_rootB.filePath(QStringLiteral("proc/meminfo")),
                          "MemAvailable:    8192000 kB", "MemAvailable:    4096000 kB"));
    QVERIFY(
        writeFile(m_rootB.filePath(QStringLiteral("proc/loadavg")), "3.00 2.00 1.00 2/300 42\n"));
    QVERIFY(writeFile(m_rootB.filePath(QStringLiteral("proc/sys/kernel/hostname")), "fixture-b\n"));
    QVERIFY(startHost(*m_a, m_rootA, {}));
    QVERIFY(startHost(*m_b, m_rootB,
                      "[thresholds]\nmemory/warning = 70\nmemory/critical = 90\nmemory/for = 0\n"));
    const QString a = QStringLiteral("127.0.0.1:%1").arg(m_a->port());
    const QString b = QStringLiteral("127.0.0.1:%1").arg(m_b->port());
    QVERIFY(m_prometheus->start({a, b}));

    QCOMPARE(m_settings->apply({{QStringLiteral("fleet/prometheusRefresh"), 1}}), QStringList());
    PrometheusFleet fleet(m_settings.get());
    QVERIFY(!fleet.isEnabled());
    QSignalSpy refreshed(&fleet, &PrometheusFleet::refreshed);
    setPrometheus(QStringLiteral("http://127.0.0.1:%1/").arg(m_prometheus->port()));
    QVERIFY(fleet.isEnabled());
    // Both scraped, b's alert stored, and the rates of two scrapes there.
    const auto ready = [&] {
        const QJsonArray rows = fleet.hosts();
        const QJsonObject rowB = rowOf(rows, b);
        return rowOf(rows, a)[QStringLiteral("net")].isObject() &&
               rowB[QStringLiteral("net")].isObject() &&
               !rowB[QStringLiteral("alerts")].toArray().isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 60000);
    QVERIFY2(fleet.errorString().isEmpty(), qPrintable(fleet.errorString()));
    QVERIFY(refreshed.size() >= 1);

    const QJsonArray rows = fleet.hosts();
    QCOMPARE(rows.size(), 2);
    const QJsonObject rowA = rowOf(rows, a);
    const QJsonObject rowB = rowOf(rows, b);
    // Sorted by name: "fixture-b" < "fixture-host" (the fixture's /proc/sys/kernel/hostname).
    QCOMPARE(rows[0][QStringLiteral("instance")].toString(), b);
    QCOMPARE(rowA[QStringLiteral("name")].toString(), QStringLiteral("fixture-host"));
    QCOMPARE(rowB[QStringLiteral("name")].toString(), QStringLiteral("fixture-b"));
    for (const QJsonObject &row : {rowA, rowB}) {
        QCOMPARE(row[QStringLiteral("state")].toString(), QStringLiteral("up"));
        QCOMPARE(row[QStringLiteral("source")].toString(), QStringLiteral("prometheus"));
        QVERIFY(row[QStringLiteral("lastSeen")].toDouble() > 1.7e12);
        QVERIFY(row[QStringLiteral("lastSeen")].toDouble() <= QDateTime::currentMSecsSinceEpoch());
        // The fixture machines have no mounted filesystem, so no disk.
        QVERIFY(row[QStringLiteral("disk")].isNull());
        // Its one interface, eth0, whose counters (500000 and 250000 bytes) never move: 0 B/s.
        QCOMPARE(row[QStringLiteral("net")].toObject(),
                 (QJsonObject{{"name", "eth0"}, {"bps", 0.0}}));
    }
    // The fixture's /proc/stat does not move between ticks: no tick was busy, 0 %, as each host
    // says of itself.
    QCOMPARE(rowA[QStringLiteral("cpu")][QStringLiteral("total")].toDouble(-1), 0.0);
    QCOMPARE(rowB[QStringLiteral("cpu")][QStringLiteral("total")].toDouble(-1), 0.0);
    QCOMPARE(snapshotOf(m_a->port())[QStringLiteral("cpu")][QStringLiteral("total")].toDouble(-1),
             0.0);
    QCOMPARE(snapshotOf(m_b->port())[QStringLiteral("cpu")][QStringLiteral("total")].toDouble(-1),
             0.0);
    // Memory: a uses 16384000 - 8192000 = 8192000 kB of 16384000, 50 %; b 16384000 - 4096000 =
    // 12288000 kB, 75 %, as their own snapshots say.
    QCOMPARE(rowA[QStringLiteral("mem")][QStringLiteral("percent")].toDouble(), 50.0);
    QCOMPARE(rowB[QStringLiteral("mem")][QStringLiteral("percent")].toDouble(), 75.0);
    QCOMPARE(snapshotOf(m_a->port())[QStringLiteral("mem")][QStringLiteral("percent")].toDouble(),
             50.0);
    QCOMPARE(snapshotOf(m_b->port())[QStringLiteral("mem")][QStringLiteral("percent")].toDouble(),
             75.0);
    // /proc/loadavg as written: the fixture's "1.50 0.75 0.25", b's "3.00 2.00 1.00".
    QCOMPARE(rowA[QStringLiteral("load")].toArray(), (QJsonArray{1.5, 0.75, 0.25}));
    QCOMPARE(rowB[QStringLiteral("load")].toArray(), (QJsonArray{3.0, 2.0, 1.0}));
    // b uses 75 % with a warning at 70 %: its memory alert, and none on a.
    QCOMPARE(rowA[QStringLiteral("alerts")].toArray(), QJsonArray());
    const QJsonArray alerts = rowB[QStringLiteral("alerts")].toArray();
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts[0][QStringLiteral("id")].toString(), QStringLiteral("memory"));
    QCOMPARE(alerts[0][QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    // The last minute's averages of constant values are those values.
    QCOMPARE(lastValue(rowA[QStringLiteral("series")][QStringLiteral("mem")].toArray()), 50.0);
    QCOMPARE(lastValue(rowB[QStringLiteral("series")][QStringLiteral("mem")].toArray()), 75.0);
    QCOMPARE(lastValue(rowB[QStringLiteral("series")][QStringLiteral("load")].toArray()), 3.0);

    // b stops: Prometheus' next scrape fails, and b is down, still seen when it was.
    const double seenB = rowB[QStringLiteral("lastSeen")].toDouble();
    QVERIFY(m_b->stop());
    QTRY_COMPARE_WITH_TIMEOUT(rowOf(fleet.hosts(), b)[QStringLiteral("state")].toString(),
                              QStringLiteral("down"), 30000);
    QVERIFY(rowOf(fleet.hosts(), b)[QStringLiteral("lastSeen")].toDouble() >= seenB);
    QVERIFY(!rowOf(fleet.hosts(), b)[QStringLiteral("reason")].toString().isEmpty());
    QCOMPARE(rowOf(fleet.hosts(), a)[QStringLiteral("state")].toString(), QStringLiteral("up"));

    // A path where no Prometheus answers: it says so, and the rows stay.
    const QString wrong =
        QStringLiteral("http://127.0.0.1:%1/no/prometheus/").arg(m_prometheus->port());
    setPrometheus(wrong);
    QTRY_VERIFY_WITH_TIMEOUT(!fleet.errorString().isEmpty(), 30000);
    QVERIFY2(fleet.errorString().startsWith(QStringLiteral("Prometheus at ") + wrong +
                                            QStringLiteral(": HTTP 404")),
             qPrintable(fleet.errorString()));
    QCOMPARE(fleet.hosts().size(), 2);

    // Back at the right address, then Prometheus gone: unreachable, and the rows stay.
    setPrometheus(QStringLiteral("http://127.0.0.1:%1/").arg(m_prometheus->port()));
    QTRY_VERIFY_WITH_TIMEOUT(fleet.errorString().isEmpty(), 30000);
    m_prometheus->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!fleet.errorString().isEmpty(), 30000);
    QVERIFY2(fleet.errorString().contains(u"Connection refused"), qPrintable(fleet.errorString()));
    QCOMPARE(fleet.hosts().size(), 2);

    // Off: no rows and nothing to say.
    setPrometheus(QString());
    QVERIFY(!fleet.isEnabled());
    QCOMPARE(fleet.hosts().size(), 0);
    QVERIFY(fleet.errorString().isEmpty());
}

// Nothing listens on the port: no rows, and the reason, naming the address.
void TestPrometheusFleet::noPrometheusThereSaysWhy()
{
    const quint16 port = PrometheusProcess::freePort();
    QVERIFY(port != 0);
    PrometheusFleet fleet(m_settings.get());
    QSignalSpy refreshed(&fleet, &PrometheusFleet::refreshed);
    setPrometheus(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QVERIFY(refreshed.wait(15000));
    QCOMPARE(fleet.errorString(),
             QStringLiteral("Prometheus at http://127.0.0.1:%1/: Connection refused").arg(port));
    QCOMPARE(fleet.hosts().size(), 0);
    QVERIFY(!fleet.isRefreshing());
}

QTEST_GUILESS_MAIN(TestPrometheusFleet)
#include "tst_prometheusfleet.moc"

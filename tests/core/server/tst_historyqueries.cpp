#include "history/seriescatalog.h"
#include "server/historyqueries.h"

#include <QJsonArray>
#include <QPromise>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace {

// A source whose answers the test gives, when it chooses: a store that has not read the disk
// yet. Each question is held as a promise until answer() or fail().
class HeldSource : public HistoryRangeSource
{
public:
    QFuture<HistoryRange> range(const HistoryRangeRequest &request) const override
    {
        auto promise = std::make_shared<QPromise<HistoryRange>>();
        promise->start();
        m_asked.append({request, promise});
        return promise->future();
    }

    qsizetype held() const { return m_asked.size(); }

    // Answers the oldest question: the series asked that `holds` names, two buckets of 1 and 3.
    void answer(const QStringList &holds)
    {
        const auto [request, promise] = m_asked.takeFirst();
        HistoryRange range;
        range.from = request.from;
        range.to = request.to;
        range.step = 60'000;
        range.tier = 1;
        range.ts = {request.from, request.from + 60'000};
        for (const QString &name : request.series) {
            if (!holds.contains(name))
                continue;
            range.names.append(name);
            range.avg.append({1, 3});
            range.min.append({0, 2});
            range.max.append({2, 4});
        }
        promise->addResult(range);
        promise->finish();
    }

    void fail()
    {
        const auto promise = m_asked.takeFirst().second;
        promise->future().cancel();
        promise->finish();
    }

private:
    mutable QList<QPair<HistoryRangeRequest, std::shared_ptr<QPromise<HistoryRange>>>> m_asked;
};

HistoryRangeRequest request(const QStringList &series)
{
    HistoryRangeRequest r;
    r.series = series;
    r.from = 1'700'000'000'000;
    r.to = 1'700'000'119'999;
    r.points = 2;
    return r;
}

} // namespace

class TestHistoryQueries : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void answersInTheShapeOfTheApi();
    void aSeriesOnlyTheCatalogueKnowsIsGaps();
    void aSeriesNobodyKnowsIs404();
    void pendingQuestionsAreBounded();
    void aFailedReadIs503();
    void aReadySourceGivesAFinishedAnswer();
    void queryDefaults();

private:
    SeriesCatalog m_catalog;
};

// The catalogue of a machine whose history holds cpu.total and mem.percent.
void TestHistoryQueries::init()
{
    m_catalog = SeriesCatalog();
    m_catalog.update({"cpu.total", "mem.percent"}, Snapshot());
}

void TestHistoryQueries::answersInTheShapeOfTheApi()
{
    HeldSource source;
    const HistoryQueries queries(&source, &m_catalog);
    const QFuture<HistoryQueries::Answer> answer = queries.ask(request({"cpu.total"}));
    QVERIFY(!answer.isFinished());
    QCOMPARE(queries.pending(), 1);
    source.answer({"cpu.total"});
    QVERIFY(answer.isFinished());
    QCOMPARE(queries.pending(), 0);
    const HistoryQueries::Answer a = answer.result();
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body["from"].toInteger(), 1'700'000'000'000);
    QCOMPARE(a.body["to"].toInteger(), 1'700'000'119'999);
    QCOMPARE(a.body["step"].toInt(), 60'000);
    QCOMPARE(a.body["tier"].toInt(), 1);
    QCOMPARE(a.body["ts"].toArray(), (QJsonArray{1'700'000'000'000.0, 1'700'000'060'000.0}));
    QCOMPARE(a.body["series"]["cpu.total"].toArray(), (QJsonArray{1, 3}));
    QCOMPARE(a.body["min"]["cpu.total"].toArray(), (QJsonArray{0, 2}));
    QCOMPARE(a.body["max"]["cpu.total"].toArray(), (QJsonArray{2, 4}));
}

// The store before its first flush knows no series: what the catalogue knows is all gaps.
void TestHistoryQueries::aSeriesOnlyTheCatalogueKnowsIsGaps()
{
    HeldSource source;
    const HistoryQueries queries(&source, &m_catalog);
    const auto answer = queries.ask(request({"mem.percent", "cpu.total"}));
    source.answer({"cpu.total"});
    const HistoryQueries::Answer a = answer.result();
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body["series"]["mem.percent"].toArray(),
             (QJsonArray{QJsonValue::Null, QJsonValue::Null}));
    QCOMPARE(a.body["max"]["mem.percent"].toArray(),
             (QJsonArray{QJsonValue::Null, QJsonValue::Null}));
    QCOMPARE(a.body["series"]["cpu.total"].toArray(), (QJsonArray{1, 3}));
}

// A series the store holds from before (gone from memory) is answered; one nobody knows is 404.
void TestHistoryQueries::aSeriesNobodyKnowsIs404()
{
    HeldSource source;
    const HistoryQueries queries(&source, &m_catalog);
    const auto stored = queries.ask(request({"net[veth1].rxBps"}));
    source.answer({"net[veth1].rxBps"});
    QCOMPARE(stored.result().status, 200);
    const auto unknown = queries.ask(request({"cpu.total", "disk.nope"}));
    source.answer({"cpu.total"});
    QCOMPARE(unknown.result().status, 404);
    QCOMPARE(unknown.result().code, QString("not_found"));
    QVERIFY(unknown.result().message.contains("disk.nope"));
}

void TestHistoryQueries::pendingQuestionsAreBounded()
{
    HeldSource source;
    const HistoryQueries queries(&source, &m_catalog);
    QList<QFuture<HistoryQueries::Answer>> waiting;
    for (int i = 0; i < HistoryQueries::MaxPending; ++i)
        waiting.append(queries.ask(request({"cpu.total"})));
    const auto refused = queries.ask(request({"cpu.total"}));
    QVERIFY(refused.isFinished());
    QCOMPARE(refused.result().status, 503);
    QCOMPARE(refused.result().code, QString("unavailable"));
    QCOMPARE(refused.result().retryAfterS, 1);
    QCOMPARE(source.held(), qsizetype(HistoryQueries::MaxPending)); // never reached the source
    source.answer({"cpu.total"});
    const auto admitted = queries.ask(request({"cpu.total"}));
    QVERIFY(!admitted.isFinished());
    while (source.held() > 0)
        source.answer({"cpu.total"});
    QCOMPARE(queries.pending(), 0);
}

void TestHistoryQueries::aFailedReadIs503()
{
    HeldSource source;
    const HistoryQueries queries(&source, &m_catalog);
    const auto answer = queries.ask(request({"cpu.total"}));
    source.fail();
    QVERIFY(answer.isFinished());
    QCOMPARE(answer.result().status, 503);
    QCOMPARE(queries.pending(), 0);
}

class ReadySource : public HistoryRangeSource
{
public:
    QFuture<HistoryRange> range(const HistoryRangeRequest &request) const override
    {
        HistoryRange range;
        range.names = request.series;
        range.avg = range.min = range.max = QList<QList<double>>(request.series.size());
        return QtFuture::makeReadyFuture(range);
    }
};

// Memory answers at once: the connection sends it without waiting for the event loop.
void TestHistoryQueries::aReadySourceGivesAFinishedAnswer()
{
    const ReadySource source;
    const HistoryQueries queries(&source, &m_catalog);
    const auto answer = queries.ask(request({"cpu.total"}));
    QVERIFY(answer.isFinished());
    QCOMPARE(answer.result().status, 200);
    QCOMPARE(queries.pending(), 0);
}

void TestHistoryQueries::queryDefaults()
{
    const auto parsed =
        HistoryQueries::fromQuery(QUrlQuery("series=cpu.total,mem.percent&from=5"), 9000);
    const auto *r = std::get_if<HistoryRangeRequest>(&parsed);
    QVERIFY(r);
    QCOMPARE(r->series, (QStringList{"cpu.total", "mem.percent"}));
    QCOMPARE(r->from, 5);
    QCOMPARE(r->to, 9000); // now
    QCOMPARE(r->points, HistoryQueries::DefaultPoints);
}

QTEST_GUILESS_MAIN(TestHistoryQueries)
#include "tst_historyqueries.moc"

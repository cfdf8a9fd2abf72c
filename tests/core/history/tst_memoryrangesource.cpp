#include "history/history.h"
#include "history/memoryrangesource.h"

#include <QTest>

#include <cmath>

namespace {

constexpr int IntervalMs = 1000;

// Ten ticks a second apart at 10 000 … 19 000 ms, cpu.total 10, 20, … 100.
History tenTicks()
{
    History history(100);
    for (int i = 0; i < 10; ++i) {
        Snapshot s;
        s.ts = 10'000 + i * 1000;
        s.cpu.total = (i + 1) * 10;
        history.append(s);
    }
    return history;
}

HistoryRangeRequest ask(qint64 from, qint64 to, int points)
{
    HistoryRangeRequest request;
    request.series = {QStringLiteral("cpu.total")};
    request.from = from;
    request.to = to;
    request.points = points;
    return request;
}

// NaN compares unequal to itself: -1 stands for a gap, as no value here is negative.
QList<double> readable(const QList<double> &values)
{
    QList<double> result;
    for (double v : values)
        result.append(std::isnan(v) ? -1 : v);
    return result;
}

} // namespace

class TestMemoryRangeSource : public QObject
{
    Q_OBJECT

private slots:
    void buckets_data();
    void buckets();
    void aTimeTheMonitorDidNotRunIsAGap();
    void unknownSeriesAreLeftOut();
    void theAnswerIsAlreadyFinished();
    void aDayOfTicksInAThousandBuckets();
};

void TestMemoryRangeSource::buckets_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("points");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QList<qint64>>("ts");
    QTest::addColumn<QList<double>>("avg");
    QTest::addColumn<QList<double>>("min");
    QTest::addColumn<QList<double>>("max");

    // Ten ticks fit in ten points: the ticks themselves, one interval each.
    const QList<double> all = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    QTest::newRow("raw") << qint64(10'000) << qint64(19'000) << 10 << qint64(1000)
                         << QList<qint64>{10'000, 11'000, 12'000, 13'000, 14'000,
                                          15'000, 16'000, 17'000, 18'000, 19'000}
                         << all << all << all;
    // from and to inclusive, between ticks: 12 000, 13 000, 14 000.
    QTest::newRow("raw part") << qint64(12'000) << qint64(14'500) << 10 << qint64(1000)
                              << QList<qint64>{12'000, 13'000, 14'000} << QList<double>{30, 40, 50}
                              << QList<double>{30, 40, 50} << QList<double>{30, 40, 50};
    // span 9001 ms in 5 buckets: ceil(9001 / 5000) = 2 intervals = 2000 ms; 19000/2000 -
    // 10000/2000 + 1 = 5 buckets from 10 000; two ticks each: (10+20)/2, (30+40)/2, …
    QTest::newRow("pairs") << qint64(10'000) << qint64(19'000) << 5 << qint64(2000)
                           << QList<qint64>{10'000, 12'000, 14'000, 16'000, 18'000}
                           << QList<double>{15, 35, 55, 75, 95} << QList<double>{10, 30, 50, 70, 90}
                           << QList<double>{20, 40, 60, 80, 100};
    // span 8001 ms in 3: ceil(8001 / 3000) = 3 intervals, but aligned to 3000 that is
    // 19000/3000 - 11000/3000 + 1 = 6 - 3 + 1 = 4 buckets; span / 2 buckets: ceil(8001 / 2000)
    // = 5 intervals = 5000 ms, 19000/5000 - 11000/5000 + 1 = 2 buckets from 10 000. The first
    // holds the ticks from 11 000 (from) to 14 000: 20..50, avg 35; the second 60..100, avg 80.
    QTest::newRow("alignment costs a bucket")
        << qint64(11'000) << qint64(19'000) << 3 << qint64(5000) << QList<qint64>{10'000, 15'000}
        << QList<double>{35, 80} << QList<double>{20, 60} << QList<double>{50, 100};
    // span 17001 in 3: 6 intervals give 19000/6000 - 2000/6000 + 1 = 4; ceil(17001 / 2000) = 9
    // intervals: 2 - 0 + 1 = 3 buckets at 0, 9000, 18000. Nothing before 10 000: a gap; then
    // 10 000..17 000 (10..80, avg 45) and 18 000, 19 000 (90, 100).
    QTest::newRow("before the oldest tick is a gap")
        << qint64(2000) << qint64(19'000) << 3 << qint64(9000) << QList<qint64>{0, 9000, 18'000}
        << QList<double>{-1, 45, 95} << QList<double>{-1, 10, 90} << QList<double>{-1, 80, 100};
    // One bucket is the whole span from `from`: ceil(9001 / 1000) = 10 intervals.
    QTest::newRow("one point") << qint64(10'000) << qint64(19'000) << 1 << qint64(10'000)
                               << QList<qint64>{10'000} << QList<double>{55} << QList<double>{10}
                               << QList<double>{100};
}

void TestMemoryRangeSource::buckets()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, points);
    const History history = tenTicks();
    const MemoryRangeSource source(&history, [] { return IntervalMs; });
    const HistoryRange range = source.compute(ask(from, to, points));
    QCOMPARE(range.from, from);
    QCOMPARE(range.to, to);
    QCOMPARE(range.tier, 0);
    QTEST(range.step, "step");
    QTEST(range.ts, "ts");
    QCOMPARE(range.names, QStringList{"cpu.total"});
    QTEST(readable(range.avg.value(0)), "avg");
    QTEST(readable(range.min.value(0)), "min");
    QTEST(readable(range.max.value(0)), "max");
}

// Ticks at 10 000, 11 000, 12 000, then none until 20 000: one gap point an interval after the
// last tick before the hole, so a chart does not draw a line across it.
void TestMemoryRangeSource::aTimeTheMonitorDidNotRunIsAGap()
{
    History history(10);
    for (qint64 ts : {10'000, 11'000, 12'000, 20'000, 21'000}) {
        Snapshot s;
        s.ts = ts;
        s.cpu.total = double(ts / 1000);
        history.append(s);
    }
    const MemoryRangeSource source(&history, [] { return IntervalMs; });
    const HistoryRange range = source.compute(ask(10'000, 21'000, 100));
    QCOMPARE(range.ts, (QList<qint64>{10'000, 11'000, 12'000, 13'000, 20'000, 21'000}));
    QCOMPARE(readable(range.avg.value(0)), (QList<double>{10, 11, 12, -1, 20, 21}));
    QCOMPARE(readable(range.max.value(0)), (QList<double>{10, 11, 12, -1, 20, 21}));
}

void TestMemoryRangeSource::unknownSeriesAreLeftOut()
{
    const History history = tenTicks();
    const MemoryRangeSource source(&history, [] { return IntervalMs; });
    HistoryRangeRequest request = ask(10'000, 19'000, 10);
    request.series = QStringList{"nope", "mem.percent", "cpu.total"};
    const HistoryRange range = source.compute(request);
    QCOMPARE(range.names, (QStringList{"mem.percent", "cpu.total"}));
    QCOMPARE(range.avg.size(), 2);
    QCOMPARE(range.avg[1].size(), 10);
}

void TestMemoryRangeSource::theAnswerIsAlreadyFinished()
{
    const History history = tenTicks();
    const MemoryRangeSource source(&history, [] { return IntervalMs; });
    const QFuture<HistoryRange> answer = source.range(ask(10'000, 19'000, 5));
    QVERIFY(answer.isFinished());
    QCOMPARE(answer.result().ts.size(), 5);
}

// 24 h at 1 s, 86 400 ticks of i % 87, in a thousand buckets: ceil(86400 / 1000) = 87 s each,
// aligned to multiples of 87 000 ms from the epoch. Timed for docs/api.md (QBENCHMARK reports
// it; nothing is asserted about the time).
void TestMemoryRangeSource::aDayOfTicksInAThousandBuckets()
{
    constexpr qint64 Start = 1'700'000'000'000;
    constexpr int Ticks = 86'400;
    History history(Ticks);
    for (int i = 0; i < Ticks; ++i) {
        Snapshot s;
        s.ts = Start + qint64(i) * 1000;
        s.cpu.total = i % 87;
        history.append(s);
    }
    const MemoryRangeSource source(&history, [] { return IntervalMs; });
    HistoryRange range;
    QBENCHMARK_ONCE
    {
        range = source.compute(ask(Start, Start + (Ticks - 1) * 1000LL, 1000));
    }
    QCOMPARE(range.step, 87'000);
    QVERIFY(range.ts.size() <= 1000);
    QCOMPARE(range.ts.first() % 87'000, 0);
    // A bucket wholly inside the day holds 87 ticks (87 000 ms, a tick every 1000 ms from a
    // whole second), one of each value 0..86: lowest 0, highest 86, average 86 / 2 = 43.
    QCOMPARE(range.min[0][1], 0.0);
    QCOMPARE(range.max[0][1], 86.0);
    QCOMPARE(range.avg[0][1], 43.0);
}

QTEST_GUILESS_MAIN(TestMemoryRangeSource)
#include "tst_memoryrangesource.moc"

#include "seriesdecimator.h"

#include <QTest>

#include <cmath>

// Chart line segments from History points: all of them while they fit, else each run's lowest and
// highest point in time order, values divided into the shown unit; a tick without a value or a
// hole in time ends a segment.
class TestSeriesDecimator : public QObject
{
    Q_OBJECT

private slots:
    void shortSeriesIsKeptWhole();
    void nanEndsASegment();
    void timeHoleEndsASegment();
    void decimationNeverBridgesAGap();
    void longSeriesKeepsEachRunsExtremesInOrder();
    void aSpikeSurvives();
    void runOfOnlyNanGivesNothing();
    void emptyGivesNothing();
};

namespace {

// Ticks one second apart: 1.5 s between two of them is a hole.
constexpr qint64 GapMs = 1500;

QList<History::Point> series(const QList<double> &values)
{
    QList<History::Point> points;
    for (qsizetype i = 0; i < values.size(); ++i)
        points.append({1000 * (i + 1), values[i]});
    return points;
}

using Segments = QList<QList<QPointF>>;

} // namespace

void TestSeriesDecimator::shortSeriesIsKeptWhole()
{
    const Segments out = SeriesDecimator::segments(series({1024, 2048, 3072}), 10, 1024, GapMs);
    QCOMPARE(out, (Segments{{{1000, 1}, {2000, 2}, {3000, 3}}}));
}

void TestSeriesDecimator::nanEndsASegment()
{
    // The tick at 2000 has no value (a restart's empty tick): the line stops at 1000 and starts
    // again at 3000.
    const Segments out = SeriesDecimator::segments(series({5, qQNaN(), 7}), 10, 1, GapMs);
    QCOMPARE(out, (Segments{{{1000, 5}}, {{3000, 7}}}));
}

void TestSeriesDecimator::timeHoleEndsASegment()
{
    // 2000 to 6000 is 4000 ms > 1500: a suspend; the ticks around it are 1000 ms apart.
    const QList<History::Point> points{{1000, 1}, {2000, 2}, {6000, 3}, {7000, 4}};
    const Segments out = SeriesDecimator::segments(points, 10, 1, GapMs);
    QCOMPARE(out, (Segments{{{1000, 1}, {2000, 2}}, {{6000, 3}, {7000, 4}}}));
}

void TestSeriesDecimator::decimationNeverBridgesAGap()
{
    // 6 points into at most 4: 2 runs, so runs of ceil(6 / 2) = 3 ticks, each started afresh
    // after the hole between 2000 and 20000. Before it: 1 5 -> lowest 1 at 1000, highest 5 at
    // 2000. After it: run 2 8 3 (20000-22000) -> 2 at 20000, 8 at 21000; run 4 (23000) alone.
    // A run across the hole would have joined 1 5 2 into one pair.
    const QList<History::Point> points{{1000, 1},  {2000, 5},  {20000, 2},
                                       {21000, 8}, {22000, 3}, {23000, 4}};
    const Segments out = SeriesDecimator::segments(points, 4, 1, GapMs);
    QCOMPARE(out, (Segments{{{1000, 1}, {2000, 5}}, {{20000, 2}, {21000, 8}, {23000, 4}}}));
}

void TestSeriesDecimator::longSeriesKeepsEachRunsExtremesInOrder()
{
    // 8 points into at most 4: two runs of four. Run one (ts 1000-4000): 3 1 4 1 -> the lowest
    // first at 2000, the highest at 3000. Run two (5000-8000): 9 2 6 5 -> highest 9 at 5000
    // comes before lowest 2 at 6000.
    const Segments out = SeriesDecimator::segments(series({3, 1, 4, 1, 9, 2, 6, 5}), 4, 1, GapMs);
    QCOMPARE(out, (Segments{{{2000, 1}, {3000, 4}, {5000, 9}, {6000, 2}}}));
}

void TestSeriesDecimator::aSpikeSurvives()
{
    QList<double> values(3600, 10.0);
    values[1234] = 99;
    const Segments segments = SeriesDecimator::segments(series(values), 480, 1, GapMs);
    QCOMPARE(segments.size(), 1);
    const QList<QPointF> &out = segments.first();
    QVERIFY(out.size() <= 480);
    const bool found = std::any_of(out.cbegin(), out.cend(), [](const QPointF &p) {
        return p.y() == 99 && p.x() == 1235000; // the 1235th point, ts 1235 s
    });
    QVERIFY(found);
}

void TestSeriesDecimator::runOfOnlyNanGivesNothing()
{
    // Six points into at most 4: two runs of three. The first has only NaN; the second is flat,
    // so its lowest and highest are the same point, given once.
    const Segments out =
        SeriesDecimator::segments(series({qQNaN(), qQNaN(), qQNaN(), 4, 4, 4}), 4, 1, GapMs);
    QCOMPARE(out, (Segments{{{4000, 4}}}));
}

void TestSeriesDecimator::emptyGivesNothing()
{
    QVERIFY(SeriesDecimator::segments({}, 10, 1, GapMs).isEmpty());
}

QTEST_GUILESS_MAIN(TestSeriesDecimator)
#include "tst_seriesdecimator.moc"

#include "seriesdecimator.h"

#include <QTest>

#include <cmath>

// Chart lines from History points: all of them while they fit, else each run's lowest and
// highest point in time order, NaN left out, values divided into the shown unit.
class TestSeriesDecimator : public QObject
{
    Q_OBJECT

private slots:
    void shortSeriesIsKeptWhole();
    void nanIsLeftOut();
    void longSeriesKeepsEachRunsExtremesInOrder();
    void aSpikeSurvives();
    void runOfOnlyNanGivesNothing();
    void emptyGivesNothing();
};

namespace {

QList<History::Point> series(const QList<double> &values)
{
    QList<History::Point> points;
    for (qsizetype i = 0; i < values.size(); ++i)
        points.append({1000 * (i + 1), values[i]});
    return points;
}

} // namespace

void TestSeriesDecimator::shortSeriesIsKeptWhole()
{
    const QList<QPointF> out = SeriesDecimator::decimate(series({1024, 2048, 3072}), 10, 1024);
    QCOMPARE(out, (QList<QPointF>{{1000, 1}, {2000, 2}, {3000, 3}}));
}

void TestSeriesDecimator::nanIsLeftOut()
{
    const QList<QPointF> out = SeriesDecimator::decimate(series({5, qQNaN(), 7}), 10, 1);
    QCOMPARE(out, (QList<QPointF>{{1000, 5}, {3000, 7}}));
}

void TestSeriesDecimator::longSeriesKeepsEachRunsExtremesInOrder()
{
    // 8 points into at most 4: two runs of four. Run one (ts 1000-4000): 3 1 4 1 -> the lowest
    // first at 2000, the highest at 3000. Run two (5000-8000): 9 2 6 5 -> highest 9 at 5000
    // comes before lowest 2 at 6000.
    const QList<QPointF> out = SeriesDecimator::decimate(series({3, 1, 4, 1, 9, 2, 6, 5}), 4, 1);
    QCOMPARE(out, (QList<QPointF>{{2000, 1}, {3000, 4}, {5000, 9}, {6000, 2}}));
}

void TestSeriesDecimator::aSpikeSurvives()
{
    QList<double> values(3600, 10.0);
    values[1234] = 99;
    const QList<QPointF> out = SeriesDecimator::decimate(series(values), 480, 1);
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
    const QList<QPointF> out =
        SeriesDecimator::decimate(series({qQNaN(), qQNaN(), qQNaN(), 4, 4, 4}), 4, 1);
    QCOMPARE(out, (QList<QPointF>{{4000, 4}}));
}

void TestSeriesDecimator::emptyGivesNothing()
{
    QVERIFY(SeriesDecimator::decimate({}, 10, 1).isEmpty());
}

QTEST_GUILESS_MAIN(TestSeriesDecimator)
#include "tst_seriesdecimator.moc"

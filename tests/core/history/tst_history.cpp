#include "history/history.h"

#include <QTest>

#include <cmath>

namespace {

Snapshot tick(qint64 ts, double cpu)
{
    Snapshot s;
    s.ts = ts;
    s.cpu.total = cpu;
    return s;
}

QList<double> values(const QList<History::Point> &points)
{
    QList<double> result;
    for (const History::Point &p : points)
        result.append(p.value);
    return result;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void windowSelectsByTime_data();
    void windowSelectsByTime();
    void keepsOnlyCapacity();
    void seriesAppearingLaterAreNanBefore();
    void vanishedInterfaceIsNanThenPruned();
    void setCapacityKeepsNewest();
    void columnarWindowSharesTimeAxis();
    void unknownSeriesIsEmpty();
};

void TestHistory::windowSelectsByTime_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<QList<double>>("expected");
    // ticks at 1000, 2000, ... 5000 ms with cpu 10, 20, ... 50
    QTest::newRow("everything") << qint64(0) << QList<double>{10, 20, 30, 40, 50};
    QTest::newRow("inclusive lower bound") << qint64(3000) << QList<double>{30, 40, 50};
    QTest::newRow("between ticks") << qint64(3500) << QList<double>{40, 50};
    QTest::newRow("after the last") << qint64(6000) << QList<double>{};
}

void TestHistory::windowSelectsByTime()
{
    QFETCH(qint64, since);
    QFETCH(QList<double>, expected);
    History history(10);
    for (int i = 1; i <= 5; ++i)
        history.append(tick(i * 1000, i * 10));
    QCOMPARE(values(history.points(QStringLiteral("cpu.total"), since)), expected);
}

void TestHistory::keepsOnlyCapacity()
{
    History history(3);
    for (int i = 1; i <= 7; ++i)
        history.append(tick(i * 1000, i));
    QCOMPARE(history.size(), 3);
    QCOMPARE(values(history.points(QStringLiteral("cpu.total"), 0)), (QList<double>{5, 6, 7}));
    QCOMPARE(history.latestTs(), 7000);
}

void TestHistory::seriesAppearingLaterAreNanBefore()
{
    History history(10);
    history.append(tick(1000, 1));
    Snapshot second = tick(2000, 2);
    second.net.append({QStringLiteral("eth0"), 100, 50, 1000, 500});
    history.append(second);
    const auto rx = history.points(QStringLiteral("net[eth0].rxBps"), 0);
    QCOMPARE(rx.size(), 2);
    QVERIFY(std::isnan(rx[0].value));
    QCOMPARE(rx[1].value, 100.0);
    QCOMPARE(history.points(QStringLiteral("net[eth0].txBps"), 0).last().value, 50.0);
}

void TestHistory::vanishedInterfaceIsNanThenPruned()
{
    History history(3);
    Snapshot withNet = tick(1000, 1);
    withNet.net.append({QStringLiteral("veth1"), 1, 1, 1, 1});
    history.append(withNet);
    history.append(tick(2000, 2));
    QVERIFY(std::isnan(history.points(QStringLiteral("net[veth1].rxBps"), 0).last().value));
    // The third append fills the window; the fourth pushes the last real value out, and the
    // prune after a full window's appends drops the series.
    history.append(tick(3000, 3));
    history.append(tick(4000, 4));
    for (int i = 5; i <= 6; ++i)
        history.append(tick(i * 1000, i));
    QVERIFY(!history.contains(QStringLiteral("net[veth1].rxBps")));
    QVERIFY(history.contains(QStringLiteral("cpu.total")));
    QCOMPARE(values(history.points(QStringLiteral("cpu.total"), 0)), (QList<double>{4, 5, 6}));
}

void TestHistory::setCapacityKeepsNewest()
{
    History history(5);
    for (int i = 1; i <= 5; ++i)
        history.append(tick(i * 1000, i));
    history.setCapacity(2);
    QCOMPARE(values(history.points(QStringLiteral("cpu.total"), 0)), (QList<double>{4, 5}));
    history.setCapacity(4);
    history.append(tick(6000, 6));
    QCOMPARE(values(history.points(QStringLiteral("cpu.total"), 0)), (QList<double>{4, 5, 6}));
}

void TestHistory::columnarWindowSharesTimeAxis()
{
    History history(10);
    for (int i = 1; i <= 3; ++i) {
        Snapshot s = tick(i * 1000, i);
        s.mem.percent = i * 2;
        s.cpu.cores = {double(i), double(i + 10)};
        history.append(s);
    }
    const History::Window w = history.window(
        {QStringLiteral("mem.percent"), QStringLiteral("cpu.cores[1]"), QStringLiteral("nope")},
        2000);
    QCOMPARE(w.ts, (QList<qint64>{2000, 3000}));
    QCOMPARE(w.series.size(), 2);
    QCOMPARE(w.series[0].first, QStringLiteral("mem.percent"));
    QCOMPARE(w.series[0].second, (QList<double>{4, 6}));
    QCOMPARE(w.series[1].second, (QList<double>{12, 13}));
}

void TestHistory::unknownSeriesIsEmpty()
{
    History history(10);
    history.append(tick(1000, 1));
    QVERIFY(history.points(QStringLiteral("nope"), 0).isEmpty());
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"

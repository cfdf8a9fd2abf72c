#include "timeticks.h"

#include <QTest>

// The time axis's labels: round steps, as many as fit, on whole multiples of the step.
class TestTimeTicks : public QObject
{
    Q_OBJECT

private slots:
    void positions_data();
    void positions();
};

void TestTimeTicks::positions_data()
{
    QTest::addColumn<qint64>("min");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<int>("maxCount");
    QTest::addColumn<QList<qint64>>("ticks");
    // 1700000000000 ms is 22:13:20 UTC: a multiple of 10 s, 5 s past a multiple of 15 s.
    const qint64 t = 1700000000000;
    // One minute from 22:13:07 to 22:14:07 with room for 5 labels: 10 s steps need 60 / 10 + 1 =
    // 7, 15 s steps 60 / 15 + 1 = 5. Multiples of 15 s in the span: 22:13:15, :30, :45, 22:14:00.
    QTest::newRow("minute, 15 s") << t - 13000 << t + 47000 << 5
                                  << QList<qint64>{t - 5000, t + 10000, t + 25000, t + 40000};
    // The same minute with room for 7: 10 s steps, from 22:13:10 to 22:14:00.
    QTest::newRow("minute, 10 s") << t - 13000 << t + 47000 << 7
                                  << QList<qint64>{t - 10000, t,         t + 10000,
                                                   t + 20000, t + 30000, t + 40000};
    // An hour with room for 6: 10 min steps need 3600 / 600 + 1 = 7, 15 min steps 5. 22:13:20
    // to 23:13:20: 22:15, 22:30, 22:45, 23:00 (t + 100 s, + 1000 s, + 1900 s, + 2800 s).
    QTest::newRow("hour, 15 min") << t << t + 3600000 << 6
                                  << QList<qint64>{t + 100000, t + 1000000, t + 1900000,
                                                   t + 2800000};
    // Room for 2 labels over three hours: no step fits (3 h / 1 h + 1 = 4), so the largest,
    // 1 h: 23:00, 00:00, 01:00 (t + 2800 s, + 6400 s, + 10000 s).
    QTest::newRow("longest step") << t << t + 10800000 << 2
                                  << QList<qint64>{t + 2800000, t + 6400000, t + 10000000};
    QTest::newRow("empty span") << t << t << 5 << QList<qint64>{};
    QTest::newRow("no room") << t << t + 60000 << 0 << QList<qint64>{};
}

void TestTimeTicks::positions()
{
    QFETCH(qint64, min);
    QFETCH(qint64, max);
    QFETCH(int, maxCount);
    QFETCH(QList<qint64>, ticks);
    QCOMPARE(TimeTicks::positions(min, max, maxCount), ticks);
}

QTEST_APPLESS_MAIN(TestTimeTicks)
#include "tst_timeticks.moc"

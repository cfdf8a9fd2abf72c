#include "timeticks.h"

#include <QTest>

#include <ctime>

// The time axis's labels: round steps, as many as fit, on whole multiples of the step counted
// from local midnight. The clock is set to UTC for the fixed rows, and to UTC+1 for the one that
// checks local time.
class TestTimeTicks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void positions_data();
    void positions();
    void hoursFollowLocalTime();
    void daySteps();
};

void TestTimeTicks::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

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
    // Room for 2 labels over three hours: 1 h steps need 3 + 1 = 4, 2 h steps 3 / 2 + 1 = 2.
    // The one multiple of 2 h from 22:13:20 to 01:13:20 is 00:00 (t + 6400 s).
    QTest::newRow("three hours, 2 h") << t << t + 10800000 << 2 << QList<qint64>{t + 6400000};
    // A day with room for 5: 3 h steps need 24 / 3 + 1 = 9, 6 h steps 24 / 6 + 1 = 5. 00:00,
    // 06:00, 12:00, 18:00 (t + 6400 s, then 21600 s apart).
    QTest::newRow("day, 6 h") << t << t + 86400000 << 5
                              << QList<qint64>{t + 6400000, t + 28000000, t + 49600000,
                                               t + 71200000};
    // 30 days with room for 6: 2 d steps need 30 / 2 + 1 = 16, 7 d steps 30 / 7 + 1 = 5. Week
    // steps count from the epoch (a Thursday): t is 1700000000 s = 2810 weeks + 512000 s, so
    // the first is 604800 - 512000 = 92800 s after t, then 604800 s apart, the last at
    // t + 2512000 s (before t + 2592000 s).
    QTest::newRow("30 days, 7 d") << t << t + 30 * 86400000LL << 6
                                  << QList<qint64>{t + 92800000, t + 697600000, t + 1302400000,
                                                   t + 1907200000, t + 2512000000};
    // Room for 1 label over 30 days: no step fits (30 / 7 + 1 = 5), so the largest, a week.
    QTest::newRow("longest step") << t << t + 30 * 86400000LL << 1
                                  << QList<qint64>{t + 92800000, t + 697600000, t + 1302400000,
                                                   t + 1907200000, t + 2512000000};
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

void TestTimeTicks::hoursFollowLocalTime()
{
    // At UTC+1, 22:13:20 UTC is 23:13:20 local; 6 h steps fall on local 00:00, 06:00, 12:00 and
    // 18:00, which are 23:00, 05:00, 11:00 and 17:00 UTC: t + 2800 s, then 21600 s apart.
    const qint64 t = 1700000000000;
    qputenv("TZ", "XXX-1");
    tzset();
    const QList<qint64> ticks = TimeTicks::positions(t, t + 86400000, 5);
    qputenv("TZ", "UTC");
    tzset();
    QCOMPARE(ticks, (QList<qint64>{t + 2800000, t + 24400000, t + 46000000, t + 67600000}));
}

void TestTimeTicks::daySteps()
{
    const qint64 t = 1700000000000;
    QVERIFY(TimeTicks::daySteps(TimeTicks::positions(t, t + 30 * 86400000LL, 6)));
    QVERIFY(TimeTicks::daySteps(TimeTicks::positions(t, t + 7 * 86400000LL, 8)));
    // A day in 6 h steps names times, not days.
    QVERIFY(!TimeTicks::daySteps(TimeTicks::positions(t, t + 86400000, 5)));
    QVERIFY(!TimeTicks::daySteps({t}));
}

QTEST_APPLESS_MAIN(TestTimeTicks)
#include "tst_timeticks.moc"

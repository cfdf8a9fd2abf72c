#include "timespan.h"

#include <QSignalSpy>
#include <QTest>

// The span every chart follows, as the web page's TimeSpan (timespan.js): live until a zoom or a
// pan fixes it in the past, a window choice keeps its end, and "Live" returns to now. All times
// are whole ms from a newest tick at t.
class TestTimeSpan : public QObject
{
    Q_OBJECT

private slots:
    void startsLive();
    void chooseKeepsTheEnd();
    void zoomFixesTheSpan();
    void slipOfThePointerIsNoZoom();
    void panMovesByAFraction();
    void panNeverPassesTheNewestTick();
    void goLiveFollowsTheTicksAgain();

private:
    static constexpr qint64 t = 1'700'000'000'000;
};

void TestTimeSpan::startsLive()
{
    TimeSpan span;
    QVERIFY(span.isLive());
    QCOMPARE(span.windowMs(), 300000);
    QCOMPARE(span.from(t), t - 300000);
    QCOMPARE(span.to(t), t);
}

void TestTimeSpan::chooseKeepsTheEnd()
{
    TimeSpan span;
    QSignalSpy changed(&span, &TimeSpan::changed);
    span.choose(86400000);
    QVERIFY(span.isLive());
    QCOMPARE(span.from(t), t - 86400000);
    QCOMPARE(changed.count(), 1);
    span.choose(86400000); // the same length: nothing changes
    QCOMPARE(changed.count(), 1);
    // A fixed span ending at t - 1 h keeps that end with a new length: from t - 1 h - 6 h.
    QVERIFY(span.zoom(double(t - 7200000), double(t - 3600000)));
    span.choose(21600000);
    QVERIFY(!span.isLive());
    QCOMPARE(span.to(t + 5000), t - 3600000);
    QCOMPARE(span.from(t + 5000), t - 3600000 - 21600000);
}

void TestTimeSpan::zoomFixesTheSpan()
{
    TimeSpan span;
    // Dragged from right to left over 10:00 to 10:05 before t: the span is those 5 minutes, 300000
    // ms long, and stays there while ticks arrive.
    QVERIFY(span.zoom(double(t - 600000), double(t - 900000)));
    QVERIFY(!span.isLive());
    QCOMPARE(span.windowMs(), 300000);
    QCOMPARE(span.endMs(), t - 600000);
    QCOMPARE(span.from(t + 60000), t - 900000);
    QCOMPARE(span.to(t + 60000), t - 600000);
}

void TestTimeSpan::slipOfThePointerIsNoZoom()
{
    TimeSpan span;
    QSignalSpy changed(&span, &TimeSpan::changed);
    QVERIFY(!span.zoom(double(t - 4999), double(t))); // under MinZoomMs = 5000
    QVERIFY(span.isLive());
    QCOMPARE(changed.count(), 0);
    QVERIFY(span.zoom(double(t - 5000), double(t)));
}

void TestTimeSpan::panMovesByAFraction()
{
    TimeSpan span;
    // Live 5 min span, a tenth into the past: it ends 30 s before the newest tick, 300000 ms long.
    span.pan(-0.1, double(t));
    QVERIFY(!span.isLive());
    QCOMPARE(span.to(t), t - 30000);
    QCOMPARE(span.from(t), t - 330000);
    // A live span moved forward stays live.
    TimeSpan live;
    live.pan(0.1, double(t));
    QVERIFY(live.isLive());
}

void TestTimeSpan::panNeverPassesTheNewestTick()
{
    TimeSpan span;
    span.pan(-0.1, double(t)); // ends at t - 30 s
    span.pan(0.5, double(t));  // + 150 s would be t + 120 s: stops at t, still fixed
    QCOMPARE(span.to(t + 1000), t);
    QVERIFY(!span.isLive());
}

void TestTimeSpan::goLiveFollowsTheTicksAgain()
{
    TimeSpan span;
    QVERIFY(span.zoom(double(t - 60000), double(t - 30000)));
    span.goLive();
    QVERIFY(span.isLive());
    QCOMPARE(span.windowMs(), 30000); // the zoomed length, ending now
    QCOMPARE(span.to(t + 1000), t + 1000);
}

QTEST_APPLESS_MAIN(TestTimeSpan)
#include "tst_timespan.moc"

#include "fleet/hostseries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

// A fleet tile's charts of one host, filled from the host's history and samples.
class TestHostSeries : public QObject
{
    Q_OBJECT

private slots:
    // Two disks and two interfaces over three instants; the busiest is the largest sum of the
    // two rates at each instant, a gap where no device has a value.
    void historyGivesTheBusiestDeviceOfEachInstant()
    {
        HostSeries series;
        series.addHistory(parse(R"({"ts":[1000,2000,3000],"series":{
            "cpu.total":[10,null,30],"mem.percent":[40,41,42],"load.1":[1.5,1.25,1],
            "disks[/].readBps":[100,0,null],"disks[/].writeBps":[50,0,null],
            "disks[/home].readBps":[0,300,null],"disks[/home].writeBps":[10,0,null],
            "net[eth0].rxBps":[5,6,7],"net[eth0].txBps":[1,1,1],
            "net[lo].rxBps":[0,0,100],"net[lo].txBps":[0,0,100]}})"));
        const QJsonObject json = series.takeFresh();
        QCOMPARE(json.value("ts").toArray(), (QJsonArray{1000, 2000, 3000}));
        QCOMPARE(json.value("cpu").toArray(), (QJsonArray{10, QJsonValue(), 30}));
        QCOMPARE(json.value("mem").toArray(), (QJsonArray{40, 41, 42}));
        QCOMPARE(json.value("load").toArray(), (QJsonArray{1.5, 1.25, 1}));
        // / 100+50=150 vs /home 0+10=10; then 0 vs 300; then no disk has a value.
        QCOMPARE(json.value("disk").toArray(), (QJsonArray{150, 300, QJsonValue()}));
        // eth0 5+1=6 vs lo 0; 6+1=7 vs 0; 7+1=8 vs lo 100+100=200.
        QCOMPARE(json.value("net").toArray(), (QJsonArray{6, 7, 200}));
    }

    // A history that overlaps what is held (the host resends the last samples after a reconnect)
    // adds only what is newer; a point from a clock that stepped back adds nothing.
    void onlyForwardInTime()
    {
        HostSeries series;
        series.add({1000, 1, 1, 1, 1, 1});
        series.add({2000, 2, 2, 2, 2, 2});
        series.takeFresh();
        series.addHistory(parse(R"({"ts":[1000,2000,3000],"series":{"cpu.total":[1,2,3]}})"));
        series.add({2500, 9, 9, 9, 9, 9});
        const QJsonObject fresh = series.takeFresh();
        QCOMPARE(fresh.value("ts").toArray(), (QJsonArray{3000}));
        QCOMPARE(fresh.value("cpu").toArray(), (QJsonArray{3}));
        QVERIFY(series.takeFresh().value("ts").toArray().isEmpty());
    }

    // The whole hour: points older than FineMs before the newest are averaged per CoarseStepMs
    // bucket (gaps left out of the average); the last five minutes stay as they came.
    void olderPointsAreAveragedPerBucket()
    {
        HostSeries series;
        const qint64 last = 1'000'000;
        const double gap = qQNaN();
        // Two points in the bucket [660000, 675000): cpu 10 and 20 → 15; mem 50 and a gap → 50.
        series.add({last - 339'000, 10, 50, 0, 0, 1});
        series.add({last - 338'000, 20, gap, 0, 0, 1});
        series.add({last - 100'000, 70, 70, 0, 0, 1});
        series.add({last, 80, 80, 0, 0, 1});
        const QJsonObject json = series.toJson();
        QCOMPARE(json.value("ts").toArray(), (QJsonArray{660000, 900000, 1000000}));
        QCOMPARE(json.value("cpu").toArray(), (QJsonArray{15, 70, 80}));
        QCOMPARE(json.value("mem").toArray(), (QJsonArray{50, 70, 80}));
    }

    // An hour is kept: a point older than that before the newest is dropped.
    void anHourIsKept()
    {
        HostSeries series;
        series.add({0, 1, 1, 1, 1, 1});
        series.add({HostSeries::KeepMs, 2, 2, 2, 2, 2});
        QCOMPARE(series.toJson().value("ts").toArray().size(), 2);
        series.add({HostSeries::KeepMs + 1, 3, 3, 3, 3, 3});
        // 3600001 - 3600000 = 1 ms is the oldest kept: the point at 0 is gone.
        QCOMPARE(series.toJson().value("ts").toArray(), (QJsonArray{3600000, 3600001}));
        QCOMPARE(series.takeFresh().value("ts").toArray().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHostSeries)
#include "tst_hostseries.moc"

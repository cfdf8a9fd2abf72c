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

// A series' values as "101 - 301": "-" where it had none, so rows can spell gaps.
QString text(const QList<History::Point> &points)
{
    QStringList result;
    for (const History::Point &p : points)
        result.append(std::isnan(p.value) ? QStringLiteral("-") : QString::number(p.value));
    return result.join(u' ');
}

PressureStall stall(double base)
{
    return {base, base + 1, 0, base + 2};
}

// Adds item `key` (0 or 1) of every list History finds by the Snapshot's own keys: a fan, a
// battery, a cgroup, a GPU, a CPU's frequency and a PSI resource (cpu for 0, io for 1). Field n
// of the item has the value base + n. A partial item lacks what the kernel or a GPU may not
// give: the battery's watts, the cgroup's memory, the GPU's temperature and power, the
// frequency and the "full" stall.
void addItems(Snapshot &s, int key, double base, bool partial = false)
{
    const QString name = QString::number(key);
    s.fans.append({QStringLiteral("fan") + name, base + 1});
    PowerSupply battery;
    battery.name = QStringLiteral("BAT") + name;
    battery.capacity = base + 2;
    battery.watts = partial ? qQNaN() : base + 3;
    s.power.append(battery);
    CgroupUsage cgroup;
    cgroup.path = QStringLiteral("/unit%1.service").arg(key);
    cgroup.cpu = base + 4;
    if (!partial)
        cgroup.memory = quint64(base + 5);
    if (!s.cgroups)
        s.cgroups.emplace();
    s.cgroups->append(cgroup);
    GpuUsage gpu;
    gpu.id = QStringLiteral("gpu") + name;
    gpu.load = base + 6;
    gpu.vramUsed = quint64(base + 7);
    if (!partial) {
        gpu.temp = base + 8;
        gpu.power = base + 9;
    }
    s.gpus.append(gpu);
    while (s.cpu.coreMhz.size() <= key)
        s.cpu.coreMhz.append(qQNaN());
    s.cpu.coreMhz[key] = partial ? qQNaN() : base + 10;
    if (!s.pressure)
        s.pressure.emplace();
    PressureResource resource{stall(base + 11), std::nullopt};
    if (!partial)
        resource.full = stall(base + 14);
    (key == 0 ? s.pressure->cpu : s.pressure->io) = resource;
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
    void keyedSeriesOverTicks_data();
    void keyedSeriesOverTicks();
    void reorderedListsKeepTheirSeries();
    void absentValuesCreateNoSeries();
    void prunedSeriesComeBackUnderTheirNames_data();
    void prunedSeriesComeBackUnderTheirNames();
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

void TestHistory::keyedSeriesOverTicks_data()
{
    QTest::addColumn<QString>("series");
    QTest::addColumn<QString>("expected");
    // Item 0 (values 100 t + n at tick t) is missing at tick 2; item 1 (100 t + 50 + n) is
    // partial at tick 3.
    const auto row = [](const char *series, const char *expected) {
        QTest::newRow(series) << QString::fromLatin1(series) << QString::fromLatin1(expected);
    };
    row("fans[fan0].rpm", "101 - 301 401");
    row("fans[fan1].rpm", "151 251 351 451");
    row("power[BAT0].capacity", "102 - 302 402");
    row("power[BAT0].watts", "103 - 303 403");
    row("power[BAT1].watts", "153 253 - 453");
    row("cgroups[/unit0.service].cpu", "104 - 304 404");
    row("cgroups[/unit0.service].memory", "105 - 305 405");
    row("cgroups[/unit1.service].cpu", "154 254 354 454");
    row("cgroups[/unit1.service].memory", "155 255 - 455");
    row("gpus[gpu0].vramUsed", "107 - 307 407");
    row("gpus[gpu1].load", "156 256 356 456");
    row("gpus[gpu1].vramUsed", "157 257 357 457");
    row("gpus[gpu1].temp", "158 258 - 458");
    row("gpus[gpu1].power", "159 259 - 459");
    row("cpu.coreMhz[0]", "110 - 310 410");
    row("cpu.coreMhz[1]", "160 260 - 460");
    row("pressure.cpu.some.avg10", "111 - 311 411");
    row("pressure.cpu.full.rate", "116 - 316 416");
    row("pressure.io.some.avg60", "162 262 362 462");
    row("pressure.io.full.avg10", "164 264 - 464");
}

void TestHistory::keyedSeriesOverTicks()
{
    QFETCH(QString, series);
    QFETCH(QString, expected);
    History history(10);
    for (int t = 1; t <= 4; ++t) {
        Snapshot s = tick(t * 1000, t);
        if (t != 2)
            addItems(s, 0, 100 * t);
        addItems(s, 1, 100 * t + 50, t == 3);
        history.append(s);
    }
    QCOMPARE(text(history.points(series, 0)), expected);
    QCOMPARE(history.seriesNames().count(series), 1);
}

void TestHistory::reorderedListsKeepTheirSeries()
{
    History history(10);
    for (int t = 1; t <= 3; ++t) {
        Snapshot s = tick(t * 1000, t);
        // Item 1 comes first at tick 2: each list holds the other item at each position.
        const bool swapped = t == 2;
        addItems(s, swapped ? 1 : 0, 100 * t + (swapped ? 50 : 0));
        addItems(s, swapped ? 0 : 1, 100 * t + (swapped ? 0 : 50));
        history.append(s);
    }
    const auto at = [&history](const char *series) {
        return text(history.points(QString::fromLatin1(series), 0));
    };
    QCOMPARE(at("fans[fan0].rpm"), QStringLiteral("101 201 301"));
    QCOMPARE(at("fans[fan1].rpm"), QStringLiteral("151 251 351"));
    QCOMPARE(at("power[BAT1].watts"), QStringLiteral("153 253 353"));
    QCOMPARE(at("cgroups[/unit0.service].memory"), QStringLiteral("105 205 305"));
    QCOMPARE(at("cgroups[/unit1.service].cpu"), QStringLiteral("154 254 354"));
    QCOMPARE(at("gpus[gpu0].power"), QStringLiteral("109 209 309"));
    QCOMPARE(at("gpus[gpu1].load"), QStringLiteral("156 256 356"));
}

void TestHistory::absentValuesCreateNoSeries()
{
    History history(10);
    history.append(tick(1000, 1));
    const qsizetype fixed = history.seriesNames().size();
    Snapshot s = tick(2000, 2);
    PowerSupply mains;
    mains.name = QStringLiteral("AC");
    s.power.append(mains);
    CgroupUsage cgroup;
    cgroup.path = QStringLiteral("/idle.slice");
    s.cgroups = QList<CgroupUsage>{cgroup};
    GpuUsage gpu;
    gpu.id = QStringLiteral("asleep");
    s.gpus.append(gpu);
    s.cpu.coreMhz = {qQNaN()};
    s.pressure = Pressure{PressureResource{stall(1), std::nullopt}, std::nullopt, std::nullopt};
    history.append(s);
    history.append(s);
    QStringList added = history.seriesNames().mid(fixed);
    added.sort();
    QCOMPARE(added, (QStringList{QStringLiteral("pressure.cpu.some.avg10"),
                                 QStringLiteral("pressure.cpu.some.avg60"),
                                 QStringLiteral("pressure.cpu.some.rate")}));
}

void TestHistory::prunedSeriesComeBackUnderTheirNames_data()
{
    QTest::addColumn<QString>("gone"); // item 0's
    QTest::addColumn<QString>("kept"); // the same field of item 1
    QTest::addColumn<int>("field");    // the n of addItems
    const auto row = [](const char *series, int field) {
        const QString name = QString::fromLatin1(series);
        QTest::newRow(series) << name.arg(0) << name.arg(1) << field;
    };
    row("fans[fan%1].rpm", 1);
    row("power[BAT%1].capacity", 2);
    row("power[BAT%1].watts", 3);
    row("cgroups[/unit%1.service].cpu", 4);
    row("cgroups[/unit%1.service].memory", 5);
    row("gpus[gpu%1].load", 6);
    row("gpus[gpu%1].vramUsed", 7);
    row("gpus[gpu%1].temp", 8);
    row("gpus[gpu%1].power", 9);
    row("cpu.coreMhz[%1]", 10);
    QTest::newRow("pressure some") << QStringLiteral("pressure.cpu.some.rate")
                                   << QStringLiteral("pressure.io.some.rate") << 13;
    QTest::newRow("pressure full") << QStringLiteral("pressure.cpu.full.avg60")
                                   << QStringLiteral("pressure.io.full.avg60") << 15;
}

void TestHistory::prunedSeriesComeBackUnderTheirNames()
{
    QFETCH(QString, gone);
    QFETCH(QString, kept);
    QFETCH(int, field);
    // Item 0 has values at tick 1, then none until tick 7; item 1 at every tick. The prune after
    // the sixth append sees a window (ticks 4 to 6) without item 0 and drops its series, which
    // moves every series of item 1 created after one of them.
    History history(3);
    for (int t = 1; t <= 7; ++t) {
        Snapshot s = tick(t * 1000, t);
        if (t == 1 || t == 7)
            addItems(s, 0, 100 * t);
        addItems(s, 1, 100 * t + 50);
        history.append(s);
        if (t == 6) {
            QVERIFY(!history.contains(gone));
            QVERIFY(history.contains(kept));
        }
    }
    QCOMPARE(text(history.points(gone, 0)), QStringLiteral("- - %1").arg(700 + field));
    QCOMPARE(text(history.points(kept, 0)),
             QStringLiteral("%1 %2 %3").arg(550 + field).arg(650 + field).arg(750 + field));
    QCOMPARE(history.seriesNames().count(gone), 1);
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"

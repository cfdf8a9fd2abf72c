#include "history/history.h"
#include "history/seriescatalog.h"
#include "protocol/snapshotjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

namespace {

constexpr quint64 MemTotal = 16'777'216'000; // 16 384 000 kB

// A machine with two CPUs, 16 384 000 kB of memory, no swap, and the interfaces given.
Snapshot machine(qint64 ts, const QStringList &interfaces)
{
    Snapshot s;
    s.ts = ts;
    s.cpu.cores = {5, 7};
    s.mem.total = MemTotal;
    for (const QString &iface : interfaces)
        s.net.append({iface, 1, 2, 3, 4});
    return s;
}

// The number the stream sends for a series id: "cpu.total", "cpu.cores[1]", "load.5" (the
// load array's second place), "disks[/home].readBps", "temps[Package id 0].celsius".
QJsonValue sentValue(const QJsonObject &sample, const QString &id)
{
    static const QRegularExpression form(QStringLiteral(R"(^(\w+)(?:\[(.*)\])?(?:\.(\w+))?$)"));
    static const QRegularExpression indexed(QStringLiteral(R"(^(\w+)\.(\w+)\[(\d+)\]$)"));
    const QRegularExpressionMatch place = indexed.match(id);
    if (place.hasMatch()) // cpu.cores[N]
        return sample.value(place.captured(1))
            .toObject()
            .value(place.captured(2))
            .toArray()
            .at(place.captured(3).toInt());
    const QRegularExpressionMatch match = form.match(id);
    if (!match.hasMatch())
        return {};
    const QJsonValue part = sample.value(match.captured(1));
    const QString key = match.captured(2);
    const QString field = match.captured(3);
    if (part.isObject() && key.isEmpty())
        return part.toObject().value(field);
    const QJsonArray array = part.toArray();
    if (key.isEmpty()) // load.1, load.5, load.15
        return array.at(
            QStringList{QStringLiteral("1"), QStringLiteral("5"), QStringLiteral("15")}.indexOf(
                field));
    for (const QJsonValue &row : array) {
        const QJsonObject object = row.toObject();
        for (const QJsonValue &name : object) {
            if (name.isString() && name.toString() == key)
                return object.value(field);
        }
    }
    return {};
}

// A GPU as the collector reports it, every value unread until a test sets it.
GpuUsage gpu(const char *id, const char *name, const char *vendor, const char *state)
{
    GpuUsage g;
    g.id = QString::fromLatin1(id);
    g.name = QString::fromLatin1(name);
    g.vendor = QString::fromLatin1(vendor);
    g.state = QString::fromLatin1(state);
    return g;
}

const SeriesInfo *find(const SeriesCatalog &catalog, const char *id)
{
    return catalog.find(QString::fromLatin1(id));
}

} // namespace

class TestSeriesCatalog : public QObject
{
    Q_OBJECT

private slots:
    void describesByName_data();
    void describesByName();
    void maximaComeFromTheMachine();
    void aNewInterfaceJoins();
    void aGoneInterfaceIsMarkedThenLeavesWithHistory();
    void aTickThatChangesNothingIsNoChange();
    void decimalsAreWhatTheStreamSends();
    void anUnpluggedSensorIsMarkedGone();
    void pressureSeriesOnlyWhereTheKernelHasThem();
    void cgroupSeriesJoinAndAreMarkedGone();
    void gpuSeriesJoinAreNamedAndMarkedGone();
};

void TestSeriesCatalog::describesByName_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<double>("max"); // -1: unknown from the name alone

    QTest::newRow("cpu") << "cpu.total"
                         << "CPU total"
                         << "percent"
                         << "cpu"
                         << "" << 100.0;
    QTest::newRow("core") << "cpu.cores[3]"
                          << "CPU 3"
                          << "percent"
                          << "cpu"
                          << "3" << 100.0;
    QTest::newRow("load") << "load.15"
                          << "Load, 15 min"
                          << "count"
                          << "cpu"
                          << "" << -1.0;
    QTest::newRow("memory bytes") << "mem.used"
                                  << "Memory used"
                                  << "bytes"
                                  << "memory"
                                  << "" << -1.0;
    QTest::newRow("disk rate") << "disks[/home].readBps"
                               << "/home read"
                               << "bytesPerSecond"
                               << "disks"
                               << "/home" << -1.0;
    QTest::newRow("disk use") << "disks[/home].percent"
                              << "/home used"
                              << "percent"
                              << "disks"
                              << "/home" << 100.0;
    QTest::newRow("interface") << "net[eth0].txBps"
                               << "eth0 sent"
                               << "bytesPerSecond"
                               << "network"
                               << "eth0" << -1.0;
    QTest::newRow("sensor") << "temps[Package id 0].celsius"
                            << "Package id 0"
                            << "celsius"
                            << "sensors"
                            << "Package id 0" << -1.0;
    QTest::newRow("brackets in a label") << "temps[acpitz[1]].celsius"
                                         << "acpitz[1]"
                                         << "celsius"
                                         << "sensors"
                                         << "acpitz[1]" << -1.0;
    QTest::newRow("cpu clock") << "cpu.coreMhz[2]"
                               << "CPU 2 clock"
                               << "megahertz"
                               << "sensors"
                               << "2" << -1.0;
    QTest::newRow("fan") << "fans[nct6798 Pump].rpm"
                         << "nct6798 Pump"
                         << "rpm"
                         << "sensors"
                         << "nct6798 Pump" << -1.0;
    QTest::newRow("battery charge") << "power[BAT0].capacity"
                                    << "BAT0 charge"
                                    << "percent"
                                    << "sensors"
                                    << "BAT0" << 100.0;
    QTest::newRow("battery power") << "power[BAT0].watts"
                                   << "BAT0 power"
                                   << "watts"
                                   << "sensors"
                                   << "BAT0" << -1.0;
    QTest::newRow("collection time") << "self.tickUs"
                                     << "Vantage collection time"
                                     << "microseconds"
                                     << "self"
                                     << "" << -1.0;
    QTest::newRow("pressure") << "pressure.memory.full.rate"
                              << "Memory pressure, full, stall rate"
                              << "percent"
                              << "pressure"
                              << "" << 100.0;
    QTest::newRow("pressure average") << "pressure.io.some.avg10"
                                      << "I/O pressure, some, 10 s"
                                      << "percent"
                                      << "pressure"
                                      << "" << 100.0;
    QTest::newRow("unit cpu") << "cgroups[/system.slice/nginx.service].cpu"
                              << "/system.slice/nginx.service CPU"
                              << "percent"
                              << "services"
                              << "/system.slice/nginx.service" << -1.0;
    QTest::newRow("unit memory") << "cgroups[/user.slice].memory"
                                 << "/user.slice memory"
                                 << "bytes"
                                 << "services"
                                 << "/user.slice" << -1.0;
    // Until a Snapshot names the GPU, its PCI address stands for it.
    QTest::newRow("gpu load") << "gpus[0000:03:00.0].load"
                              << "0000:03:00.0 load"
                              << "percent"
                              << "gpu"
                              << "0000:03:00.0" << 100.0;
    QTest::newRow("gpu vram") << "gpus[0000:03:00.0].vramUsed"
                              << "0000:03:00.0 VRAM used"
                              << "bytes"
                              << "gpu"
                              << "0000:03:00.0" << -1.0;
    QTest::newRow("gpu temperature") << "gpus[0000:03:00.0].temp"
                                     << "0000:03:00.0 temperature"
                                     << "celsius"
                                     << "gpu"
                                     << "0000:03:00.0" << -1.0;
    QTest::newRow("gpu power") << "gpus[0000:03:00.0].power"
                               << "0000:03:00.0 power"
                               << "watts"
                               << "gpu"
                               << "0000:03:00.0" << -1.0;
    // A series this build does not describe: its name for a label, nothing invented.
    QTest::newRow("not described") << "gpus[0000:03:00.0].fan"
                                   << "gpus[0000:03:00.0].fan"
                                   << ""
                                   << ""
                                   << "" << -1.0;
}

void TestSeriesCatalog::describesByName()
{
    QFETCH(QString, id);
    QFETCH(double, max);
    const SeriesInfo info = SeriesCatalog::describe(id);
    QCOMPARE(info.id, id);
    QTEST(info.label, "label");
    QTEST(info.unit, "unit");
    QTEST(info.group, "group");
    QTEST(info.instance, "instance");
    QCOMPARE(std::isnan(info.max) ? -1.0 : info.max, max);
    QCOMPARE(info.rollup, (QStringList{"min", "avg", "max"}));
    QVERIFY(!info.gone);
}

void TestSeriesCatalog::maximaComeFromTheMachine()
{
    History history(10);
    const Snapshot s = machine(1000, {"eth0"});
    history.append(s);
    SeriesCatalog catalog;
    QVERIFY(catalog.update(history.seriesNames(), s));
    QCOMPARE(catalog.series().size(), history.seriesNames().size());
    QCOMPARE(find(catalog, "mem.used")->max, double(MemTotal));
    QCOMPARE(find(catalog, "mem.cached")->max, double(MemTotal));
    QVERIFY(std::isnan(find(catalog, "swap.used")->max)); // no swap: no scale to give
    QCOMPARE(find(catalog, "self.cpu")->max, 200.0);      // percent of one core, 2 cores
    QCOMPARE(find(catalog, "cpu.cores[1]")->max, 100.0);
    QVERIFY(std::isnan(find(catalog, "net[eth0].rxBps")->max));
    QCOMPARE(find(catalog, "net[eth0].rxBps")->label, QString("eth0 received"));
}

void TestSeriesCatalog::aNewInterfaceJoins()
{
    History history(10);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {"eth0"});
    history.append(s);
    catalog.update(history.seriesNames(), s);
    QVERIFY(!find(catalog, "net[wlan0].rxBps"));
    s = machine(2000, {"eth0", "wlan0"});
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(find(catalog, "net[wlan0].rxBps"));
    QCOMPARE(find(catalog, "net[wlan0].txBps")->instance, QString("wlan0"));
    QVERIFY(!find(catalog, "net[wlan0].txBps")->gone);
}

// History drops a series once a whole window holds no value of it (history.cpp): with room for
// three ticks, after the tick that had eth0 has left the window and three appends have passed.
void TestSeriesCatalog::aGoneInterfaceIsMarkedThenLeavesWithHistory()
{
    History history(3);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {"eth0"});
    history.append(s);
    catalog.update(history.seriesNames(), s);
    s = machine(2000, {});
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(find(catalog, "net[eth0].rxBps")->gone);
    QVERIFY(!find(catalog, "cpu.total")->gone);
    for (qint64 ts : {3000, 4000, 5000, 6000}) {
        s = machine(ts, {});
        history.append(s);
        catalog.update(history.seriesNames(), s);
    }
    QVERIFY(!history.contains(QStringLiteral("net[eth0].rxBps")));
    QVERIFY(!find(catalog, "net[eth0].rxBps"));
    QCOMPARE(catalog.series().size(), history.seriesNames().size());
}

void TestSeriesCatalog::aTickThatChangesNothingIsNoChange()
{
    History history(10);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {"eth0"});
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    s = machine(2000, {"eth0"});
    history.append(s);
    QVERIFY(!catalog.update(history.seriesNames(), s));
    s.mem.total = MemTotal / 2; // memory hot-removed: the scale of mem.* changes
    QVERIFY(catalog.update(history.seriesNames(), s));
    QCOMPARE(find(catalog, "mem.used")->max, double(MemTotal / 2));
}

// The store keeps each tick at the catalogue's decimals so that it holds exactly what every
// client was sent (docs/history.md); SnapshotJson decides what is sent. Every value below has
// more digits than any rule keeps, and none sits on a rounding edge: 12.3456 is 12.35 at two
// decimals, 12.3 at one, 12 at none; 1234.5678 is 1234.57, 1234.6, 1235.
void TestSeriesCatalog::decimalsAreWhatTheStreamSends()
{
    Snapshot s = machine(1000, {QStringLiteral("eth0")});
    s.cpu = {};
    s.cpu.total = s.cpu.user = s.cpu.system = s.cpu.iowait = s.cpu.steal = 12.3456;
    s.cpu.cores = {12.3456, 12.3456};
    s.load = {12.3456, 12.3456, 12.3456};
    s.mem.percent = s.swap.percent = 12.3456;
    s.disks.append({QStringLiteral("/home"), QStringLiteral("/dev/sda2"), QStringLiteral("ext4"),
                    100, 50, 12.3456, 1234.5678, 1234.5678, 0, 0});
    s.net[0].rxBps = s.net[0].txBps = 1234.5678;
    s.temps.append({QStringLiteral("Package id 0"), 12.3456});
    s.cpu.coreMhz = {1234.5678, 1234.5678};
    s.fans.append({QStringLiteral("nct6798 Pump"), 1234.5678});
    s.power.append({QStringLiteral("BAT0"), QStringLiteral("Battery"), 12.3456,
                    QStringLiteral("Discharging"), 12.3456, 1, 2, -1});
    s.self.cpu = 12.3456;
    GpuUsage card = gpu("0000:03:00.0", "Radeon RX 6800", "amd", "active");
    card.load = card.temp = card.power = 12.3456;
    card.vramUsed = 1234;
    s.gpus.append(card);
    History history(10);
    history.append(s);
    SeriesCatalog catalog;
    catalog.update(history.seriesNames(), s);
    const QJsonObject sample = QJsonDocument::fromJson(SnapshotJson::snapshotText(s)).object();
    int checked = 0;
    for (const SeriesInfo &info : catalog.series()) {
        const QJsonValue sent = sentValue(sample, info.id);
        QVERIFY2(sent.isDouble(), qPrintable(info.id + QStringLiteral(" is not in the sample")));
        if (info.decimals < 0)
            continue; // kept exact: nothing to agree on
        const double stored = history.points(info.id, 0).constLast().value;
        const double scale = std::pow(10.0, info.decimals);
        QVERIFY2(qFuzzyCompare(1 + std::round(stored * scale) / scale, 1 + sent.toDouble()),
                 qPrintable(QStringLiteral("%1: stored at %2 decimals as %3, sent as %4")
                                .arg(info.id, QString::number(info.decimals),
                                     QString::number(std::round(stored * scale) / scale),
                                     QString::number(sent.toDouble()))));
        ++checked;
    }
    // Every fractional series of the list above: 5 cpu, 2 cores, 3 load, 2 percents, 3 disk,
    // 2 net, 1 temperature, self.cpu, 2 clocks, 1 fan, battery charge and power, the GPU's load,
    // temperature and power (27); and the integer ones beside them.
    QVERIFY2(checked >= 27, qPrintable(QString::number(checked)));
}

void TestSeriesCatalog::anUnpluggedSensorIsMarkedGone()
{
    History history(10);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {});
    s.fans.append({QStringLiteral("corsaircpro fan1"), 900});
    s.power.append({QStringLiteral("hidpp_battery_0"), QStringLiteral("Battery"), 80,
                    QStringLiteral("Discharging"), qQNaN(), qQNaN(), qQNaN(), -1});
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(!find(catalog, "fans[corsaircpro fan1].rpm")->gone);
    QVERIFY(!find(catalog, "power[hidpp_battery_0].capacity")->gone);
    // A battery with no power reading has no power series, rather than an empty one.
    QVERIFY(!find(catalog, "power[hidpp_battery_0].watts"));
    s = machine(2000, {});
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(find(catalog, "fans[corsaircpro fan1].rpm")->gone);
    QVERIFY(find(catalog, "power[hidpp_battery_0].capacity")->gone);
}

void TestSeriesCatalog::pressureSeriesOnlyWhereTheKernelHasThem()
{
    History history(10);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {});
    history.append(s);
    catalog.update(history.seriesNames(), s);
    for (const QString &name : history.seriesNames())
        QVERIFY2(!name.startsWith(u"pressure."), qPrintable(name));

    // cpu without full (before Linux 5.13), memory with it, no io file.
    s = machine(2000, {});
    s.pressure = Pressure{PressureResource{{12.5, 6.25, 100, 30}, {}},
                          PressureResource{{1.5, 0.75, 50, 2}, PressureStall{0.5, 0.25, 20, 1}},
                          {}};
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QCOMPARE(history.points(QStringLiteral("pressure.cpu.some.avg10"), 0).last().value, 12.5f);
    QCOMPARE(history.points(QStringLiteral("pressure.cpu.some.rate"), 0).last().value, 30.0f);
    QCOMPARE(history.points(QStringLiteral("pressure.memory.full.avg60"), 0).last().value, 0.25f);
    QVERIFY(!history.contains(QStringLiteral("pressure.cpu.full.avg10")));
    QVERIFY(!history.contains(QStringLiteral("pressure.io.some.avg10")));
    QVERIFY(!find(catalog, "pressure.memory.full.rate")->gone);

    // The kernel stops reporting memory: its series are marked gone while history holds them.
    s = machine(3000, {});
    s.pressure = Pressure{PressureResource{{12.5, 6.25, 100, 30}, {}}, {}, {}};
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(find(catalog, "pressure.memory.some.avg10")->gone);
    QVERIFY(!find(catalog, "pressure.cpu.some.avg10")->gone);
}

void TestSeriesCatalog::cgroupSeriesJoinAndAreMarkedGone()
{
    History history(10);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {});
    // nginx on its first tick: memory, no CPU rate yet; cron with both.
    s.cgroups = QList<CgroupUsage>{
        {"nginx.service", "service", {}, "/system.slice/nginx.service", {}, 4096, {}, {}, 2},
        {"cron.service", "service", {}, "/system.slice/cron.service", 12.5, 8192, 0.0, 0.0, 1}};
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QCOMPARE(
        history.points(QStringLiteral("cgroups[/system.slice/cron.service].cpu"), 0).last().value,
        12.5f);
    QCOMPARE(history.points(QStringLiteral("cgroups[/system.slice/nginx.service].memory"), 0)
                 .last()
                 .value,
             4096.0f);
    QVERIFY(!history.contains(QStringLiteral("cgroups[/system.slice/nginx.service].cpu")));
    QVERIFY(!history.contains(QStringLiteral("cgroups[/system.slice/cron.service].readBps")));
    // Percent of one core: the scale is every core, 2 here.
    QCOMPARE(find(catalog, "cgroups[/system.slice/cron.service].cpu")->max, 200.0);
    QCOMPARE(find(catalog, "cgroups[/system.slice/cron.service].memory")->max, double(MemTotal));

    // cron stops: its series are marked gone while history holds them; nginx stays.
    s = machine(2000, {});
    s.cgroups = QList<CgroupUsage>{
        {"nginx.service", "service", {}, "/system.slice/nginx.service", 1.0, 4096, {}, {}, 2}};
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(find(catalog, "cgroups[/system.slice/cron.service].cpu")->gone);
    QVERIFY(!find(catalog, "cgroups[/system.slice/nginx.service].memory")->gone);
    QVERIFY(find(catalog, "cgroups[/system.slice/nginx.service].cpu"));
}

void TestSeriesCatalog::gpuSeriesJoinAreNamedAndMarkedGone()
{
    History history(10);
    SeriesCatalog catalog;
    Snapshot s = machine(1000, {});
    // A discrete card with 16 GiB of VRAM and an integrated one that has no VRAM, no sensor and
    // no power reading of its own.
    GpuUsage radeon = gpu("0000:03:00.0", "Radeon RX 6800", "amd", "active");
    radeon.load = 37;
    radeon.vramUsed = 1'073'741'824;   // 1 GiB
    radeon.vramTotal = 17'179'869'184; // 16 GiB = 16 x 1 073 741 824
    radeon.temp = 45;
    radeon.power = 15;
    GpuUsage intel = gpu("0000:00:02.0", "UHD Graphics 770", "intel", "active");
    intel.load = 5;
    s.gpus = {radeon, intel};
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QCOMPARE(history.points(QStringLiteral("gpus[0000:03:00.0].load"), 0).last().value, 37.0f);
    QCOMPARE(history.points(QStringLiteral("gpus[0000:03:00.0].vramUsed"), 0).last().value,
             1073741824.0f);
    QCOMPARE(history.points(QStringLiteral("gpus[0000:03:00.0].temp"), 0).last().value, 45.0f);
    QCOMPARE(history.points(QStringLiteral("gpus[0000:03:00.0].power"), 0).last().value, 15.0f);
    QCOMPARE(history.points(QStringLiteral("gpus[0000:00:02.0].load"), 0).last().value, 5.0f);
    // What the integrated GPU never gave is no series at all, not a line of zeros.
    QVERIFY(!history.contains(QStringLiteral("gpus[0000:00:02.0].vramUsed")));
    QVERIFY(!history.contains(QStringLiteral("gpus[0000:00:02.0].temp")));
    QVERIFY(!history.contains(QStringLiteral("gpus[0000:00:02.0].power")));

    const SeriesInfo *load = find(catalog, "gpus[0000:03:00.0].load");
    QVERIFY(load);
    QCOMPARE(load->label, QString("Radeon RX 6800 load"));
    QCOMPARE(load->unit, QString("percent"));
    QCOMPARE(load->group, QString("gpu"));
    QCOMPARE(load->instance, QString("0000:03:00.0"));
    QCOMPARE(load->max, 100.0);
    QCOMPARE(load->decimals, 1); // as the stream sends a GPU's load
    const SeriesInfo *vram = find(catalog, "gpus[0000:03:00.0].vramUsed");
    QCOMPARE(vram->label, QString("Radeon RX 6800 VRAM used"));
    QCOMPARE(vram->unit, QString("bytes"));
    QCOMPARE(vram->max, 17179869184.0); // the card's own 16 GiB
    QCOMPARE(find(catalog, "gpus[0000:03:00.0].temp")->label,
             QString("Radeon RX 6800 temperature"));
    QCOMPARE(find(catalog, "gpus[0000:03:00.0].temp")->unit, QString("celsius"));
    QCOMPARE(find(catalog, "gpus[0000:03:00.0].power")->label, QString("Radeon RX 6800 power"));
    QCOMPARE(find(catalog, "gpus[0000:03:00.0].power")->unit, QString("watts"));
    QCOMPARE(find(catalog, "gpus[0000:00:02.0].load")->label, QString("UHD Graphics 770 load"));
    // Nothing changed: nothing to tell the clients.
    history.append(s);
    QVERIFY(!catalog.update(history.seriesNames(), s));

    // The card falls asleep: only its VRAM is read, its load is a gap rather than a 0, and it
    // stays in the catalogue. The integrated GPU is reported gone for its last tick.
    radeon.state = QStringLiteral("suspended");
    radeon.load.reset();
    radeon.temp.reset();
    radeon.power.reset();
    intel.state = QStringLiteral("gone");
    intel.load.reset();
    s = machine(2000, {});
    s.gpus = {radeon, intel};
    history.append(s);
    QVERIFY(catalog.update(history.seriesNames(), s));
    QVERIFY(std::isnan(history.points(QStringLiteral("gpus[0000:03:00.0].load"), 0).last().value));
    QVERIFY(std::isnan(history.points(QStringLiteral("gpus[0000:03:00.0].temp"), 0).last().value));
    QCOMPARE(history.points(QStringLiteral("gpus[0000:03:00.0].vramUsed"), 0).last().value,
             1073741824.0f);
    QVERIFY(!find(catalog, "gpus[0000:03:00.0].load")->gone);
    QCOMPARE(find(catalog, "gpus[0000:03:00.0].vramUsed")->max, 17179869184.0);
    QVERIFY(find(catalog, "gpus[0000:00:02.0].load")->gone);

    // Out of the list: still gone, still under its last name while history holds it.
    s = machine(3000, {});
    s.gpus = {radeon};
    history.append(s);
    catalog.update(history.seriesNames(), s);
    QVERIFY(find(catalog, "gpus[0000:00:02.0].load")->gone);
    QCOMPARE(find(catalog, "gpus[0000:00:02.0].load")->label, QString("UHD Graphics 770 load"));
    QVERIFY(!find(catalog, "gpus[0000:03:00.0].power")->gone);
}

QTEST_GUILESS_MAIN(TestSeriesCatalog)
#include "tst_seriescatalog.moc"

#include "alerts/alertengine.h"
#include "settings/settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

Snapshot calm()
{
    Snapshot s;
    s.cpu.total = 10;
    s.mem.percent = 30;
    s.swap = {1000, 100, 10};
    s.self.tickUs = 1000;
    return s;
}

DiskUsage disk(const QString &mount, double percent)
{
    DiskUsage d;
    d.mount = mount;
    d.percent = percent;
    return d;
}

// What the log's last event said of an alert firing when Vantage stopped.
Alert wasFiring(const QString &rule, const QString &instance, AlertSeverity severity, double value,
                double threshold)
{
    Alert alert;
    alert.rule = rule;
    alert.instance = instance;
    alert.severity = severity;
    alert.value = value;
    alert.threshold = threshold;
    alert.since = 5000;
    alert.ts = 6000;
    alert.acknowledged = true;
    return alert;
}

} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void calmMachineRaisesNothing();
    void firesOncePerCrossing();
    void diskInstancesComeAndGo();
    void sensorsUseTheirOwnMarks();
    void noSwapNoSwapAlert();
    void pressurePerResourceAndAbsentWithoutPsi();
    void cgroupPerUnitNotSlices();
    void cgroupMemoryOfLimitOrMachine();
    void unitLevelsOverrideAndFallBack();
    void unitSwitchedOffResolves();
    void gpuHeldHotFiresSleepKeepsItGoneResolves();
    void serverErrorsPerMinute();
    void slowTicksAndLateTicks();
    void thresholdChangeAppliesAtNextTick();
    void acknowledgementHoldsUntilEscalation();
    void statesListEveryInstance();
    void restoredAlertIsActiveAtOnceAndHolds();
    void restoredAlertResolvesByTheUsualRule();
    void restoredAlertWithoutItsMetricResolvesAsGone();
    void thresholdChangedWhileStoppedAppliesAtFirstTick();
    void firingRecordsWhatWasRunning();
    void restoredAlertKeepsWhatWasRunning();

private:
    QList<Alert> events(QSignalSpy &spy);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestAlertEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath("v.conf"));
    m_settings->load();
    // `for` 0 everywhere so each test reads one tick at a time; `for` itself is AlertTracker's.
    // The gpu rule keeps its default 30 s: its test holds a temperature that long.
    QVariantMap immediate;
    for (const char *rule :
         {"cpu", "memory", "swap", "disk", "temperature", "errors", "connections", "tick",
          "pressure", "cgroup", "cgroupMemory", "gpuMemory"})
        immediate.insert(QStringLiteral("thresholds/%1/for").arg(QLatin1StringView(rule)), 0);
    QCOMPARE(m_settings->apply(immediate), QStringList{});
}

QList<Alert> TestAlertEngine::events(QSignalSpy &spy)
{
    QList<Alert> result;
    for (const QList<QVariant> &args : spy)
        result.append(args.at(0).value<Alert>());
    spy.clear();
    return result;
}

void TestAlertEngine::calmMachineRaisesNothing()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    for (int i = 0; i < 10; ++i)
        engine.evaluate(calm(), i * 1000);
    QCOMPARE(spy.size(), 0);
    QCOMPARE(engine.worst(), AlertSeverity::None);
}

void TestAlertEngine::firesOncePerCrossing()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot hot = calm();
    hot.cpu.total = 80; // cpu warning 75
    for (int i = 0; i < 5; ++i)
        engine.evaluate(hot, i * 1000);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("cpu"));
    QCOMPARE(fired[0].severity, AlertSeverity::Warning);
    QCOMPARE(fired[0].state, Alert::State::Firing);
    QCOMPARE(fired[0].threshold, 75.0);
    QCOMPARE(fired[0].value, 80.0);
    QCOMPARE(fired[0].message, QString("CPU at 80 % (warning at 75 %)"));
    QCOMPARE(engine.active().size(), 1);
    QCOMPARE(engine.firings().value("cpu"), 1u);
    engine.evaluate(calm(), 6000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
    QCOMPARE(resolved[0].since, 0);
    QVERIFY(engine.active().isEmpty());
}

void TestAlertEngine::diskInstancesComeAndGo()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    s.disks = {disk("/", 50), disk("/home", 96)}; // disk warning 90, critical 95
    engine.evaluate(s, 0);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("disk:/home"));
    QCOMPARE(fired[0].severity, AlertSeverity::Critical);
    // /home unmounted: its alert resolves and its instance is retired.
    s.disks = {disk("/", 50)};
    engine.evaluate(s, 1000);
    const QList<Alert> gone = events(spy);
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone[0].state, Alert::State::Resolved);
    QVERIFY(gone[0].message.contains("gone"));
    for (const auto &state : engine.states())
        QVERIFY(state.instance != "/home");
    // A new mount gets its own instance.
    s.disks = {disk("/", 50), disk("/mnt/usb", 91)};
    engine.evaluate(s, 2000);
    QCOMPARE(events(spy).value(0).id(), QString("disk:/mnt/usb"));
}

void TestAlertEngine::sensorsUseTheirOwnMarks()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    // The package rates itself high at 70: 72 °C warns though the settings say 80.
    s.temps = {{"Package id 0", 72, 70, 100}, {"nvme", 72, qQNaN(), qQNaN()}};
    engine.evaluate(s, 0);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("temperature:Package id 0"));
    QCOMPARE(fired[0].threshold, 70.0);
    // The sensor with no marks uses thresholds/temperature: warns at 80.
    s.temps[1].celsius = 81;
    engine.evaluate(s, 1000);
    fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("temperature:nvme"));
    QCOMPARE(fired[0].threshold, 80.0);
}

void TestAlertEngine::noSwapNoSwapAlert()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    s.swap = {0, 0, 100};
    engine.evaluate(s, 0);
    QCOMPARE(spy.size(), 0);
}

void TestAlertEngine::pressurePerResourceAndAbsentWithoutPsi()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    // A kernel without PSI: no pressure instances at all.
    engine.evaluate(calm(), 0);
    for (const auto &state : engine.states())
        QVERIFY(state.rule != "pressure");
    QCOMPARE(spy.size(), 0);

    // some avg10 per resource against warning 10, critical 25: memory 12 warns, io 30 is
    // critical, cpu 9.99 stays calm; a busy "full" line alone does not count.
    Snapshot s = calm();
    s.pressure = Pressure{PressureResource{{9.99, 50, 0, qQNaN()}, PressureStall{90, 90, 0, 0}},
                          PressureResource{{12, 1, 0, qQNaN()}, {}},
                          PressureResource{{30, 1, 0, qQNaN()}, {}}};
    engine.evaluate(s, 1000);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 2);
    std::sort(fired.begin(), fired.end(),
              [](const Alert &a, const Alert &b) { return a.id() < b.id(); });
    QCOMPARE(fired[0].id(), QString("pressure:io"));
    QCOMPARE(fired[0].severity, AlertSeverity::Critical);
    QCOMPARE(fired[0].message, QString("io pressure at 30 % (critical at 25 %)"));
    QCOMPARE(fired[1].id(), QString("pressure:memory"));
    QCOMPARE(fired[1].severity, AlertSeverity::Warning);
    QCOMPARE(fired[1].threshold, 10.0);

    // The kernel stops reporting io (never on a live machine, but a fixture can): it resolves
    // as gone rather than holding.
    s.pressure->io.reset();
    engine.evaluate(s, 2000);
    const QList<Alert> gone = events(spy);
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone[0].id(), QString("pressure:io"));
    QCOMPARE(gone[0].state, Alert::State::Resolved);
}

void TestAlertEngine::cgroupPerUnitNotSlices()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    // CPU in percent of one core against warning 90, critical 180: nginx 120 warns, the
    // container at 200 is critical, cron 50 stays calm; system.slice at 370 adds them up and is
    // no instance; a row's first tick (no rate yet) is not one either.
    Snapshot s = calm();
    s.cgroups = QList<CgroupUsage>{
        {"system.slice", "slice", {}, "/system.slice", 370.0, {}, {}, {}, {}},
        {"cron.service", "service", {}, "/system.slice/cron.service", 50.0, {}, {}, {}, {}},
        {"web", "container", "docker", "/system.slice/docker-1a2b.scope", 200.0, {}, {}, {}, {}},
        {"nginx.service", "service", {}, "/system.slice/nginx.service", 120.0, {}, {}, {}, {}},
        {"new.service", "service", {}, "/system.slice/new.service", {}, {}, {}, {}, {}}};
    engine.evaluate(s, 1000);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 2);
    std::sort(fired.begin(), fired.end(),
              [](const Alert &a, const Alert &b) { return a.id() < b.id(); });
    QCOMPARE(fired[0].id(), QString("cgroup:nginx.service"));
    QCOMPARE(fired[0].severity, AlertSeverity::Warning);
    QCOMPARE(fired[0].threshold, 90.0);
    QCOMPARE(fired[1].id(), QString("cgroup:web"));
    QCOMPARE(fired[1].severity, AlertSeverity::Critical);
    QCOMPARE(fired[1].message, QString("web CPU at 200 % of a core (critical at 180 %)"));
    QStringList instances;
    for (const auto &state : engine.states()) {
        if (state.rule == u"cgroup")
            instances.append(state.instance);
    }
    instances.sort();
    QCOMPARE(instances, QStringList({"cron.service", "nginx.service", "web"}));

    // The container stops: it resolves as gone rather than holding.
    s.cgroups->removeAt(2);
    engine.evaluate(s, 2000);
    const QList<Alert> gone = events(spy);
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone[0].id(), QString("cgroup:web"));
    QCOMPARE(gone[0].state, Alert::State::Resolved);
}

void TestAlertEngine::cgroupMemoryOfLimitOrMachine()
{
    constexpr quint64 MiB = 1024 * 1024;
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    // Against warning 90, critical 98, on a machine of 8192 MiB:
    //  nginx 232 MiB of its 256 MiB limit = 90.625 %: warning (2.8 % of the machine);
    //  full 99 MiB of its 100 MiB limit = 99 %: critical;
    //  big 7680 MiB, limited to 16384 MiB, more than the machine: 7680 / 8192 = 93.75 %, warning
    //  (46.875 % of its limit);
    //  cron 4096 MiB without a limit: 4096 / 8192 = 50 %, calm;
    //  no memory read (the container): no instance.
    Snapshot s = calm();
    s.mem.total = 8192 * MiB;
    s.cgroups = QList<CgroupUsage>{
        {"nginx.service",
         "service",
         {},
         "/system.slice/nginx.service",
         {},
         232 * MiB,
         {},
         {},
         {},
         256 * MiB},
        {"full.service",
         "service",
         {},
         "/system.slice/full.service",
         {},
         99 * MiB,
         {},
         {},
         {},
         100 * MiB},
        {"big.service",
         "service",
         {},
         "/system.slice/big.service",
         {},
         7680 * MiB,
         {},
         {},
         {},
         16384 * MiB},
        {"cron.service",
         "service",
         {},
         "/system.slice/cron.service",
         {},
         4096 * MiB,
         {},
         {},
         {},
         {}},
        {"web", "container", "docker", "/system.slice/docker-1a2b.scope", {}, {}, {}, {}, {}, {}}};
    engine.evaluate(s, 1000);
    QList<Alert> fired = events(spy);
    std::sort(fired.begin(), fired.end(),
              [](const Alert &a, const Alert &b) { return a.id() < b.id(); });
    QCOMPARE(fired.size(), 3);
    QCOMPARE(fired[0].id(), QString("cgroupMemory:big.service"));
    QCOMPARE(fired[0].severity, AlertSeverity::Warning);
    QCOMPARE(fired[0].value, 93.75);
    QCOMPARE(fired[1].id(), QString("cgroupMemory:full.service"));
    QCOMPARE(fired[1].severity, AlertSeverity::Critical);
    QCOMPARE(fired[1].value, 99.0);
    QCOMPARE(fired[1].message, QString("full.service memory at 99 % (critical at 98 %)"));
    QCOMPARE(fired[2].id(), QString("cgroupMemory:nginx.service"));
    QCOMPARE(fired[2].severity, AlertSeverity::Warning);
    QCOMPARE(fired[2].value, 90.625);
    QStringList instances;
    for (const auto &state : engine.states()) {
        if (state.rule == u"cgroupMemory")
            instances.append(state.instance);
    }
    instances.sort();
    QCOMPARE(instances,
             QStringList({"big.service", "cron.service", "full.service", "nginx.service"}));
}

void TestAlertEngine::unitLevelsOverrideAndFallBack()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    // nginx may hold a core and a half: its own warning 150 and critical 300; cron keeps the
    // shared 90 and 180.
    QCOMPARE(m_settings->apply({{"thresholds/cgroup/nginx.service/warning", 150},
                                {"thresholds/cgroup/nginx.service/critical", 300}}),
             QStringList{});
    Snapshot s = calm();
    s.cgroups = QList<CgroupUsage>{
        {"cron.service", "service", {}, "/system.slice/cron.service", 120.0, {}, {}, {}, {}},
        {"nginx.service", "service", {}, "/system.slice/nginx.service", 120.0, {}, {}, {}, {}}};
    engine.evaluate(s, 1000);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("cgroup:cron.service")); // 120 over the shared 90
    // nginx at 200: over its own 150, under its own 300.
    (*s.cgroups)[1].cpu = 200.0;
    engine.evaluate(s, 2000);
    fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("cgroup:nginx.service"));
    QCOMPARE(fired[0].severity, AlertSeverity::Warning);
    QCOMPARE(fired[0].threshold, 150.0);
    // Its levels taken out: the shared ones again, where 200 is over critical 180.
    QCOMPARE(m_settings->apply({{"thresholds/cgroup/nginx.service/", QVariant()}}), QStringList{});
    QVERIFY(m_settings->units("cgroup").isEmpty());
    engine.evaluate(s, 3000);
    fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("cgroup:nginx.service"));
    QCOMPARE(fired[0].severity, AlertSeverity::Critical);
    QCOMPARE(fired[0].threshold, 180.0);
    // A level the unit does not set follows the shared one: only its critical, 250; the shared
    // warning 90 still applies below it.
    QCOMPARE(m_settings->apply({{"thresholds/cgroup/nginx.service/critical", 250}}), QStringList{});
    engine.evaluate(s, 4000);
    fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].severity, AlertSeverity::Warning); // 200 under 250 less hysteresis 10
    QCOMPARE(fired[0].threshold, 90.0);
}

void TestAlertEngine::unitSwitchedOffResolves()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    s.cgroups = QList<CgroupUsage>{
        {"cron.service", "service", {}, "/system.slice/cron.service", 120.0, {}, {}, {}, {}},
        {"nginx.service", "service", {}, "/system.slice/nginx.service", 120.0, {}, {}, {}, {}}};
    engine.evaluate(s, 1000);
    QCOMPARE(events(spy).size(), 2); // both over the shared warning 90
    QCOMPARE(m_settings->apply({{"thresholds/cgroup/nginx.service/enabled", false}}),
             QStringList{});
    engine.evaluate(s, 2000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].id(), QString("cgroup:nginx.service"));
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
    QCOMPARE(resolved[0].message, QString("cgroup nginx.service is switched off"));
    // It stays out, still at 120; cron still fires.
    engine.evaluate(s, 3000);
    QCOMPARE(spy.size(), 0);
    QCOMPARE(engine.active().size(), 1);
    QCOMPARE(engine.active().at(0).id(), QString("cgroup:cron.service"));
    for (const auto &state : engine.states())
        QVERIFY(state.instance != u"nginx.service");
}

void TestAlertEngine::gpuHeldHotFiresSleepKeepsItGoneResolves()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    // thresholds/gpu: warning 85 °C, critical 95, for 30 s; thresholds/gpuMemory: warning 90 %.
    // 15 GiB of 16 GiB in use = 16106127360 / 17179869184 = 93.75 %.
    GpuUsage radeon;
    radeon.id = QStringLiteral("0000:03:00.0");
    radeon.name = QStringLiteral("Radeon RX 6800");
    radeon.vendor = QStringLiteral("amd");
    radeon.state = QStringLiteral("active");
    radeon.temp = 88;
    radeon.vramUsed = 16106127360;
    radeon.vramTotal = 17179869184;
    // An integrated GPU with neither a temperature nor VRAM of its own: nothing to judge.
    GpuUsage intel;
    intel.id = QStringLiteral("0000:00:02.0");
    intel.vendor = QStringLiteral("intel");
    intel.state = QStringLiteral("active");
    intel.load = 5;
    Snapshot s = calm();
    s.gpus = {radeon, intel};
    engine.evaluate(s, 0);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 1); // the memory at once; the temperature is not yet held 30 s
    QCOMPARE(fired[0].id(), QString("gpuMemory:0000:03:00.0"));
    QCOMPARE(fired[0].severity, AlertSeverity::Warning);
    QCOMPARE(fired[0].value, 93.75);
    QCOMPARE(fired[0].threshold, 90.0);
    engine.evaluate(s, 29000);
    QCOMPARE(spy.size(), 0);
    engine.evaluate(s, 30000);
    fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired[0].id(), QString("gpu:0000:03:00.0"));
    QCOMPARE(fired[0].severity, AlertSeverity::Warning);
    QCOMPARE(fired[0].message, QString("GPU 0000:03:00.0 at 88 °C (warning at 85 °C)"));

    // The card falls asleep: no temperature is read, so nothing resolves however long it sleeps;
    // its VRAM, read without waking it, still counts.
    s.gpus[0].state = QStringLiteral("suspended");
    s.gpus[0].temp.reset();
    for (qint64 t = 31000; t <= 120000; t += 1000)
        engine.evaluate(s, t);
    QCOMPARE(spy.size(), 0);
    QStringList active;
    for (const Alert &alert : engine.active())
        active.append(alert.id());
    active.sort();
    QCOMPARE(active, QStringList({"gpu:0000:03:00.0", "gpuMemory:0000:03:00.0"}));

    // The card is reported gone (an eGPU unplugged): both its alerts resolve, the other GPU
    // raises nothing.
    s.gpus[0].state = QStringLiteral("gone");
    s.gpus[0].vramUsed.reset();
    engine.evaluate(s, 121000);
    QList<Alert> gone = events(spy);
    QCOMPARE(gone.size(), 2);
    std::sort(gone.begin(), gone.end(),
              [](const Alert &a, const Alert &b) { return a.id() < b.id(); });
    QCOMPARE(gone[0].id(), QString("gpu:0000:03:00.0"));
    QCOMPARE(gone[0].state, Alert::State::Resolved);
    QCOMPARE(gone[1].id(), QString("gpuMemory:0000:03:00.0"));
    QCOMPARE(gone[1].state, Alert::State::Resolved);
    QVERIFY(engine.active().isEmpty());
}

void TestAlertEngine::serverErrorsPerMinute()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    // 1 error a second: 9 within the first 9 s is under the warning of 10 a minute...
    for (int t = 0; t <= 9; ++t) {
        s.self.errors = quint64(t);
        engine.evaluate(s, t * 1000);
    }
    QCOMPARE(spy.size(), 0);
    // ...the 10th in the same minute warns.
    s.self.errors = 10;
    engine.evaluate(s, 10'000);
    QCOMPARE(events(spy).value(0).id(), QString("errors"));
    // Then quiet for two minutes: the count in the last minute is 0 and the alert resolves.
    engine.evaluate(s, 130'000);
    QCOMPARE(events(spy).value(0).state, Alert::State::Resolved);
}

void TestAlertEngine::slowTicksAndLateTicks()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    s.self.tickUs = 600'000; // 60% of a 1 s interval: tick warning 50
    engine.evaluate(s, 0);
    QCOMPARE(events(spy).value(0).severity, AlertSeverity::Warning);
    s.self.tickUs = 1000;
    s.self.lateTicks = 1; // a late tick counts as a whole interval: critical 100
    engine.evaluate(s, 1000);
    QCOMPARE(events(spy).value(0).severity, AlertSeverity::Critical);
}

void TestAlertEngine::thresholdChangeAppliesAtNextTick()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    s.mem.percent = 85; // memory warning 80
    engine.evaluate(s, 0);
    QCOMPARE(events(spy).size(), 1);
    // 85 is below the new 92 minus the 5 of hysteresis: clear.
    QCOMPARE(m_settings->apply({{"thresholds/memory/warning", 92}}), QStringList{});
    QCOMPARE(spy.size(), 0); // nothing happens between ticks
    engine.evaluate(s, 1000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
}

void TestAlertEngine::acknowledgementHoldsUntilEscalation()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot s = calm();
    s.cpu.total = 80;
    engine.evaluate(s, 0);
    events(spy);
    QVERIFY(!engine.acknowledge("memory")); // not firing
    QVERIFY(engine.acknowledge("cpu"));
    QList<Alert> acked = events(spy);
    QCOMPARE(acked.size(), 1);
    QVERIFY(acked[0].acknowledged);
    QVERIFY(engine.active()[0].acknowledged);
    engine.evaluate(s, 1000);
    QCOMPARE(spy.size(), 0);
    s.cpu.total = 95; // escalation is news again
    engine.evaluate(s, 2000);
    const QList<Alert> escalated = events(spy);
    QCOMPARE(escalated[0].severity, AlertSeverity::Critical);
    QVERIFY(!escalated[0].acknowledged);
}

void TestAlertEngine::statesListEveryInstance()
{
    AlertEngine engine(m_settings.get());
    Snapshot s = calm();
    s.disks = {disk("/", 96)};
    engine.evaluate(s, 0);
    QHash<QString, AlertSeverity> states;
    for (const auto &state : engine.states())
        states.insert(state.rule + ':' + state.instance, state.severity);
    QCOMPARE(states.value("cpu:"), AlertSeverity::None);
    QCOMPARE(states.value("disk:/"), AlertSeverity::Critical);
    QVERIFY(states.contains("tick:"));
    QVERIFY(states.contains("errors:"));
}

// Memory was firing at warning (80) with 85 since t = 5 s, acknowledged. With `for` 10 s, a
// re-fire would show as a Fired event and a new since; none comes while memory stays at or
// above 80 − 5 = 75.
void TestAlertEngine::restoredAlertIsActiveAtOnceAndHolds()
{
    QCOMPARE(m_settings->apply({{"thresholds/memory/for", 10}}), QStringList{});
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    engine.restore({wasFiring("memory", {}, AlertSeverity::Warning, 85, 80)});
    QCOMPARE(spy.size(), 0); // nothing new happened
    QList<Alert> active = engine.active();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active[0].id(), QString("memory"));
    QCOMPARE(active[0].since, 5000);
    QCOMPARE(active[0].ts, 6000);
    QVERIFY(active[0].acknowledged);
    QCOMPARE(active[0].message, QString("Memory at 85 % (warning at 80 %)"));
    QCOMPARE(engine.worst(), AlertSeverity::Warning);
    Snapshot s = calm();
    for (int t = 100; t < 130; ++t) {
        s.mem.percent = t % 2 ? 82 : 76;
        engine.evaluate(s, t * 1000);
    }
    QCOMPARE(spy.size(), 0);
    active = engine.active();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active[0].since, 5000);
    QVERIFY(active[0].acknowledged);
    QCOMPARE(active[0].value, 82.0);                // the last tick, t = 129 (odd)
    QCOMPARE(engine.firings().value("memory"), 0u); // none since this start
}

void TestAlertEngine::restoredAlertResolvesByTheUsualRule()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    engine.restore({wasFiring("memory", {}, AlertSeverity::Warning, 85, 80)});
    Snapshot s = calm();
    s.mem.percent = 75; // 80 − 5: not below, holds
    engine.evaluate(s, 100'000);
    QCOMPARE(spy.size(), 0);
    s.mem.percent = 74;
    engine.evaluate(s, 101'000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
    QCOMPARE(resolved[0].since, 5000);
    QCOMPARE(resolved[0].message, QString("Memory at 74 %: back to normal"));
    QVERIFY(engine.active().isEmpty());
}

// /mnt/usb was full and swap was in use when Vantage stopped; neither is there at start.
void TestAlertEngine::restoredAlertWithoutItsMetricResolvesAsGone()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    engine.restore({wasFiring("disk", "/mnt/usb", AlertSeverity::Critical, 97, 95),
                    wasFiring("swap", {}, AlertSeverity::Warning, 60, 50)});
    QCOMPARE(engine.active().size(), 2);
    Snapshot s = calm();
    s.swap = {0, 0, 0};
    s.disks = {disk("/", 50)};
    engine.evaluate(s, 100'000);
    QList<Alert> gone = events(spy);
    QCOMPARE(gone.size(), 2);
    std::sort(gone.begin(), gone.end(),
              [](const Alert &a, const Alert &b) { return a.id() < b.id(); });
    QCOMPARE(gone[0].id(), QString("disk:/mnt/usb"));
    QCOMPARE(gone[0].state, Alert::State::Resolved);
    QCOMPARE(gone[0].message, QString("disk /mnt/usb is gone"));
    QCOMPARE(gone[1].id(), QString("swap"));
    QCOMPARE(gone[1].state, Alert::State::Resolved);
    QCOMPARE(gone[1].message, QString("swap is gone"));
    QVERIFY(engine.active().isEmpty());
    engine.evaluate(s, 101'000);
    QCOMPARE(spy.size(), 0); // resolved once
}

// Fired at warning 80 with 85; the warning was raised to 92 while Vantage was stopped. Until the
// first tick the alert reads as it fired; at that tick 85 < 92 − 5 = 87 resolves it.
void TestAlertEngine::thresholdChangedWhileStoppedAppliesAtFirstTick()
{
    QCOMPARE(m_settings->apply({{"thresholds/memory/warning", 92}}), QStringList{});
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    engine.restore({wasFiring("memory", {}, AlertSeverity::Warning, 85, 80)});
    QCOMPARE(engine.active().value(0).threshold, 80.0);
    Snapshot s = calm();
    s.mem.percent = 85;
    engine.evaluate(s, 100'000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
    QCOMPARE(resolved[0].threshold, 92.0);
    QVERIFY(engine.active().isEmpty());
}

// Seven processes: the five busiest and the five largest are what the alert keeps, as they were
// when it fired, on every event of that alert until it resolves.
void TestAlertEngine::firingRecordsWhatWasRunning()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Snapshot hot = calm();
    hot.cpu.total = 80; // cpu warning 75
    hot.procs.top = {{1, "a", 10, 700}, {2, "b", 70, 100}, {3, "c", 30, 600}, {4, "d", 60, 200},
                     {5, "e", 20, 500}, {6, "f", 50, 300}, {7, "g", 40, 400}};
    engine.evaluate(hot, 1000);
    QList<Alert> fired = events(spy);
    QCOMPARE(fired.size(), 1);
    QStringList byCpu, byRss;
    for (const ProcessUsage &p : fired[0].top.cpu)
        byCpu.append(p.name);
    for (const ProcessUsage &p : fired[0].top.rss)
        byRss.append(p.name);
    QCOMPARE(byCpu, QStringList({"b", "d", "f", "g", "c"})); // 70, 60, 50, 40, 30
    QCOMPARE(byRss, QStringList({"a", "c", "e", "g", "f"})); // 700, 600, 500, 400, 300
    QCOMPARE(fired[0].top.cpu[0].pid, 2);

    // Later ticks run other processes; the alert still says what ran when it fired.
    Snapshot later = calm();
    later.procs.top = {{9, "z", 99, 999}};
    engine.evaluate(later, 2000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
    QCOMPARE(resolved[0].top.cpu[0].name, QString("b"));
}

// Taken back at start with the processes of its firing: the list, the next events and the
// resolution still say what ran then, not what runs at start.
void TestAlertEngine::restoredAlertKeepsWhatWasRunning()
{
    AlertEngine engine(m_settings.get());
    QSignalSpy spy(&engine, &AlertEngine::alertChanged);
    Alert before = wasFiring("memory", {}, AlertSeverity::Warning, 85, 80);
    before.top.rss = {{17, "postgres", 40, 300}};
    engine.restore({before});
    QCOMPARE(engine.active().value(0).top.rss.value(0).name, QString("postgres"));
    Snapshot s = calm(); // memory 30 %: resolves
    s.procs.top = {{9, "z", 99, 999}};
    engine.evaluate(s, 100'000);
    const QList<Alert> resolved = events(spy);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].state, Alert::State::Resolved);
    QCOMPARE(resolved[0].top.rss.size(), 1);
    QCOMPARE(resolved[0].top.rss[0].pid, 17);
    QVERIFY(resolved[0].top.cpu.isEmpty());
}

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"

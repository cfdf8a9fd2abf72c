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
    void serverErrorsPerMinute();
    void slowTicksAndLateTicks();
    void thresholdChangeAppliesAtNextTick();
    void acknowledgementHoldsUntilEscalation();
    void statesListEveryInstance();

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
    QVariantMap immediate;
    for (const char *rule :
         {"cpu", "memory", "swap", "disk", "temperature", "errors", "connections", "tick"})
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
    QCOMPARE(fired[0].message, QString("CPU at 80% (warning at 75%)"));
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

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"

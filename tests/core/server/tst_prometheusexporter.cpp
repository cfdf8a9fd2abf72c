#include "server/prometheusexporter.h"

#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

// The /metrics text for a hand-built Snapshot: exact sample lines computed by hand, the shape of
// the exposition format (HELP/TYPE once, families grouped, escaping, no NaN) and promtool's lint.
class TestPrometheusExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sampleLines_data();
    void sampleLines();
    void unknownValuesHaveNoSeries_data();
    void unknownValuesHaveNoSeries();
    void everyLineIsWellFormed();
    void helpAndTypeOncePerFamilyAndGrouped();
    void labelValuesAreEscaped();
    void offlineCpuAndEmptyListsLeaveFamiliesOut();
    void gpuFamiliesAndASleepingGpu();
    void promtoolChecksCleanly_data();
    void promtoolChecksCleanly();

private:
    static Snapshot knownSnapshot();
    static HostInfo knownHost();
    static Snapshot sparseSnapshot();
    static QHash<QByteArray, QByteArray> samples(const QByteArray &text);

    QByteArray m_text;
    QHash<QByteArray, QByteArray> m_samples; // "name{labels}" -> value text
};

Snapshot TestPrometheusExporter::knownSnapshot()
{
    Snapshot s;
    s.seq = 42;
    s.cpu.total = 37.5;
    s.cpu.cores = {25, 50};
    s.cpu.coreSeconds = {{100.5, 0.25, 20, 1000, 3, 0, 1.5, 0}, {200, 0, 40.75, 900, 0, 0.5, 0, 2}};
    s.load = {0.5, 1.25, 2};
    s.mem = {1610612736, 402653184, 1207959552, 268435456, 67108864, 25};
    s.swap = {2147483648, 1073741824, 50};
    s.disks.append({QStringLiteral("/mnt/we\"ird\\dir"), QStringLiteral("/dev/sda1"),
                    QStringLiteral("ext4"), 107374182400, 42949672960, 42, 0, 0, 123456789,
                    987654321});
    s.net.append({QStringLiteral("eth0"), 0, 0, 1000000, 18446744073709551615ull});
    s.procs = {321, 3, 1234, {}};
    s.temps.append({QStringLiteral("Package id 0"), 45.5, qQNaN(), 100});
    s.temps.append({QStringLiteral("nvme"), 38, 70, 85});
    s.temps.append({QStringLiteral("broken"), qQNaN(), qQNaN(), qQNaN()});
    s.cpu.coreMhz = {2400.5, qQNaN()}; // cpu 1 without cpufreq
    s.fans.append({QStringLiteral("nct6798 Pump"), 830});
    s.power.append({QStringLiteral("BAT0"), QStringLiteral("Battery"), 87,
                    QStringLiteral("Discharging"), 9.87, 41.3, 47.52, -1});
    s.power.append(
        {QStringLiteral("AC"), QStringLiteral("Mains"), qQNaN(), {}, qQNaN(), qQNaN(), qQNaN(), 1});
    // cpu without full (before Linux 5.13), memory with it, no io file.
    s.pressure = Pressure{PressureResource{{12.5, 6.25, 2500000, 30}, {}},
                          PressureResource{{1.5, 0.07, 1250, 0}, PressureStall{0.5, 0.25, 2500, 0}},
                          {}};
    // A unit with every value; a container whose memory, I/O and pids the kernel does not say.
    s.cgroups = QList<CgroupUsage>{{QStringLiteral("nginx.service"),
                                    QStringLiteral("service"),
                                    {},
                                    QStringLiteral("/system.slice/nginx.service"),
                                    150.0,
                                    104857600,
                                    4096.0,
                                    512.5,
                                    3},
                                   {QStringLiteral("web"),
                                    QStringLiteral("container"),
                                    QStringLiteral("docker"),
                                    QStringLiteral("/system.slice/docker-1a2b.scope"),
                                    25.0,
                                    {},
                                    {},
                                    {},
                                    {}}};
    // An awake card with every value read, a sleeping one whose VRAM alone is read (nothing that
    // would wake it), and one gone this tick.
    GpuUsage radeon;
    radeon.id = QStringLiteral("0000:03:00.0");
    radeon.name = QStringLiteral("Radeon RX 6800");
    radeon.vendor = QStringLiteral("amd");
    radeon.driver = QStringLiteral("amdgpu");
    radeon.state = QStringLiteral("active");
    radeon.load = 37;
    radeon.temp = 45;
    radeon.tempCritical = 100;
    radeon.power = 15;
    radeon.powerLimit = 203;
    radeon.clock = 2105;
    radeon.fan = 30;
    radeon.vramUsed = 1073741824;
    radeon.vramTotal = 17179869184;
    radeon.gttUsed = 12582912;
    radeon.gttTotal = 8589934592;
    GpuUsage asleep;
    asleep.id = QStringLiteral("0000:07:00.0");
    asleep.name = QStringLiteral("Radeon RX 6500M");
    asleep.vendor = QStringLiteral("amd");
    asleep.driver = QStringLiteral("amdgpu");
    asleep.state = QStringLiteral("suspended");
    asleep.vramUsed = 268435456;
    asleep.vramTotal = 4294967296;
    GpuUsage gone;
    gone.id = QStringLiteral("0000:0c:00.0");
    gone.name = QStringLiteral("Arc A380");
    gone.vendor = QStringLiteral("intel");
    gone.driver = QStringLiteral("i915");
    gone.state = QStringLiteral("gone");
    gone.vramUsed = 1;
    s.gpus = {radeon, asleep, gone};
    s.uptime = 3600.5;
    s.self = {.clients = 2,
              .messagesSent = 100,
              .bytesSent = 4096,
              .dropped = 1,
              .rejected = 5,
              .slowClosed = 0,
              .errors = 7,
              .authFailures = 11,
              .bannedAddresses = 4,
              .tickUs = 1500,
              .lateTicks = 3,
              .cpu = 2.5,
              .rss = 26214400};
    return s;
}

HostInfo TestPrometheusExporter::knownHost()
{
    return {"web-1", "6.1.0-18-amd64", "Test OS \"12\"\nsecond line", "Intel(R) Xeon(R)",
            2,       1700000000250};
}

// One CPU online and one offline, nothing mounted, no network, no sensors, unknown uptime.
Snapshot TestPrometheusExporter::sparseSnapshot()
{
    Snapshot s;
    s.cpu.cores = {10, qQNaN()};
    s.cpu.coreSeconds = {{1, 0, 1, 8, 0, 0, 0, 0}, {}};
    s.uptime = qQNaN();
    return s;
}

QHash<QByteArray, QByteArray> TestPrometheusExporter::samples(const QByteArray &text)
{
    QHash<QByteArray, QByteArray> result;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        // Label values may hold spaces ("Package id 0"); the value follows the last one.
        const qsizetype space = line.lastIndexOf(' ');
        result.insert(line.left(space), line.mid(space + 1));
    }
    return result;
}

void TestPrometheusExporter::initTestCase()
{
    m_text = PrometheusExporter::render(knownSnapshot(), knownHost());
    m_samples = samples(m_text);
    QVERIFY(!m_samples.isEmpty());
}

void TestPrometheusExporter::sampleLines_data()
{
    QTest::addColumn<QByteArray>("series");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("info") << QByteArray("vantage_info{hostname=\"web-1\",kernel=\"6.1.0-18-amd64\","
                                        "os=\"Test OS \\\"12\\\"\\nsecond line\",cpu_model=\"Intel("
                                        "R) Xeon(R)\",version=\"" VANTAGE_VERSION "\"}")
                          << QByteArray("1");
    QTest::newRow("cpu0 user") << QByteArray("vantage_cpu_seconds_total{cpu=\"0\",mode=\"user\"}")
                               << QByteArray("100.5");
    QTest::newRow("cpu0 nice") << QByteArray("vantage_cpu_seconds_total{cpu=\"0\",mode=\"nice\"}")
                               << QByteArray("0.25");
    QTest::newRow("cpu0 softirq") << QByteArray(
                                         "vantage_cpu_seconds_total{cpu=\"0\",mode=\"softirq\"}")
                                  << QByteArray("1.5");
    QTest::newRow("cpu0 irq") << QByteArray("vantage_cpu_seconds_total{cpu=\"0\",mode=\"irq\"}")
                              << QByteArray("0");
    QTest::newRow("cpu1 system") << QByteArray(
                                        "vantage_cpu_seconds_total{cpu=\"1\",mode=\"system\"}")
                                 << QByteArray("40.75");
    QTest::newRow("cpu1 idle") << QByteArray("vantage_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}")
                               << QByteArray("900");
    QTest::newRow("cpu1 irq") << QByteArray("vantage_cpu_seconds_total{cpu=\"1\",mode=\"irq\"}")
                              << QByteArray("0.5");
    QTest::newRow("cpu1 steal") << QByteArray("vantage_cpu_seconds_total{cpu=\"1\",mode=\"steal\"}")
                                << QByteArray("2");
    // 37.5 % = 0.375; cores 25 % = 0.25 and 50 % = 0.5
    QTest::newRow("busy") << QByteArray("vantage_cpu_busy_ratio") << QByteArray("0.375");
    QTest::newRow("core 0") << QByteArray("vantage_cpu_core_busy_ratio{cpu=\"0\"}")
                            << QByteArray("0.25");
    QTest::newRow("core 1") << QByteArray("vantage_cpu_core_busy_ratio{cpu=\"1\"}")
                            << QByteArray("0.5");
    QTest::newRow("load1") << QByteArray("vantage_load1") << QByteArray("0.5");
    QTest::newRow("load5") << QByteArray("vantage_load5") << QByteArray("1.25");
    QTest::newRow("load15") << QByteArray("vantage_load15") << QByteArray("2");
    // 1.5 GiB = 1.5 * 1073741824 = 1610612736; 384 MiB = 384 * 1048576 = 402653184 (a quarter)
    QTest::newRow("mem total") << QByteArray("vantage_memory_total_bytes")
                               << QByteArray("1610612736");
    QTest::newRow("mem used") << QByteArray("vantage_memory_used_bytes") << QByteArray("402653184");
    QTest::newRow("mem available")
        << QByteArray("vantage_memory_available_bytes") << QByteArray("1207959552");
    QTest::newRow("mem cached") << QByteArray("vantage_memory_cached_bytes")
                                << QByteArray("268435456");
    QTest::newRow("mem buffers") << QByteArray("vantage_memory_buffers_bytes")
                                 << QByteArray("67108864");
    QTest::newRow("mem ratio") << QByteArray("vantage_memory_used_ratio") << QByteArray("0.25");
    // 2 GiB = 2147483648, 1 GiB used = 50 %
    QTest::newRow("swap total") << QByteArray("vantage_swap_total_bytes")
                                << QByteArray("2147483648");
    QTest::newRow("swap used") << QByteArray("vantage_swap_used_bytes") << QByteArray("1073741824");
    QTest::newRow("swap ratio") << QByteArray("vantage_swap_used_ratio") << QByteArray("0.5");
    const QByteArray fs = "{mount=\"/mnt/we\\\"ird\\\\dir\",device=\"/dev/sda1\",fstype=\"ext4\"}";
    const QByteArray io = "{mount=\"/mnt/we\\\"ird\\\\dir\",device=\"/dev/sda1\"}";
    // 100 GiB = 107374182400, 40 GiB = 42949672960 used, free 60 GiB = 64424509440
    QTest::newRow("fs size") << "vantage_filesystem_size_bytes" + fs << QByteArray("107374182400");
    QTest::newRow("fs used") << "vantage_filesystem_used_bytes" + fs << QByteArray("42949672960");
    QTest::newRow("fs free") << "vantage_filesystem_free_bytes" + fs << QByteArray("64424509440");
    QTest::newRow("fs ratio") << "vantage_filesystem_used_ratio" + fs << QByteArray("0.42");
    QTest::newRow("disk read") << "vantage_disk_read_bytes_total" + io << QByteArray("123456789");
    QTest::newRow("disk written") << "vantage_disk_written_bytes_total" + io
                                  << QByteArray("987654321");
    QTest::newRow("net rx") << QByteArray("vantage_network_receive_bytes_total{interface=\"eth0\"}")
                            << QByteArray("1000000");
    // 2^64 - 1, a counter about to wrap, printed whole rather than rounded to 1.8e19
    QTest::newRow("net tx near wrap")
        << QByteArray("vantage_network_transmit_bytes_total{interface=\"eth0\"}")
        << QByteArray("18446744073709551615");
    QTest::newRow("processes") << QByteArray("vantage_processes") << QByteArray("321");
    QTest::newRow("running") << QByteArray("vantage_processes_running") << QByteArray("3");
    QTest::newRow("threads") << QByteArray("vantage_threads") << QByteArray("1234");
    QTest::newRow("temp") << QByteArray("vantage_temperature_celsius{sensor=\"Package id 0\"}")
                          << QByteArray("45.5");
    QTest::newRow("temp critical")
        << QByteArray("vantage_temperature_critical_celsius{sensor=\"Package id 0\"}")
        << QByteArray("100");
    QTest::newRow("nvme high") << QByteArray("vantage_temperature_high_celsius{sensor=\"nvme\"}")
                               << QByteArray("70");
    // 2400.5 MHz = 2 400 500 000 Hz
    QTest::newRow("cpu clock") << QByteArray("vantage_cpu_frequency_hertz{cpu=\"0\"}")
                               << QByteArray("2400500000");
    QTest::newRow("fan") << QByteArray("vantage_fan_rpm{sensor=\"nct6798 Pump\"}")
                         << QByteArray("830");
    QTest::newRow("battery info")
        << QByteArray(
               "vantage_power_supply_info{supply=\"BAT0\",type=\"Battery\",status=\"Discharging\"}")
        << QByteArray("1");
    QTest::newRow("mains info")
        << QByteArray("vantage_power_supply_info{supply=\"AC\",type=\"Mains\",status=\"\"}")
        << QByteArray("1");
    QTest::newRow("mains online") << QByteArray("vantage_power_supply_online{supply=\"AC\"}")
                                  << QByteArray("1");
    // 87 % = 0.87; 41.3 Wh × 3600 = 148680 J; 47.52 Wh × 3600 = 171072 J
    QTest::newRow("battery charge")
        << QByteArray("vantage_power_supply_capacity_ratio{supply=\"BAT0\"}") << QByteArray("0.87");
    QTest::newRow("battery power")
        << QByteArray("vantage_power_supply_power_watts{supply=\"BAT0\"}") << QByteArray("9.87");
    QTest::newRow("battery energy")
        << QByteArray("vantage_power_supply_energy_joules{supply=\"BAT0\"}")
        << QByteArray("148680");
    QTest::newRow("battery energy full")
        << QByteArray("vantage_power_supply_energy_full_joules{supply=\"BAT0\"}")
        << QByteArray("171072");
    // 2 500 000 µs = 2.5 s; 1250 µs = 0.00125 s; 2500 µs = 0.0025 s
    QTest::newRow("cpu stalled")
        << QByteArray("vantage_pressure_stalled_seconds_total{resource=\"cpu\",kind=\"some\"}")
        << QByteArray("2.5");
    QTest::newRow("memory some stalled")
        << QByteArray("vantage_pressure_stalled_seconds_total{resource=\"memory\",kind=\"some\"}")
        << QByteArray("0.00125");
    QTest::newRow("memory full stalled")
        << QByteArray("vantage_pressure_stalled_seconds_total{resource=\"memory\",kind=\"full\"}")
        << QByteArray("0.0025");
    // 12.5 % = 0.125, 6.25 % = 0.0625, 0.5 % = 0.005
    QTest::newRow("cpu avg10")
        << QByteArray("vantage_pressure_avg10_ratio{resource=\"cpu\",kind=\"some\"}")
        << QByteArray("0.125");
    QTest::newRow("cpu avg60")
        << QByteArray("vantage_pressure_avg60_ratio{resource=\"cpu\",kind=\"some\"}")
        << QByteArray("0.0625");
    // 0.07 % = 0.0007, in to_chars' shortest form 7e-04, not 0.07 / 100 = 0.0007000000000000001
    QTest::newRow("memory avg60")
        << QByteArray("vantage_pressure_avg60_ratio{resource=\"memory\",kind=\"some\"}")
        << QByteArray("7e-04");
    QTest::newRow("memory full avg10")
        << QByteArray("vantage_pressure_avg10_ratio{resource=\"memory\",kind=\"full\"}")
        << QByteArray("0.005");
    // 150 % of one core = 1.5 cores; 25 % = 0.25.
    QTest::newRow("unit cpu")
        << QByteArray("vantage_cgroup_cpu_ratio{name=\"nginx.service\",kind=\"service\","
                      "path=\"/system.slice/nginx.service\"}")
        << QByteArray("1.5");
    QTest::newRow("container cpu")
        << QByteArray("vantage_cgroup_cpu_ratio{name=\"web\",kind=\"container\","
                      "path=\"/system.slice/docker-1a2b.scope\",runtime=\"docker\"}")
        << QByteArray("0.25");
    QTest::newRow("unit memory")
        << QByteArray("vantage_cgroup_memory_bytes{name=\"nginx.service\",kind=\"service\","
                      "path=\"/system.slice/nginx.service\"}")
        << QByteArray("104857600");
    QTest::newRow("unit read") << QByteArray(
                                      "vantage_cgroup_read_bytes_per_second{name=\"nginx.service\","
                                      "kind=\"service\",path=\"/system.slice/nginx.service\"}")
                               << QByteArray("4096");
    QTest::newRow("unit write")
        << QByteArray("vantage_cgroup_write_bytes_per_second{name=\"nginx.service\","
                      "kind=\"service\",path=\"/system.slice/nginx.service\"}")
        << QByteArray("512.5");
    QTest::newRow("unit pids") << QByteArray(
                                      "vantage_cgroup_pids{name=\"nginx.service\",kind=\"service\","
                                      "path=\"/system.slice/nginx.service\"}")
                               << QByteArray("3");
#define RADEON "{gpu=\"0000:03:00.0\",vendor=\"amd\",name=\"Radeon RX 6800\"}"
    QTest::newRow("gpu awake") << QByteArray("vantage_gpu_suspended" RADEON) << QByteArray("0");
    // 37 % = 0.37
    QTest::newRow("gpu busy") << QByteArray("vantage_gpu_busy_ratio" RADEON) << QByteArray("0.37");
    // 1 GiB = 1073741824; 16 GiB = 16 x 1073741824 = 17179869184
    QTest::newRow("gpu vram used")
        << QByteArray("vantage_gpu_vram_used_bytes" RADEON) << QByteArray("1073741824");
    QTest::newRow("gpu vram total")
        << QByteArray("vantage_gpu_vram_total_bytes" RADEON) << QByteArray("17179869184");
    // 12 MiB = 12 x 1048576 = 12582912; 8 GiB = 8 x 1073741824 = 8589934592
    QTest::newRow("gpu gtt used") << QByteArray("vantage_gpu_gtt_used_bytes" RADEON)
                                  << QByteArray("12582912");
    QTest::newRow("gpu gtt total")
        << QByteArray("vantage_gpu_gtt_total_bytes" RADEON) << QByteArray("8589934592");
    QTest::newRow("gpu temperature")
        << QByteArray("vantage_gpu_temperature_celsius" RADEON) << QByteArray("45");
    QTest::newRow("gpu critical") << QByteArray("vantage_gpu_temperature_critical_celsius" RADEON)
                                  << QByteArray("100");
    QTest::newRow("gpu power") << QByteArray("vantage_gpu_power_watts" RADEON) << QByteArray("15");
    QTest::newRow("gpu power limit")
        << QByteArray("vantage_gpu_power_limit_watts" RADEON) << QByteArray("203");
    // 2105 MHz = 2105 x 1 000 000 Hz = 2 105 000 000, which to_chars' shortest form writes
    // 2.105e+09 (2 400 500 000 above has more digits than its exponent form)
    QTest::newRow("gpu clock") << QByteArray("vantage_gpu_frequency_hertz" RADEON)
                               << QByteArray("2.105e+09");
    // 30 % = 0.3
    QTest::newRow("gpu fan") << QByteArray("vantage_gpu_fan_ratio" RADEON) << QByteArray("0.3");
#undef RADEON
    QTest::newRow("uptime") << QByteArray("vantage_uptime_seconds") << QByteArray("3600.5");
    // 1700000000250 ms = 1700000000.25 s
    QTest::newRow("boot time") << QByteArray("vantage_boot_time_seconds")
                               << QByteArray("1700000000.25");
    QTest::newRow("ticks") << QByteArray("vantage_self_ticks_total") << QByteArray("42");
    QTest::newRow("late ticks") << QByteArray("vantage_self_late_ticks_total") << QByteArray("3");
    // 1500 us = 0.0015 s
    QTest::newRow("tick duration")
        << QByteArray("vantage_self_tick_duration_seconds") << QByteArray("0.0015");
    QTest::newRow("clients") << QByteArray("vantage_self_clients") << QByteArray("2");
    QTest::newRow("messages") << QByteArray("vantage_self_messages_sent_total")
                              << QByteArray("100");
    QTest::newRow("bytes sent") << QByteArray("vantage_self_sent_bytes_total")
                                << QByteArray("4096");
    QTest::newRow("dropped") << QByteArray("vantage_self_samples_dropped_total") << QByteArray("1");
    QTest::newRow("rejected") << QByteArray("vantage_self_connections_rejected_total")
                              << QByteArray("5");
    QTest::newRow("errors") << QByteArray("vantage_self_errors_total") << QByteArray("7");
    QTest::newRow("auth failures")
        << QByteArray("vantage_self_auth_failures_total") << QByteArray("11");
    QTest::newRow("banned addresses")
        << QByteArray("vantage_self_banned_addresses") << QByteArray("4");
    // 2.5 % of one core = 0.025
    QTest::newRow("own cpu") << QByteArray("vantage_self_cpu_ratio") << QByteArray("0.025");
    // 25 MiB = 25 * 1048576 = 26214400
    QTest::newRow("own rss") << QByteArray("vantage_self_resident_memory_bytes")
                             << QByteArray("26214400");
}

void TestPrometheusExporter::sampleLines()
{
    QFETCH(QByteArray, series);
    QFETCH(QByteArray, value);
    QVERIFY2(m_samples.contains(series), series.constData());
    QCOMPARE(m_samples.value(series), value);
}

void TestPrometheusExporter::unknownValuesHaveNoSeries_data()
{
    QTest::addColumn<QByteArray>("fragment");
    QTest::newRow("NaN high threshold")
        << QByteArray("vantage_temperature_high_celsius{sensor=\"Package id 0\"}");
    QTest::newRow("sensor with no reading") << QByteArray("sensor=\"broken\"");
    QTest::newRow("NaN text") << QByteArray("NaN");
    QTest::newRow("nan text") << QByteArray("nan");
    QTest::newRow("Inf text") << QByteArray("Inf");
    QTest::newRow("cpu without cpufreq") << QByteArray("vantage_cpu_frequency_hertz{cpu=\"1\"}");
    QTest::newRow("battery says nothing of online")
        << QByteArray("vantage_power_supply_online{supply=\"BAT0\"}");
    QTest::newRow("mains has no charge") << QByteArray("capacity_ratio{supply=\"AC\"}");
    QTest::newRow("no io pressure file") << QByteArray("resource=\"io\"");
    QTest::newRow("no cpu full line") << QByteArray("resource=\"cpu\",kind=\"full\"");
    QTest::newRow("container memory not reported")
        << QByteArray("vantage_cgroup_memory_bytes{name=\"web\"");
    QTest::newRow("container pids not reported") << QByteArray("vantage_cgroup_pids{name=\"web\"");
    QTest::newRow("gpu gone this tick") << QByteArray("gpu=\"0000:0c:00.0\"");
}

void TestPrometheusExporter::unknownValuesHaveNoSeries()
{
    QFETCH(QByteArray, fragment);
    QVERIFY2(!m_text.contains(fragment), fragment.constData());
}

void TestPrometheusExporter::everyLineIsWellFormed()
{
    QVERIFY(m_text.endsWith('\n'));
    static const QRegularExpression comment(
        QStringLiteral("^# (HELP [a-z_][a-z0-9_]* \\S.*|TYPE [a-z_][a-z0-9_]* (gauge|counter))$"));
    static const QRegularExpression sample(
        QStringLiteral("^vantage_[a-z0-9_]+(\\{[a-z_]+=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\"(,[a-z_]+="
                       "\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\")*\\})? -?[0-9][0-9.e+-]*$"));
    const QList<QByteArray> lines = m_text.chopped(1).split('\n');
    for (const QByteArray &line : lines) {
        const QRegularExpression &shape = line.startsWith('#') ? comment : sample;
        QVERIFY2(shape.match(QString::fromUtf8(line)).hasMatch(), line.constData());
    }
}

void TestPrometheusExporter::helpAndTypeOncePerFamilyAndGrouped()
{
    QHash<QByteArray, int> helps;
    QHash<QByteArray, int> types;
    QByteArray current;
    QSet<QByteArray> finished;
    for (const QByteArray &line : m_text.split('\n')) {
        const QList<QByteArray> words = line.split(' ');
        if (line.startsWith("# HELP "))
            ++helps[words[2]];
        if (line.startsWith("# TYPE ")) {
            ++types[words[2]];
            if (!current.isEmpty())
                finished.insert(current);
            current = words[2];
            QVERIFY2(!finished.contains(current), line.constData()); // a family seen again later
        }
        if (!line.isEmpty() && !line.startsWith('#')) {
            const QByteArray name = line.left(line.indexOf(line.contains('{') ? '{' : ' '));
            QCOMPARE(name, current); // each sample sits under its own family's TYPE
        }
    }
    QVERIFY(types.size() > 40);
    QCOMPARE(helps.keys().size(), types.keys().size());
    for (auto it = types.cbegin(); it != types.cend(); ++it) {
        QVERIFY2(it.value() == 1, it.key().constData());
        QVERIFY2(helps.value(it.key()) == 1, it.key().constData());
    }
    QVERIFY(m_text.contains("# TYPE vantage_cpu_seconds_total counter\n"));
    QVERIFY(m_text.contains("# TYPE vantage_memory_total_bytes gauge\n"));
    QVERIFY(m_text.contains("# TYPE vantage_self_errors_total counter\n"));
}

void TestPrometheusExporter::labelValuesAreEscaped()
{
    // /mnt/we"ird\dir: the quote becomes \" and the backslash \\, so the line reads back as one
    // label; the os string's line feed becomes \n and keeps the sample on one line.
    QVERIFY(m_text.contains("vantage_filesystem_size_bytes{mount=\"/mnt/we\\\"ird\\\\dir\","
                            "device=\"/dev/sda1\",fstype=\"ext4\"} 107374182400\n"));
    QVERIFY(m_text.contains(",os=\"Test OS \\\"12\\\"\\nsecond line\","));
    QVERIFY(!m_text.contains("\nsecond line"));
}

void TestPrometheusExporter::offlineCpuAndEmptyListsLeaveFamiliesOut()
{
    const QByteArray text = PrometheusExporter::render(sparseSnapshot(), HostInfo{});
    const QHash<QByteArray, QByteArray> values = samples(text);
    QCOMPARE(values.value("vantage_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}"), QByteArray("8"));
    QCOMPARE(values.value("vantage_cpu_core_busy_ratio{cpu=\"0\"}"), QByteArray("0.1"));
    QVERIFY(!text.contains("cpu=\"1\""));
    for (const char *family :
         {"vantage_filesystem_", "vantage_disk_", "vantage_network_", "vantage_temperature_",
          "vantage_pressure_", "vantage_cpu_frequency_", "vantage_fan_", "vantage_power_supply_",
          "vantage_cgroup_", "vantage_gpu_", "vantage_uptime_seconds", "vantage_boot_time_seconds"})
        QVERIFY2(!text.contains(family), family);
    QCOMPARE(values.value("vantage_memory_total_bytes"), QByteArray("0"));
    QCOMPARE(values.value("vantage_info{hostname=\"\",kernel=\"\",os=\"\",cpu_model=\"\",version="
                          "\"" VANTAGE_VERSION "\"}"),
             QByteArray("1"));
}

// A sleeping GPU is visible as such: its suspended flag and the VRAM read without waking it, and
// no line at all for what was not read (no 0 load, no temperature).
void TestPrometheusExporter::gpuFamiliesAndASleepingGpu()
{
    QVERIFY(m_text.contains(
        "# HELP vantage_gpu_suspended 1 while the GPU is runtime-suspended (asleep) and only its "
        "non-waking values are read, else 0.\n"
        "# TYPE vantage_gpu_suspended gauge\n"
        "vantage_gpu_suspended{gpu=\"0000:03:00.0\",vendor=\"amd\",name=\"Radeon RX 6800\"} 0\n"
        "vantage_gpu_suspended{gpu=\"0000:07:00.0\",vendor=\"amd\",name=\"Radeon RX 6500M\"} "
        "1\n"));
    QVERIFY(m_text.contains(
        "# HELP vantage_gpu_temperature_celsius GPU temperature.\n"
        "# TYPE vantage_gpu_temperature_celsius gauge\n"
        "vantage_gpu_temperature_celsius{gpu=\"0000:03:00.0\",vendor=\"amd\",name=\"Radeon RX "
        "6800\"} 45\n#"));
    QByteArrayList asleep;
    for (const QByteArray &line : m_text.split('\n')) {
        if (line.contains("gpu=\"0000:07:00.0\""))
            asleep.append(line);
    }
    // 256 MiB = 256 x 1048576 = 268435456; 4 GiB = 4 x 1073741824 = 4294967296
    const QByteArray labels = "{gpu=\"0000:07:00.0\",vendor=\"amd\",name=\"Radeon RX 6500M\"}";
    QCOMPARE(asleep, QByteArrayList({"vantage_gpu_suspended" + labels + " 1",
                                     "vantage_gpu_vram_used_bytes" + labels + " 268435456",
                                     "vantage_gpu_vram_total_bytes" + labels + " 4294967296"}));
}

void TestPrometheusExporter::promtoolChecksCleanly_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("known snapshot") << PrometheusExporter::render(knownSnapshot(), knownHost());
    QTest::newRow("sparse snapshot") << PrometheusExporter::render(sparseSnapshot(), HostInfo{});
}

// promtool also lints: names, units, _total on counters only, HELP present.
void TestPrometheusExporter::promtoolChecksCleanly()
{
    QFETCH(QByteArray, text);
    const QString promtool = qEnvironmentVariable("VANTAGE_PROMTOOL");
    if (promtool.isEmpty() || !QFileInfo(promtool).isExecutable())
        QFAIL(qPrintable("promtool not found at '" + promtool +
                         "' (VANTAGE_PROMTOOL): run scripts/prometheus.sh once"));
    QProcess process;
    process.start(promtool, {"check", "metrics"});
    QVERIFY(process.waitForStarted());
    process.write(text);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY2(output.isEmpty(), output.constData());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestPrometheusExporter)
#include "tst_prometheusexporter.moc"

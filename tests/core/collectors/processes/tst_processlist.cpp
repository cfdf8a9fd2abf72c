#include "collectors/processes/processlist.h"
#include "fakeprocroot.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

// The full process list against a fixture procfs, with the clock tick (100) and page size
// (4096) fixed so that every expected value below is worked out by hand from the files.
// Machine: btime 1700000000 s; MemTotal 1000000 kB = 1024000000 bytes.
class TstProcessList : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstScanListsEveryColumn();
    void secondScanSendsOnlyWhatChanged();
    void reusedPidIsRemovedAndAdded();
    void gpuColumnsFromDrmClients();
    void vendorGpuUseIsAdded();
    void unitFromCgroupPaths_data();
    void unitFromCgroupPaths();

private:
    // One /proc/<pid>/stat line; fields not named here are filler the list does not read.
    static QByteArray stat(int pid, const char *comm, char state, int ppid, int utime, int stime,
                           int nice, int threads, int startTicks, int rssPages);
    void writeProcess100(char state, int utime, int stime, int readBytes);
    void writeDrmClient100(const char *renderNs);
    static QJsonObject json(const char *text);

    std::unique_ptr<FakeProcRoot> m_root;
};

namespace {
constexpr qint64 NsPerSecond = 1'000'000'000;
constexpr double ClockTick = 100;
constexpr quint64 PageSize = 4096;
} // namespace

QByteArray TstProcessList::stat(int pid, const char *comm, char state, int ppid, int utime,
                                int stime, int nice, int threads, int startTicks, int rssPages)
{
    // Fields 1-24 in proc(5) order: pid comm state ppid pgrp session tty tpgid flags minflt
    // cminflt majflt cmajflt utime stime cutime cstime priority nice threads itreal starttime
    // vsize rss, then the rest.
    return QStringLiteral("%1 (%2) %3 %4 %1 %1 0 -1 4194560 10 0 0 0 %5 %6 0 0 20 %7 %8 0 %9 "
                          "1000000 %10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0\n")
        .arg(pid)
        .arg(QString::fromUtf8(comm))
        .arg(QLatin1Char(state))
        .arg(ppid)
        .arg(utime)
        .arg(stime)
        .arg(nice)
        .arg(threads)
        .arg(startTicks)
        .arg(rssPages)
        .toUtf8();
}

QJsonObject TstProcessList::json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

void TstProcessList::writeProcess100(char state, int utime, int stime, int readBytes)
{
    QVERIFY(m_root->write(QStringLiteral("100/stat"),
                          stat(100, "my app", state, 1, utime, stime, 5, 3, 12345, 2500)));
    QVERIFY(m_root->write(QStringLiteral("100/io"),
                          QStringLiteral("rchar: 1\nwchar: 2\nsyscr: 0\nsyscw: 0\nread_bytes: %1\n"
                                         "write_bytes: 8192\ncancelled_write_bytes: 0\n")
                              .arg(readBytes)
                              .toUtf8()));
}

void TstProcessList::init()
{
    m_root = std::make_unique<FakeProcRoot>();
    QVERIFY(m_root->write(QStringLiteral("stat"), "cpu  1 2 3 4 0 0 0 0 0 0\nbtime 1700000000\n"));
    QVERIFY(m_root->write(QStringLiteral("meminfo"),
                          "MemTotal:        1000000 kB\nMemFree:          500000 kB\n"));
    writeProcess100('S', 250, 50, 4096);
    QVERIFY(m_root->write(QStringLiteral("100/status"), "Name:\tmy app\nUid:\t0\t0\t0\t0\n"));
    QVERIFY(
        m_root->write(QStringLiteral("100/cmdline"), QByteArray("/usr/bin/my app\0--flag\0", 23)));
    QVERIFY(m_root->write(QStringLiteral("100/cgroup"), "0::/system.slice/nginx.service\n"));
    // 200: a uid with no passwd entry, no io file (unreadable), a kernel thread's empty cmdline.
    QVERIFY(m_root->write(QStringLiteral("200/stat"),
                          stat(200, "kworker/0:1", 'I', 2, 0, 7, -20, 1, 40, 0)));
    QVERIFY(
        m_root->write(QStringLiteral("200/status"), "Name:\tkworker\nUid:\t4242421\t0\t0\t0\n"));
    QVERIFY(m_root->write(QStringLiteral("200/cmdline"), ""));
    QVERIFY(m_root->write(QStringLiteral("200/cgroup"), "0::/\n"));
    // Not processes: ignored.
    QVERIFY(m_root->write(QStringLiteral("self/stat"), "garbage"));
    QVERIFY(m_root->write(QStringLiteral("sys/kernel/x"), "1"));
}

void TstProcessList::firstScanListsEveryColumn()
{
    ProcessList list(m_root->path(), ClockTick, PageSize);
    const ProcessDelta delta = list.update(1 * NsPerSecond);
    // rss 2500 pages * 4096 = 10240000 bytes; memPercent 10240000 / 1024000000 * 100 = 1.
    // startTime 1700000000 s * 1000 + 12345 ticks / 100 * 1000 = 1700000123450 ms.
    // No previous sample yet: cpu and the byte rates are null.
    const QJsonObject first = json(R"({"pid":100,"ppid":1,"user":"root","name":"my app",
        "cmdline":"/usr/bin/my app --flag","state":"S","cpu":null,"rss":10240000,
        "memPercent":1,"threads":3,"nice":5,"startTime":1700000123450,"readBps":null,
        "writeBps":null,"unit":"nginx.service","gpu":null,"gpuMem":null})");
    // startTime 1700000000000 + 40 / 100 * 1000 = 1700000000400; rss 0, so memPercent 0.
    const QJsonObject second = json(R"({"pid":200,"ppid":2,"user":"4242421","name":"kworker/0:1",
        "cmdline":"","state":"I","cpu":null,"rss":0,"memPercent":0,"threads":1,"nice":-20,
        "startTime":1700000000400,"readBps":null,"writeBps":null,"unit":null,"gpu":null,
        "gpuMem":null})");
    QCOMPARE(list.rows(), QJsonArray({first, second}));
    QCOMPARE(delta.added, QJsonArray({first, second}));
    QVERIFY(delta.removed.isEmpty());
    QVERIFY(delta.changed.isEmpty());
}

void TstProcessList::secondScanSendsOnlyWhatChanged()
{
    ProcessList list(m_root->path(), ClockTick, PageSize);
    list.update(1 * NsPerSecond);
    // Two seconds later: 100 used 100 utime + 20 stime ticks = 1.2 s of CPU in 2 s, 60 % of one
    // core; it read 24576 - 4096 = 20480 bytes, 10240 per second, and wrote nothing (0, no
    // longer null). 200 is gone, 300 is new.
    writeProcess100('R', 350, 70, 24576);
    m_root->write(QStringLiteral("200/stat"), "");
    QVERIFY(m_root->write(QStringLiteral("300/stat"),
                          stat(300, "sleep", 'S', 100, 0, 0, 0, 1, 5000, 100)));
    QVERIFY(m_root->write(QStringLiteral("300/cgroup"),
                          "0::/user.slice/user-1000.slice/session-3.scope\n"));
    const ProcessDelta delta = list.update(3 * NsPerSecond);

    QCOMPARE(delta.changed, QJsonArray({json(R"({"pid":100,"state":"R","cpu":60,
        "readBps":10240,"writeBps":0})")}));
    QCOMPARE(delta.removed, QJsonArray({200}));
    // No status or cmdline file: user and cmdline null. rss 100 * 4096 = 409600;
    // memPercent 409600 / 1024000000 * 100 = 0.04; startTime 1700000000000 + 50000.
    QCOMPARE(delta.added, QJsonArray({json(R"({"pid":300,"ppid":100,"user":null,"name":"sleep",
        "cmdline":null,"state":"S","cpu":null,"rss":409600,"memPercent":0.04,"threads":1,
        "nice":0,"startTime":1700000050000,"readBps":null,"writeBps":null,
        "unit":"session-3.scope","gpu":null,"gpuMem":null})")}));
    QCOMPARE(list.size(), 2);

    writeProcess100('R', 350, 70, 24576);
    const ProcessDelta still = list.update(5 * NsPerSecond);
    // 100 used no CPU and read nothing: cpu and readBps 0; 300 has its first cpu, 0 (its io
    // is still unreadable, so its rates stay null). Nothing else changed.
    QCOMPARE(still.changed, QJsonArray({json(R"({"pid":100,"cpu":0,"readBps":0})"),
                                        json(R"({"pid":300,"cpu":0})")}));
    // Nothing moved since: an empty delta.
    QVERIFY(list.update(7 * NsPerSecond).isEmpty());
}

void TstProcessList::reusedPidIsRemovedAndAdded()
{
    ProcessList list(m_root->path(), ClockTick, PageSize);
    list.update(1 * NsPerSecond);
    // Same PID, a later start time: another process, whose rates start over (null).
    QVERIFY(m_root->write(QStringLiteral("100/stat"),
                          stat(100, "other", 'S', 1, 0, 0, 0, 1, 99999, 0)));
    const ProcessDelta delta = list.update(2 * NsPerSecond);
    QCOMPARE(delta.removed, QJsonArray({100}));
    QCOMPARE(delta.added.size(), 1);
    const QJsonObject row = delta.added.first().toObject();
    QCOMPARE(row.value(QStringLiteral("name")).toString(), QStringLiteral("other"));
    QVERIFY(row.value(QStringLiteral("cpu")).isNull());
    // 1700000000000 + 99999 / 100 * 1000 = 1700000999990.
    QCOMPARE(row.value(QStringLiteral("startTime")).toDouble(), 1700000999990.0);
}

// PID 100 holds one i915 client through fd 5 (a link to /dev/dri/renderD128, as the kernel's),
// 2048 KiB resident.
void TstProcessList::writeDrmClient100(const char *renderNs)
{
    QVERIFY(m_root->write(QStringLiteral("100/fdinfo/5"),
                          QByteArray("pos:\t0\nflags:\t02100002\ndrm-driver:\ti915\n"
                                     "drm-client-id:\t7\ndrm-pdev:\t0000:00:02.0\n"
                                     "drm-resident-system0:\t2048 KiB\ndrm-engine-render:\t") +
                              renderNs + " ns\n"));
}

void TstProcessList::gpuColumnsFromDrmClients()
{
    QVERIFY(QDir().mkpath(m_root->path() + QStringLiteral("/100/fd")));
    QVERIFY(QFile::link(QStringLiteral("/dev/dri/renderD128"),
                        m_root->path() + QStringLiteral("/100/fd/5")));
    writeDrmClient100("1000000000");
    ProcessList list(m_root->path(), ClockTick, PageSize);
    list.update(1 * NsPerSecond);
    // One sample: memory 2048 KiB = 2097152 bytes, no rate yet. 200 holds no DRM file: null.
    const QJsonArray first = list.rows();
    QCOMPARE(first.at(0)[QStringLiteral("gpu")], QJsonValue());
    QCOMPARE(first.at(0)[QStringLiteral("gpuMem")], QJsonValue(2097152));
    QCOMPARE(first.at(1)[QStringLiteral("gpu")], QJsonValue());
    QCOMPARE(first.at(1)[QStringLiteral("gpuMem")], QJsonValue());

    // Two seconds later render went 1e9 -> 1.5e9 ns busy: 5e8 / 2e9 = 25 %.
    writeDrmClient100("1500000000");
    const ProcessDelta delta = list.update(3 * NsPerSecond);
    QCOMPARE(delta.changed.at(0)[QStringLiteral("pid")], QJsonValue(100));
    QCOMPARE(delta.changed.at(0)[QStringLiteral("gpu")], QJsonValue(25));
    QCOMPARE(list.rows().at(0)[QStringLiteral("gpuMem")], QJsonValue(2097152));
    // The detail panel shows the scan's values.
    const QJsonObject detail = list.detail(100);
    QCOMPARE(detail[QStringLiteral("gpu")], QJsonValue(25));
    QCOMPARE(detail[QStringLiteral("gpuMem")], QJsonValue(2097152));
}

void TstProcessList::vendorGpuUseIsAdded()
{
    QVERIFY(QDir().mkpath(m_root->path() + QStringLiteral("/100/fd")));
    QVERIFY(QFile::link(QStringLiteral("/dev/dri/renderD128"),
                        m_root->path() + QStringLiteral("/100/fd/5")));
    writeDrmClient100("1000000000");
    GpuProcessUse vendor;
    // NVML: 100 on an NVIDIA GPU as well, 30 % of its SMs and 1 GiB; 200 with memory only.
    vendor.publish({{100, {30.0, 1073741824}}, {200, {std::nullopt, 1048576}}});
    ProcessList list(m_root->path(), ClockTick, PageSize);
    list.setVendorGpuUse(&vendor);
    list.update(1 * NsPerSecond);
    writeDrmClient100("1500000000");
    list.update(3 * NsPerSecond);
    const QJsonArray rows = list.rows();
    // 100: its i915 client's 25 % (5e8 ns busy in 2 s) + 30 = 55 %; 2048 KiB = 2097152 bytes of
    // the client + 1073741824 = 1075838976 bytes.
    QCOMPARE(rows.at(0)[QStringLiteral("gpu")], QJsonValue(55));
    QCOMPARE(rows.at(0)[QStringLiteral("gpuMem")], QJsonValue(1075838976));
    // 200: no DRM client, no SM figure from NVML: gpu stays null, memory is NVML's.
    QCOMPARE(rows.at(1)[QStringLiteral("gpu")], QJsonValue());
    QCOMPARE(rows.at(1)[QStringLiteral("gpuMem")], QJsonValue(1048576));
}

void TstProcessList::unitFromCgroupPaths_data()
{
    QTest::addColumn<QByteArray>("cgroup");
    QTest::addColumn<QJsonValue>("unit");
    const QJsonValue none = QJsonValue::Null;
    QTest::newRow("v2 service") << QByteArray("0::/system.slice/nginx.service\n")
                                << QJsonValue(QStringLiteral("nginx.service"));
    QTest::newRow("v2 docker scope")
        << QByteArray("0::/system.slice/docker-0123456789abcdef0123456789abcdef.scope\n")
        << QJsonValue(QStringLiteral("docker-0123456789ab"));
    QTest::newRow("v1 docker, hybrid unified at the root")
        << QByteArray("12:pids:/docker/abcdef0123456789\n1:name=systemd:/docker/abcdef0123456789\n"
                      "0::/docker/abcdef0123456789\n")
        << QJsonValue(QStringLiteral("docker-abcdef012345"));
    QTest::newRow("v1 only, systemd hierarchy")
        << QByteArray("4:memory:/system.slice/cron.service\n1:name=systemd:/system.slice/"
                      "cron.service\n")
        << QJsonValue(QStringLiteral("cron.service"));
    QTest::newRow("user session") << QByteArray("0::/user.slice/user-1000.slice/session-3.scope\n")
                                  << QJsonValue(QStringLiteral("session-3.scope"));
    QTest::newRow("innermost user unit")
        << QByteArray("0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-foo.scope\n")
        << QJsonValue(QStringLiteral("app-foo.scope"));
    QTest::newRow("podman") << QByteArray("0::/machine.slice/libpod-aaaabbbbccccdddd.scope/ctr\n")
                            << QJsonValue(QStringLiteral("podman-aaaabbbbcccc"));
    QTest::newRow("containerd")
        << QByteArray("0::/kubepods/burstable/cri-containerd-1234567890abcdef.scope\n")
        << QJsonValue(QStringLiteral("containerd-1234567890ab"));
    QTest::newRow("lxc payload") << QByteArray("0::/lxc.payload.web1\n")
                                 << QJsonValue(QStringLiteral("lxc-web1"));
    QTest::newRow("lxc v1") << QByteArray("1:name=systemd:/lxc/db2\n")
                            << QJsonValue(QStringLiteral("lxc-db2"));
    QTest::newRow("root") << QByteArray("0::/\n") << none;
    QTest::newRow("a slice alone") << QByteArray("0::/user.slice\n") << none;
    QTest::newRow("empty") << QByteArray() << none;
}

void TstProcessList::unitFromCgroupPaths()
{
    QFETCH(QByteArray, cgroup);
    QFETCH(QJsonValue, unit);
    QCOMPARE(unitFromCgroup(cgroup), unit);
}

QTEST_GUILESS_MAIN(TstProcessList)
#include "tst_processlist.moc"

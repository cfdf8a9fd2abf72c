#include "collectors/cgroups/cgroupcollector.h"
#include "collectors/cgroups/cgroupnames.h"
#include "requireorskip.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TestCgroupCollector : public QObject
{
    Q_OBJECT

private slots:
    void unifiedLayout();
    void legacyLayout();
    void hybridLayout();
    void absentWithoutCgroupFs();
    void rowsCapped();
    void busyChildOnThisMachine();
};

namespace {

const QByteArray DockerId = "1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899";
const QByteArray PodmanId = "9f8e7d6c5b4a00112233445566778899aabbccddeeff00112233445566778899";

// A fixture tree copied where the test may rewrite its counters for the second tick.
bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + path.mid(from.size());
        const bool ok = it.fileInfo().isDir() ? QDir().mkpath(target) : QFile::copy(path, target);
        if (!ok)
            return false;
    }
    return true;
}

bool write(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

SystemPaths pathsAt(const QString &root)
{
    SystemPaths paths;
    paths.cgroupRoot = root;
    return paths;
}

const CgroupUsage *row(const Snapshot &snapshot, const QString &path)
{
    for (const CgroupUsage &usage : *snapshot.cgroups) {
        if (usage.path == path)
            return &usage;
    }
    return nullptr;
}

QStringList pathsOf(const Snapshot &snapshot)
{
    QStringList paths;
    for (const CgroupUsage &usage : *snapshot.cgroups)
        paths.append(usage.path);
    return paths;
}

} // namespace

void TestCgroupCollector::unifiedLayout()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(QFINDTESTDATA("fixtures/v2"), dir.path()));
    CgroupNames::setDockerRoot(QFINDTESTDATA("fixtures/docker"));
    CgroupCollector collector(pathsAt(dir.path()));
    Snapshot snapshot;
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(snapshot.cgroups);
    // Units, slices, sessions and containers; not the mount unit, nginx's own sub-group, podman's
    // monitor, nor foo.service five levels down.
    const QString user = QStringLiteral("/user.slice/user-1000.slice");
    QCOMPARE(
        pathsOf(snapshot),
        QStringList({"/init.scope", "/machine.slice",
                     "/machine.slice/libpod-" + QString::fromLatin1(PodmanId) + ".scope",
                     "/system.slice",
                     "/system.slice/docker-" + QString::fromLatin1(DockerId) + ".scope",
                     "/system.slice/nginx.service", "/user.slice", user, user + "/session-2.scope",
                     user + "/user@1000.service", user + "/user@1000.service/app.slice"}));
    const CgroupUsage *nginx = row(snapshot, QStringLiteral("/system.slice/nginx.service"));
    QCOMPARE(nginx->name, QStringLiteral("nginx.service"));
    QCOMPARE(nginx->kind, QStringLiteral("service"));
    QVERIFY(nginx->runtime.isEmpty());
    QVERIFY(!nginx->cpu); // a first reading has no rate
    QVERIFY(!nginx->readBps);
    // memory.current 104 857 600 less inactive_file 4 194 304 = 100 663 296.
    QCOMPARE(nginx->memory, 100663296u);
    QCOMPARE(nginx->memoryLimit, 268435456u); // memory.max: 256 MiB
    QCOMPARE(nginx->pids, 3u);
    // Docker's own name from its state file; podman by short id.
    const CgroupUsage *web =
        row(snapshot, "/system.slice/docker-" + QString::fromLatin1(DockerId) + ".scope");
    QCOMPARE(web->name, QStringLiteral("web"));
    QCOMPARE(web->kind, QStringLiteral("container"));
    QCOMPARE(web->runtime, QStringLiteral("docker"));
    const CgroupUsage *pod =
        row(snapshot, "/machine.slice/libpod-" + QString::fromLatin1(PodmanId) + ".scope");
    QCOMPARE(pod->name, QStringLiteral("podman-9f8e7d6c5b4a"));
    QCOMPARE(pod->memory, 2097152u); // no memory.stat: the usage as it is
    QVERIFY(!pod->memoryLimit);      // memory.max "max": no limit
    QCOMPARE(row(snapshot, user + "/session-2.scope")->kind, QStringLiteral("session"));
    QCOMPARE(row(snapshot, QStringLiteral("/user.slice"))->kind, QStringLiteral("slice"));

    // Second tick, 1 s later. nginx: usage_usec 1 000 000 → 1 500 000 = 50 % of one core;
    // rbytes 1000 + 500 → 4000 + 500 = 3000 B/s; wbytes 2000 + 0 → 2000 + 1000 = 1000 B/s.
    const QString nginxDir = dir.path() + QStringLiteral("/system.slice/nginx.service/");
    QVERIFY(write(nginxDir + "cpu.stat", "usage_usec 1500000\nuser_usec 1\nsystem_usec 1\n"));
    QVERIFY(write(nginxDir + "io.stat", "8:0 rbytes=4000 wbytes=2000 rios=2 wios=2\n"
                                        "259:0 rbytes=500 wbytes=1000 rios=1 wios=1\n"));
    // init.scope ends, cron.service starts.
    QVERIFY(QDir(dir.path() + QStringLiteral("/init.scope")).removeRecursively());
    QVERIFY(QDir().mkpath(dir.path() + QStringLiteral("/system.slice/cron.service")));
    QVERIFY(write(dir.path() + QStringLiteral("/system.slice/cron.service/cpu.stat"),
                  "usage_usec 10\n"));
    Snapshot second;
    collector.collect(second, 2'000'000'000);
    nginx = row(second, QStringLiteral("/system.slice/nginx.service"));
    QCOMPARE(nginx->cpu, 50.0);
    QCOMPARE(nginx->readBps, 3000.0);
    QCOMPARE(nginx->writeBps, 1000.0);
    QVERIFY(!row(second, QStringLiteral("/init.scope")));
    const CgroupUsage *cron = row(second, QStringLiteral("/system.slice/cron.service"));
    QVERIFY(cron);
    QVERIFY(!cron->cpu); // new: no rate yet
    // The container's cpu.stat did not move: 0 %, and its missing files stay null.
    web = row(second, "/system.slice/docker-" + QString::fromLatin1(DockerId) + ".scope");
    QCOMPARE(web->cpu, 0.0);
    QVERIFY(!web->memory);
    QVERIFY(!web->memoryLimit);
    QVERIFY(!web->readBps);
    QVERIFY(!web->pids);
}

void TestCgroupCollector::legacyLayout()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(QFINDTESTDATA("fixtures/v1"), dir.path()));
    CgroupNames::setDockerRoot(dir.path() + QStringLiteral("/no-docker")); // short ids
    CgroupCollector collector(pathsAt(dir.path()));
    Snapshot snapshot;
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(snapshot.cgroups);
    // The name=systemd tree's units and containers, and vantage.scope found in cpuacct only.
    const QString docker = "/docker/" + QString::fromLatin1(DockerId);
    QCOMPARE(pathsOf(snapshot), QStringList({docker, "/system.slice", "/system.slice/nginx.service",
                                             "/vantage.scope"}));
    const CgroupUsage *nginx = row(snapshot, QStringLiteral("/system.slice/nginx.service"));
    // usage_in_bytes 52 428 800 less total_inactive_file 2 097 152 (not inactive_file, which
    // leaves out child groups) = 50 331 648.
    QCOMPARE(nginx->memory, 50331648u);
    QCOMPARE(nginx->memoryLimit, 134217728u); // memory.limit_in_bytes: 128 MiB
    QCOMPARE(nginx->pids, 7u);
    QCOMPARE(row(snapshot, docker)->name, QStringLiteral("docker-1a2b3c4d5e6f"));

    // 1 s later: cpuacct.usage 2 000 000 000 → 2 250 000 000 ns = 25 % of one core.
    // Read 4096 + 1024 = 5120 → 6144 + 1024 = 7168: 2048 B/s; Write 8192 → 8192 + 4096: 4096 B/s.
    const QString cpuacct = dir.path() + QStringLiteral("/cpuacct/system.slice/nginx.service/");
    QVERIFY(write(cpuacct + "cpuacct.usage", "2250000000\n"));
    const QString blkio = dir.path() + QStringLiteral("/blkio/system.slice/nginx.service/");
    QVERIFY(write(blkio + "blkio.throttle.io_service_bytes",
                  "8:0 Read 6144\n8:0 Write 8192\n8:16 Read 1024\n8:16 Write 4096\n"
                  "Total 19456\n"));
    Snapshot second;
    collector.collect(second, 2'000'000'000);
    nginx = row(second, QStringLiteral("/system.slice/nginx.service"));
    QCOMPARE(nginx->cpu, 25.0);
    QCOMPARE(nginx->readBps, 2048.0);
    QCOMPARE(nginx->writeBps, 4096.0);
    // The container: counters unchanged (0), "Total 0" blkio (0 B/s), one pid, no memory file.
    const CgroupUsage *container = row(second, docker);
    QCOMPARE(container->cpu, 0.0);
    QCOMPARE(container->readBps, 0.0);
    QCOMPARE(container->pids, 1u);
    QVERIFY(!container->memory);
    // Made by hand in cpuacct only: CPU, nothing else.
    const CgroupUsage *byHand = row(second, QStringLiteral("/vantage.scope"));
    QCOMPARE(byHand->cpu, 0.0);
    QVERIFY(!byHand->memory);
    QVERIFY(!byHand->pids);
}

void TestCgroupCollector::hybridLayout()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(QFINDTESTDATA("fixtures/hybrid"), dir.path()));
    CgroupCollector collector(pathsAt(dir.path()));
    Snapshot snapshot;
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(snapshot.cgroups);
    QCOMPARE(pathsOf(snapshot), QStringList({"/system.slice", "/system.slice/cron.service",
                                             "/system.slice/nginx.service"}));
    // Half a second later. cron has no cpuacct group: the unified tree's usage_usec
    // 3 000 000 → 3 250 000 = 250 000 µs in 500 000 µs = 50 %. nginx has one, which wins:
    // 4 000 000 000 → 4 100 000 000 ns in 0.5 s = 20 % (its unified count would give 4400 %).
    const QString unified = dir.path() + QStringLiteral("/unified/system.slice/");
    QVERIFY(write(unified + "cron.service/cpu.stat", "usage_usec 3250000\n"));
    QVERIFY(write(unified + "nginx.service/cpu.stat", "usage_usec 99000000\n"));
    QVERIFY(write(dir.path() + QStringLiteral("/cpuacct/system.slice/nginx.service/cpuacct.usage"),
                  "4100000000\n"));
    collector.collect(snapshot, 1'500'000'000);
    const CgroupUsage *cron = row(snapshot, QStringLiteral("/system.slice/cron.service"));
    QCOMPARE(cron->cpu, 50.0);
    QVERIFY(!cron->memory); // no memory group, no blkio or pids hierarchy: null
    QVERIFY(!cron->readBps);
    QVERIFY(!cron->pids);
    const CgroupUsage *nginx = row(snapshot, QStringLiteral("/system.slice/nginx.service"));
    QCOMPARE(nginx->cpu, 20.0);
    // usage 10 485 760 less total_inactive_file 20 971 520 is below 0: 0, never wrapped.
    QCOMPARE(nginx->memory, 0u);
    // limit_in_bytes 9 223 372 036 854 771 712 is v1's "no limit" (2^63 less a 4 KiB page).
    QVERIFY(!nginx->memoryLimit);
    QVERIFY(!row(snapshot, QStringLiteral("/system.slice"))->cpu); // no file says its CPU
}

void TestCgroupCollector::absentWithoutCgroupFs()
{
    QTemporaryDir dir;
    CgroupCollector collector(pathsAt(dir.path()));
    Snapshot snapshot;
    snapshot.cgroups = QList<CgroupUsage>();
    collector.collect(snapshot, 1'000'000'000);
    QVERIFY(!snapshot.cgroups);
    // A --sys-root without fs/cgroup has none either.
    SystemPaths paths;
    paths.sysRoot = dir.path();
    CgroupCollector fromSysRoot(paths);
    fromSysRoot.collect(snapshot, 1'000'000'000);
    QVERIFY(!snapshot.cgroups);
}

void TestCgroupCollector::rowsCapped()
{
    QTemporaryDir dir;
    QVERIFY(write(dir.path() + QStringLiteral("/cgroup.controllers"), "cpu\n"));
    for (int i = 0; i < CgroupCollector::MaxRows + 88; ++i)
        QVERIFY(
            QDir().mkpath(dir.path() + QStringLiteral("/run-%1.scope").arg(i, 4, 10, QChar(u'0'))));
    CgroupCollector collector(pathsAt(dir.path()));
    Snapshot snapshot;
    collector.collect(snapshot, 1'000'000'000);
    QCOMPARE(snapshot.cgroups->size(), 512);
    // In name order: run-0000 … run-0511.
    QCOMPARE(snapshot.cgroups->last().name, QStringLiteral("run-0511.scope"));
}

void TestCgroupCollector::busyChildOnThisMachine()
{
    const QString root = QStringLiteral("/sys/fs/cgroup");
    const QStringList controllers{QStringLiteral("cpuacct"), QStringLiteral("memory"),
                                  QStringLiteral("pids")};
    VANTAGE_REQUIRE_OR_SKIP(::geteuid() == 0, "making cgroups needs root");
    VANTAGE_REQUIRE_OR_SKIP(QFile::exists(root + QStringLiteral("/cpuacct/cgroup.procs")),
                            "this machine has no v1 cpuacct hierarchy");
    const QString name = QStringLiteral("vantage-test-%1.scope").arg(::getpid());
    QProcess child;
    // Whatever happens below: the child ends, then its groups go (a group with a task in it
    // cannot be removed).
    const auto cleanup = qScopeGuard([&] {
        if (child.state() != QProcess::NotRunning) {
            child.kill();
            child.waitForFinished(10000);
        }
        for (const QString &controller : controllers)
            QDir(root + u'/' + controller).rmdir(name);
    });
    for (const QString &controller : controllers)
        QVERIFY(QDir(root + u'/' + controller).mkdir(name));
    child.start(QStringLiteral("sh"),
                {QStringLiteral("-c"), QStringLiteral("while :; do :; done")});
    QVERIFY(child.waitForStarted());
    for (const QString &controller : controllers) {
        QVERIFY(write(root + u'/' + controller + u'/' + name + QStringLiteral("/cgroup.procs"),
                      QByteArray::number(child.processId())));
    }
    CgroupCollector collector{SystemPaths()};
    QElapsedTimer clock;
    clock.start();
    Snapshot snapshot;
    collector.collect(snapshot, clock.nsecsElapsed());
    qint64 lastMs = 0;
    // A busy loop keeps one core busy: near 100 % of one core, between 60 and 140 % allowing
    // for the other core's load. Each try measures half a second or more since the one before,
    // long against the scheduler tick that charges a running task.
    double cpu = -1;
    const bool busy = QTest::qWaitFor(
        [&] {
            if (clock.elapsed() - lastMs < 500)
                return false;
            lastMs = clock.elapsed();
            collector.collect(snapshot, clock.nsecsElapsed());
            const CgroupUsage *mine = snapshot.cgroups ? row(snapshot, u'/' + name) : nullptr;
            cpu = mine && mine->cpu ? *mine->cpu : -1;
            return cpu >= 60 && cpu <= 140;
        },
        20000);
    QVERIFY2(busy, qPrintable(QStringLiteral("last reading %1 %").arg(cpu)));
    const CgroupUsage *mine = row(snapshot, u'/' + name);
    QCOMPARE(mine->kind, QStringLiteral("scope"));
    QCOMPARE(mine->pids, 1u); // sh itself
    QVERIFY(mine->memory);
}

QTEST_GUILESS_MAIN(TestCgroupCollector)
#include "tst_cgroupcollector.moc"

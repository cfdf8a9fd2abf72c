#include "collectors/disks/diskcollector.h"

#include "gate.h"
#include "requireorskip.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>

namespace {

constexpr qint64 Second = 1'000'000'000;

// One /proc/diskstats line in the kernel's 20-field layout; only sectors read (field 6) and
// sectors written (field 10) carry numbers.
QByteArray diskStatsLine(uint major, uint minor, const char *name, quint64 read, quint64 written)
{
    return QStringLiteral("%1 %2 %3 0 0 %4 0 0 0 %5 0 0 0 0 0 0 0 0 0 0\n")
        .arg(major, 4)
        .arg(minor, 7)
        .arg(QLatin1StringView(name))
        .arg(read)
        .arg(written)
        .toLatin1();
}

QStringList mounts(const Snapshot &snapshot)
{
    QStringList paths;
    for (const DiskUsage &disk : snapshot.disks)
        paths.append(disk.mount);
    return paths;
}

const DiskUsage *findMount(const Snapshot &snapshot, const QString &mount)
{
    for (const DiskUsage &disk : snapshot.disks) {
        if (disk.mount == mount)
            return &disk;
    }
    return nullptr;
}

// Size of the real root, computed here independently of the collector.
struct RootSize
{
    quint64 total = 0;
    quint64 used = 0;
    quint64 block = 0;

    friend bool operator==(const RootSize &, const RootSize &) = default;
};

RootSize statRoot()
{
    struct statvfs vfs = {};
    if (::statvfs("/", &vfs) != 0)
        return {};
    return {vfs.f_blocks * vfs.f_frsize, (vfs.f_blocks - vfs.f_bfree) * vfs.f_frsize, vfs.f_frsize};
}

// The type of the filesystem mounted last on / (the one visible), read straight from the file.
QByteArray rootFsType()
{
    QFile file(QStringLiteral("/proc/self/mounts"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray type;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() > 2 && fields[1] == "/")
            type = fields[2];
    }
    return type;
}

// "df -B1 /" prints a header, then: device, size, used, available, use%, mount.
std::optional<RootSize> dfRoot()
{
    QProcess df;
    df.start(QStringLiteral("df"), {QStringLiteral("-B1"), QStringLiteral("/")});
    if (!df.waitForFinished() || df.exitCode() != 0)
        return std::nullopt;
    const QList<QByteArray> lines = df.readAllStandardOutput().trimmed().split('\n');
    const QList<QByteArray> fields = lines.last().simplified().split(' ');
    if (fields.size() < 6)
        return std::nullopt;
    return RootSize{fields[1].toULongLong(), fields[2].toULongLong(), 0};
}

} // namespace

class TestDiskCollector : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void listsRealFilesystemsWithSizes();
    void ratesOverOneTick_data();
    void ratesOverOneTick();
    void counterGoingBackwardsGivesZero();
    void deviceLeavingDiskStats();
    void mountTableRereadOnlyOnReload();
    void mountThatCannotBeStatted();
    void emptyFilesystemLeftOut();
    void missingDiskStats();
    void liveRootMatchesStatvfsAndDf();
    void reloadsWhenKernelFlagsMountChange();
    void hungShareDoesNotStallTheTick();

private:
    std::unique_ptr<DiskCollector> makeCollector();
    void writeFile(const QString &relative, const QByteArray &text);
    void writeDiskStats(quint64 sda2Read, quint64 sda2Written, quint64 sdb1Written);

    std::unique_ptr<QTemporaryDir> m_root;
    SystemPaths m_paths;
    QHash<QString, FsStats> m_filesystems; // what the injected statvfs answers, by mount path
};

void TestDiskCollector::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_paths.procRoot = m_root->path();
    QVERIFY(QDir(m_root->path()).mkpath(QStringLiteral("self")));
    QFile mountsFixture(QFINDTESTDATA("fixtures/mounts-collector"));
    QVERIFY(mountsFixture.open(QIODevice::ReadOnly));
    writeFile(QStringLiteral("self/mounts"), mountsFixture.readAll());
    writeDiskStats(9000, 16992, 64000);
    // / has 50 000 000 bytes reserved for root: 1e9 - 4e8 used - 5.5e8 available.
    m_filesystems = {
        {QStringLiteral("/"), FsStats{1'000'000'000, 400'000'000, 550'000'000, makedev(8, 2)}},
        {QStringLiteral("/boot/efi"), FsStats{536'870'912, 6'291'456, 530'579'456, makedev(8, 1)}},
        {QStringLiteral("/srv/data"),
         FsStats{2'000'000'000, 1'500'000'000, 500'000'000, makedev(8, 17)}},
    };
}

std::unique_ptr<DiskCollector> TestDiskCollector::makeCollector()
{
    return std::make_unique<DiskCollector>(m_paths,
                                           [this](const QString &mount) -> std::optional<FsStats> {
                                               const auto found = m_filesystems.constFind(mount);
                                               if (found == m_filesystems.constEnd())
                                                   return std::nullopt;
                                               return *found;
                                           });
}

// Rewrites in place: the collector keeps the file open, as it keeps /proc files open.
void TestDiskCollector::writeFile(const QString &relative, const QByteArray &text)
{
    QFile file(m_paths.proc(relative));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(text), text.size());
}

// sda1 (/boot/efi) never moves: 1200 sectors read, 8 written. sdb1 (/srv/data) reads 2000.
void TestDiskCollector::writeDiskStats(quint64 sda2Read, quint64 sda2Written, quint64 sdb1Written)
{
    writeFile(QStringLiteral("diskstats"),
              diskStatsLine(8, 0, "sda", 10200 + sda2Read, 17000 + sda2Written) +
                  diskStatsLine(8, 1, "sda1", 1200, 8) +
                  diskStatsLine(8, 2, "sda2", sda2Read, sda2Written) +
                  diskStatsLine(8, 17, "sdb1", 2000, sdb1Written));
}

void TestDiskCollector::listsRealFilesystemsWithSizes()
{
    auto collector = makeCollector();
    Snapshot snapshot;
    collector->collect(snapshot, 5 * Second);

    // proc and tmpfs dropped; sorted by mount path although the file lists /srv/data first.
    QCOMPARE(mounts(snapshot), (QStringList{QStringLiteral("/"), QStringLiteral("/boot/efi"),
                                            QStringLiteral("/srv/data")}));
    const DiskUsage &root = snapshot.disks[0];
    QCOMPARE(root.device, QStringLiteral("/dev/sda2"));
    QCOMPARE(root.fs, QStringLiteral("ext4"));
    QCOMPARE(root.total, quint64(1'000'000'000));
    QCOMPARE(root.used, quint64(400'000'000));
    // 100 * 4e8 / (4e8 + 5.5e8) = 100 * 40 / 95 = 42.105263...: reserved space counts as neither.
    QCOMPARE(root.percent, 4000.0 / 95.0);
    // 100 * 6 MiB / (6 MiB + 506 MiB) = 600 / 512 = 1.171875
    QCOMPARE(snapshot.disks[1].percent, 1.171875);
    // 100 * 1.5e9 / (1.5e9 + 0.5e9) = 75
    QCOMPARE(snapshot.disks[2].percent, 75.0);
    QCOMPARE(snapshot.disks[2].fs, QStringLiteral("xfs"));
    for (const DiskUsage &disk : std::as_const(snapshot.disks)) {
        QCOMPARE(disk.readBps, 0.0); // first tick: nothing to compare with
        QCOMPARE(disk.writeBps, 0.0);
    }
}

void TestDiskCollector::ratesOverOneTick_data()
{
    QTest::addColumn<qint64>("interval");
    QTest::addColumn<double>("rootRead");
    QTest::addColumn<double>("rootWrite");
    QTest::addColumn<double>("dataWrite");

    // sda2: read 9000 -> 11048 sectors = 2048 * 512 = 1 048 576 bytes,
    //       written 16992 -> 17092 = 100 * 512 = 51 200 bytes.
    // sdb1: written 64000 -> 66000 = 2000 * 512 = 1 024 000 bytes.
    QTest::newRow("1 s") << Second << 1'048'576.0 << 51'200.0 << 1'024'000.0;
    // The same bytes in a quarter of a second: four times the rate.
    QTest::newRow("250 ms") << Second / 4 << 4'194'304.0 << 204'800.0 << 4'096'000.0;
}

void TestDiskCollector::ratesOverOneTick()
{
    QFETCH(qint64, interval);
    QFETCH(double, rootRead);
    QFETCH(double, rootWrite);
    QFETCH(double, dataWrite);
    auto collector = makeCollector();
    Snapshot first;
    collector->collect(first, 5 * Second);
    writeDiskStats(11048, 17092, 66000);
    Snapshot second;
    collector->collect(second, 5 * Second + interval);

    QCOMPARE(second.disks[0].readBps, rootRead);
    QCOMPARE(second.disks[0].writeBps, rootWrite);
    QCOMPARE(second.disks[1].readBps, 0.0); // sda1 did not move
    QCOMPARE(second.disks[1].writeBps, 0.0);
    QCOMPARE(second.disks[2].readBps, 0.0); // sdb1 read stays at 2000
    QCOMPARE(second.disks[2].writeBps, dataWrite);
    // The counters themselves, for Prometheus: sectors since boot times 512.
    QCOMPARE(second.disks[0].readTotal, 11048ull * 512);  // 5 656 576 bytes
    QCOMPARE(second.disks[0].writeTotal, 17092ull * 512); // 8 751 104 bytes
    QCOMPARE(second.disks[2].writeTotal, 66000ull * 512); // 33 792 000 bytes
}

void TestDiskCollector::counterGoingBackwardsGivesZero()
{
    auto collector = makeCollector();
    Snapshot snapshot;
    collector->collect(snapshot, 1 * Second);
    // sda2 removed and added again: its counters restart below the last reading.
    writeDiskStats(100, 50, 64000);
    collector->collect(snapshot, 2 * Second);
    QCOMPARE(snapshot.disks[0].readBps, 0.0);
    QCOMPARE(snapshot.disks[0].writeBps, 0.0);
    // The next tick counts from the new base: (612 - 100) * 512 = 262 144 bytes in 1 s.
    writeDiskStats(612, 50, 64000);
    collector->collect(snapshot, 3 * Second);
    QCOMPARE(snapshot.disks[0].readBps, 262'144.0);
    QCOMPARE(snapshot.disks[0].writeBps, 0.0);
}

void TestDiskCollector::deviceLeavingDiskStats()
{
    auto collector = makeCollector();
    Snapshot snapshot;
    collector->collect(snapshot, 1 * Second);
    // sdb1 gone from diskstats: /srv/data is still mounted and listed, with no rate.
    writeFile(QStringLiteral("diskstats"), diskStatsLine(8, 2, "sda2", 9000, 16992));
    collector->collect(snapshot, 2 * Second);
    QCOMPARE(mounts(snapshot).size(), 3);
    QCOMPARE(snapshot.disks[2].writeBps, 0.0);
    // Back with counters above the last known ones (64000): still 0, the state was dropped.
    writeDiskStats(9000, 16992, 70000);
    collector->collect(snapshot, 3 * Second);
    QCOMPARE(snapshot.disks[2].writeBps, 0.0);
    // (71000 - 70000) * 512 = 512 000 bytes in 1 s.
    writeDiskStats(9000, 16992, 71000);
    collector->collect(snapshot, 4 * Second);
    QCOMPARE(snapshot.disks[2].writeBps, 512'000.0);
}

void TestDiskCollector::mountTableRereadOnlyOnReload()
{
    auto collector = makeCollector();
    Snapshot snapshot;
    collector->collect(snapshot, 1 * Second);
    writeFile(QStringLiteral("self/mounts"), "/dev/sda2 / ext4 rw 0 0\n"
                                             "/dev/sdc1 /mnt/usb exfat rw 0 0\n");
    m_filesystems.insert(QStringLiteral("/mnt/usb"),
                         FsStats{64'000'000, 32'000'000, 32'000'000, makedev(8, 33)});
    // A regular file never flags a change, so the old table stays until reloadMounts().
    collector->collect(snapshot, 2 * Second);
    QCOMPARE(mounts(snapshot).size(), 3);
    collector->reloadMounts();
    collector->collect(snapshot, 3 * Second);
    QCOMPARE(mounts(snapshot), (QStringList{QStringLiteral("/"), QStringLiteral("/mnt/usb")}));
    QCOMPARE(snapshot.disks[1].device, QStringLiteral("/dev/sdc1"));
    QCOMPARE(snapshot.disks[1].percent, 50.0); // 100 * 3.2e7 / (3.2e7 + 3.2e7)
}

void TestDiskCollector::mountThatCannotBeStatted()
{
    m_filesystems.remove(QStringLiteral("/boot/efi"));
    auto collector = makeCollector();
    Snapshot snapshot;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("/boot/efi")));
    collector->collect(snapshot, 1 * Second);
    QCOMPARE(mounts(snapshot), (QStringList{QStringLiteral("/"), QStringLiteral("/srv/data")}));
    QTest::failOnWarning(QRegularExpression(QStringLiteral("/boot/efi")));
    collector->collect(snapshot, 2 * Second); // logged once, not on every tick
    QCOMPARE(mounts(snapshot).size(), 2);
}

void TestDiskCollector::emptyFilesystemLeftOut()
{
    m_filesystems[QStringLiteral("/srv/data")] = FsStats{0, 0, 0, makedev(8, 17)};
    auto collector = makeCollector();
    Snapshot snapshot;
    collector->collect(snapshot, 1 * Second);
    QCOMPARE(mounts(snapshot), (QStringList{QStringLiteral("/"), QStringLiteral("/boot/efi")}));
}

void TestDiskCollector::missingDiskStats()
{
    QVERIFY(QFile::remove(m_paths.proc(QStringLiteral("diskstats"))));
    auto collector = makeCollector();
    Snapshot snapshot;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("diskstats")));
    collector->collect(snapshot, 1 * Second);
    QTest::failOnWarning(QRegularExpression(QStringLiteral("diskstats")));
    collector->collect(snapshot, 2 * Second); // logged once, not on every tick
    QCOMPARE(mounts(snapshot).size(), 3);     // sizes do not need diskstats
    QCOMPARE(snapshot.disks[0].readBps, 0.0);
    // The file comes back: one tick to learn the counters, then rates again.
    writeDiskStats(9000, 16992, 64000);
    collector->collect(snapshot, 3 * Second);
    QCOMPARE(snapshot.disks[0].readBps, 0.0);
    writeDiskStats(9512, 16992, 64000);
    collector->collect(snapshot, 4 * Second);
    QCOMPARE(snapshot.disks[0].readBps, 262'144.0); // 512 sectors * 512 bytes in 1 s
}

void TestDiskCollector::liveRootMatchesStatvfsAndDf()
{
    const QByteArray rootType = rootFsType();
    VANTAGE_REQUIRE_OR_SKIP(rootType != "overlay" && rootType != "tmpfs" && rootType != "rootfs",
                            "the root here is a container's overlay or tmpfs, which df does not "
                            "list either");
    DiskCollector collector{SystemPaths{}};
    // Other processes write to the disk meanwhile: compare only when the test's own readings
    // before and after the collector's agree.
    bool compared = false;
    for (int attempt = 0; attempt < 20 && !compared; ++attempt) {
        const RootSize before = statRoot();
        Snapshot snapshot;
        collector.collect(snapshot, attempt * Second);
        const DiskUsage *root = findMount(snapshot, QStringLiteral("/"));
        QVERIFY2(root, rootType.constData());
        if (statRoot() != before)
            continue;
        QCOMPARE(root->total, before.total);
        QCOMPARE(root->used, before.used);
        compared = true;
    }
    QVERIFY2(compared, "the root filesystem changed on every attempt");

    VANTAGE_REQUIRE_OR_SKIP(!QStandardPaths::findExecutable(QStringLiteral("df")).isEmpty(),
                            "df is not installed");
    for (int attempt = 0; attempt < 20; ++attempt) {
        Snapshot first;
        collector.collect(first, attempt * Second);
        const std::optional<RootSize> df = dfRoot();
        QVERIFY(df);
        Snapshot second;
        collector.collect(second, attempt * Second);
        const DiskUsage *root = findMount(first, QStringLiteral("/"));
        const DiskUsage *rootAgain = findMount(second, QStringLiteral("/"));
        QVERIFY(root && rootAgain);
        if (root->used != rootAgain->used)
            continue;
        const quint64 block = statRoot().block;
        QVERIFY2(qMax(root->total, df->total) - qMin(root->total, df->total) <= block,
                 qPrintable(QStringLiteral("total %1, df %2").arg(root->total).arg(df->total)));
        QVERIFY2(qMax(root->used, df->used) - qMin(root->used, df->used) <= block,
                 qPrintable(QStringLiteral("used %1, df %2").arg(root->used).arg(df->used)));
        return;
    }
    QFAIL("the root filesystem changed on every attempt");
}

void TestDiskCollector::reloadsWhenKernelFlagsMountChange()
{
    // A private mount namespace lets the test mount and unmount without touching the machine.
    VANTAGE_REQUIRE_OR_SKIP(::unshare(CLONE_NEWNS) == 0,
                            "no permission for a private mount namespace (needs CAP_SYS_ADMIN)");
    QCOMPARE(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), 0);
    QTemporaryDir target;
    const QString mountPath = QDir(target.path()).canonicalPath();
    const QByteArray path = QFile::encodeName(mountPath);
    DiskCollector collector(SystemPaths{}, [](const QString &) {
        return std::optional<FsStats>(FsStats{4096, 1024, 3072, makedev(1, 99)});
    });
    Snapshot snapshot;
    collector.collect(snapshot, 1 * Second);
    QVERIFY(!mounts(snapshot).contains(mountPath));
    // ramfs is in neither type table, so a source under /dev/ makes it a filesystem to show.
    QCOMPARE(::mount("/dev/vantage-test", path.constData(), "ramfs", 0, nullptr), 0);
    collector.collect(snapshot, 2 * Second);
    const bool seen = mounts(snapshot).contains(mountPath); // no reloadMounts(): poll() told it
    QCOMPARE(::umount(path.constData()), 0);
    QVERIFY(seen);
    collector.collect(snapshot, 3 * Second);
    QVERIFY(!mounts(snapshot).contains(mountPath));
}

// A share whose server goes away: statvfs() blocks. The tick must go on for the local disks and
// show the share's last reading, then the share's new size once it answers again.
void TestDiskCollector::hungShareDoesNotStallTheTick()
{
    writeFile(QStringLiteral("self/mounts"), "/dev/sda2 / ext4 rw 0 0\n"
                                             "nas:/export /mnt/nas nfs4 rw 0 0\n");
    auto gate = std::make_shared<Gate>();
    auto nasUsed = std::make_shared<std::atomic<quint64>>(100'000'000);
    auto rootUsed = std::make_shared<std::atomic<quint64>>(400'000'000);
    // Called on the tick's thread for / and on the share's worker thread for /mnt/nas.
    DiskCollector collector(m_paths, [=](const QString &mount) -> std::optional<FsStats> {
        if (mount == QStringLiteral("/"))
            return FsStats{1'000'000'000, *rootUsed, 1'000'000'000 - *rootUsed, makedev(8, 2)};
        gate->pass();
        return FsStats{4'000'000'000, *nasUsed, 4'000'000'000 - *nasUsed, makedev(0, 52)};
    });
    const auto nasUsedNow = [&] {
        Snapshot snapshot;
        collector.collect(snapshot, 1 * Second);
        const DiskUsage *nas = findMount(snapshot, QStringLiteral("/mnt/nas"));
        return nas ? nas->used : 0;
    };
    QTRY_COMPARE(nasUsedNow(), quint64(100'000'000));

    gate->close();
    *nasUsed = 300'000'000;
    *rootUsed = 500'000'000;
    Snapshot snapshot;
    for (int tick = 2; tick < 5; ++tick)
        collector.collect(snapshot, tick * Second); // returns: the hung call is not the tick's
    QCOMPARE(findMount(snapshot, QStringLiteral("/"))->used, quint64(500'000'000));
    QVERIFY(findMount(snapshot, QStringLiteral("/mnt/nas")));
    QCOMPARE(findMount(snapshot, QStringLiteral("/mnt/nas"))->used, quint64(100'000'000));

    gate->open();
    QTRY_COMPARE(nasUsedNow(), quint64(300'000'000));
}

QTEST_GUILESS_MAIN(TestDiskCollector)
#include "tst_diskcollector.moc"

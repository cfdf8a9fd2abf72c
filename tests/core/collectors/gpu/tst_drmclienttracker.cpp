#include "collectors/gpu/drmclienttracker.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

// DrmClientTracker over three scans of a fixture proc tree (fixtures/drm/scan1..3, copied in
// turn into one proc root), at 1 s, 3 s and 11 s. Each PID's fd/<n> links where the kernel's do
// (/dev/dri/renderD128, /dev/null) and its fdinfo/<n> is in the driver's own format.
//
//   PID  start  fds                    client (pdev, id)         what it shows
//   100  10     3 /dev/null, 5 and 6   i915 00:02.0 #7           one client, two fds ...
//   150  20     5                      i915 00:02.0 #7           ... and a second PID
//   200  30     4 /dev/dri/card0       i915 00:02.0 #8           render steps back at 3 s
//   300  40     7                      amdgpu 03:00.0 #21        old keys (drm-memory-*)
//   400  50     7                      amdgpu 03:00.0 #22        new keys (+ legacy repeats)
//   500  60     9                      xe 04:00.0 #3             cycles / total-cycles
//   600  70     5                      i915 00:02.0 #9           reused at 3 s (start 5000):
//                                                                fd 4, client #10
//   700  6000   8 (from 3 s)           i915 00:02.0 #11          a new PID
//   800  80     0 /dev/null; 6 from 3 s i915 00:02.0 #12         opens the GPU late
class TstDrmClientTracker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstScanKnowsMemoryOnly();
    void secondScanMeasuresEachClientOnce();
    void fullRescanFindsLateClients();
    void listsProcessesItself();

private:
    void load(const char *scan);
    void scan(const char *fixture, qint64 seconds, bool reused);
    std::optional<double> gpu(int pid) const;
    std::optional<quint64> memory(int pid) const;

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<DrmClientTracker> m_tracker;
};

namespace {
constexpr qint64 NsPerSecond = 1'000'000'000;
}

void TstDrmClientTracker::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_tracker = std::make_unique<DrmClientTracker>(m_root->path());
}

// Replaces the proc root's contents with fixtures/drm/<scan>, links copied as links.
void TstDrmClientTracker::load(const char *scan)
{
    const QString from = QFINDTESTDATA(QStringLiteral("fixtures/drm/") + QLatin1String(scan));
    QVERIFY(!from.isEmpty());
    const QDir root(m_root->path());
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QVERIFY(QDir(root.filePath(entry)).removeRecursively());
    QDirIterator it(from, QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    int links = 0;
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        const QString to = root.filePath(QDir(from).relativeFilePath(info.filePath()));
        QVERIFY(QDir().mkpath(QFileInfo(to).absolutePath()));
        if (info.isSymLink()) {
            QVERIFY(QFile::link(info.symLinkTarget(), to));
            ++links;
        } else if (info.isFile()) {
            QVERIFY(QFile::copy(info.filePath(), to));
        }
    }
    QVERIFY(links >= 9);
}

void TstDrmClientTracker::scan(const char *fixture, qint64 seconds, bool reused)
{
    load(fixture);
    std::vector<std::pair<int, quint64>> processes{{100, 10}, {150, 20}, {200, 30}, {300, 40},
                                                   {400, 50}, {500, 60}, {800, 80}};
    processes.emplace_back(600, reused ? 5000 : 70);
    if (reused)
        processes.emplace_back(700, 6000);
    m_tracker->update(seconds * NsPerSecond, processes);
}

std::optional<double> TstDrmClientTracker::gpu(int pid) const
{
    return m_tracker->use(pid).gpu;
}

std::optional<quint64> TstDrmClientTracker::memory(int pid) const
{
    return m_tracker->use(pid).memory;
}

void TstDrmClientTracker::firstScanKnowsMemoryOnly()
{
    scan("scan1", 1, false);
    // One sample: no rate yet, for any client.
    for (const int pid : {100, 200, 300, 400, 500, 600})
        QCOMPARE(gpu(pid), std::nullopt);
    // #7: 65536 KiB = 67108864, once, for PID 100 (the lowest of 100 and 150), not 3 times.
    QCOMPARE(memory(100), std::optional<quint64>(67108864));
    QVERIFY(!gpu(150) && !memory(150));
    // #8: 1024 KiB = 1048576.
    QCOMPARE(memory(200), std::optional<quint64>(1048576));
    // #21: vram 262144 KiB + gtt 2048 KiB = 268435456 + 2097152 = 270532608.
    QCOMPARE(memory(300), std::optional<quint64>(270532608));
    // #22: resident vram 512 MiB + gtt 4096 KiB = 536870912 + 4194304 = 541065216.
    QCOMPARE(memory(400), std::optional<quint64>(541065216));
    // #3: vram0 23992 KiB + gtt 192 KiB = 24567808 + 196608 = 24764416.
    QCOMPARE(memory(500), std::optional<quint64>(24764416));
    // #9: 2048 KiB = 2097152.
    QCOMPARE(memory(600), std::optional<quint64>(2097152));
    // 800 holds only /dev/null.
    QVERIFY(!gpu(800) && !memory(800));
    QVERIFY(m_tracker->loadByDevice().isEmpty());
}

void TstDrmClientTracker::secondScanMeasuresEachClientOnce()
{
    scan("scan1", 1, false);
    scan("scan2", 3, true);
    // 2 s = 2e9 ns of wall time between the scans.
    // #7: render (1.5e9 - 1e9) / 2e9 = 25 %; video (1.2e9 - 0) / (2e9 * capacity 2) = 30 %;
    // the busiest engine: 30. Memory 98304 KiB = 100663296, once.
    QCOMPARE(gpu(100), std::optional<double>(30));
    QCOMPARE(memory(100), std::optional<quint64>(100663296));
    QVERIFY(!gpu(150) && !memory(150));
    // #8: render 4e9 -> 3e9 stepped back: null, not negative, not a spike; memory still known.
    QCOMPARE(gpu(200), std::nullopt);
    QCOMPARE(memory(200), std::optional<quint64>(1048576));
    // #21: gfx (9e8 - 1e8) / 2e9 = 40 %, compute 2e8 / 2e9 = 10 %: 40.
    QCOMPARE(gpu(300), std::optional<double>(40));
    QCOMPARE(memory(300), std::optional<quint64>(270532608));
    // #22: gfx 3e8 / 2e9 = 15 %.
    QCOMPARE(gpu(400), std::optional<double>(15));
    // #3 (cycles): rcs (6000 - 1000) / (120000 - 100000) = 25 %; ccs 40000 / (20000 * 4) = 50 %;
    // vcs and bcs 0: 50.
    QCOMPARE(gpu(500), std::optional<double>(50));
    // 600 is another process now, its client #10 (fd 4, not the old fd 5) seen once: no rate;
    // 4096 KiB = 4194304.
    QCOMPARE(gpu(600), std::nullopt);
    QCOMPARE(memory(600), std::optional<quint64>(4194304));
    // 700 is new: searched at once. #11, 512 KiB = 524288.
    QCOMPARE(gpu(700), std::nullopt);
    QCOMPARE(memory(700), std::optional<quint64>(524288));
    // 800 was searched at 1 s and held no DRM fd; it is not searched again before 11 s.
    QVERIFY(!gpu(800) && !memory(800));
    // Per GPU, each engine summed over clients, then the busiest:
    // 00:02.0 render 25, video 30 (#8, #10, #11 have no rate) -> 30;
    // 03:00.0 gfx 40 + 15 = 55, compute 10 -> 55; 04:00.0 -> 50.
    const QHash<QString, double> expected{{QStringLiteral("0000:00:02.0"), 30},
                                          {QStringLiteral("0000:03:00.0"), 55},
                                          {QStringLiteral("0000:04:00.0"), 50}};
    QCOMPARE(m_tracker->loadByDevice(), expected);
}

void TstDrmClientTracker::fullRescanFindsLateClients()
{
    scan("scan1", 1, false);
    scan("scan2", 3, true);
    scan("scan3", 11, true);
    // 8 s = 8e9 ns since the last scan. #7 did nothing: 0, not null.
    QCOMPARE(gpu(100), std::optional<double>(0));
    // #8 goes on from the value it stepped back to: (3.4e9 - 3e9) / 8e9 = 5 %.
    QCOMPARE(gpu(200), std::optional<double>(5));
    // #10: (9e8 - 1e8) / 8e9 = 10 %.
    QCOMPARE(gpu(600), std::optional<double>(10));
    // 10 s after the last full search, 800's fd 6 is found: #12, 8192 KiB = 8388608, no rate.
    QCOMPARE(gpu(800), std::nullopt);
    QCOMPARE(memory(800), std::optional<quint64>(8388608));
    // 00:02.0: render 0 (#7) + 5 (#8) + 10 (#10) + 0 (#11) = 15, video 0 -> 15.
    QCOMPARE(m_tracker->loadByDevice().value(QStringLiteral("0000:00:02.0")), 15.0);
}

// The same trees with the tracker listing the proc root itself, as a GPU's load is read while
// nobody watches the process list: the same clients and loads at 3 s (#10 and #11 have no rate
// yet either way), except that reused 600 is not searched again before the next full search.
void TstDrmClientTracker::listsProcessesItself()
{
    load("scan1");
    m_tracker->update(1 * NsPerSecond);
    QCOMPARE(memory(100), std::optional<quint64>(67108864));
    QVERIFY(m_tracker->loadByDevice().isEmpty());
    load("scan2");
    m_tracker->update(3 * NsPerSecond);
    QCOMPARE(gpu(100), std::optional<double>(30));
    QCOMPARE(gpu(500), std::optional<double>(50));
    // 700 is new: found. 600's old fd 5 is gone and its fd 4 not yet searched: nothing.
    QCOMPARE(memory(700), std::optional<quint64>(524288));
    QVERIFY(!gpu(600) && !memory(600));
    const QHash<QString, double> expected{{QStringLiteral("0000:00:02.0"), 30},
                                          {QStringLiteral("0000:03:00.0"), 55},
                                          {QStringLiteral("0000:04:00.0"), 50}};
    QCOMPARE(m_tracker->loadByDevice(), expected);
    // At 11 s every PID is searched: 600's #10, 4096 KiB = 4194304.
    load("scan3");
    m_tracker->update(11 * NsPerSecond);
    QCOMPARE(memory(600), std::optional<quint64>(4194304));
}

QTEST_GUILESS_MAIN(TstDrmClientTracker)
#include "tst_drmclienttracker.moc"

#include "collectors/gpu/drmfdinfoparser.h"

#include <QFile>
#include <QTest>

// DrmFdinfoParser over fdinfo files laid out as each driver prints them (fixtures/fdinfo), and
// over malformed text. Memory units: 1 KiB = 1024 bytes, 1 MiB = 1048576 bytes.
class TstDrmFdinfoParser : public QObject
{
    Q_OBJECT

private slots:
    void i915();
    void amdgpuOldKeys();
    void amdgpuNewKeysCountEachRegionOnce();
    void xeCycles();
    void notDrm_data();
    void notDrm();
    void malformedLinesAreSkipped();
    void capacityDefaultsToOne();

private:
    static DrmFdinfo parseFixture(const char *name);
};

using Counters = QMap<QByteArray, quint64>;

DrmFdinfo TstDrmFdinfoParser::parseFixture(const char *name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("fixtures/fdinfo/") + QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing", name);
    const auto info = DrmFdinfoParser::parse(file.readAll());
    if (!info)
        qFatal("fixture %s not parsed", name);
    return *info;
}

void TstDrmFdinfoParser::i915()
{
    const DrmFdinfo info = parseFixture("i915.txt");
    QCOMPARE(info.driver, QByteArray("i915"));
    QCOMPARE(info.pdev, QByteArray("0000:00:02.0"));
    QCOMPARE(info.clientId, std::optional<quint64>(7));
    // "drm-engine-capacity-video" is a capacity, not an engine named "capacity-video".
    QCOMPARE(info.engineNs,
             (Counters{{"render", 1000000000}, {"copy", 0}, {"video", 0}, {"video-enhance", 0}}));
    QCOMPARE(info.capacity, (Counters{{"video", 2}}));
    QCOMPARE(info.capacityOf("video"), 2u);
    QCOMPARE(info.capacityOf("render"), 1u);
    // 65536 KiB * 1024 = 67108864; stolen-system0 0.
    QCOMPARE(info.resident, (Counters{{"system0", 67108864}, {"stolen-system0", 0}}));
    // 128 MiB = 134217728.
    QCOMPARE(info.total, (Counters{{"system0", 134217728}, {"stolen-system0", 0}}));
    QCOMPARE(info.residentBytes(), std::optional<quint64>(67108864));
    QVERIFY(info.cycles.isEmpty());
    QVERIFY(info.memory.isEmpty());
}

void TstDrmFdinfoParser::amdgpuOldKeys()
{
    const DrmFdinfo info = parseFixture("amdgpu-old.txt");
    QCOMPARE(info.driver, QByteArray("amdgpu"));
    QCOMPARE(info.pdev, QByteArray("0000:03:00.0"));
    QCOMPARE(info.clientId, std::optional<quint64>(21));
    QCOMPARE(info.engineNs, (Counters{{"gfx", 100000000}, {"compute", 0}}));
    // vram 262144 KiB = 268435456, gtt 2048 KiB = 2097152, cpu 0; the amd-* keys are not ours.
    QCOMPARE(info.memory, (Counters{{"vram", 268435456}, {"gtt", 2097152}, {"cpu", 0}}));
    QVERIFY(info.resident.isEmpty());
    // 268435456 + 2097152 + 0 = 270532608.
    QCOMPARE(info.residentBytes(), std::optional<quint64>(270532608));
}

void TstDrmFdinfoParser::amdgpuNewKeysCountEachRegionOnce()
{
    const DrmFdinfo info = parseFixture("amdgpu-new.txt");
    QCOMPARE(info.clientId, std::optional<quint64>(22));
    // vram 512 MiB = 536870912, gtt 4096 KiB = 4194304.
    QCOMPARE(info.resident, (Counters{{"cpu", 0}, {"gtt", 4194304}, {"vram", 536870912}}));
    // The legacy drm-memory-* keys repeat the same memory: counted once.
    // 536870912 + 4194304 + 0 = 541065216 (not 1082130432).
    QCOMPARE(info.residentBytes(), std::optional<quint64>(541065216));
    // 600 MiB = 629145600.
    QCOMPARE(info.total.value("vram"), 629145600u);
}

void TstDrmFdinfoParser::xeCycles()
{
    const DrmFdinfo info = parseFixture("xe.txt");
    QCOMPARE(info.driver, QByteArray("xe"));
    QCOMPARE(info.pdev, QByteArray("0000:04:00.0"));
    QCOMPARE(info.clientId, std::optional<quint64>(3));
    QVERIFY(info.engineNs.isEmpty());
    QCOMPARE(info.cycles, (Counters{{"rcs", 1000}, {"bcs", 0}, {"vcs", 0}, {"ccs", 0}}));
    QCOMPARE(info.totalCycles,
             (Counters{{"rcs", 100000}, {"bcs", 100000}, {"vcs", 100000}, {"ccs", 100000}}));
    QCOMPARE(info.capacity, (Counters{{"vcs", 2}, {"ccs", 4}}));
    // vram0 23992 KiB = 24567808, gtt 192 KiB = 196608, system and stolen 0:
    // 24567808 + 196608 = 24764416.
    QCOMPARE(info.residentBytes(), std::optional<quint64>(24764416));
}

void TstDrmFdinfoParser::notDrm_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("a plain file's fdinfo") << QByteArray("pos:\t0\nflags:\t0100000\nmnt_id:\t29\n");
    QTest::newRow("driver without a value") << QByteArray("drm-driver:\t\ndrm-client-id:\t4\n");
    QTest::newRow("driver with a space inside") << QByteArray("drm-driver:\ti9 15\n");
}

void TstDrmFdinfoParser::notDrm()
{
    QFETCH(QByteArray, text);
    QVERIFY(!DrmFdinfoParser::parse(text));
}

void TstDrmFdinfoParser::malformedLinesAreSkipped()
{
    static const char raw[] = "drm-driver: i915\n"
                              "drm-client-id: -3\n"          // signed: not an id
                              "drm-engine-render: lots ns\n" // not a number
                              "drm-engine-copy: 12 KiB\n"    // a memory unit on an engine
                              "drm-engine-: 5 ns\n"          // no engine name
                              "drm-resident-vram: 10 PiB\n"  // unknown unit
                              "drm-resident-gtt: 99999999999999999999\n"   // past 2^64
                              "drm-resident-lmem: 18014398509481984 MiB\n" // 2^54 MiB overflows
                              "drm-engine-video 5 ns\n"                    // no colon
                              "drm engine-video: 5 ns\n"                   // space in the key
                              "drm-engine-blit: 0x10 ns\n"                 // hex
                              "drm-engine-video: 42 ns\n"                  // the one good engine
                              "drm-resident-system0: 3 KiB\n" // the one good region: 3072
                              "\0\n:\n\n";
    const auto info = DrmFdinfoParser::parse(QByteArrayView(raw, sizeof raw - 1));
    QVERIFY(info);
    QCOMPARE(info->driver, QByteArray("i915"));
    QVERIFY(!info->clientId);
    QCOMPARE(info->engineNs, (Counters{{"video", 42}}));
    QCOMPARE(info->resident, (Counters{{"system0", 3072}}));
    QCOMPARE(info->residentBytes(), std::optional<quint64>(3072));
}

void TstDrmFdinfoParser::capacityDefaultsToOne()
{
    // Capacity 0 is not allowed by the spec: read as 1, so no division by zero follows.
    const auto info = DrmFdinfoParser::parse("drm-driver: xe\ndrm-engine-capacity-ccs: 0\n");
    QVERIFY(info);
    QCOMPARE(info->capacityOf("ccs"), 1u);
    QCOMPARE(info->capacityOf("rcs"), 1u);
    QVERIFY(!info->residentBytes());
}

QTEST_GUILESS_MAIN(TstDrmFdinfoParser)
#include "tst_drmfdinfoparser.moc"

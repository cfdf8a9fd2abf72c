#include "collectors/load/loadcollector.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestLoadCollector : public QObject
{
    Q_OBJECT

private slots:
    void rereadsEveryTick();
    void missingFileWarnsOnceThenRecovers();
};

namespace {
// Writes <root>/loadavg in place: the collector keeps it open and rereads it, as on procfs.
bool writeLoadAvg(const QTemporaryDir &root, const QByteArray &text)
{
    QFile file(root.filePath(QStringLiteral("loadavg")));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

SystemPaths pathsFor(const QTemporaryDir &root)
{
    SystemPaths paths;
    paths.procRoot = root.path();
    return paths;
}
} // namespace

void TestLoadCollector::rereadsEveryTick()
{
    QTemporaryDir root;
    QVERIFY(writeLoadAvg(root, "0.50 0.40 0.30 1/100 1000\n"));
    LoadCollector collector(pathsFor(root));
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.load, (std::array<double, 3>{0.5, 0.4, 0.3}));

    QVERIFY(writeLoadAvg(root, "2.00 1.00 0.75 3/120 1042\n"));
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.load, (std::array<double, 3>{2.0, 1.0, 0.75}));
}

void TestLoadCollector::missingFileWarnsOnceThenRecovers()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    LoadCollector collector(pathsFor(root));
    Snapshot snapshot;
    const QRegularExpression warning(QStringLiteral("cannot read or parse"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    for (int tick = 0; tick < 3; ++tick) {
        collector.collect(snapshot, tick);
        QVERIFY(qIsNaN(snapshot.load[0]) && qIsNaN(snapshot.load[1]) && qIsNaN(snapshot.load[2]));
    }

    QVERIFY(writeLoadAvg(root, "1.25 0.50 0.25 2/90 900\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.load, (std::array<double, 3>{1.25, 0.5, 0.25}));
}

QTEST_GUILESS_MAIN(TestLoadCollector)
#include "tst_loadcollector.moc"

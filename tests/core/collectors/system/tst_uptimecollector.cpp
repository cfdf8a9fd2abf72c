#include "collectors/system/uptimecollector.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestUptimeCollector : public QObject
{
    Q_OBJECT

private slots:
    void rereadsEveryTick();
    void missingFileWarnsOnceThenRecovers();
};

namespace {
// Writes <root>/uptime in place: the collector keeps it open and rereads it, as on procfs.
bool writeUptime(const QTemporaryDir &root, const QByteArray &text)
{
    QFile file(root.filePath(QStringLiteral("uptime")));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

SystemPaths pathsFor(const QTemporaryDir &root)
{
    SystemPaths paths;
    paths.procRoot = root.path();
    return paths;
}
} // namespace

void TestUptimeCollector::rereadsEveryTick()
{
    QTemporaryDir root;
    QVERIFY(writeUptime(root, "100.25 180.00\n"));
    UptimeCollector collector(pathsFor(root));
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.uptime, 100.25);

    // A shorter text than before: nothing of the old one may remain.
    QVERIFY(writeUptime(root, "101.5 1\n"));
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.uptime, 101.5);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read or parse")));
    QVERIFY(writeUptime(root, "garbage\n"));
    collector.collect(snapshot, 2);
    QVERIFY(qIsNaN(snapshot.uptime));
}

void TestUptimeCollector::missingFileWarnsOnceThenRecovers()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    UptimeCollector collector(pathsFor(root));
    Snapshot snapshot;
    const QRegularExpression warning(QStringLiteral("cannot read or parse"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    for (int tick = 0; tick < 3; ++tick) {
        collector.collect(snapshot, tick);
        QVERIFY(qIsNaN(snapshot.uptime));
    }

    QVERIFY(writeUptime(root, "7.00 9.00\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.uptime, 7.0);
}

QTEST_GUILESS_MAIN(TestUptimeCollector)
#include "tst_uptimecollector.moc"

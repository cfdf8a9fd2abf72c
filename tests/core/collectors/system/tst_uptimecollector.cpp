#include "collectors/system/uptimecollector.h"
#include "fakeprocroot.h"

#include <QRegularExpression>
#include <QTest>

class TestUptimeCollector : public QObject
{
    Q_OBJECT

private slots:
    void rereadsEveryTick();
    void missingFileWarnsOnceThenRecovers();
};

void TestUptimeCollector::rereadsEveryTick()
{
    FakeProcRoot root;
    QVERIFY(root.write("uptime", "100.25 180.00\n"));
    UptimeCollector collector(root.paths());
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.uptime, 100.25);

    // A shorter text than before: nothing of the old one may remain.
    QVERIFY(root.write("uptime", "101.5 1\n"));
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.uptime, 101.5);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot read or parse")));
    QVERIFY(root.write("uptime", "garbage\n"));
    collector.collect(snapshot, 2);
    QVERIFY(qIsNaN(snapshot.uptime));
}

void TestUptimeCollector::missingFileWarnsOnceThenRecovers()
{
    FakeProcRoot root;
    UptimeCollector collector(root.paths());
    Snapshot snapshot;
    const QRegularExpression warning(QStringLiteral("cannot read or parse"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    for (int tick = 0; tick < 3; ++tick) {
        collector.collect(snapshot, tick);
        QVERIFY(qIsNaN(snapshot.uptime));
    }

    QVERIFY(root.write("uptime", "7.00 9.00\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.uptime, 7.0);
}

QTEST_GUILESS_MAIN(TestUptimeCollector)
#include "tst_uptimecollector.moc"

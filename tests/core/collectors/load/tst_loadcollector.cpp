#include "collectors/load/loadcollector.h"
#include "fakeprocroot.h"

#include <QRegularExpression>
#include <QTest>

class TestLoadCollector : public QObject
{
    Q_OBJECT

private slots:
    void rereadsEveryTick();
    void missingFileWarnsOnceThenRecovers();
};

void TestLoadCollector::rereadsEveryTick()
{
    FakeProcRoot root;
    QVERIFY(root.write("loadavg", "0.50 0.40 0.30 1/100 1000\n"));
    LoadCollector collector(root.paths());
    Snapshot snapshot;
    collector.collect(snapshot, 0);
    QCOMPARE(snapshot.load, (std::array<double, 3>{0.5, 0.4, 0.3}));

    QVERIFY(root.write("loadavg", "2.00 1.00 0.75 3/120 1042\n"));
    collector.collect(snapshot, 1);
    QCOMPARE(snapshot.load, (std::array<double, 3>{2.0, 1.0, 0.75}));
}

void TestLoadCollector::missingFileWarnsOnceThenRecovers()
{
    FakeProcRoot root;
    LoadCollector collector(root.paths());
    Snapshot snapshot;
    const QRegularExpression warning(QStringLiteral("cannot read or parse"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning);
    for (int tick = 0; tick < 3; ++tick) {
        collector.collect(snapshot, tick);
        QVERIFY(qIsNaN(snapshot.load[0]) && qIsNaN(snapshot.load[1]) && qIsNaN(snapshot.load[2]));
    }

    QVERIFY(root.write("loadavg", "1.25 0.50 0.25 2/90 900\n"));
    collector.collect(snapshot, 3);
    QCOMPARE(snapshot.load, (std::array<double, 3>{1.25, 0.5, 0.25}));
}

QTEST_GUILESS_MAIN(TestLoadCollector)
#include "tst_loadcollector.moc"

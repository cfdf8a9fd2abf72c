#include "services/systemservice.h"

#include <QTest>

class TestSystemService : public QObject
{
    Q_OBJECT

private slots:
    void readsHostFactsOnceAtStart();
};

// tests/app/fixtures/proc is a small machine with known facts.
void TestSystemService::readsHostFactsOnceAtStart()
{
    const QString fixtures = QFINDTESTDATA("../../app/fixtures");
    QVERIFY(!fixtures.isEmpty());
    SystemService service(SystemPaths{fixtures + "/proc", fixtures + "/sys"});
    QVERIFY(service.host().hostname.isEmpty()); // nothing read before start
    QVERIFY(service.initialize());
    const HostInfo &host = service.host();
    QCOMPARE(host.hostname, QString("fixture-host"));
    QCOMPARE(host.kernel, QString("6.1.0-fixture"));
    QCOMPARE(host.cpuModel, QString("Fixture CPU @ 3.00GHz"));
    QCOMPARE(host.cpuCount, 2);
    QCOMPARE(host.bootTime, 1700000000000); // btime 1700000000 s
}

QTEST_GUILESS_MAIN(TestSystemService)
#include "tst_systemservice.moc"

#include "journalservice.h"
#include "services/service.h"
#include "services/servicemanager.h"

#include <QSignalSpy>
#include <QTest>

class TestServiceManager : public QObject
{
    Q_OBJECT

private slots:
    void startsInOrderStopsInReverse();
    void failedStartStopsTheStartedOnes();
};

void TestServiceManager::startsInOrderStopsInReverse()
{
    QStringList journal;
    JournalService a(QStringLiteral("a"), &journal), b(QStringLiteral("b"), &journal),
        c(QStringLiteral("c"), &journal);
    ServiceManager manager;
    manager.add(&a);
    manager.add(&b);
    manager.add(&c);
    QSignalSpy stopped(&manager, &ServiceManager::stopped);
    QVERIFY(manager.initializeAll());
    manager.shutdownAll();
    manager.shutdownAll();
    QCOMPARE(journal, (QStringList{QStringLiteral("start a"), QStringLiteral("start b"),
                                   QStringLiteral("start c"), QStringLiteral("stop c"),
                                   QStringLiteral("stop b"), QStringLiteral("stop a")}));
    QCOMPARE(stopped.size(), 1);
}

void TestServiceManager::failedStartStopsTheStartedOnes()
{
    QStringList journal;
    JournalService a(QStringLiteral("a"), &journal), b(QStringLiteral("b"), &journal, false),
        c(QStringLiteral("c"), &journal);
    ServiceManager manager;
    manager.add(&a);
    manager.add(&b);
    manager.add(&c);
    QVERIFY(!manager.initializeAll());
    // b cleans up after its own failed start, then a is stopped; c never started.
    QCOMPARE(journal, (QStringList{QStringLiteral("start a"), QStringLiteral("start b"),
                                   QStringLiteral("stop b"), QStringLiteral("stop a")}));
    QCOMPARE(a.state(), Service::State::Stopped);
    QCOMPARE(c.state(), Service::State::Stopped);
}

QTEST_GUILESS_MAIN(TestServiceManager)
#include "tst_servicemanager.moc"

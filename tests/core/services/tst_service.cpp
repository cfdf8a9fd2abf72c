#include "journalservice.h"
#include "services/service.h"

#include <QSignalSpy>
#include <QTest>

class TestService : public QObject
{
    Q_OBJECT

private slots:
    void initializeIsIdempotent();
    void shutdownIsIdempotent();
    void stateSignals();
    void restartAfterShutdown();
};

void TestService::initializeIsIdempotent()
{
    QStringList journal;
    JournalService service(QStringLiteral("a"), &journal);
    QVERIFY(service.initialize());
    QVERIFY(service.initialize());
    QCOMPARE(journal, QStringList{QStringLiteral("start a")});
    QVERIFY(service.isRunning());
}

void TestService::shutdownIsIdempotent()
{
    QStringList journal;
    JournalService service(QStringLiteral("a"), &journal);
    service.shutdown(); // never started: nothing to stop
    QVERIFY(service.initialize());
    service.shutdown();
    service.shutdown();
    QCOMPARE(journal, (QStringList{QStringLiteral("start a"), QStringLiteral("stop a")}));
    QCOMPARE(service.state(), Service::State::Stopped);
}

void TestService::stateSignals()
{
    QStringList journal;
    JournalService service(QStringLiteral("a"), &journal);
    QSignalSpy spy(&service, &Service::stateChanged);
    service.initialize();
    service.shutdown();
    QList<Service::State> states;
    for (const QList<QVariant> &args : spy)
        states.append(args.at(0).value<Service::State>());
    QCOMPARE(states, (QList<Service::State>{Service::State::Starting, Service::State::Running,
                                            Service::State::Stopping, Service::State::Stopped}));
}

void TestService::restartAfterShutdown()
{
    QStringList journal;
    JournalService service(QStringLiteral("a"), &journal);
    service.initialize();
    service.shutdown();
    QVERIFY(service.initialize());
    QCOMPARE(journal.last(), QStringLiteral("start a"));
    QCOMPARE(journal.size(), 3);
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"

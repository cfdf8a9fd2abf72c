#include "server/clientmanager.h"
#include "server/serverstats.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

// The client checks run only while someone is connected: an idle server wakes for its tick and
// nothing else. Clients are real loopback connections whose far end the test holds.
class TestClientManager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void noCheckingWithoutClients();
    void checksWhileConnectedAndOnceAfterTheLastLeaves();
    void aClientAfterTheLastLeftIsCheckedAgain();

private:
    // Connects a peer, hands the server's end to the manager and returns the peer's end.
    QTcpSocket *connectClient();

    ServerStats m_stats;
    QTcpServer m_server;
    std::unique_ptr<ClientManager> m_manager;
    std::vector<std::unique_ptr<QTcpSocket>> m_peers;
};

void TestClientManager::init()
{
    m_stats = {};
    QVERIFY(m_server.listen(QHostAddress::LocalHost));
    m_manager = std::make_unique<ClientManager>(&m_stats);
}

void TestClientManager::cleanup()
{
    m_manager.reset();
    m_peers.clear();
    m_server.close();
}

QTcpSocket *TestClientManager::connectClient()
{
    auto peer = std::make_unique<QTcpSocket>();
    peer->connectToHost(QHostAddress::LocalHost, m_server.serverPort());
    if (!m_server.waitForNewConnection(5000) || !peer->waitForConnected(5000))
        return nullptr;
    m_manager->adopt(m_server.nextPendingConnection(), ClientConnection::Role::Viewer, {});
    m_peers.push_back(std::move(peer));
    return m_peers.back().get();
}

void TestClientManager::noCheckingWithoutClients()
{
    QVERIFY(!m_manager->checking());
    m_manager->checkClients();
    QVERIFY(!m_manager->checking());
}

void TestClientManager::checksWhileConnectedAndOnceAfterTheLastLeaves()
{
    QTcpSocket *first = connectClient();
    QTcpSocket *second = connectClient();
    QVERIFY(first && second);
    QCOMPARE(m_manager->count(), 2);
    QVERIFY(m_manager->checking());

    QSignalSpy removed(m_manager.get(), &ClientManager::clientRemoved);
    first->abort();
    QTRY_COMPARE(removed.size(), 1);
    m_manager->checkClients();
    QVERIFY(m_manager->checking());

    second->abort();
    QTRY_COMPARE(removed.size(), 2);
    // The check after the last one left (the timer's or this one) returns what they freed and
    // stops.
    m_manager->checkClients();
    QVERIFY(!m_manager->checking());
}

void TestClientManager::aClientAfterTheLastLeftIsCheckedAgain()
{
    QSignalSpy removed(m_manager.get(), &ClientManager::clientRemoved);
    QTcpSocket *first = connectClient();
    QVERIFY(first);
    first->abort();
    QTRY_COMPARE(removed.size(), 1);
    m_manager->checkClients();
    QVERIFY(!m_manager->checking());

    QVERIFY(connectClient());
    QVERIFY(m_manager->checking());
}

QTEST_GUILESS_MAIN(TestClientManager)
#include "tst_clientmanager.moc"

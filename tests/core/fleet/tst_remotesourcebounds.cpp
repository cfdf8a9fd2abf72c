#include "fleet/remotesource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

// A host that is not a Vantage: what it says goes through RemoteSource's bounds, never into
// unbounded memory. A server of our own here on purpose: no real Vantage sends these messages.
class TestRemoteSourceBounds : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void historyKeepsAnHourAndBoundedSeries();
    void sampleListsAreBounded();
    void malformedMessagesChangeNothing();

private:
    void send(const QJsonObject &message);
    void hello(int intervalMs, int historySeconds);

    std::unique_ptr<QWebSocketServer> m_server;
    QWebSocket *m_peer = nullptr;
    std::unique_ptr<RemoteSource> m_source;
};

void TestRemoteSourceBounds::init()
{
    m_server = std::make_unique<QWebSocketServer>(QStringLiteral("hostile"),
                                                  QWebSocketServer::NonSecureMode);
    QVERIFY(m_server->listen(QHostAddress(QStringLiteral("127.0.0.1")), 0));
    connect(m_server.get(), &QWebSocketServer::newConnection, this,
            [this] { m_peer = m_server->nextPendingConnection(); });
    m_source = std::make_unique<RemoteSource>(
        QStringLiteral("hostile"),
        QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server->serverPort()), QString());
    QVERIFY(m_source->initialize());
    QTRY_VERIFY(m_peer != nullptr);
}

void TestRemoteSourceBounds::cleanup()
{
    m_source.reset();
    m_peer = nullptr;
    m_server.reset();
}

void TestRemoteSourceBounds::send(const QJsonObject &message)
{
    m_peer->sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void TestRemoteSourceBounds::hello(int intervalMs, int historySeconds)
{
    QSignalSpy restarted(m_source.get(), &RemoteSource::restarted);
    send(
        {{QStringLiteral("type"), QStringLiteral("hello")},
         {QStringLiteral("intervalMs"), intervalMs},
         {QStringLiteral("historySeconds"), historySeconds},
         {QStringLiteral("host"), QJsonObject{{QStringLiteral("hostname"), QStringLiteral("h")}}}});
    QTRY_COMPARE(restarted.count(), 1);
}

// A year of history at 100 ms asked for is an hour's ticks (3,600) kept; of 6,000 series named,
// 4,096 are kept.
void TestRemoteSourceBounds::historyKeepsAnHourAndBoundedSeries()
{
    hello(100, 365 * 24 * 3600);
    QCOMPARE(m_source->intervalMs(), 100);
    QCOMPARE(m_source->history().capacity(), 3600);
    QJsonObject series;
    for (int i = 0; i < 6000; ++i)
        series.insert(QStringLiteral("s%1").arg(i, 4, 10, QLatin1Char('0')), QJsonArray{1.0});
    QSignalSpy samples(m_source.get(), &MetricsSource::snapshotReady);
    send({{QStringLiteral("type"), QStringLiteral("history")},
          {QStringLiteral("seq"), 1},
          {QStringLiteral("ts"), QJsonArray{1700000000000.0}},
          {QStringLiteral("series"), series}});
    send({{QStringLiteral("type"), QStringLiteral("sample")},
          {QStringLiteral("seq"), 2},
          {QStringLiteral("ts"), 1700000000100.0}});
    QTRY_COMPARE(samples.count(), 1);
    QCOMPARE(m_source->history().size(), 2); // the history's tick and the sample's
    const QStringList names = m_source->history().seriesNames();
    QCOMPARE(names.count(QStringLiteral("s4095")), 1);
    QCOMPARE(names.count(QStringLiteral("s4096")), 0);
}

// 5,000 cores and 1,000 disks said: 512 and 256 kept.
void TestRemoteSourceBounds::sampleListsAreBounded()
{
    hello(1000, 3600);
    QJsonArray cores, disks;
    for (int i = 0; i < 5000; ++i)
        cores.append(1.0);
    for (int i = 0; i < 1000; ++i)
        disks.append(QJsonObject{{QStringLiteral("mount"), QStringLiteral("/m%1").arg(i)}});
    QSignalSpy samples(m_source.get(), &MetricsSource::snapshotReady);
    send({{QStringLiteral("type"), QStringLiteral("sample")},
          {QStringLiteral("seq"), 1},
          {QStringLiteral("ts"), 1700000000000.0},
          {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("cores"), cores}}},
          {QStringLiteral("disks"), disks}});
    QTRY_COMPARE(samples.count(), 1);
    QCOMPARE(m_source->latest().cpu.cores.size(), 512);
    QCOMPARE(m_source->latest().disks.size(), 256);
}

// Not JSON, not an object, a sample before any hello, an alert without an id: ignored, and the
// next good sample is taken.
void TestRemoteSourceBounds::malformedMessagesChangeNothing()
{
    QSignalSpy samples(m_source.get(), &MetricsSource::snapshotReady);
    m_peer->sendTextMessage(QStringLiteral("{not json"));
    m_peer->sendTextMessage(QStringLiteral("[1,2,3]"));
    send({{QStringLiteral("type"), QStringLiteral("alert")}});
    send({{QStringLiteral("type"), QStringLiteral("history")}, {QStringLiteral("ts"), 5}});
    hello(1000, 3600);
    send({{QStringLiteral("type"), QStringLiteral("sample")},
          {QStringLiteral("seq"), 7},
          {QStringLiteral("ts"), 1700000000000.0},
          {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("total"), 12.5}}}});
    QTRY_COMPARE(samples.count(), 1);
    QCOMPARE(m_source->latest().seq, quint64(7));
    QCOMPARE(m_source->latest().cpu.total, 12.5);
    QVERIFY(m_source->activeAlerts().isEmpty());
}

QTEST_GUILESS_MAIN(TestRemoteSourceBounds)
#include "tst_remotesourcebounds.moc"

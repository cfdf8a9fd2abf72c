#include "httpprobe.h"
#include "monitor.h"
#include "requireorskip.h"
#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "settings/settings.h"
#include "wsclient.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QSettings>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The server end to end on 127.0.0.1 with real QWebSocket clients and raw TCP: message order,
// every error code, and every defence of DESIGN.md "Defaults that keep users safe".
class TestServerService : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void greetsThenStreamsInOrder();
    void pingPong();
    void errorCodes_data();
    void errorCodes();
    void messageOverLimitClosesWith1009();
    void floodIsRateLimitedThenClosed();
    void foreignOriginRefused();
    void allowedOriginAccepted();
    void foreignHostRefused();
    void maxConnectionsPlusOneRefused();
    void perAddressCapSparesLoopback();
    void perAddressCapHoldsForOtherAddresses();
    void slowClientDroppedWhileOthersKeepPace();
    void silentClientIsPingedThenClosed();
    void incompleteRequestHeadTimesOut();
    void viewerCannotChangeSettings();
    void adminChangeIsBroadcastAndPersisted();
    void authMessageGrantsAdmin();
    void invalidSettingsRefusedInPlace();
    void networkFacingKeysStayLocal();
    void wrongTokenInUrlRefused();
    void errorsAreCountedInSelf();
    void oneSerializationPerTick();
    void noSerializationWithoutConsumer();
    void nonLoopbackWithoutTokenRefusesToStart();
    void portInUseFailsClearly();
    void tlsServesHttpsAndWssOnOnePort();

private:
    quint16 start(const QVariantMap &overrides = {}, const ServerService::Limits &limits = {});
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Monitor> m_monitor;
};

quint16 TestServerService::start(const QVariantMap &overrides, const ServerService::Limits &limits)
{
    m_dir = std::make_unique<QTemporaryDir>();
    Monitor::Options options;
    options.configFile = m_dir->filePath("vantage.conf");
    // Alerts fire on this machine's real load: their log stays in the test's folder.
    options.alertLogFile = m_dir->filePath("alerts.jsonl");
    options.settingOverrides = {{"general/interval", 0.1}, {"server/port", 0}};
    options.settingOverrides.insert(overrides);
    m_monitor = std::make_unique<Monitor>(options);
    m_monitor->server()->setLimits(limits);
    if (!m_monitor->start())
        return 0;
    return quint16(m_monitor->server()->url().port());
}

void TestServerService::cleanup()
{
    m_monitor.reset();
    m_dir.reset();
}

void TestServerService::greetsThenStreamsInOrder()
{
    const quint16 port = start();
    QVERIFY(port);
    // Let some history accumulate so the history message has something to carry.
    QTRY_VERIFY(m_monitor->metrics()->history().size() >= 2);
    WsClient client;
    QVERIFY(client.open(port));
    QTRY_VERIFY(client.ofType("sample").size() >= 4);
    QCOMPARE(client.messages[0]["type"].toString(), QString("hello"));
    QCOMPARE(client.messages[0]["protocol"].toInt(), 1);
    QCOMPARE(client.messages[0]["role"].toString(), QString("viewer"));
    QVERIFY(client.messages[0]["host"].toObject()["hostname"].isString());
    QCOMPARE(client.messages[0]["intervalMs"].toInt(), 100);
    QVERIFY(!client.messages[0]["settings"].toObject().contains("server/token"));
    QCOMPARE(client.messages[1]["type"].toString(), QString("history"));
    const QJsonArray ts = client.messages[1]["ts"].toArray();
    QVERIFY(ts.size() >= 2);
    QCOMPARE(client.messages[1]["series"].toObject()["cpu.total"].toArray().size(), ts.size());
    QCOMPARE(client.messages[2]["type"].toString(), QString("sample"));
    // The stream resumes right after the history: no gap, no duplicate, seq strictly +1.
    const auto samples = client.ofType("sample");
    QCOMPARE(samples[0]["seq"].toInteger(), client.messages[1]["seq"].toInteger());
    for (qsizetype i = 1; i < samples.size(); ++i)
        QCOMPARE(samples[i]["seq"].toInteger(), samples[i - 1]["seq"].toInteger() + 1);
    QVERIFY(samples.last()["mem"].toObject()["total"].toInteger() > 0);
}

void TestServerService::pingPong()
{
    const quint16 port = start();
    WsClient client;
    QVERIFY(client.open(port));
    client.send({{"type", "ping"}, {"id", 42}});
    QCOMPARE(client.waitFor("pong")["id"].toInt(), 42);
}

void TestServerService::errorCodes_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("code");
    QTest::newRow("not JSON") << QByteArray("hello?") << "bad_request";
    QTest::newRow("array") << QByteArray("[1,2]") << "bad_request";
    QTest::newRow("no type") << QByteArray(R"({"id":1})") << "bad_request";
    QTest::newRow("type not a string") << QByteArray(R"({"type":7})") << "bad_request";
    QTest::newRow("unknown type") << QByteArray(R"({"type":"reboot"})") << "unknown_type";
    QTest::newRow("admin only") << QByteArray(R"({"type":"setSettings","settings":{}})")
                                << "unauthorized";
    QTest::newRow("no token set") << QByteArray(R"({"type":"auth","token":"guess"})")
                                  << "unauthorized";
}

void TestServerService::errorCodes()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, code);
    const quint16 port = start();
    WsClient client;
    QVERIFY(client.open(port));
    client.socket.sendTextMessage(QString::fromUtf8(message));
    const QJsonObject error = client.waitFor("error");
    QCOMPARE(error["code"].toString(), code);
    QVERIFY(!error["message"].toString().isEmpty());
    // A bad message is answered, not punished: the stream goes on.
    const qsizetype before = client.ofType("sample").size();
    QTRY_VERIFY(client.ofType("sample").size() > before + 1);
    QVERIFY(!client.closed);
}

void TestServerService::messageOverLimitClosesWith1009()
{
    const quint16 port = start();
    WsClient big, bystander;
    QVERIFY(big.open(port));
    QVERIFY(bystander.open(port));
    big.socket.sendTextMessage(QString(1024 * 1024, u'x'));
    QVERIFY(big.waitClosed());
    QCOMPARE(big.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    const qsizetype before = bystander.ofType("sample").size();
    QTRY_VERIFY(bystander.ofType("sample").size() > before + 1);
    QVERIFY(!bystander.closed);
}

void TestServerService::floodIsRateLimitedThenClosed()
{
    const quint16 port = start();
    WsClient flooder, bystander;
    QVERIFY(flooder.open(port));
    QVERIFY(bystander.open(port));
    for (int i = 0; i < 500; ++i)
        flooder.send({{"type", "ping"}, {"id", i}});
    QVERIFY(flooder.waitClosed());
    QCOMPARE(flooder.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    const auto errors = flooder.ofType("error");
    QCOMPARE(errors.size(), 1); // told once, not once per message
    QCOMPARE(errors[0]["code"].toString(), QString("rate_limited"));
    QVERIFY(flooder.ofType("pong").size() >= 40); // the burst was served
    const qsizetype before = bystander.ofType("sample").size();
    QTRY_VERIFY(bystander.ofType("sample").size() > before + 1);
}

void TestServerService::foreignOriginRefused()
{
    const quint16 port = start();
    WsClient browser;
    QVERIFY(!browser.open(port, "/ws", "https://evil.example"));
    const HttpProbe raw =
        HttpProbe::send(port, HttpProbe::upgrade(port, "/ws", "Origin: https://evil.example\r\n"));
    QCOMPARE(raw.status, 403);
    QVERIFY(raw.body.contains("allowedOrigins"));
    WsClient samePage;
    QVERIFY(samePage.open(port, "/ws", "http://127.0.0.1:" + QByteArray::number(port)));
}

void TestServerService::allowedOriginAccepted()
{
    const quint16 port = start({{"server/allowedOrigins", QStringList{"https://grafana.example"}}});
    WsClient client;
    QVERIFY(client.open(port, "/ws", "https://grafana.example"));
    WsClient other;
    QVERIFY(!other.open(port, "/ws", "https://evil.example"));
}

void TestServerService::foreignHostRefused()
{
    const quint16 port = start();
    const QByteArray rebound = "evil.example:" + QByteArray::number(port);
    const HttpProbe page =
        HttpProbe::send(port, "GET /api/v1/snapshot HTTP/1.1\r\nHost: " + rebound +
                                  "\r\nConnection: close\r\n\r\n");
    QCOMPARE(page.status, 421);
    QVERIFY(!page.body.contains("\"mem\""));
    const HttpProbe ws = HttpProbe::send(port, HttpProbe::upgrade(port, "/ws", {}, rebound));
    QCOMPARE(ws.status, 421);
}

void TestServerService::maxConnectionsPlusOneRefused()
{
    const quint16 port = start({{"server/maxConnections", 3}});
    WsClient a, b, c, d;
    QVERIFY(a.open(port));
    QVERIFY(b.open(port));
    QVERIFY(c.open(port));
    QVERIFY(!d.open(port));
    const HttpProbe raw = HttpProbe::send(port, HttpProbe::upgrade(port));
    QCOMPARE(raw.status, 503);
    QCOMPARE(raw.header("retry-after"), QByteArray("5"));
    for (WsClient *client : {&a, &b, &c}) {
        const qsizetype before = client->ofType("sample").size();
        QTRY_VERIFY(client->ofType("sample").size() > before + 1);
    }
    // A place that frees up is available again.
    a.socket.close();
    QVERIFY(a.waitClosed());
    QTRY_VERIFY(d.open(port));
}

void TestServerService::perAddressCapSparesLoopback()
{
    // Every test client is on loopback, which is exempt (a local reverse proxy or load test
    // must not be capped): five clients over a cap of two all get in.
    const quint16 port = start({{"server/maxPerAddress", 2}});
    WsClient clients[5];
    for (WsClient &client : clients)
        QVERIFY(client.open(port));
}

// Connecting to this machine's own non-loopback address gives a non-loopback peer address, so
// the cap can be seen without a second machine.
void TestServerService::perAddressCapHoldsForOtherAddresses()
{
    QHostAddress own;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            own = address;
    }
    VANTAGE_REQUIRE_OR_SKIP(!own.isNull(), "this machine has no non-loopback IPv4 address");
    const quint16 port = start({{"server/bind", own.toString()},
                                {"server/token", "0123456789abcdef"},
                                {"server/maxPerAddress", 2}});
    QVERIFY(port);
    QTcpSocket first, second, third;
    for (QTcpSocket *socket : {&first, &second}) {
        socket->connectToHost(own, port);
        QVERIFY(QTest::qWaitFor(
            [socket] { return socket->state() == QAbstractSocket::ConnectedState; }, 5000));
    }
    QTRY_COMPARE(m_monitor->server()->stats().rejected, 0u);
    third.connectToHost(own, port);
    QByteArray answer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answer += third.readAll();
            return answer.contains("\r\n\r\n");
        },
        5000));
    QVERIFY2(answer.startsWith("HTTP/1.1 429 "), answer.constData());
    QCOMPARE(m_monitor->server()->stats().rejected, 1u);
    // The first two are served as usual.
    first.write("GET /healthz HTTP/1.1\r\nHost: " + own.toString().toLatin1() + ':' +
                QByteArray::number(port) + "\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&] { return first.bytesAvailable() > 0; }, 5000));
    QVERIFY(first.readAll().startsWith("HTTP/1.1 200 "));
}

void TestServerService::slowClientDroppedWhileOthersKeepPace()
{
    ServerService::Limits limits;
    limits.clients.behindMs = 2000;
    const quint16 port = start({}, limits);
    WsClient steady;
    QVERIFY(steady.open(port));
    // A client that completes the handshake and then never reads again.
    QTcpSocket stalled;
    stalled.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stalled.connectToHost("127.0.0.1", port);
    QVERIFY(stalled.waitForConnected());
    stalled.setReadBufferSize(1);
    stalled.write(HttpProbe::upgrade(port));
    QSignalSpy stalledClosed(&stalled, &QTcpSocket::disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->server()->stats().slowClosed == 1, 60000);
    QVERIFY(m_monitor->server()->stats().dropped > 0);
    // Meanwhile the steady client got every tick in order.
    const auto samples = steady.ofType("sample");
    QVERIFY(samples.size() > 20);
    for (qsizetype i = 1; i < samples.size(); ++i)
        QCOMPARE(samples[i]["seq"].toInteger(), samples[i - 1]["seq"].toInteger() + 1);
    QVERIFY(!steady.closed);
}

void TestServerService::silentClientIsPingedThenClosed()
{
    ServerService::Limits limits;
    limits.clients.pingAfterMs = 300;
    limits.clients.idleMs = 1500;
    const quint16 port = start({}, limits);
    // A raw client that never answers pings: closed as idle (4001).
    QTcpSocket silent;
    silent.connectToHost("127.0.0.1", port);
    QVERIFY(silent.waitForConnected());
    silent.write(HttpProbe::upgrade(port));
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += silent.readAll();
            return silent.state() == QAbstractSocket::UnconnectedState;
        },
        10000));
    received += silent.readAll();
    QVERIFY(received.contains(QByteArray::fromHex("8900"))); // a ping frame was sent
    QVERIFY(received.contains(QByteArray::fromHex("88") + char(6) + QByteArray::fromHex("0fa1") +
                              "idle"));
    // A real client answers pings by itself and stays.
    WsClient answering;
    QVERIFY(answering.open(port));
    QTest::qWait(2500);
    QVERIFY(!answering.closed);
}

void TestServerService::incompleteRequestHeadTimesOut()
{
    ServerService::Limits limits;
    limits.headTimeoutMs = 500;
    const quint16 port = start({}, limits);
    QTcpSocket slowloris;
    slowloris.connectToHost("127.0.0.1", port);
    QVERIFY(slowloris.waitForConnected());
    slowloris.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += slowloris.readAll();
            return slowloris.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
    QVERIFY2(received.startsWith("HTTP/1.1 408 "), received.constData());
}

void TestServerService::viewerCannotChangeSettings()
{
    const quint16 port = start({{"server/token", "0123456789abcdef"}});
    WsClient viewer;
    QVERIFY(viewer.open(port));
    viewer.send({{"type", "setSettings"},
                 {"id", 1},
                 {"settings", QJsonObject{{"thresholds/cpu/warning", 50}}}});
    QCOMPARE(viewer.waitFor("error")["code"].toString(), QString("unauthorized"));
    QCOMPARE(m_monitor->settings()->value("thresholds/cpu/warning").toDouble(), 75.0);
}

void TestServerService::adminChangeIsBroadcastAndPersisted()
{
    const quint16 port = start({{"server/token", "0123456789abcdef"}});
    WsClient admin, viewer;
    QVERIFY(admin.open(port, "/ws?token=0123456789abcdef"));
    QVERIFY(viewer.open(port));
    QCOMPARE(admin.waitFor("hello")["role"].toString(), QString("admin"));
    admin.send({{"type", "setSettings"},
                {"id", 7},
                {"settings", QJsonObject{{"thresholds/cpu/warning", 70}}}});
    QCOMPARE(admin.waitFor("result")["id"].toInt(), 7);
    for (WsClient *client : {&admin, &viewer}) {
        const QJsonObject settings = client->waitFor("settings")["settings"].toObject();
        QCOMPARE(settings["thresholds/cpu/warning"].toDouble(), 70.0);
        QVERIFY(!settings.contains("server/token"));
    }
    // The saved file, read as INI by a reader that is not the product's own.
    const QString path = m_dir->filePath("vantage.conf");
    QVERIFY(QFileInfo::exists(path));
    const QSettings saved(path, QSettings::IniFormat);
    QCOMPARE(saved.status(), QSettings::NoError);
    QCOMPARE(saved.value("thresholds/cpu/warning").toDouble(), 70.0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("0123456789abcdef")); // the token came from a flag: not persisted
}

void TestServerService::authMessageGrantsAdmin()
{
    const quint16 port = start({{"server/token", "0123456789abcdef"}});
    WsClient client;
    QVERIFY(client.open(port));
    QVERIFY(client.waitFor("hello")["tokenSet"].toBool());
    client.send({{"type", "auth"}, {"token", "0123456789abcdeX"}, {"id", 1}});
    QCOMPARE(client.waitFor("error")["code"].toString(), QString("unauthorized"));
    client.send({{"type", "auth"}, {"token", "0123456789abcdef"}, {"id", 2}});
    QCOMPARE(client.waitFor("auth")["role"].toString(), QString("admin"));
    client.send(
        {{"type", "setSettings"}, {"id", 3}, {"settings", QJsonObject{{"general/interval", 0.2}}}});
    QCOMPARE(client.waitFor("result")["id"].toInt(), 3);
    QCOMPARE(m_monitor->settings()->interval(), 0.2);
}

void TestServerService::invalidSettingsRefusedInPlace()
{
    const quint16 port = start({{"server/token", "0123456789abcdef"}});
    WsClient admin;
    QVERIFY(admin.open(port, "/ws?token=0123456789abcdef"));
    admin.send(
        {{"type", "setSettings"},
         {"id", 9},
         {"settings", QJsonObject{{"general/interval", -1}, {"thresholds/cpu/warning", 60}}}});
    const QJsonObject error = admin.waitFor("error");
    QCOMPARE(error["code"].toString(), QString("bad_request"));
    QCOMPARE(error["id"].toInt(), 9);
    QVERIFY(error["message"].toString().contains("general/interval"));
    // All or nothing: the valid key in the same message did not apply either.
    QCOMPARE(m_monitor->settings()->value("thresholds/cpu/warning").toDouble(), 75.0);
    QVERIFY(admin.ofType("settings").isEmpty());
}

void TestServerService::networkFacingKeysStayLocal()
{
    const quint16 port = start({{"server/token", "0123456789abcdef"}});
    WsClient admin;
    QVERIFY(admin.open(port, "/ws?token=0123456789abcdef"));
    admin.send({{"type", "setSettings"}, {"settings", QJsonObject{{"server/bind", "0.0.0.0"}}}});
    QVERIFY(admin.waitFor("error")["message"].toString().contains("server/bind"));
    QCOMPARE(m_monitor->settings()->bind(), QString("127.0.0.1"));
    // Where history is written (a path the monitor creates and writes as its user) and whether
    // it is written at all: not from the network either. Retention may change from the web.
    const QString dataDir = m_monitor->settings()->value("history/dataDir").toString();
    admin.send({{"type", "setSettings"},
                {"id", 21},
                {"settings", QJsonObject{{"history/dataDir", "/tmp/elsewhere"}}}});
    admin.send({{"type", "setSettings"},
                {"id", 22},
                {"settings", QJsonObject{{"history/enabled", false}}}});
    admin.send(
        {{"type", "setSettings"}, {"id", 23}, {"settings", QJsonObject{{"history/rawHours", 12}}}});
    QTRY_COMPARE(admin.ofType("error").size(), 3);
    QVERIFY(admin.ofType("error")[1]["message"].toString().contains("history/dataDir"));
    QCOMPARE(admin.ofType("error")[1]["id"].toInt(), 21);
    QVERIFY(admin.ofType("error")[2]["message"].toString().contains("history/enabled"));
    QCOMPARE(admin.ofType("error")[2]["id"].toInt(), 22);
    QTRY_COMPARE(m_monitor->settings()->value("history/rawHours").toInt(), 12);
    QCOMPARE(m_monitor->settings()->value("history/dataDir").toString(), dataDir);
    QCOMPARE(m_monitor->settings()->value("history/enabled").toBool(), true);
}

void TestServerService::wrongTokenInUrlRefused()
{
    const quint16 port = start({{"server/token", "0123456789abcdef"}});
    const HttpProbe raw = HttpProbe::send(port, HttpProbe::upgrade(port, "/ws?token=nope"));
    QCOMPARE(raw.status, 401);
    WsClient client;
    QVERIFY(!client.open(port, "/ws?token=nope"));
}

void TestServerService::errorsAreCountedInSelf()
{
    const quint16 port = start();
    WsClient client;
    QVERIFY(client.open(port));
    client.socket.sendTextMessage("not json");
    client.waitFor("error");
    HttpProbe::get(port, "/no/such/path");
    QTRY_VERIFY(client.ofType("sample").size() > 2);
    QTRY_VERIFY(client.ofType("sample").last()["self"].toObject()["errors"].toInt() >= 2);
    QCOMPARE(client.ofType("sample").last()["self"].toObject()["clients"].toInt(), 1);
}

void TestServerService::oneSerializationPerTick()
{
    const quint16 port = start();
    WsClient clients[10];
    for (WsClient &client : clients)
        QVERIFY(client.open(port));
    // Read both counters between two ticks (one thread: no tick can run in between).
    const quint64 seqBefore = m_monitor->metrics()->latest().seq;
    const quint64 before = m_monitor->server()->serializations();
    QTRY_VERIFY(m_monitor->metrics()->latest().seq >= seqBefore + 5);
    const quint64 ticks = m_monitor->metrics()->latest().seq - seqBefore;
    // Ten clients, one serialization per tick.
    QCOMPARE(m_monitor->server()->serializations() - before, ticks);
    for (WsClient &client : clients)
        QTRY_VERIFY(client.ofType("sample").last()["seq"].toInteger() >= qint64(seqBefore + ticks));
}

void TestServerService::noSerializationWithoutConsumer()
{
    const quint16 port = start();
    QTRY_VERIFY(m_monitor->metrics()->latest().seq >= 4);
    // Ticks with no client, poller or scrape build no JSON.
    QCOMPARE(m_monitor->server()->serializations(), quint64(0));
    HttpProbe::get(port, "/metrics");
    QCOMPARE(m_monitor->server()->serializations(), quint64(0));

    // A poller's tick is built once, and a client of the same tick gets the same text.
    const HttpProbe polled = HttpProbe::get(port, "/api/v1/snapshot");
    QCOMPARE(polled.status, 200);
    const quint64 afterPoll = m_monitor->server()->serializations();
    QVERIFY(afterPoll >= 1);
    const qint64 polledSeq = QJsonDocument::fromJson(polled.body).object()["seq"].toInteger();
    WsClient client;
    QVERIFY(client.open(port));
    QTRY_VERIFY(!client.ofType("sample").isEmpty());
    const QJsonObject first = client.ofType("sample").first();
    if (first["seq"].toInteger() == polledSeq) {
        QJsonObject body = first;
        body.remove("type");
        QCOMPARE(body, QJsonDocument::fromJson(polled.body).object());
    }
    const quint64 seq = m_monitor->metrics()->latest().seq;
    QVERIFY(m_monitor->server()->serializations() <= afterPoll + (seq - quint64(polledSeq)));
}

void TestServerService::nonLoopbackWithoutTokenRefusesToStart()
{
    QCOMPARE(start({{"server/bind", "0.0.0.0"}}), quint16(0));
    QVERIFY(m_monitor->errorString().contains("token"));
    QVERIFY(!m_monitor->server()->isRunning());
}

void TestServerService::portInUseFailsClearly()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost));
    QCOMPARE(start({{"server/port", int(occupier.serverPort())}}), quint16(0));
    QVERIFY2(m_monitor->errorString().contains(QString::number(occupier.serverPort())),
             qPrintable(m_monitor->errorString()));
}

void TestServerService::tlsServesHttpsAndWssOnOnePort()
{
    const QString tls = QFINDTESTDATA("fixtures/tls");
    QVERIFY(!tls.isEmpty());
    const quint16 port =
        start({{"server/tlsCert", tls + "/cert.pem"}, {"server/tlsKey", tls + "/key.pem"}});
    QVERIFY(port);
    QCOMPARE(m_monitor->server()->url().scheme(), QString("https"));
    // Trust exactly the test certificate: the connection is verified, not waved through.
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates(QSslCertificate::fromPath(tls + "/cert.pem"));
    QSslSocket https;
    https.setSslConfiguration(trusting);
    https.connectToHostEncrypted("127.0.0.1", port);
    // The server runs in this thread: wait with the event loop running, not with waitFor*().
    QVERIFY2(QTest::qWaitFor([&] { return https.isEncrypted(); }, 5000),
             qPrintable(https.errorString()));
    https.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                "\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answer += https.readAll();
            return https.state() == QAbstractSocket::UnconnectedState || answer.endsWith("ok");
        },
        5000));
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    WsClient secure;
    secure.socket.setSslConfiguration(trusting);
    QVERIFY(secure.openUrl(QUrl(QString("wss://127.0.0.1:%1/ws").arg(port)),
                           "https://127.0.0.1:" + QByteArray::number(port)));
    QCOMPARE(secure.waitFor("hello")["protocol"].toInt(), 1);
    QVERIFY(!secure.waitFor("sample").isEmpty());
    // Plain text on the TLS port is not served.
    QCOMPARE(HttpProbe::get(port, "/healthz").status, 0);
}

QTEST_GUILESS_MAIN(TestServerService)
#include "tst_serverservice.moc"

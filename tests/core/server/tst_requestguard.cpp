#include "server/httprequestparser.h"
#include "server/requestguard.h"

#include <QTest>

namespace {

HttpRequest withHeaders(const QByteArray &headers)
{
    return HttpRequestParser::parse("GET /ws HTTP/1.1\r\n" + headers + "\r\n").request;
}

RequestGuard loopbackGuard(QStringList allowed = {})
{
    return RequestGuard({QHostAddress::LocalHost, 8765, false, allowed, {}, QStringLiteral("")});
}

} // namespace

class TestRequestGuard : public QObject
{
    Q_OBJECT

private slots:
    void hostOnLoopback_data();
    void hostOnLoopback();
    void hostOffLoopback_data();
    void hostOffLoopback();
    void hostOnWildcard_data();
    void hostOnWildcard();
    void anyNameOptsOut();
    void absoluteTargetNamesTheHost();
    void origin_data();
    void origin();
    void token();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestRequestGuard::hostOnLoopback_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1:8765") << true;
    QTest::newRow("localhost") << QByteArray("localhost:8765") << true;
    QTest::newRow("LOCALHOST") << QByteArray("LOCALHOST:8765") << true;
    QTest::newRow("ipv6 loopback") << QByteArray("[::1]:8765") << true;
    QTest::newRow("sub.localhost") << QByteArray("app.localhost:8765") << true;
    QTest::newRow("rebinding name") << QByteArray("evil.example:8765") << false;
    QTest::newRow("wrong port") << QByteArray("127.0.0.1:9999") << false;
    QTest::newRow("no port, not 80") << QByteArray("localhost") << false;
    QTest::newRow("localhost suffix trick") << QByteArray("localhost.evil.example:8765") << false;
    QTest::newRow("userinfo trick") << QByteArray("evil@127.0.0.1:8765") << false;
    QTest::newRow("empty") << QByteArray("") << false;
}

void TestRequestGuard::hostOnLoopback()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    const auto refusal = loopbackGuard().checkHost(withHeaders("Host: " + host + "\r\n"));
    QCOMPARE(!refusal, allowed);
    if (refusal)
        QCOMPARE(refusal->status, 421);
}

void TestRequestGuard::hostOffLoopback_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("bound address") << QByteArray("192.0.2.2:8765") << true;
    QTest::newRow("bound address, other port") << QByteArray("192.0.2.2:9999") << false;
    QTest::newRow("public name, no port") << QByteArray("monitor.example.org") << true;
    QTest::newRow("public name, our port") << QByteArray("monitor.example.org:8765") << true;
    QTest::newRow("public name, other case") << QByteArray("Monitor.Example.ORG") << true;
    QTest::newRow("name with its port") << QByteArray("proxy.example.org:443") << true;
    QTest::newRow("name, other port") << QByteArray("proxy.example.org:8765") << false;
    QTest::newRow("allowed origin's host") << QByteArray("dash.example.com") << true;
    QTest::newRow("rebinding name") << QByteArray("evil.example:8765") << false;
    QTest::newRow("loopback, not bound there") << QByteArray("127.0.0.1:8765") << false;
    QTest::newRow("localhost, not bound there") << QByteArray("localhost:8765") << false;
}

// Bound to a LAN address with two public names (one only with its port) and an allowed origin:
// the names a request may be addressed to are those, never what the request itself says.
void TestRequestGuard::hostOffLoopback()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    const RequestGuard guard(
        {QHostAddress(QStringLiteral("192.0.2.2")),
         8765,
         false,
         {QStringLiteral("https://dash.example.com")},
         {QStringLiteral("monitor.example.org"), QStringLiteral("proxy.example.org:443")},
         QStringLiteral("0123456789abcdef")});
    const auto refusal = guard.checkHost(withHeaders("Host: " + host + "\r\n"));
    QCOMPARE(!refusal, allowed);
    if (refusal)
        QCOMPARE(refusal->status, 421);
}

void TestRequestGuard::hostOnWildcard_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("loopback") << QByteArray("127.0.0.1:8765") << true;
    QTest::newRow("localhost") << QByteArray("localhost:8765") << true;
    QTest::newRow("rebinding name") << QByteArray("evil.example:8765") << false;
    QTest::newRow("not an address of ours") << QByteArray("203.0.113.9:8765") << false;
}

// Bound to every address: each of the machine's own addresses is a name it answers to.
void TestRequestGuard::hostOnWildcard()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    const RequestGuard guard(
        {QHostAddress::AnyIPv4, 8765, false, {}, {}, QStringLiteral("0123456789abcdef")});
    QCOMPARE(!guard.checkHost(withHeaders("Host: " + host + "\r\n")), allowed);
}

void TestRequestGuard::anyNameOptsOut()
{
    const RequestGuard guard({QHostAddress(QStringLiteral("192.0.2.2")),
                              8765,
                              false,
                              {},
                              {QStringLiteral("*")},
                              QStringLiteral("0123456789abcdef")});
    QVERIFY(!guard.checkHost(withHeaders("Host: evil.example:8765\r\n")));
}

// RFC 9112 3.2.2: the authority of an absolute-form target wins over the Host header.
void TestRequestGuard::absoluteTargetNamesTheHost()
{
    const RequestGuard guard = loopbackGuard();
    const auto request = [](const QByteArray &line) {
        return HttpRequestParser::parse(line + "\r\n\r\n").request;
    };
    QVERIFY(!guard.checkHost(
        request("GET http://127.0.0.1:8765/ws HTTP/1.1\r\nHost: evil.example:8765")));
    QVERIFY(guard.checkHost(
        request("GET http://evil.example:8765/ws HTTP/1.1\r\nHost: 127.0.0.1:8765")));
}

void TestRequestGuard::origin_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QStringList>("allowedOrigins");
    QTest::addColumn<bool>("allowed");
    const QByteArray host = "Host: 127.0.0.1:8765\r\n";
    QTest::newRow("no origin: not a browser") << host << QStringList{} << true;
    QTest::newRow("own origin") << host + "Origin: http://127.0.0.1:8765\r\n"
                                << QStringList{} << true;
    QTest::newRow("own origin, other case") << host + "Origin: HTTP://127.0.0.1:8765\r\n"
                                            << QStringList{} << true;
    QTest::newRow("foreign origin") << host + "Origin: https://evil.example\r\n"
                                    << QStringList{} << false;
    QTest::newRow("other port") << host + "Origin: http://127.0.0.1:9000\r\n"
                                << QStringList{} << false;
    QTest::newRow("https for http") << host + "Origin: https://127.0.0.1:8765\r\n"
                                    << QStringList{} << false;
    QTest::newRow("null origin") << host + "Origin: null\r\n" << QStringList{} << false;
    QTest::newRow("allowed origin") << host + "Origin: https://grafana.example\r\n"
                                    << QStringList{"https://grafana.example"} << true;
}

void TestRequestGuard::origin()
{
    QFETCH(QByteArray, headers);
    QFETCH(QStringList, allowedOrigins);
    QFETCH(bool, allowed);
    const auto refusal = loopbackGuard(allowedOrigins).checkOrigin(withHeaders(headers));
    QCOMPARE(!refusal, allowed);
    if (refusal)
        QCOMPARE(refusal->status, 403);
}

void TestRequestGuard::token()
{
    RequestGuard withToken(
        {QHostAddress::LocalHost, 1, false, {}, {}, QStringLiteral("s3cret-token-1234")});
    QVERIFY(withToken.tokenMatches("s3cret-token-1234"));
    QVERIFY(!withToken.tokenMatches("s3cret-token-123"));
    QVERIFY(!withToken.tokenMatches(""));
    RequestGuard without = loopbackGuard();
    QVERIFY(!without.hasToken());
    QVERIFY(!without.tokenMatches("")); // no token set: nobody becomes admin
}

void TestRequestGuard::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << true;
    QTest::newRow("differs at end") << QByteArray("abc") << QByteArray("abd") << false;
    QTest::newRow("prefix") << QByteArray("abc") << QByteArray("abcd") << false;
    QTest::newRow("empty vs nul") << QByteArray("") << QByteArray(1, '\0') << false;
    QTest::newRow("both empty") << QByteArray("") << QByteArray("") << true;
}

void TestRequestGuard::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(RequestGuard::constantTimeEquals(a, b), equal);
}

QTEST_GUILESS_MAIN(TestRequestGuard)
#include "tst_requestguard.moc"

#include "server/httprequestparser.h"

#include <QTest>

using Status = HttpRequestParser::Status;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesHead_data();
    void parsesHead();
    void refusesBadInput_data();
    void refusesBadInput();
    void bareLineEndRefusedAtOnce();
    void absoluteFormTarget_data();
    void absoluteFormTarget();
    void hostIsTheAuthorityOfOriginForm();
    void leadingEmptyLinesSkipped();
    void incompleteUntilEmptyLine();
    void headerNamesAreLowerCase();
    void keepAliveRules_data();
    void keepAliveRules();
    void bodyIsFlagged();
};

void TestHttpRequestParser::parsesHead_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("seriesParam");
    QTest::addColumn<qsizetype>("consumed");
    const QByteArray get = "GET /api/v1/history?series=cpu.total&seconds=60 HTTP/1.1\r\n"
                           "Host: 127.0.0.1:8765\r\n\r\n";
    QTest::newRow("query") << get << QByteArray("GET") << QByteArray("/api/v1/history")
                           << "cpu.total" << get.size();
    const QByteArray pipelined = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\n";
    QTest::newRow("pipelined: first only")
        << pipelined << QByteArray("GET") << QByteArray("/") << "" << qsizetype(27);
    QTest::newRow("http/1.0 without host")
        << QByteArray("HEAD /healthz HTTP/1.0\r\n\r\n") << QByteArray("HEAD")
        << QByteArray("/healthz") << "" << qsizetype(26);
    QTest::newRow("encoded query")
        << QByteArray("GET /h?series=disks%5B%2F%5D.percent HTTP/1.1\r\n"
                      "Host: a\r\n\r\n")
        << QByteArray("GET") << QByteArray("/h") << "disks[/].percent" << qsizetype(58);
}

void TestHttpRequestParser::parsesHead()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QString, seriesParam);
    QFETCH(qsizetype, consumed);
    const auto result = HttpRequestParser::parse(data);
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.request.method, method);
    QCOMPARE(result.request.path, path);
    QCOMPARE(result.request.query.queryItemValue("series", QUrl::FullyDecoded), seriesParam);
    QCOMPARE(result.consumed, consumed);
}

void TestHttpRequestParser::refusesBadInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("status");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\n") << 400;
    QTest::newRow("http/1.2") << QByteArray("GET / HTTP/1.2\r\nHost: a\r\n\r\n") << 505;
    QTest::newRow("ftp target") << QByteArray("GET ftp://x/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("asterisk target") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("authority target")
        << QByteArray("CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("userinfo in target")
        << QByteArray("GET http://u@a/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("tab in target") << QByteArray("GET /\t HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("raw non-ASCII target")
        << QByteArray("GET /\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    // RFC 9112 2.2, 5 and 5.2: line ends, control characters and folding.
    QTest::newRow("bare LF line ends") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 400;
    QTest::newRow("bare LF in header line")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n") << 400;
    QTest::newRow("bare CR in header line")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n") << 400;
    QTest::newRow("NUL in header value")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", 35) << 400;
    QTest::newRow("DEL in header value")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n") << 400;
    QTest::newRow("folded header")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
    // RFC 9112 3.2 and 6.3: whom the request is for and where it ends must be unambiguous.
    QTest::newRow("two Host headers")
        << QByteArray("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n") << 400;
    QTest::newRow("invalid Host") << QByteArray("GET / HTTP/1.1\r\nHost: a b@c\r\n\r\n") << 400;
    QTest::newRow("two Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                      "Content-Length: 5\r\n\r\n")
        << 400;
    QTest::newRow("Content-Length list")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n") << 400;
    QTest::newRow("negative Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("Transfer-Encoding and Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                      "Content-Length: 5\r\n\r\n")
        << 400;
    QTest::newRow("Transfer-Encoding in 1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
    QTest::newRow("space in header name")
        << QByteArray("GET / HTTP/1.1\r\nHo st: a\r\n\r\n") << 400;
    QTest::newRow("1.1 without host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("binary garbage") << QByteArray("\x16\x03\x01\x02\x00\r\n\r\n", 9) << 400;
    QTest::newRow("head over 16 KiB")
        << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(17000, 'a')) << 431;
    QByteArray many = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 101; ++i)
        many += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::newRow("101 headers") << many + "\r\n" << 431;
}

void TestHttpRequestParser::refusesBadInput()
{
    QFETCH(QByteArray, data);
    QFETCH(int, status);
    const auto result = HttpRequestParser::parse(data);
    QCOMPARE(result.status, Status::Error);
    QCOMPARE(result.errorStatus, status);
    QVERIFY(!result.errorMessage.isEmpty());
}

// A bare LF is refused as soon as it arrives, not after the head timeout.
void TestHttpRequestParser::bareLineEndRefusedAtOnce()
{
    const auto result = HttpRequestParser::parse("GET / HTTP/1.1\nHost: a");
    QCOMPARE(result.status, Status::Error);
    QCOMPARE(result.errorStatus, 400);
    // A CR that is the last byte so far may still get its LF.
    QCOMPARE(HttpRequestParser::parse("GET / HTTP/1.1\r").status, Status::Incomplete);
}

void TestHttpRequestParser::absoluteFormTarget_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authority");
    QTest::addColumn<QString>("seriesParam");
    QTest::newRow("path and query")
        << QByteArray("GET http://127.0.0.1:8765/api/v1/history?series=cpu.total HTTP/1.1")
        << QByteArray("/api/v1/history") << QByteArray("127.0.0.1:8765") << "cpu.total";
    QTest::newRow("no path") << QByteArray("GET http://localhost:8765 HTTP/1.1") << QByteArray("/")
                             << QByteArray("localhost:8765") << "";
    QTest::newRow("query, no path") << QByteArray("GET https://[::1]:8765?series=load HTTP/1.1")
                                    << QByteArray("/") << QByteArray("[::1]:8765") << "load";
    QTest::newRow("scheme in capitals")
        << QByteArray("GET HTTP://a/x HTTP/1.1") << QByteArray("/x") << QByteArray("a") << "";
}

// RFC 9112 3.2.2: a server must accept absolute-form, and the target's authority, not Host,
// says whom the request is for.
void TestHttpRequestParser::absoluteFormTarget()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authority);
    QFETCH(QString, seriesParam);
    const auto result = HttpRequestParser::parse(line + "\r\nHost: other.example\r\n\r\n");
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.request.path, path);
    QCOMPARE(result.request.authority, authority);
    QCOMPARE(result.request.query.queryItemValue("series", QUrl::FullyDecoded), seriesParam);
}

void TestHttpRequestParser::hostIsTheAuthorityOfOriginForm()
{
    const auto result = HttpRequestParser::parse("GET / HTTP/1.1\r\nHost: 127.0.0.1:8765\r\n\r\n");
    QCOMPARE(result.request.authority, QByteArray("127.0.0.1:8765"));
}

// RFC 9112 2.2: a stray CRLF before a request line (after an earlier body) is skipped.
void TestHttpRequestParser::leadingEmptyLinesSkipped()
{
    const QByteArray data = "\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n";
    const auto result = HttpRequestParser::parse(data);
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.request.path, QByteArray("/x"));
    QCOMPARE(result.consumed, data.size());
}

void TestHttpRequestParser::incompleteUntilEmptyLine()
{
    const QByteArray full = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    for (qsizetype n = 0; n < full.size(); ++n)
        QCOMPARE(HttpRequestParser::parse(full.first(n)).status, Status::Incomplete);
    QCOMPARE(HttpRequestParser::parse(full).status, Status::Complete);
}

void TestHttpRequestParser::headerNamesAreLowerCase()
{
    const auto result =
        HttpRequestParser::parse("GET / HTTP/1.1\r\nHOST: a\r\nSec-WebSocket-Key:  k== \r\n\r\n");
    QCOMPARE(result.request.header("host"), QByteArray("a"));
    QCOMPARE(result.request.header("sec-websocket-key"), QByteArray("k=="));
}

void TestHttpRequestParser::keepAliveRules_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray(
                                      "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                               << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
}

void TestHttpRequestParser::keepAliveRules()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, keepAlive);
    QCOMPARE(HttpRequestParser::parse(data).request.keepAlive(), keepAlive);
}

void TestHttpRequestParser::bodyIsFlagged()
{
    QVERIFY(
        HttpRequestParser::parse("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
            .request.hasBody);
    QVERIFY(HttpRequestParser::parse(
                "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
                .request.hasBody);
    QVERIFY(!HttpRequestParser::parse("GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
                 .request.hasBody);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"

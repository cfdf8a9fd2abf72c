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
    QTest::newRow("absolute target")
        << QByteArray("GET http://x/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
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

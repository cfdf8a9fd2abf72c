#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>
#include <QTest>

// Raw HTTP over a real TCP socket, so tests see exactly the bytes the server writes, including
// answers a friendlier client library would hide (421, 426, a refused upgrade).
struct HttpProbe
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.first(colon).trimmed().toLower() == name.toLower())
                return line.sliced(colon + 1).trimmed();
        }
        return {};
    }

    // Sends raw bytes and reads one whole response (by Content-Length, or until closed; a 1xx
    // answer such as 101 Switching Protocols ends with its head).
    static HttpProbe send(quint16 port, const QByteArray &request, int timeoutMs = 5000,
                          const QString &address = QStringLiteral("127.0.0.1"))
    {
        QTcpSocket socket;
        socket.connectToHost(address, port);
        HttpProbe probe;
        if (!socket.waitForConnected(timeoutMs))
            return probe;
        socket.write(request);
        QByteArray data;
        const auto complete = [&] {
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            probe.parse(data.first(end));
            if (probe.status >= 100 && probe.status < 200)
                return true;
            const QByteArray length = probe.header("content-length");
            return !length.isEmpty() && data.size() >= end + 4 + length.toLongLong();
        };
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                data += socket.readAll();
                return complete() || socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
        data += socket.readAll();
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end >= 0) {
            probe.parse(data.first(end));
            probe.body = data.sliced(end + 4);
        }
        return probe;
    }

    static HttpProbe get(quint16 port, const QByteArray &target,
                         const QByteArray &extraHeaders = {}, const QByteArray &method = "GET")
    {
        return send(port, method + ' ' + target +
                              " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                              "\r\nConnection: close\r\n" + extraHeaders + "\r\n");
    }

    // GET of a server on another loopback address (a fleet host on 127.0.0.2, …).
    static HttpProbe getAt(const QString &address, quint16 port, const QByteArray &target)
    {
        return send(port,
                    "GET " + target + " HTTP/1.1\r\nHost: " + address.toUtf8() + ':' +
                        QByteArray::number(port) + "\r\nConnection: close\r\n\r\n",
                    5000, address);
    }

    // A WebSocket upgrade request for /ws with the given extra headers.
    static QByteArray upgrade(quint16 port, const QByteArray &target = "/ws",
                              const QByteArray &extraHeaders = {}, const QByteArray &host = {})
    {
        return "GET " + target + " HTTP/1.1\r\nHost: " +
               (host.isEmpty() ? "127.0.0.1:" + QByteArray::number(port) : host) +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
               extraHeaders + "\r\n";
    }

private:
    void parse(const QByteArray &headBytes)
    {
        head = headBytes;
        const QList<QByteArray> statusLine = head.left(head.indexOf('\r')).split(' ');
        status = statusLine.size() > 1 ? statusLine[1].toInt() : 0;
    }
};

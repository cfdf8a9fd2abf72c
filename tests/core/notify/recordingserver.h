#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

// A receiver on 127.0.0.1 that records each HTTP request it is sent and answers as told: 200,
// an error status, or never (a server that hangs). Raw QTcpServer (or QSslServer for https), so
// every byte the client put on the wire is what the test reads.
class RecordingServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
    };
    enum class Answer { Ok, Error, Hang };

    bool listen(quint16 port = 0) { return m_server->listen(QHostAddress::LocalHost, port); }
    // https with this certificate from now on.
    bool listenTls(const QSslConfiguration &configuration)
    {
        m_tls.setSslConfiguration(configuration);
        m_server = &m_tls;
        return listen();
    }
    quint16 port() const { return m_server->serverPort(); }
    QString url(const QString &path = QStringLiteral("/hook")) const
    {
        return (m_server == &m_tls ? QStringLiteral("https") : QStringLiteral("http")) +
               QStringLiteral("://127.0.0.1:") + QString::number(port()) + path;
    }

    Answer answer = Answer::Ok;
    QList<Request> requests;

    RecordingServer()
    {
        // Both servers: for QSslServer a connection is pending once its handshake is done.
        for (QTcpServer *server : std::initializer_list<QTcpServer *>{&m_plain, &m_tls}) {
            connect(server, &QTcpServer::pendingConnectionAvailable, this, [this, server] {
                while (QTcpSocket *socket = server->nextPendingConnection()) {
                    socket->setParent(this);
                    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                    read(socket);
                }
            });
        }
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.constFirst().trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        requests.append(request);
        if (answer == Answer::Hang)
            return;
        socket->write(answer == Answer::Ok
                          ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                          : "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
    }

    QTcpServer m_plain;
    QSslServer m_tls;
    QTcpServer *m_server = &m_plain;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QTest>
#include <QWebSocket>

// A real QWebSocket client that keeps every message it receives, for tests that check what the
// server sends and in which order.
class WsClient : public QObject
{
    Q_OBJECT

public:
    explicit WsClient(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
    }

    // Opens ws://127.0.0.1:port/path and waits for the handshake; false if refused.
    bool open(quint16 port, const QString &pathAndQuery = QStringLiteral("/ws"),
              const QByteArray &origin = {})
    {
        return openUrl(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(pathAndQuery)),
                       origin);
    }

    bool openUrl(const QUrl &url, const QByteArray &origin = {})
    {
        QNetworkRequest request(url);
        if (!origin.isEmpty())
            request.setRawHeader("Origin", origin);
        bool connected = false;
        bool failed = false;
        auto c1 = connect(&socket, &QWebSocket::connected, this, [&] { connected = true; });
        auto c2 = connect(&socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error),
                          this, [&] { failed = true; });
        socket.open(request);
        [[maybe_unused]] const bool done =
            QTest::qWaitFor([&] { return connected || failed; }, 5000);
        disconnect(c1);
        disconnect(c2);
        return connected;
    }

    void send(const QJsonObject &message)
    {
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> result;
        for (const QJsonObject &m : messages) {
            if (m.value(QStringLiteral("type")).toString() == type)
                result.append(m);
        }
        return result;
    }

    // Waits until a message of this type has arrived; returns the first one (or empty).
    QJsonObject waitFor(const QString &type, int timeoutMs = 5000)
    {
        [[maybe_unused]] const bool done =
            QTest::qWaitFor([&] { return !ofType(type).isEmpty(); }, timeoutMs);
        const auto found = ofType(type);
        return found.isEmpty() ? QJsonObject() : found.first();
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return closed; }, timeoutMs);
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    bool closed = false;
};

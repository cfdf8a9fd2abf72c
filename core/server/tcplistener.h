#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

// The listening socket. With a TLS configuration it hands out QSslSockets whose server
// handshake has only just started, instead of holding them until it ends as QSslServer does:
// a connection in its handshake then takes a slot like any other, with the same deadline from
// accept and the same eviction when the table is full. QSslServer kept up to its own limit of
// sockets in their handshake for the whole handshake timeout, and idle TLS connections could
// lock out everyone (/healthz included).
class TcpListener : public QTcpServer
{
    Q_OBJECT

public:
    explicit TcpListener(std::optional<QSslConfiguration> tls = std::nullopt,
                         QObject *parent = nullptr);

    bool isTls() const { return m_tls.has_value(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::optional<QSslConfiguration> m_tls;
};

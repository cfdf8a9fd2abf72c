#include "tcplistener.h"

#include <QSslSocket>

TcpListener::TcpListener(std::optional<QSslConfiguration> tls, QObject *parent)
    : QTcpServer(parent)
    , m_tls(std::move(tls))
{}

void TcpListener::incomingConnection(qintptr descriptor)
{
    if (!m_tls)
        return QTcpServer::incomingConnection(descriptor);
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(*m_tls);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

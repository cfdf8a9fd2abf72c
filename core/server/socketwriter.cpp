#include "socketwriter.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

void SocketWriter::write(QTcpSocket *socket, QByteArrayView data)
{
    qsizetype sent = 0;
    const bool plain = !qobject_cast<QSslSocket *>(socket);
    if (plain && socket->bytesToWrite() == 0 &&
        socket->state() == QAbstractSocket::ConnectedState) {
        const ssize_t n = ::send(int(socket->socketDescriptor()), data.data(), size_t(data.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        sent = n > 0 ? n : 0;
    }
    if (sent < data.size())
        socket->write(data.data() + sent, data.size() - sent);
}

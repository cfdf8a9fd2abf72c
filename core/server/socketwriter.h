#pragma once

#include <QByteArrayView>

class QTcpSocket;

// Writes to a client socket, straight to the kernel when Qt holds nothing queued for it. A
// plain QTcpSocket::write() only queues and arms a write notifier, and with a thousand clients
// Qt's glib dispatcher spends most of a tick turning those notifiers on and off (each toggle
// walks every registered descriptor), while no byte leaves until the whole broadcast loop is
// done. What the kernel does not take at once goes through Qt's buffer as usual, so ordering and
// the bytesWritten() signal for queued data are kept. TLS sockets always go through Qt.
class SocketWriter
{
public:
    static void write(QTcpSocket *socket, QByteArrayView data);
};

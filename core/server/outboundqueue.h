#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>

class QTcpSocket;

// What one connection has yet to send, bounded. Frames are kept as they were given (the tick's
// sample and the history message are one shared QByteArray for every client) and handed to the
// socket a slice at a time, only while Qt's write buffer holds less than SocketChunkBytes. So
// a peer that never reads pins at most one chunk of copied bytes in Qt, its kernel send buffer,
// and references to frames that exist anyway, however much the server has for it.
class OutboundQueue
{
public:
    static constexpr qint64 SocketChunkBytes = 64 * 1024;

    explicit OutboundQueue(QTcpSocket *socket);

    void push(const QByteArray &bytes);
    // Moves queued bytes into the socket while its write buffer has room; call it again on
    // the socket's bytesWritten().
    void pump();
    // Drops every frame not yet begun. The rest of a frame already partly handed to the socket
    // goes to it whole, so that what is written next (a close frame) starts on a frame boundary.
    void discard();
    // Bytes not yet taken by the kernel: ours and Qt's write buffer.
    qint64 pendingBytes() const;
    bool isEmpty() const { return pendingBytes() == 0; }

private:
    QPointer<QTcpSocket> m_socket;
    QList<QByteArray> m_frames;
    qsizetype m_offset = 0; // bytes of m_frames.first() already handed to the socket
    qint64 m_queuedBytes = 0;
};

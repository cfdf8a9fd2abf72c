#include "outboundqueue.h"

#include "server/socketwriter.h"

#include <QTcpSocket>

OutboundQueue::OutboundQueue(QTcpSocket *socket)
    : m_socket(socket)
{}

void OutboundQueue::push(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_frames.append(bytes);
    m_queuedBytes += bytes.size();
    pump();
}

void OutboundQueue::pump()
{
    while (m_socket && !m_frames.isEmpty() &&
           m_socket->state() == QAbstractSocket::ConnectedState) {
        const qint64 room = SocketChunkBytes - m_socket->bytesToWrite();
        if (room <= 0)
            return;
        const QByteArray &head = m_frames.constFirst();
        const qsizetype length = qsizetype(qMin<qint64>(room, head.size() - m_offset));
        SocketWriter::write(m_socket, QByteArrayView(head).sliced(m_offset, length));
        m_offset += length;
        m_queuedBytes -= length;
        if (m_offset == head.size()) {
            m_frames.removeFirst();
            m_offset = 0;
        }
    }
}

void OutboundQueue::discard()
{
    if (m_socket && m_offset > 0)
        SocketWriter::write(m_socket, QByteArrayView(m_frames.constFirst()).sliced(m_offset));
    m_frames.clear();
    m_offset = 0;
    m_queuedBytes = 0;
}

qint64 OutboundQueue::pendingBytes() const
{
    return m_queuedBytes + (m_socket ? m_socket->bytesToWrite() : 0);
}

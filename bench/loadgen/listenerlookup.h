#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

// Which process listens on a TCP port, for when --server-pid is not given: the socket's inode
// from /proc/net/tcp (or tcp6), then the process holding a descriptor "socket:[inode]".
class ListenerLookup
{
public:
    // The PID listening on port, or 0 when none of our user's processes is found.
    static qint64 pidListeningOn(quint16 port);
    // The inode of the socket in LISTEN state on port, from /proc/net/tcp or tcp6 text.
    static std::optional<quint64> listeningInode(QByteArrayView procNetTcp, quint16 port);

private:
    static bool holdsSocket(qint64 pid, QByteArrayView link);
};

#include "listenerlookup.h"

#include "io/procfile.h"

#include <QDir>
#include <QList>

#include <charconv>
#include <unistd.h>

namespace {

std::optional<quint64> hexOrDecimal(QByteArrayView text, int base)
{
    quint64 value = 0;
    const auto [next, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc() || next != text.data() + text.size())
        return std::nullopt;
    return value;
}

// One table row, "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...": the inode when
// it is a listener on port.
std::optional<quint64> listenerInodeOf(QByteArrayView row, quint16 port)
{
    const QList<QByteArray> fields = row.toByteArray().simplified().split(' ');
    if (fields.size() < 10 || fields[3] != "0A") // 0A: TCP_LISTEN
        return std::nullopt;
    const QByteArrayView local = fields[1];
    const qsizetype colon = local.lastIndexOf(':');
    if (colon < 0 || hexOrDecimal(local.sliced(colon + 1), 16) != port)
        return std::nullopt;
    return hexOrDecimal(fields[9], 10);
}

} // namespace

std::optional<quint64> ListenerLookup::listeningInode(QByteArrayView procNetTcp, quint16 port)
{
    qsizetype start = procNetTcp.indexOf('\n') + 1; // the first line names the columns
    while (start > 0 && start < procNetTcp.size()) {
        qsizetype end = procNetTcp.indexOf('\n', start);
        if (end < 0)
            end = procNetTcp.size();
        if (const auto inode = listenerInodeOf(procNetTcp.sliced(start, end - start), port))
            return inode;
        start = end + 1;
    }
    return std::nullopt;
}

bool ListenerLookup::holdsSocket(qint64 pid, QByteArrayView link)
{
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    char target[64];
    for (const QString &fd : fds.entryList(QDir::Files | QDir::System)) {
        const QByteArray path = fds.filePath(fd).toLocal8Bit();
        const ssize_t length = ::readlink(path.constData(), target, sizeof target);
        if (length > 0 && QByteArrayView(target, length) == link)
            return true;
    }
    return false;
}

qint64 ListenerLookup::pidListeningOn(quint16 port)
{
    std::optional<quint64> inode;
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        if (!inode)
            inode = listeningInode(ProcFile::readAll(QString::fromLatin1(table)), port);
    }
    if (!inode)
        return 0;
    const QByteArray link = "socket:[" + QByteArray::number(*inode) + ']';
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (isPid && holdsSocket(pid, link))
            return pid;
    }
    return 0;
}

#include "services/systemdnotifier.h"

#include <QtGlobal>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

SystemdNotifier::SystemdNotifier()
    : m_socket(qgetenv("NOTIFY_SOCKET"))
{
    // A watchdog meant for another process (a parent that forked us) is not ours to feed.
    const QByteArray pid = qgetenv("WATCHDOG_PID");
    if (!pid.isEmpty() && pid.toLongLong() != qint64(::getpid()))
        return;
    bool ok = false;
    const qint64 usec = qgetenv("WATCHDOG_USEC").toLongLong(&ok);
    if (ok && usec > 0)
        m_watchdog = std::chrono::microseconds(usec);
}

void SystemdNotifier::pingWatchdog()
{
    if (!watchdogEnabled())
        return;
    const auto now = std::chrono::steady_clock::now();
    if (m_lastPing.time_since_epoch().count() != 0 && now - m_lastPing < m_watchdog / 2)
        return;
    if (send("WATCHDOG=1"))
        m_lastPing = now;
}

void SystemdNotifier::coverInterval(std::chrono::milliseconds interval)
{
    if (!watchdogEnabled() || 2 * interval <= m_watchdog)
        return;
    const std::chrono::microseconds wanted = 3 * interval;
    if (send(QByteArray("WATCHDOG_USEC=").append(QByteArray::number(qint64(wanted.count())))))
        m_watchdog = wanted;
}

bool SystemdNotifier::send(const QByteArray &message) const
{
    // Only absolute paths and abstract names are valid (sd_notify(3)); anything else is unset.
    if (m_socket.size() < 2 || (m_socket.front() != '/' && m_socket.front() != '@')) {
        errno = EINVAL;
        return false;
    }
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (size_t(m_socket.size()) > sizeof(address.sun_path)) {
        errno = ENAMETOOLONG;
        return false;
    }
    std::memcpy(address.sun_path, m_socket.constData(), size_t(m_socket.size()));
    // An abstract name starts with a NUL byte and has exactly its own length, no terminator.
    if (address.sun_path[0] == '@')
        address.sun_path[0] = '\0';
    const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_socket.size()));
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t sent = ::sendto(fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&address), length);
    const int sendError = errno;
    ::close(fd);
    errno = sendError;
    return sent == message.size();
}

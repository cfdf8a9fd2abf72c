#include "mountwatcher.h"

#include "logging.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

MountWatcher::MountWatcher(const QString &mountsPath)
    : m_fd(::open(QFile::encodeName(mountsPath).constData(), O_RDONLY | O_CLOEXEC))
{
    if (m_fd < 0)
        qCWarning(lcCollect) << "cannot watch" << mountsPath << "for mount changes";
}

MountWatcher::~MountWatcher()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool MountWatcher::hasChanged()
{
    if (m_fd < 0)
        return false;
    // The kernel clears the flag when it reports it, so each change is seen by one poll().
    pollfd watched{m_fd, POLLPRI, 0};
    int ready = 0;
    do {
        ready = ::poll(&watched, 1, 0);
    } while (ready < 0 && errno == EINTR);
    return ready > 0 && (watched.revents & POLLPRI);
}

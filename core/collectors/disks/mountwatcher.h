#pragma once

#include <QString>

// Tells when the mount table changed without rereading it: the kernel flags every mount or
// unmount on an open /proc/self/mounts descriptor with POLLPRI. A regular file (a fixture tree)
// never reports a change.
class MountWatcher
{
public:
    // Opens mountsPath; changes are counted from this moment on.
    explicit MountWatcher(const QString &mountsPath);
    ~MountWatcher();
    MountWatcher(const MountWatcher &) = delete;
    MountWatcher &operator=(const MountWatcher &) = delete;

    // True once after the mount table changed since the previous call; never blocks.
    bool hasChanged();

private:
    int m_fd = -1;
};

#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

// One mounted filesystem as /proc/self/mounts lists it, with the kernel's octal escapes decoded.
struct MountEntry
{
    QString device; // the source: /dev/sda1, server:/export, //host/share, rpool/home
    QString mount;  // absolute mount path
    QString fs;     // filesystem type: ext4, nfs4, fuse.sshfs

    friend bool operator==(const MountEntry &, const MountEntry &) = default;
};

// Turns /proc/self/mounts into the filesystems df shows: real and network filesystems only,
// hidden and bind mounts removed.
class MountsParser
{
public:
    // The filesystems to show, in mounts-file order; malformed lines are skipped.
    static QList<MountEntry> parse(QByteArrayView text);
    // Whether statvfs() on it may block for as long as another machine or process does not
    // answer: network filesystems and FUSE, whose every call goes to a daemon.
    static bool mayStopAnswering(const MountEntry &entry);
};

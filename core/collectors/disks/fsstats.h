#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <optional>

// Size and device of one mounted filesystem, as statvfs() and stat() report them.
struct FsStats
{
    quint64 total = 0;     // bytes: f_blocks * f_frsize
    quint64 used = 0;      // bytes: (f_blocks - f_bfree) * f_frsize
    quint64 available = 0; // bytes an unprivileged user may still write: f_bavail * f_frsize
    quint64 deviceId = 0;  // st_dev of the mount path, as encoded by makedev()
};

// Returns the sizes of the filesystem mounted at an absolute path, or nullopt on failure.
using FsStatFunction = std::function<std::optional<FsStats>(const QString &mountPath)>;

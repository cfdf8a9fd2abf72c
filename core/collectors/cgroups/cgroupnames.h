#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

// How a cgroup directory is named, shown and classed (docs/metrics.md "Cgroups"): the one rule
// both the cgroup rows and the process list's `unit` column follow, so a process and the row
// of its service or container always carry the same name.
namespace CgroupNames {

struct Named
{
    QString name;    // "nginx.service", "user.slice", "docker-1a2b3c4d5e6f", "web" (docker's own)
    QString kind;    // "service", "scope", "slice", "session", "container"
    QString runtime; // "docker", "podman", "containerd", "lxc"; empty for systemd units
};

// The unit, slice, session or container that the directory `segment` (below `parent`, the
// segment above it or empty) stands for; nullopt for any other directory. A docker container
// is named by its own name where docker's state file says it, else by its short id.
std::optional<Named> ofSegment(QByteArrayView segment, QByteArrayView parent);

// The process list's reading: a unit or container as ofSegment names it; empty for a slice or
// any other directory, which do not name what a process runs as.
QString unitOfSegment(QByteArrayView segment, QByteArrayView parent);

// Where docker keeps its state ("/var/lib/docker" unless told): tests point it at a fixture.
void setDockerRoot(const QString &root);

} // namespace CgroupNames

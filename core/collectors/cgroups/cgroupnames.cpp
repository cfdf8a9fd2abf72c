#include "collectors/cgroups/cgroupnames.h"

#include "io/procfile.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <algorithm>

namespace {

// Docker's own names by container id, read once per id: a name does not change while the
// container's cgroup exists (a rename makes docker rewrite the file, which a restart of the
// monitor picks up). Bounded: cleared whole when full, since ids come and go with containers.
constexpr qsizetype MaxCachedNames = 1024;

struct DockerNames
{
    QMutex mutex; // the process list may be read from another thread than the tick
    QString root = QStringLiteral("/var/lib/docker");
    QHash<QByteArray, QString> byId; // an empty name: the file has none
};

DockerNames &dockerNames()
{
    static DockerNames names;
    return names;
}

// Ids of containers shown short, as `docker ps` does.
QString shortId(QByteArrayView id)
{
    return QString::fromLatin1(id.first(std::min<qsizetype>(id.size(), 12)));
}

bool isHexId(QByteArrayView id)
{
    return id.size() == 64 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// config.v2.json's "Name" ("/web") without its slash; empty when unreadable.
QString dockerName(QByteArrayView id)
{
    if (!isHexId(id)) // never a path built from anything but a container id
        return {};
    DockerNames &names = dockerNames();
    const QMutexLocker lock(&names.mutex);
    const QByteArray key = id.toByteArray();
    if (const auto it = names.byId.constFind(key); it != names.byId.cend())
        return *it;
    if (names.byId.size() >= MaxCachedNames)
        names.byId.clear();
    bool ok = false;
    const QByteArray json =
        ProcFile::readAll(names.root + QStringLiteral("/containers/") + QString::fromLatin1(key) +
                              QStringLiteral("/config.v2.json"),
                          &ok);
    QString name =
        ok ? QJsonDocument::fromJson(json).object().value(QStringLiteral("Name")).toString()
           : QString();
    if (name.startsWith(u'/'))
        name.remove(0, 1);
    names.byId.insert(key, name);
    return name;
}

CgroupNames::Named container(const char *runtime, const char *prefix, QByteArrayView id)
{
    QString name = QString::fromLatin1(prefix) + shortId(id);
    if (qstrcmp(runtime, "docker") == 0) {
        if (const QString own = dockerName(id); !own.isEmpty())
            name = own;
    }
    return {name, QStringLiteral("container"), QString::fromLatin1(runtime)};
}

} // namespace

std::optional<CgroupNames::Named> CgroupNames::ofSegment(QByteArrayView segment,
                                                         QByteArrayView parent)
{
    const auto scoped = [&segment](QByteArrayView prefix) -> QByteArrayView {
        if (!segment.startsWith(prefix) || !segment.endsWith(".scope"))
            return {};
        return segment.sliced(prefix.size(), segment.size() - prefix.size() - 6);
    };
    // podman's monitor of a container, not the container: its rows would double the count.
    if (segment.startsWith("libpod-conmon-"))
        return std::nullopt;
    if (const auto id = scoped("docker-"); !id.isEmpty())
        return container("docker", "docker-", id);
    if (const auto id = scoped("libpod-"); !id.isEmpty())
        return container("podman", "podman-", id);
    if (const auto id = scoped("cri-containerd-"); !id.isEmpty())
        return container("containerd", "containerd-", id);
    if (parent == "docker")
        return container("docker", "docker-", segment);
    if (parent == "containerd")
        return container("containerd", "containerd-", segment);
    const QString unit = QString::fromUtf8(segment);
    if (parent == "lxc" || parent == "lxc.payload")
        return Named{QStringLiteral("lxc-") + unit, QStringLiteral("container"),
                     QStringLiteral("lxc")};
    if (segment.startsWith("lxc.payload."))
        return Named{QStringLiteral("lxc-") + unit.sliced(12), QStringLiteral("container"),
                     QStringLiteral("lxc")};
    if (segment.endsWith(".service")) {
        const bool manager = segment.startsWith("user@");
        return Named{unit, manager ? QStringLiteral("session") : QStringLiteral("service"), {}};
    }
    if (segment.endsWith(".scope")) {
        const bool session = segment.startsWith("session-");
        return Named{unit, session ? QStringLiteral("session") : QStringLiteral("scope"), {}};
    }
    if (segment.endsWith(".slice"))
        return Named{unit, QStringLiteral("slice"), {}};
    return std::nullopt;
}

QString CgroupNames::unitOfSegment(QByteArrayView segment, QByteArrayView parent)
{
    const std::optional<Named> named = ofSegment(segment, parent);
    return named && named->kind != u"slice" ? named->name : QString();
}

void CgroupNames::setDockerRoot(const QString &root)
{
    DockerNames &names = dockerNames();
    const QMutexLocker lock(&names.mutex);
    names.root = root;
    names.byId.clear();
}

#pragma once

#include <QString>

// Where the collectors find procfs and sysfs. Tests point these at fixture trees.
struct SystemPaths
{
    QString procRoot = QStringLiteral("/proc");
    QString sysRoot = QStringLiteral("/sys");
    // Where the cgroup hierarchies are mounted; empty for <sysRoot>/fs/cgroup, so a fixture
    // --sys-root brings its own (or none).
    QString cgroupRoot = {};

    QString proc(const QString &relative) const { return procRoot + u'/' + relative; }
    QString sys(const QString &relative) const { return sysRoot + u'/' + relative; }
    QString cgroup() const
    {
        return cgroupRoot.isEmpty() ? sys(QStringLiteral("fs/cgroup")) : cgroupRoot;
    }
};

#pragma once

#include <QString>

// Where the collectors find procfs and sysfs. Tests point these at fixture trees.
struct SystemPaths
{
    QString procRoot = QStringLiteral("/proc");
    QString sysRoot = QStringLiteral("/sys");

    QString proc(const QString &relative) const { return procRoot + u'/' + relative; }
    QString sys(const QString &relative) const { return sysRoot + u'/' + relative; }
};

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// The GPU collector's only way to the files of sysfs, so a test can point it at a fixture tree
// and count every file it opens (the proof that no wake-capable file is opened while a GPU
// sleeps). Paths are relative to the sysfs root: "class/drm/card0/device/vendor".
class GpuSysfs
{
public:
    explicit GpuSysfs(QString root);
    virtual ~GpuSysfs() = default;

    // The whole file, whitespace trimmed; nullopt when it cannot be opened or read.
    virtual std::optional<QByteArray> read(const QString &relative);
    // A symbolic link's target as stored (the kernel's are relative: "../../../0000:03:00.0");
    // empty when the path is not a link.
    virtual QString readLink(const QString &relative);
    // The names in a folder, sorted; empty when it is missing.
    virtual QStringList list(const QString &relative);

protected:
    QString path(const QString &relative) const { return m_root + u'/' + relative; }

private:
    QString m_root;
};

#include "collectors/gpu/gpusysfs.h"

#include "io/procfile.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

GpuSysfs::GpuSysfs(QString root)
    : m_root(std::move(root))
{}

std::optional<QByteArray> GpuSysfs::read(const QString &relative)
{
    bool ok = false;
    const QByteArray text = ProcFile::readAll(path(relative), &ok);
    if (!ok)
        return std::nullopt;
    return text.trimmed();
}

QString GpuSysfs::readLink(const QString &relative)
{
    char target[1024];
    const ssize_t length =
        ::readlink(QFile::encodeName(path(relative)).constData(), target, sizeof target);
    if (length <= 0 || size_t(length) >= sizeof target)
        return {};
    return QFile::decodeName(QByteArray(target, length));
}

QStringList GpuSysfs::list(const QString &relative)
{
    return QDir(path(relative))
        .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

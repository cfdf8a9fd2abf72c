#pragma once

#include "systempaths.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

// A throwaway proc root for collector tests. Files are rewritten in place (same inode), since a
// collector keeps them open and must see fresh content on every read, as it does on procfs.
class FakeProcRoot
{
public:
    // Writes <root>/<relative>, creating folders; false if it could not.
    bool write(const QString &relative, const QByteArray &text) const
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.write(text) == text.size();
    }

    bool remove(const QString &relative) const { return QFile::remove(m_dir.filePath(relative)); }
    QString path() const { return m_dir.path(); }

    SystemPaths paths() const
    {
        SystemPaths paths;
        paths.procRoot = m_dir.path();
        return paths;
    }

private:
    QTemporaryDir m_dir;
};

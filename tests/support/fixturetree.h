#pragma once

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>

// Copies every file under `from` (hidden ones too) to the same place under `to`, making the
// folders on the way. The copies are writable by their owner even where the source tree is
// read-only, so a test can change the copied machine while vantage reads it.
inline bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(source);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(source, target))
            return false;
        QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
    }
    return true;
}

// Writes the whole of `contents` to `path`, making its folder first; false if any of it failed.
inline bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return QDir().mkpath(QFileInfo(path).absolutePath()) && file.open(QIODevice::WriteOnly) &&
           file.write(contents) == contents.size();
}

// Replaces `from` by `to` in a fixture file (another machine's value of one line); false if the
// file could not be read or written, or does not hold `from`.
inline bool replaceInFile(const QString &path, const QByteArray &from, const QByteArray &to)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray text = file.readAll();
    file.close();
    return text.contains(from) && writeFile(path, text.replace(from, to));
}

// A machine for `vantage --proc-root ROOT/proc --sys-root ROOT/sys`: a copy of the fixture's proc
// folder, and a sys folder with no devices in it (no sensors, no disks).
inline bool copyFixtureMachine(const QString &procFixture, const QString &root)
{
    return !procFixture.isEmpty() && copyTree(procFixture, root + QStringLiteral("/proc")) &&
           QDir().mkpath(root + QStringLiteral("/sys/class"));
}

#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QtGlobal>

// A fake procfs in a temporary directory: <root>/<pid>/stat files the test rewrites between
// ticks. Files are rewritten in place (same inode), as a kept-open descriptor on real procfs
// sees fresh content on every read.
class ProcFixture
{
public:
    // The values one stat line carries; everything else in the line is filler.
    struct Process
    {
        int pid = 0;
        QByteArray comm;
        char state = 'S';
        quint64 utime = 0; // clock ticks
        quint64 stime = 0; // clock ticks
        int threads = 1;
        quint64 startTime = 0; // clock ticks after boot
        quint64 rssPages = 0;
    };

    ProcFixture();

    // The procRoot to hand to the code under test.
    QString root() const { return m_dir.path(); }
    // Creates or rewrites <root>/<pid>/stat.
    void write(const Process &process);
    // Writes raw text as <root>/<pid>/stat, for malformed lines.
    void writeRaw(int pid, const QByteArray &text);
    // Removes <root>/<pid> entirely: the process exited before the listing.
    void remove(int pid);
    // Deletes only <root>/<pid>/stat: the process exited between the listing and the read.
    void removeStat(int pid);
    // Empties <root>/<pid>/stat in place, as a dead process's open stat reads nothing.
    void truncateStat(int pid);
    // Creates a directory or file that is not a process, e.g. "self" or "meminfo".
    void addOther(const QString &name, bool directory);

    // One stat line in the kernel's format with the given values.
    static QByteArray statLine(const Process &process);

private:
    QString statPath(int pid) const;

    QTemporaryDir m_dir;
};

#include "procfixture.h"

#include <QDir>
#include <QFile>

ProcFixture::ProcFixture() = default;

QByteArray ProcFixture::statLine(const Process &p)
{
    // Fields 4-13, 16-19, 21, 23 and 25+ are filler with the kernel's shape (-1 tpgid).
    return QByteArray::number(p.pid) + " (" + p.comm + ") " + p.state +
           " 1 1 1 0 -1 4194304 100 0 0 0 " + QByteArray::number(p.utime) + ' ' +
           QByteArray::number(p.stime) + " 0 0 20 0 " + QByteArray::number(p.threads) + " 0 " +
           QByteArray::number(p.startTime) + " 1000000 " + QByteArray::number(p.rssPages) +
           " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
}

QString ProcFixture::statPath(int pid) const
{
    return m_dir.filePath(QString::number(pid) + QStringLiteral("/stat"));
}

void ProcFixture::write(const Process &process)
{
    writeRaw(process.pid, statLine(process));
}

void ProcFixture::writeRaw(int pid, const QByteArray &text)
{
    QDir(m_dir.path()).mkpath(QString::number(pid));
    QFile file(statPath(pid));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text);
}

void ProcFixture::remove(int pid)
{
    QDir(m_dir.filePath(QString::number(pid))).removeRecursively();
}

void ProcFixture::removeStat(int pid)
{
    QFile::remove(statPath(pid));
}

void ProcFixture::truncateStat(int pid)
{
    QFile file(statPath(pid));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.close();
}

void ProcFixture::addOther(const QString &name, bool directory)
{
    if (directory) {
        QDir(m_dir.path()).mkpath(name);
        return;
    }
    QFile file(m_dir.filePath(name));
    if (file.open(QIODevice::WriteOnly))
        file.write("not a process\n");
}

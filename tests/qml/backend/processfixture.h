#pragma once

#include "fakeprocroot.h"
#include "services/processwatcher.h"

#include <QByteArray>
#include <QString>
#include <QTest>

// A fixture procfs of four processes for the process models, written by hand so that every
// expected value follows from these lines. Machine: btime 1700000000 s; MemTotal 1000000 kB =
// 1024000000 bytes. Page size 4096 and 100 clock ticks per second (Linux on x86 and arm64).
//
//   pid  name         state ppid nice threads start(ticks) rss(pages) uid      unit
//   1    init         S     0    0    1       10           2500       0        init.scope
//   100  my app       S     1    5    3       12345        5000       0        nginx.service
//   200  kworker/0:1  I     2    -20  1       40           0          0        (none)
//   300  sleep        S     100  0    1       5000         100        4242421  session-3.scope
//
// Tree: 1 → 100 → 300; 200's parent (2) is not listed, so 200 is a root beside 1. Uid 4242421
// has no passwd entry: its user is the number.
class ProcessFixture
{
public:
    ProcessFixture()
    {
        m_root.write(QStringLiteral("stat"), "cpu  1 2 3 4 0 0 0 0 0 0\nbtime 1700000000\n");
        m_root.write(QStringLiteral("meminfo"),
                     "MemTotal:        1000000 kB\nMemFree:          500000 kB\n");
        writeProcess(1, "init", 'S', 0, 0, 1, 10, 2500, 0, QByteArray("/sbin/init\0splash\0", 18),
                     "0::/init.scope\n");
        writeProcess(100, "my app", 'S', 1, 5, 3, 12345, 5000, 0,
                     QByteArray("/usr/bin/my app\0--flag\0", 23),
                     "0::/system.slice/nginx.service\n");
        writeProcess(200, "kworker/0:1", 'I', 2, -20, 1, 40, 0, 0, QByteArray(), "0::/\n");
        writeProcess(300, "sleep", 'S', 100, 0, 1, 5000, 100, 4242421,
                     QByteArray("sleep\0"
                                "600\0",
                                10),
                     "0::/user.slice/user-1000.slice/session-3.scope\n");
    }

    QString path() const { return m_root.path(); }

    // Starts a scan of the watcher and waits until its delta has been handed out (scans run on
    // a thread of their own); false if none came.
    static bool scan(ProcessWatcher &watcher)
    {
        bool done = false;
        const QMetaObject::Connection connection =
            QObject::connect(&watcher, &ProcessWatcher::scanned, [&done] { done = true; });
        watcher.tick();
        const bool scanned = QTest::qWaitFor([&done] { return done; }, 10000);
        QObject::disconnect(connection);
        return scanned;
    }
    const FakeProcRoot &root() const { return m_root; }

    // One process's stat, status, cmdline and cgroup files.
    void writeProcess(int pid, const char *comm, char state, int ppid, int nice, int threads,
                      int startTicks, int rssPages, uint uid, const QByteArray &cmdline,
                      const QByteArray &cgroup) const
    {
        const QString dir = QString::number(pid) + QLatin1Char('/');
        m_root.write(dir + QStringLiteral("stat"),
                     stat(pid, comm, state, ppid, nice, threads, startTicks, rssPages));
        m_root.write(dir + QStringLiteral("status"),
                     QStringLiteral("Name:\t%1\nUid:\t%2\t%2\t%2\t%2\n")
                         .arg(QString::fromUtf8(comm))
                         .arg(uid)
                         .toUtf8());
        m_root.write(dir + QStringLiteral("cmdline"), cmdline);
        m_root.write(dir + QStringLiteral("cgroup"), cgroup);
    }

    // Fields 1-24 in proc(5) order (pid comm state ppid pgrp session tty tpgid flags minflt
    // cminflt majflt cmajflt utime stime cutime cstime priority nice threads itreal starttime
    // vsize rss), then the rest; utime and stime 0.
    static QByteArray stat(int pid, const char *comm, char state, int ppid, int nice, int threads,
                           int startTicks, int rssPages)
    {
        return QStringLiteral("%1 (%2) %3 %4 %1 %1 0 -1 4194560 10 0 0 0 0 0 0 0 20 %5 %6 0 %7 "
                              "1000000 %8 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0\n")
            .arg(pid)
            .arg(QString::fromUtf8(comm))
            .arg(QLatin1Char(state))
            .arg(ppid)
            .arg(nice)
            .arg(threads)
            .arg(startTicks)
            .arg(rssPages)
            .toUtf8();
    }

private:
    FakeProcRoot m_root;
};

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "services/systemdnotifier.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

// The receiving end systemd holds: a real AF_UNIX datagram socket, bound to a path or to an
// abstract name ("@name").
class NotifySocket
{
public:
    explicit NotifySocket(const QByteArray &name)
        : m_name(name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
        if (name.startsWith('@'))
            address.sun_path[0] = '\0';
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(name.size()));
        m_bound =
            m_fd >= 0 && ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), length) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_name.startsWith('@'))
            ::unlink(m_name.constData());
    }
    bool isBound() const { return m_bound; }

    // The next datagram; empty if none came within the wait.
    QByteArray next(int waitMs = 30000)
    {
        QByteArray message;
        const bool received = QTest::qWaitFor(
            [&] {
                char buffer[4096];
                const ssize_t size = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
                if (size > 0)
                    message = QByteArray(buffer, size);
                return size > 0;
            },
            waitMs);
        return received ? message : QByteArray();
    }

private:
    QByteArray m_name;
    int m_fd = -1;
    bool m_bound = false;
};

} // namespace

// The sd_notify messages vantage sends its service manager, received on a real datagram socket,
// from the notifier itself and from a real headless vantage; and its log lines in the journal's
// format when stderr is the journal's stream.
class TestSystemdNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void readyReachesSocket_data();
    void readyReachesSocket();
    void nothingWithoutSocket_data();
    void nothingWithoutSocket();
    void watchdogOnlyWhenAskedAndAtMostTwicePerPeriod();
    void watchdogOfAnotherProcessIsIgnored();
    void longIntervalWidensWatchdog();
    void headlessVantageNotifiesAndReloadsOnSighup();
    void logLinesCarryJournalPriorities();

private:
    QTemporaryDir m_dir;
};

void TestSystemdNotifier::init()
{
    QVERIFY(m_dir.isValid());
    for (const char *name : {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"})
        qunsetenv(name);
}

void TestSystemdNotifier::readyReachesSocket_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("path") << m_dir.filePath(QStringLiteral("notify")).toLocal8Bit();
    QTest::newRow("abstract") << "@vantage-notify-test-" + QByteArray::number(::getpid());
}

void TestSystemdNotifier::readyReachesSocket()
{
    QFETCH(QByteArray, name);
    NotifySocket socket(name);
    QVERIFY(socket.isBound());
    qputenv("NOTIFY_SOCKET", name);
    SystemdNotifier notifier;
    QVERIFY(notifier.isActive());
    QVERIFY(notifier.ready());
    QCOMPARE(socket.next(), QByteArray("READY=1"));
    QVERIFY(notifier.stopping());
    QCOMPARE(socket.next(), QByteArray("STOPPING=1"));
}

void TestSystemdNotifier::nothingWithoutSocket_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("set");
    QTest::newRow("unset") << QByteArray() << false;
    QTest::newRow("relative path") << QByteArray("notify") << true;
    QTest::newRow("too long") << "/" + QByteArray(200, 'x') << true;
}

void TestSystemdNotifier::nothingWithoutSocket()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, set);
    if (set)
        qputenv("NOTIFY_SOCKET", value);
    SystemdNotifier notifier;
    QCOMPARE(notifier.isActive(), set);
    QVERIFY(!notifier.ready());
}

void TestSystemdNotifier::watchdogOnlyWhenAskedAndAtMostTwicePerPeriod()
{
    const QByteArray name = m_dir.filePath(QStringLiteral("watchdog")).toLocal8Bit();
    NotifySocket socket(name);
    QVERIFY(socket.isBound());
    qputenv("NOTIFY_SOCKET", name);
    {
        // No WATCHDOG_USEC: a ping sends nothing, so the marker after it comes first.
        SystemdNotifier notifier;
        QVERIFY(!notifier.watchdogEnabled());
        notifier.pingWatchdog();
        QVERIFY(notifier.ready());
        QCOMPARE(socket.next(), QByteArray("READY=1"));
    }
    // 30 s: the first ping goes out, one right after it is within half a period and does not.
    qputenv("WATCHDOG_USEC", "30000000");
    qputenv("WATCHDOG_PID", QByteArray::number(::getpid()));
    SystemdNotifier notifier;
    QVERIFY(notifier.watchdogEnabled());
    notifier.pingWatchdog();
    QCOMPARE(socket.next(), QByteArray("WATCHDOG=1"));
    notifier.pingWatchdog();
    QVERIFY(notifier.ready());
    QCOMPARE(socket.next(), QByteArray("READY=1"));
}

void TestSystemdNotifier::watchdogOfAnotherProcessIsIgnored()
{
    qputenv("NOTIFY_SOCKET", m_dir.filePath(QStringLiteral("other")).toLocal8Bit());
    qputenv("WATCHDOG_USEC", "30000000");
    qputenv("WATCHDOG_PID", QByteArray::number(::getppid()));
    QVERIFY(!SystemdNotifier().watchdogEnabled());
}

void TestSystemdNotifier::longIntervalWidensWatchdog()
{
    const QByteArray name = m_dir.filePath(QStringLiteral("widen")).toLocal8Bit();
    NotifySocket socket(name);
    QVERIFY(socket.isBound());
    qputenv("NOTIFY_SOCKET", name);
    qputenv("WATCHDOG_USEC", "10000000");
    SystemdNotifier notifier;
    // 2 x 5 s fits the 10 s period: nothing is sent, the marker comes first.
    notifier.coverInterval(5000ms);
    QVERIFY(notifier.ready());
    QCOMPARE(socket.next(), QByteArray("READY=1"));
    // 2 x 6 s = 12 s > 10 s: three intervals, 3 x 6 s = 18 s = 18000000 us.
    notifier.coverInterval(6000ms);
    QCOMPARE(socket.next(), QByteArray("WATCHDOG_USEC=18000000"));
    // 2 x 6 s now fits 18 s: nothing more.
    notifier.coverInterval(6000ms);
    QVERIFY(notifier.ready());
    QCOMPARE(socket.next(), QByteArray("READY=1"));
}

void TestSystemdNotifier::headlessVantageNotifiesAndReloadsOnSighup()
{
    const QByteArray name = "@vantage-notify-run-" + QByteArray::number(::getpid());
    NotifySocket socket(name);
    QVERIFY(socket.isBound());
    const QString config = m_dir.filePath(QStringLiteral("vantage.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[general]\ninterval=1\n");
    file.close();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("NOTIFY_SOCKET"), QString::fromLatin1(name));
    // 2 s: the 1 s tick pings at most once a second.
    env.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("2000000"));
    QProcess vantage;
    vantage.setProcessEnvironment(env);
    vantage.start(QStringLiteral(VANTAGE_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                   QStringLiteral("--config"), config, QStringLiteral("--data-dir"),
                   m_dir.filePath(QStringLiteral("data"))});
    QVERIFY(vantage.waitForStarted());
    const auto pid = pid_t(vantage.processId());

    QCOMPARE(socket.next(), QByteArray("READY=1"));
    QCOMPARE(socket.next(), QByteArray("WATCHDOG=1"));
    QCOMPARE(socket.next(), QByteArray("WATCHDOG=1"));

    // A SIGHUP rereads the file and says so; without a handler it would end the process.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[general]\ninterval=2\n");
    file.close();
    QCOMPARE(::kill(pid, SIGHUP), 0);
    QByteArray message;
    do {
        message = socket.next();
    } while (message.startsWith("WATCHDOG"));
    QCOMPARE(message, QByteArray("RELOADING=1"));
    QCOMPARE(socket.next(), QByteArray("READY=1"));
    // The 2 s interval is in effect: 2 x 2 s > 2 s, so the watchdog asks for 3 x 2 s = 6000000 us.
    do {
        message = socket.next();
    } while (message == "WATCHDOG=1");
    QCOMPARE(message, QByteArray("WATCHDOG_USEC=6000000"));
    QCOMPARE(vantage.state(), QProcess::Running);

    QCOMPARE(::kill(pid, SIGTERM), 0);
    do {
        message = socket.next();
    } while (message.startsWith("WATCHDOG"));
    QCOMPARE(message, QByteArray("STOPPING=1"));
    QVERIFY(vantage.waitForFinished(30000));
    QCOMPARE(vantage.exitStatus(), QProcess::NormalExit);
    QCOMPARE(vantage.exitCode(), 0);
}

void TestSystemdNotifier::logLinesCarryJournalPriorities()
{
    // A line that is no setting: vantage warns that the file is corrupt, on stderr.
    const QString config = m_dir.filePath(QStringLiteral("corrupt.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[general]\nthis line is no setting\n");
    file.close();

    for (const bool journal : {false, true}) {
        const QString errPath =
            m_dir.filePath(journal ? QStringLiteral("journal.err") : QStringLiteral("plain.err"));
        QFile err(errPath);
        QVERIFY(err.open(QIODevice::WriteOnly));
        err.close();
        struct stat status = {};
        QCOMPARE(::stat(QFile::encodeName(errPath).constData(), &status), 0);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        // systemd's form: "device:inode" of the stream it gave as stderr.
        if (journal)
            env.insert(QStringLiteral("JOURNAL_STREAM"),
                       QStringLiteral("%1:%2").arg(status.st_dev).arg(status.st_ino));
        QProcess vantage;
        vantage.setProcessEnvironment(env);
        vantage.setStandardErrorFile(errPath, QIODevice::Append);
        vantage.start(QStringLiteral(VANTAGE_BINARY),
                      {QStringLiteral("--snapshot"), QStringLiteral("--config"), config});
        QVERIFY(vantage.waitForFinished(30000));
        QCOMPARE(vantage.exitCode(), 0);
        QVERIFY(err.open(QIODevice::ReadOnly));
        const QByteArray text = err.readAll();
        const QList<QByteArray> lines = text.trimmed().split('\n');
        const auto corrupt = std::find_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) {
            return l.contains("is corrupt at line 2");
        });
        QVERIFY2(corrupt != lines.cend(), text.constData());
        // A warning is priority 4 (syslog.h LOG_WARNING), and every line has a priority.
        QCOMPARE(corrupt->startsWith("<4>vantage.settings: settings file"), journal);
        for (const QByteArray &line : lines)
            QCOMPARE(line.startsWith('<'), journal);
    }
}

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"

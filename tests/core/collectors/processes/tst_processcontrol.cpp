#include "procfixture.h"
#include "requireorskip.h"
#include "services/processcontrol.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

// Signals and renices real child processes the test starts (`sleep 60`), and checks the start-time
// guard against a fixture procfs whose stat names the real child's PID.
class TestProcessControl : public QObject
{
    Q_OBJECT

private slots:
    void stopThenContinue();
    void reniceShowsInStat();
    void killEndsTheProcess();
    void startTimeFromProcfs();
    void reusedPidIsNotSignalled();
    void matchingStartTimeIsSignalled();
    void refusedRequests_data();
    void refusedRequests();
    void anotherUsersProcessIsForbidden();
    void everyActionIsAnnounced();

private:
    static bool startSleep(QProcess *process);
    // Field 3 (state) or field 19 (nice) of the child's real /proc/<pid>/stat.
    static QByteArray statField(qint64 pid, int field);
    static ProcessControl::Request signalRequest(qint64 pid, const char *signal);
};

bool TestProcessControl::startSleep(QProcess *process)
{
    process->start(QStringLiteral("sleep"), {QStringLiteral("60")});
    return process->waitForStarted();
}

QByteArray TestProcessControl::statField(qint64 pid, int field)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.readAll();
    // Fields after comm (which ends at the last ')') are space separated, starting with field 3.
    const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return field - 3 < rest.size() ? rest.at(field - 3) : QByteArray();
}

ProcessControl::Request TestProcessControl::signalRequest(qint64 pid, const char *signal)
{
    ProcessControl::Request request;
    request.pid = int(pid);
    request.action = QStringLiteral("signal");
    request.signal = QString::fromLatin1(signal);
    request.by = QStringLiteral("desktop");
    return request;
}

void TestProcessControl::stopThenContinue()
{
    QProcess child;
    QVERIFY(startSleep(&child));
    const qint64 pid = child.processId();
    QTRY_COMPARE_WITH_TIMEOUT(statField(pid, 3), QByteArray("S"), 10000);
    ProcessControl control;
    QVERIFY(control.perform(signalRequest(pid, "STOP")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(statField(pid, 3), QByteArray("T"), 10000);
    QVERIFY(control.perform(signalRequest(pid, "CONT")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(statField(pid, 3), QByteArray("S"), 10000);
    child.kill();
    child.waitForFinished();
}

void TestProcessControl::reniceShowsInStat()
{
    QProcess child;
    QVERIFY(startSleep(&child));
    const qint64 pid = child.processId();
    QCOMPARE(statField(pid, 19), QByteArray("0")); // the test runs at nice 0, and so the child
    ProcessControl control;
    ProcessControl::Request request = signalRequest(pid, "");
    request.action = QStringLiteral("renice");
    request.nice = 5;
    QVERIFY(control.perform(request).ok);
    QCOMPARE(statField(pid, 19), QByteArray("5"));
    child.kill();
    child.waitForFinished();
}

void TestProcessControl::killEndsTheProcess()
{
    QProcess child;
    QVERIFY(startSleep(&child));
    ProcessControl control;
    QVERIFY(control.perform(signalRequest(child.processId(), "KILL")).ok);
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit); // ended by a signal, not by itself
}

void TestProcessControl::startTimeFromProcfs()
{
    VANTAGE_REQUIRE_OR_SKIP(::sysconf(_SC_CLK_TCK) == 100,
                            "the expected value assumes 100 clock ticks a second");
    ProcFixture proc;
    QFile stat(proc.root() + QStringLiteral("/stat"));
    QVERIFY(stat.open(QIODevice::WriteOnly));
    stat.write("cpu  1 2 3 4\nbtime 1700000000\nprocesses 5\n");
    stat.close();
    proc.write({.pid = 42, .comm = "worker", .startTime = 12345});
    const ProcessControl control(proc.root());
    // 1700000000 s * 1000 + 12345 ticks * 1000 / 100 ticks a second = 1700000000000 + 123450
    QCOMPARE(control.startTimeMs(42), std::optional<qint64>(1700000123450));
    QCOMPARE(control.startTimeMs(43), std::nullopt); // no such process in the fixture
}

// The list said PID N started at 1700000000000 + 100 ticks; the PID now carries another start
// time (200 ticks): the process the user meant is gone and the one holding its PID is spared.
void TestProcessControl::reusedPidIsNotSignalled()
{
    QProcess child;
    QVERIFY(startSleep(&child));
    const qint64 pid = child.processId();
    ProcFixture proc;
    QFile stat(proc.root() + QStringLiteral("/stat"));
    QVERIFY(stat.open(QIODevice::WriteOnly));
    stat.write("btime 1700000000\n");
    stat.close();
    proc.write({.pid = int(pid), .comm = "sleep", .startTime = 200});
    ProcessControl control(proc.root());
    ProcessControl::Request request = signalRequest(pid, "KILL");
    request.startTime = 1700000000000 + 100 * 1000 / ::sysconf(_SC_CLK_TCK);
    const ProcessControl::Outcome outcome = control.perform(request);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.code, QStringLiteral("not_found"));
    QCOMPARE(outcome.message, QStringLiteral("process %1 is gone (its PID now belongs to another "
                                             "process)")
                                  .arg(pid));
    QVERIFY(!child.waitForFinished(300)); // still running: nothing was sent
    QCOMPARE(statField(pid, 3), QByteArray("S"));
    // A process that is not in procfs at all is gone too.
    request.pid = int(pid) + 1;
    QCOMPARE(control.perform(request).code, QStringLiteral("not_found"));
    child.kill();
    child.waitForFinished();
}

void TestProcessControl::matchingStartTimeIsSignalled()
{
    QProcess child;
    QVERIFY(startSleep(&child));
    const qint64 pid = child.processId();
    ProcFixture proc;
    QFile stat(proc.root() + QStringLiteral("/stat"));
    QVERIFY(stat.open(QIODevice::WriteOnly));
    stat.write("btime 1700000000\n");
    stat.close();
    proc.write({.pid = int(pid), .comm = "sleep", .startTime = 200});
    ProcessControl control(proc.root());
    ProcessControl::Request request = signalRequest(pid, "KILL");
    request.startTime = 1700000000000 + 200 * 1000 / ::sysconf(_SC_CLK_TCK);
    QVERIFY(control.perform(request).ok);
    QVERIFY(child.waitForFinished(10000));
}

void TestProcessControl::refusedRequests_data()
{
    QTest::addColumn<int>("pid");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("signal");
    QTest::addColumn<int>("nice");
    QTest::addColumn<QString>("code");

    const QString signal = QStringLiteral("signal");
    const QString renice = QStringLiteral("renice");
    QTest::newRow("init") << 1 << signal << QStringLiteral("KILL") << 0 << "forbidden";
    QTest::newRow("Vantage itself")
        << int(::getpid()) << signal << QStringLiteral("STOP") << 0 << "forbidden";
    QTest::newRow("renice of itself") << int(::getpid()) << renice << QString() << 5 << "forbidden";
    // kill(0) and kill(-1) would reach a whole process group or every process.
    QTest::newRow("pid 0") << 0 << signal << QStringLiteral("TERM") << 0 << "bad_request";
    QTest::newRow("pid -1") << -1 << signal << QStringLiteral("TERM") << 0 << "bad_request";
    QTest::newRow("a signal not offered")
        << 12345 << signal << QStringLiteral("USR1") << 0 << "bad_request";
    QTest::newRow("a number for a signal")
        << 12345 << signal << QStringLiteral("9") << 0 << "bad_request";
    QTest::newRow("nice 20") << 12345 << renice << QString() << 20 << "bad_request";
    QTest::newRow("nice -21") << 12345 << renice << QString() << -21 << "bad_request";
    QTest::newRow("unknown action")
        << 12345 << QStringLiteral("pause") << QString() << 0 << "bad_request";
}

void TestProcessControl::refusedRequests()
{
    QFETCH(int, pid);
    QFETCH(QString, action);
    QFETCH(QString, signal);
    QFETCH(int, nice);
    QFETCH(QString, code);
    ProcessControl control;
    ProcessControl::Request request;
    request.pid = pid;
    request.action = action;
    request.signal = signal;
    request.nice = nice;
    request.by = QStringLiteral("desktop");
    const ProcessControl::Outcome outcome = control.perform(request);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.code, code);
    QVERIFY(!outcome.message.isEmpty());
}

// As `nobody` (65534), a root-owned process refuses the signal with EPERM, shown as a sentence.
// The check runs in a forked child that drops its privileges and writes the outcome to a pipe.
void TestProcessControl::anotherUsersProcessIsForbidden()
{
    VANTAGE_REQUIRE_OR_SKIP(::geteuid() == 0, "dropping to another user needs root");
    QProcess target;
    QVERIFY(startSleep(&target));
    const qint64 pid = target.processId();
    int fds[2];
    QVERIFY(::pipe(fds) == 0);
    const pid_t checker = ::fork();
    QVERIFY(checker >= 0);
    if (checker == 0) {
        ::close(fds[0]);
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        ProcessControl control;
        const ProcessControl::Outcome outcome = control.perform(signalRequest(pid, "KILL"));
        const QByteArray text = (outcome.code + u'|' + outcome.message).toUtf8();
        const bool written = ::write(fds[1], text.constData(), size_t(text.size())) == text.size();
        ::_exit(written ? 0 : 3);
    }
    ::close(fds[1]);
    QByteArray text;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, n);
    ::close(fds[0]);
    int status = 0;
    QCOMPARE(::waitpid(checker, &status, 0), checker);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QCOMPARE(QString::fromUtf8(text),
             QStringLiteral("forbidden|not allowed: process %1 belongs to another user").arg(pid));
    QVERIFY(!target.waitForFinished(300)); // the KILL never reached it
    QCOMPARE(statField(pid, 3), QByteArray("S"));
    target.kill();
    target.waitForFinished();
}

void TestProcessControl::everyActionIsAnnounced()
{
    QProcess child;
    QVERIFY(startSleep(&child));
    const qint64 pid = child.processId();
    ProcessControl control;
    QSignalSpy done(&control, &ProcessControl::actionDone);
    ProcessControl::Request renice = signalRequest(pid, "");
    renice.action = QStringLiteral("renice");
    renice.nice = 7;
    QVERIFY(control.perform(renice).ok);
    QVERIFY(!control.perform(signalRequest(1, "KILL")).ok);
    QCOMPARE(done.size(), 2);
    const QJsonObject first = done.at(0).at(0).toJsonObject();
    QCOMPARE(first, (QJsonObject{{"pid", int(pid)},
                                 {"action", "renice"},
                                 {"nice", 7},
                                 {"by", "desktop"},
                                 {"ok", true}}));
    const QJsonObject second = done.at(1).at(0).toJsonObject();
    QCOMPARE(second.value("ok"), QJsonValue(false));
    QCOMPARE(second.value("signal"), QJsonValue("KILL"));
    QCOMPARE(second.value("error"),
             QJsonValue("process 1 is init and is never signalled or reniced"));
    child.kill();
    child.waitForFinished();
}

QTEST_GUILESS_MAIN(TestProcessControl)
#include "tst_processcontrol.moc"

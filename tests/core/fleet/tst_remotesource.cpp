#include "fixturetree.h"
#include "httpprobe.h"
#include "vantageprocess.h"

#include "fleet/remotesource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <memory>

namespace {

const QByteArray TokenA = "remote-source-host-a-5Lm8";
const QByteArray TokenB = "remote-source-host-b-2Pz6";
const QByteArray WrongToken = "remote-source-wrong-token-4Hq1";

// Host a's /proc/pressure/cpu before and after the test moves its stall counter by 250000 µs.
// Both lines are as long: the file is rewritten in place (overwriteInPlace).
const QByteArray PressureBefore = "some avg10=1.00 avg60=0.50 avg300=0.10 total=1000000000\n";
const QByteArray PressureAfter = "some avg10=1.00 avg60=0.50 avg300=0.10 total=1000250000\n";

// Host a: two ticks a second, its history in memory only (so a range is answered from the same
// ticks the stream sent), process control on, and memory (50 %) and swap (25 %) above their
// warning levels from the first tick.
const QByteArray ConfigA = "[general]\ninterval = 0.5\n[history]\nenabled = false\n"
                           "[server]\ntoken = " +
                           TokenA +
                           "\nallowProcessControl = true\n"
                           "[thresholds]\nmemory/warning = 10\nmemory/for = 0\n"
                           "swap/warning = 10\nswap/for = 0\n";
// Host b: the history store on disk (the default), whose answers come from its own thread.
const QByteArray ConfigB = "[general]\ninterval = 0.5\n[server]\ntoken = " + TokenB + "\n";

// Overwrites the file's first bytes without truncating it: vantage keeps the file open and reads
// it again each tick, so a tick never finds it empty halfway through the change.
bool overwriteInPlace(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.write(text) == text.size();
}

QJsonObject snapshotOf(const VantageProcess &host)
{
    return QJsonDocument::fromJson(
               HttpProbe::getAt(host.address(), host.port(), "/api/v1/snapshot").body)
        .object();
}

QString stateOf(const RemoteSource &source)
{
    return RemoteHost::stateName(source.connectionState());
}

// The ids of the alerts, in their order.
QStringList idsOf(const QList<Alert> &alerts)
{
    QStringList ids;
    for (const Alert &alert : alerts)
        ids.append(alert.id());
    return ids;
}

// What a Done heard, once it has been called.
struct Answer
{
    bool heard = false;
    QString code;
    QString message;

    RemoteSource::Done done()
    {
        return [this](const QString &answeredCode, const QString &answeredMessage) {
            heard = true;
            code = answeredCode;
            message = answeredMessage;
        };
    }
};

} // namespace

// RemoteSource against real vantage processes on fixture machines: host a on 127.0.0.2, followed
// by an admin source and a viewer's, and host b on 127.0.0.3, followed with a wrong token.
class TestRemoteSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void itGivesTheHostsFactsAndValues();
    void itRatesTheStallCounterBetweenTwoTicks();
    void aRefusedTokenIsNotSentAgain();
    void alertsAreAcknowledgedOnlyAsAdmin();
    void rangesAreAskedOfTheHost();
    void theProcessListIsFollowedOnlyWhileWatched();
    void processActionsCarryTheHostsRefusal();
    void aHostThatStopsIsDownUntilItIsBack();

private:
    bool startA(quint16 port = 0);
    bool startB(quint16 port = 0);

    QTemporaryDir m_rootA;
    QTemporaryDir m_rootB;
    VantageProcess m_a;
    VantageProcess m_b;
    std::unique_ptr<RemoteSource> m_admin;   // host a with its token
    std::unique_ptr<RemoteSource> m_viewer;  // host a without a token
    std::unique_ptr<RemoteSource> m_refused; // host b with a wrong token
    QList<Snapshot> m_seen;                  // every snapshot m_admin gave, in order
    qsizetype m_historyAtFirst = -1;         // m_admin's history at its first snapshot
    QList<QList<Alert>> m_viewerLogs;        // each log m_viewer read
};

bool TestRemoteSource::startA(quint16 port)
{
    return m_a.startOnMachine(m_rootA.path(), ConfigA, QStringLiteral("127.0.0.2"),
                              port ? QStringList{QStringLiteral("--port"), QString::number(port)}
                                   : QStringList{});
}

bool TestRemoteSource::startB(quint16 port)
{
    return m_b.startOnMachine(m_rootB.path(), ConfigB, QStringLiteral("127.0.0.3"),
                              port ? QStringList{QStringLiteral("--port"), QString::number(port)}
                                   : QStringList{});
}

void TestRemoteSource::initTestCase()
{
    for (QTemporaryDir *root : {&m_rootA, &m_rootB}) {
        QVERIFY(root->isValid());
        QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), root->path()));
    }
    // Host a's machine has PSI, and one disk: the filesystem of its own folder.
    QVERIFY(writeFile(m_rootA.filePath(QStringLiteral("proc/pressure/cpu")), PressureBefore));
    QVERIFY(replaceInFile(m_rootA.filePath(QStringLiteral("proc/self/mounts")),
                          "sysfs /sys sysfs rw,relatime 0 0\n",
                          "sysfs /sys sysfs rw,relatime 0 0\n/dev/vda " + m_rootA.path().toUtf8() +
                              " ext4 rw,relatime 0 0\n"));
    QVERIFY(startA());
    QVERIFY(startB());
    // A few ticks before anyone follows a: its history message then holds them.
    QTRY_VERIFY_WITH_TIMEOUT(snapshotOf(m_a).value(QStringLiteral("seq")).toInteger() >= 3, 20000);

    m_admin = std::make_unique<RemoteSource>(QStringLiteral("a"), m_a.url(),
                                             QString::fromLatin1(TokenA), 2);
    connect(m_admin.get(), &MetricsSource::snapshotReady, this, [this](const Snapshot &snapshot) {
        if (m_seen.isEmpty())
            m_historyAtFirst = m_admin->history().size();
        m_seen.append(snapshot);
    });
    m_viewer = std::make_unique<RemoteSource>(QStringLiteral("a"), m_a.url(), QString(), 2);
    connect(m_viewer.get(), &RemoteSource::logReplaced, this,
            [this](const QList<Alert> &events) { m_viewerLogs.append(events); });
}

void TestRemoteSource::cleanupTestCase()
{
    m_admin.reset();
    m_viewer.reset();
    m_refused.reset();
    m_a.stop();
    m_b.stop();
}

void TestRemoteSource::itGivesTheHostsFactsAndValues()
{
    QVERIFY(m_admin->initialize());
    QVERIFY(m_viewer->initialize());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_admin), QStringLiteral("up"), 20000);
    // From the fixture: proc/sys/kernel/hostname and osrelease, two processor entries in
    // proc/cpuinfo with that model name.
    QCOMPARE(m_admin->host().hostname, QStringLiteral("fixture-host"));
    QCOMPARE(m_admin->host().kernel, QStringLiteral("6.1.0-fixture"));
    QCOMPARE(m_admin->host().cpuModel, QStringLiteral("Fixture CPU @ 3.00GHz"));
    QCOMPARE(m_admin->host().cpuCount, 2);
    QCOMPARE(m_admin->intervalMs(), 500); // general/interval = 0.5 s
    QTRY_VERIFY_WITH_TIMEOUT(!m_seen.isEmpty(), 20000);
    // Host a had ticked at least 3 times before (initTestCase): the history message held them
    // before the first sample came.
    QVERIFY2(m_historyAtFirst >= 3, qPrintable(QString::number(m_historyAtFirst)));
    // The history message and the samples after it meet without a duplicate tick.
    QTRY_VERIFY_WITH_TIMEOUT(m_seen.size() >= 3, 20000);
    const QList<qint64> ts = m_admin->history().window({}, 0).ts;
    QVERIFY(std::is_sorted(ts.cbegin(), ts.cend(), std::less_equal<qint64>()));
    QCOMPARE(ts.last(), m_admin->latest().ts);

    // The same tick as the host gives it over HTTP.
    const QJsonObject own = snapshotOf(m_a);
    const quint64 seq = quint64(own.value(QStringLiteral("seq")).toInteger());
    QVERIFY(seq > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->latest().seq >= seq, 20000);
    const auto found = std::find_if(m_seen.cbegin(), m_seen.cend(),
                                    [seq](const Snapshot &seen) { return seen.seq == seq; });
    QVERIFY(found != m_seen.cend());
    const Snapshot &tick = *found;
    const QJsonObject cpu = own.value(QStringLiteral("cpu")).toObject();
    const QJsonObject mem = own.value(QStringLiteral("mem")).toObject();
    const QJsonObject disk = own.value(QStringLiteral("disks")).toArray().first().toObject();
    const QJsonObject net = own.value(QStringLiteral("net")).toArray().first().toObject();
    // proc/stat does not move between ticks: no busy time, 0 %.
    QCOMPARE(tick.cpu.total, 0.0);
    QCOMPARE(tick.cpu.total, cpu.value(QStringLiteral("total")).toDouble(-1));
    // MemTotal 16384000 kB − MemAvailable 8192000 kB = 8192000 kB used: 50 %.
    QCOMPARE(tick.mem.percent, 50.0);
    QCOMPARE(tick.mem.percent, mem.value(QStringLiteral("percent")).toDouble(-1));
    QCOMPARE(tick.mem.total, 16384000ull * 1024);
    // The disk initTestCase mounted: its size as statvfs gives it here.
    struct statvfs vfs = {};
    QCOMPARE(::statvfs(QFile::encodeName(m_rootA.path()).constData(), &vfs), 0);
    QCOMPARE(tick.disks.size(), 1);
    QCOMPARE(tick.disks.first().mount, m_rootA.path());
    QCOMPARE(tick.disks.first().device, QStringLiteral("/dev/vda"));
    QCOMPARE(tick.disks.first().total, quint64(vfs.f_blocks) * vfs.f_frsize);
    QCOMPARE(tick.disks.first().used, quint64(disk.value(QStringLiteral("used")).toInteger()));
    // proc/net/dev: eth0 received 500000 and sent 250000 bytes, and nothing since (lo is left
    // out).
    QCOMPARE(tick.net.size(), 1);
    QCOMPARE(tick.net.first().iface, QStringLiteral("eth0"));
    QCOMPARE(tick.net.first().rxTotal, 500000ull);
    QCOMPARE(tick.net.first().txTotal, 250000ull);
    QCOMPARE(tick.net.first().rxBps, 0.0);
    QCOMPARE(tick.net.first().rxBps, net.value(QStringLiteral("rxBps")).toDouble(-1));
}

void TestRemoteSource::itRatesTheStallCounterBetweenTwoTicks()
{
    // The first sample after hello has no tick before it here: no rate yet.
    QVERIFY(m_seen.first().pressure && m_seen.first().pressure->cpu);
    QCOMPARE(m_seen.first().pressure->cpu->some.totalUs, 1000000000ull);
    QVERIFY(qIsNaN(m_seen.first().pressure->cpu->some.rate));
    QTRY_VERIFY_WITH_TIMEOUT(m_seen.size() >= 2, 20000);
    // The counter did not move between the first two: 0 %.
    QVERIFY(m_seen.at(1).pressure && m_seen.at(1).pressure->cpu);
    QCOMPARE(m_seen.at(1).pressure->cpu->some.rate, 0.0);

    const qsizetype before = m_seen.size();
    QVERIFY(overwriteInPlace(m_rootA.filePath(QStringLiteral("proc/pressure/cpu")), PressureAfter));
    const auto moved = [this, before] {
        for (qsizetype i = std::max<qsizetype>(1, before - 1); i < m_seen.size(); ++i) {
            const std::optional<Pressure> &pressure = m_seen.at(i).pressure;
            if (pressure && pressure->cpu && pressure->cpu->some.totalUs == 1000250000ull)
                return i;
        }
        return qsizetype(-1);
    };
    QTRY_VERIFY_WITH_TIMEOUT(moved() > 0, 20000);
    const Snapshot &previous = m_seen.at(moved() - 1);
    const Snapshot &now = m_seen.at(moved());
    QCOMPARE(previous.seq + 1, now.seq);
    QVERIFY(previous.pressure && previous.pressure->cpu);
    QCOMPARE(previous.pressure->cpu->some.totalUs, 1000000000ull);
    // 250000 µs stalled over the ticks' distance in ms: 250000 / (elapsed × 1000) × 100 %, which
    // is 25000 / elapsed (50 % at exactly 500 ms).
    const qint64 elapsed = now.ts - previous.ts;
    QVERIFY(elapsed > 0);
    QCOMPARE(now.pressure->cpu->some.rate, 25000.0 / double(elapsed));
}

void TestRemoteSource::aRefusedTokenIsNotSentAgain()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->isAdmin(), 20000);
    QCOMPARE(m_admin->reason(), QString());
    QVERIFY(!m_viewer->isAdmin());

    m_refused = std::make_unique<RemoteSource>(QStringLiteral("b"), m_b.url(),
                                               QString::fromLatin1(WrongToken), 2);
    QSignalSpy samples(m_refused.get(), &MetricsSource::snapshotReady);
    QSignalSpy restarted(m_refused.get(), &RemoteSource::restarted);
    QVERIFY(m_refused->initialize());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_refused->reason().startsWith(QStringLiteral("the host refused the token")), 20000);
    // The stream goes on, as a viewer's.
    QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 3, 20000);
    QCOMPARE(stateOf(*m_refused), QStringLiteral("up"));
    QVERIFY(!m_refused->isAdmin());
    // Up again, it still says why it is no admin there, not why it was down meanwhile.
    QVERIFY2(m_refused->reason().startsWith(QStringLiteral("the host refused the token")),
             qPrintable(m_refused->reason()));
    // The token went to b once, over the stream.
    QTRY_COMPARE_WITH_TIMEOUT(snapshotOf(m_b)
                                  .value(QStringLiteral("self"))
                                  .toObject()
                                  .value(QStringLiteral("authFailures"))
                                  .toInteger(-1),
                              1, 20000);

    // b restarts on the same address: its count starts over, and the source, back, does not
    // offer the token it was refused.
    const quint16 port = m_b.port();
    QVERIFY(m_b.stop());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_refused), QStringLiteral("down"), 20000);
    QVERIFY(startB(port));
    QCOMPARE(m_b.port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 2, 20000);
    samples.clear();
    // The first sample is b's tick before the source came back; the next ones were collected
    // after the host read whatever the source sent on connecting.
    QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 3, 20000);
    QCOMPARE(stateOf(*m_refused), QStringLiteral("up"));
    QVERIFY(!m_refused->isAdmin());
    QCOMPARE(snapshotOf(m_b)
                 .value(QStringLiteral("self"))
                 .toObject()
                 .value(QStringLiteral("authFailures"))
                 .toInteger(-1),
             0);
}

void TestRemoteSource::alertsAreAcknowledgedOnlyAsAdmin()
{
    // Memory at 50 % and swap at 25 % (512000 of 2048000 kB), each over its warning of 10 %.
    QTRY_VERIFY_WITH_TIMEOUT(idsOf(m_admin->activeAlerts()).contains(QStringLiteral("memory")),
                             20000);
    QTRY_VERIFY_WITH_TIMEOUT(idsOf(m_admin->activeAlerts()).contains(QStringLiteral("swap")),
                             20000);
    QList<Alert> changes;
    QObject scope;
    connect(m_admin.get(), &RemoteSource::alertChanged, &scope,
            [&changes](const Alert &alert) { changes.append(alert); });
    Answer admin;
    m_admin->acknowledge(QStringLiteral("memory"), admin.done());
    QTRY_VERIFY_WITH_TIMEOUT(admin.heard, 20000);
    QCOMPARE(admin.code, QString());
    QCOMPARE(admin.message, QString());
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(changes.cbegin(), changes.cend(),
                                         [](const Alert &alert) {
                                             return alert.id() == u"memory" && alert.acknowledged;
                                         }),
                             20000);

    // The host's own refusal comes back as it said it.
    Answer unknown;
    m_admin->acknowledge(QStringLiteral("nothing-fires"), unknown.done());
    QTRY_VERIFY_WITH_TIMEOUT(unknown.heard, 20000);
    QCOMPARE(unknown.code, QStringLiteral("bad_request"));
    QCOMPARE(unknown.message, QStringLiteral("no firing alert \"nothing-fires\" to acknowledge"));

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_viewer), QStringLiteral("up"), 20000);
    Answer viewer;
    m_viewer->acknowledge(QStringLiteral("swap"), viewer.done());
    QVERIFY(viewer.heard);
    QCOMPARE(viewer.code, QStringLiteral("forbidden"));

    // The log the viewer read when it connected: both alerts firing since a's first ticks,
    // newest first.
    QTRY_COMPARE_WITH_TIMEOUT(m_viewerLogs.size(), 1, 20000);
    const QList<Alert> &log = m_viewerLogs.first();
    QStringList ids = idsOf(log);
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("memory"), QStringLiteral("swap")}));
    for (qsizetype i = 1; i < log.size(); ++i)
        QVERIFY(log.at(i - 1).ts >= log.at(i).ts);
}

void TestRemoteSource::rangesAreAskedOfTheHost()
{
    // The last five ticks the source holds, fewer than the points asked: a answers with those
    // ticks themselves, from the same history its stream came from.
    const QString tickUs = QStringLiteral("self.tickUs");
    const History::Window window = m_admin->history().window({tickUs}, 0);
    QVERIFY(window.ts.size() >= 6);
    QCOMPARE(window.series.size(), 1);
    const qsizetype first = window.ts.size() - 5;
    QFuture<HistoryRange> ticks =
        m_admin->range({{tickUs}, window.ts.at(first), window.ts.last(), 10});
    QTRY_VERIFY_WITH_TIMEOUT(ticks.isFinished(), 20000);
    QCOMPARE(ticks.resultCount(), 1);
    QCOMPARE(ticks.result().names, QStringList{tickUs});
    QCOMPARE(ticks.result().ts, window.ts.mid(first));
    QCOMPARE(ticks.result().avg.first(), window.series.first().second.mid(first));

    // The last 10 s of cpu.total in at most 10 buckets: 0 % wherever a tick fell (proc/stat
    // does not move).
    const qint64 now = m_admin->latest().ts;
    QFuture<HistoryRange> span =
        m_admin->range({{QStringLiteral("cpu.total")}, now - 10000, now, 10});
    QTRY_VERIFY_WITH_TIMEOUT(span.isFinished(), 20000);
    QCOMPARE(span.resultCount(), 1);
    const HistoryRange range = span.result();
    QCOMPARE(range.names, QStringList{QStringLiteral("cpu.total")});
    QVERIFY(!range.ts.isEmpty() && range.ts.size() <= 10);
    QCOMPARE(range.avg.first().size(), range.ts.size());
    QVERIFY(range.avg.first().contains(0.0));
    for (const double value : range.avg.first())
        QVERIFY(qIsNaN(value) || value == 0.0);

    // A series a does not know: a refuses, and the future ends without a result.
    QFuture<HistoryRange> unknown =
        m_admin->range({{QStringLiteral("no.such.series")}, now - 10000, now, 10});
    QTRY_VERIFY_WITH_TIMEOUT(unknown.isFinished(), 20000);
    QCOMPARE(unknown.resultCount(), 0);

    // Six at once of b, whose store answers on its own thread: beyond the 4 a host lets one
    // client have waiting, the source holds them back until answers come, so all six are
    // answered.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_refused), QStringLiteral("up"), 20000);
    const qint64 bNow = m_refused->latest().ts;
    QList<QFuture<HistoryRange>> six;
    for (int i = 0; i < 6; ++i)
        six.append(m_refused->range({{QStringLiteral("cpu.total")}, bNow - 10000, bNow, 10}));
    for (const QFuture<HistoryRange> &future : std::as_const(six)) {
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
        QCOMPARE(future.resultCount(), 1);
        QCOMPARE(future.result().names, QStringList{QStringLiteral("cpu.total")});
    }
}

void TestRemoteSource::theProcessListIsFollowedOnlyWhileWatched()
{
    QList<QJsonArray> lists;
    QList<int> added;
    qsizetype changes = 0;
    QObject scope;
    connect(m_admin.get(), &RemoteSource::processesReplaced, &scope,
            [&lists](const QJsonArray &rows, qint64) { lists.append(rows); });
    connect(m_admin.get(), &RemoteSource::processesChanged, &scope,
            [&added, &changes](const ProcessDelta &delta, qint64) {
                ++changes;
                for (const QJsonValue &row : delta.added)
                    added.append(row.toObject().value(QStringLiteral("pid")).toInt());
            });
    m_admin->setProcessesWatched(true);
    QTRY_COMPARE_WITH_TIMEOUT(lists.size(), 1, 20000);
    QList<int> pids;
    for (const QJsonValue &row : lists.first())
        pids.append(row.toObject().value(QStringLiteral("pid")).toInt());
    std::sort(pids.begin(), pids.end());
    QCOMPARE(pids, (QList<int>{1, 42})); // the fixture's proc/1 and proc/42

    // A process starts on a's machine: it comes as a change.
    const QString loadavg = m_rootA.filePath(QStringLiteral("proc/loadavg"));
    const QString stat42 = m_rootA.filePath(QStringLiteral("proc/42/stat"));
    QFile source(stat42);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray line = source.readAll();
    QVERIFY(writeFile(
        m_rootA.filePath(QStringLiteral("proc/43/stat")),
        QByteArray(line).replace("42 (worker thread) R 1 42 42", "43 (worker thread) S 1 43 43")));
    // The kernel handed out a PID since the fixture's last one (proc/loadavg's last field).
    QVERIFY(overwriteInPlace(loadavg, "1.50 0.75 0.25 2/300 4243\n"));
    QTRY_VERIFY_WITH_TIMEOUT(added.contains(43), 20000);

    // Unwatched: once two more ticks came after the unsubscribe, the host has read it; a process
    // that starts then is seen in the tick's count, and no list or change comes.
    m_admin->setProcessesWatched(false);
    const quint64 unwatched = m_admin->latest().seq;
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->latest().seq >= unwatched + 2, 20000);
    lists.clear();
    changes = 0;
    QVERIFY(writeFile(
        m_rootA.filePath(QStringLiteral("proc/44/stat")),
        QByteArray(line).replace("42 (worker thread) R 1 42 42", "44 (worker thread) S 1 44 44")));
    QVERIFY(overwriteInPlace(loadavg, "1.50 0.75 0.25 2/300 4244\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_admin->latest().procs.count, 4, 20000); // 1, 42, 43, 44
    const quint64 counted = m_admin->latest().seq;
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->latest().seq >= counted + 3, 20000);
    QCOMPARE(lists.size(), 0);
    QCOMPARE(changes, 0);
}

void TestRemoteSource::processActionsCarryTheHostsRefusal()
{
    // PID 1's start time from the fixture: btime 1700000000 s plus 10 ticks of 10 ms (proc/1/stat
    // field 22) = 1700000000100 ms. CONT, so that nothing would be stopped if a refused.
    const QJsonObject action{{QStringLiteral("pid"), 1},
                             {QStringLiteral("startTime"), 1700000000100.0},
                             {QStringLiteral("action"), QStringLiteral("signal")},
                             {QStringLiteral("signal"), QStringLiteral("CONT")}};
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->isAdmin(), 20000);
    Answer admin;
    m_admin->processAction(action, admin.done());
    QTRY_VERIFY_WITH_TIMEOUT(admin.heard, 20000);
    QCOMPARE(admin.code, QStringLiteral("forbidden"));
    QCOMPARE(admin.message, QStringLiteral("process 1 is init and is never signalled or reniced"));

    Answer viewer;
    m_viewer->processAction(action, viewer.done());
    QVERIFY(viewer.heard);
    QCOMPARE(viewer.code, QStringLiteral("forbidden"));
}

void TestRemoteSource::aHostThatStopsIsDownUntilItIsBack()
{
    // A host that stops answering without closing anything: down after downSeconds (2) of
    // silence, followed again once it goes on.
    const pid_t pid = m_a.pid();
    QVERIFY(pid > 0);
    QSignalSpy restarted(m_admin.get(), &RemoteSource::restarted);
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_admin), QStringLiteral("down"), 20000);
    QCOMPARE(m_admin->reason(), QStringLiteral("no message for 2 s"));
    resume.dismiss();
    QCOMPARE(::kill(pid, SIGCONT), 0);
    QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_admin), QStringLiteral("up"), 20000);

    // A host that stops and starts again on its address.
    restarted.clear();
    QList<Alert> log;
    QObject scope;
    connect(m_admin.get(), &RemoteSource::logReplaced, &scope,
            [&log](const QList<Alert> &events) { log = events; });
    const quint16 port = m_a.port();
    QVERIFY(m_a.stop());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_admin), QStringLiteral("down"), 20000);
    QVERIFY(!m_admin->reason().isEmpty());
    QVERIFY(!m_admin->isAdmin());

    QVERIFY(startA(port));
    QCOMPARE(m_a.port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_admin), QStringLiteral("up"), 20000);
    QCOMPARE(m_admin->reason(), QString());
    QSignalSpy samples(m_admin.get(), &MetricsSource::snapshotReady);
    QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_admin->isAdmin(), 20000);
    // The log read on coming back, newest first: the memory alert's acknowledgement
    // (alertsAreAcknowledgedOnlyAsAdmin), then the two alerts firing since a's first ticks.
    QTRY_VERIFY_WITH_TIMEOUT(!log.isEmpty(), 20000);
    QCOMPARE(log.first().id(), QStringLiteral("memory"));
    QVERIFY(log.first().acknowledged);
    QVERIFY(log.size() >= 3);
    for (qsizetype i = 1; i < log.size(); ++i)
        QVERIFY(log.at(i - 1).ts >= log.at(i).ts);
    QVERIFY(log.first().ts > log.last().ts);
}

QTEST_MAIN(TestRemoteSource)
#include "tst_remotesource.moc"

#include "vantageprocess.h"
#include "wsclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

#include <unistd.h>

// processAction against a real vantage process (docs/protocol.md): refused to viewers and, while
// server/allowProcessControl is off, to admins too; with it on, an admin's STOP reaches the
// test's own `sleep` child and every client hears of it. The setting never changes over the
// network.
class TestProcessAction : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void viewerIsForbidden();
    void adminIsForbiddenWhileControlIsOff();
    void helloTellsWhetherControlIsOn();
    void settingIsRefusedOverTheNetwork();
    void stopReachesTheChildAndEveryClientHears();
    void reusedPidIsNotSignalled();
    void initAndVantageItselfAreForbidden();
    void missingStartTimeIsABadRequest();
    void cleanupTestCase();

private:
    static QByteArray statField(qint64 pid, int field);
    // ms since the epoch, from the real procfs: btime of /proc/stat plus field 22 of the
    // process's stat in clock ticks, as the process list computes it.
    static qint64 startTimeOf(qint64 pid);
    // The PID of the process whose command line holds this argument (its settings file).
    static qint64 pidStartedWith(const QString &argument);
    QJsonObject action(qint64 pid, qint64 startTime, const char *signal, int id) const;
    bool openAdmin(WsClient *client, const VantageProcess &vantage) const;

    static constexpr const char *Token = "PROCESSTOKEN1234567";
    VantageProcess m_off; // allowProcessControl left at its default, false
    VantageProcess m_on;  // allowProcessControl=true in its settings file
    QProcess m_child;
    qint64 m_childPid = 0;
};

QByteArray TestProcessAction::statField(qint64 pid, int field)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.readAll();
    const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return field - 3 < rest.size() ? rest.at(field - 3) : QByteArray();
}

qint64 TestProcessAction::startTimeOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    qint64 btime = 0;
    for (const QByteArray &line : stat.readAll().split('\n')) {
        if (line.startsWith("btime "))
            btime = line.mid(6).toLongLong();
    }
    const qint64 ticks = statField(pid, 22).toLongLong();
    return btime * 1000 + qint64(std::llround(double(ticks) * 1000.0 / ::sysconf(_SC_CLK_TCK)));
}

qint64 TestProcessAction::pidStartedWith(const QString &argument)
{
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (entry.toLongLong() > 0 && cmdline.open(QIODevice::ReadOnly) &&
            cmdline.readAll().split('\0').contains(argument.toUtf8()))
            return entry.toLongLong();
    }
    return 0;
}

QJsonObject TestProcessAction::action(qint64 pid, qint64 startTime, const char *signal,
                                      int id) const
{
    return {
        {"type", "processAction"}, {"id", id},           {"pid", pid},
        {"startTime", startTime},  {"action", "signal"}, {"signal", QString::fromLatin1(signal)}};
}

bool TestProcessAction::openAdmin(WsClient *client, const VantageProcess &vantage) const
{
    return client->open(vantage.port(), QStringLiteral("/ws?token=%1").arg(Token)) &&
           client->waitFor(QStringLiteral("hello")).value("role").toString() == u"admin";
}

void TestProcessAction::initTestCase()
{
    QVERIFY2(m_off.start({"--token", Token}), qPrintable(m_off.errorString()));
    QFile config(m_on.configFile());
    QVERIFY(config.open(QIODevice::WriteOnly));
    QVERIFY(config.write("[server]\nallowProcessControl=true\n") > 0);
    config.close();
    QVERIFY2(m_on.start({"--token", Token}), qPrintable(m_on.errorString()));
    m_child.start(QStringLiteral("sleep"), {QStringLiteral("60")});
    QVERIFY(m_child.waitForStarted());
    m_childPid = m_child.processId();
    QTRY_COMPARE_WITH_TIMEOUT(statField(m_childPid, 3), QByteArray("S"), 10000);
}

void TestProcessAction::viewerIsForbidden()
{
    WsClient viewer;
    QVERIFY(viewer.open(m_on.port()));
    QCOMPARE(viewer.waitFor("hello").value("role"), QJsonValue("viewer"));
    viewer.send(action(m_childPid, startTimeOf(m_childPid), "STOP", 1));
    const QJsonObject error = viewer.waitFor("error");
    QCOMPARE(error.value("code"), QJsonValue("forbidden"));
    QCOMPARE(error.value("id"), QJsonValue(1));
    QCOMPARE(statField(m_childPid, 3), QByteArray("S"));
}

void TestProcessAction::adminIsForbiddenWhileControlIsOff()
{
    WsClient admin;
    QVERIFY(openAdmin(&admin, m_off));
    admin.send(action(m_childPid, startTimeOf(m_childPid), "STOP", 2));
    const QJsonObject error = admin.waitFor("error");
    QCOMPARE(error.value("code"), QJsonValue("forbidden"));
    QCOMPARE(error.value("message"),
             QJsonValue("process control is off: set server/allowProcessControl=true in the "
                        "settings file"));
    QCOMPARE(error.value("id"), QJsonValue(2));
    QVERIFY(admin.ofType("processAction").isEmpty());
    QCOMPARE(statField(m_childPid, 3), QByteArray("S"));
}

// The web shows its action menu from hello's settings and role.
void TestProcessAction::helloTellsWhetherControlIsOn()
{
    WsClient off;
    QVERIFY(off.open(m_off.port()));
    QCOMPARE(off.waitFor("hello")["settings"].toObject().value("server/allowProcessControl"),
             QJsonValue(false));
    WsClient on;
    QVERIFY(on.open(m_on.port()));
    QCOMPARE(on.waitFor("hello")["settings"].toObject().value("server/allowProcessControl"),
             QJsonValue(true));
}

void TestProcessAction::settingIsRefusedOverTheNetwork()
{
    WsClient admin;
    QVERIFY(openAdmin(&admin, m_off));
    admin.send({{"type", "setSettings"},
                {"id", 3},
                {"settings", QJsonObject{{"server/allowProcessControl", true}}}});
    const QJsonObject error = admin.waitFor("error");
    QCOMPARE(error.value("code"), QJsonValue("bad_request"));
    QVERIFY(error.value("message").toString().startsWith("server/allowProcessControl"));
    admin.send(action(m_childPid, startTimeOf(m_childPid), "STOP", 4));
    QTRY_COMPARE(admin.ofType("error").size(), 2);
    QCOMPARE(admin.ofType("error").at(1).value("code"), QJsonValue("forbidden"));
}

void TestProcessAction::stopReachesTheChildAndEveryClientHears()
{
    WsClient admin;
    QVERIFY(openAdmin(&admin, m_on));
    WsClient viewer;
    QVERIFY(viewer.open(m_on.port()));
    QVERIFY(!viewer.waitFor("hello").isEmpty());
    admin.send(action(m_childPid, startTimeOf(m_childPid), "STOP", 5));
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType("processAction").size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(statField(m_childPid, 3), QByteArray("T"), 10000);
    const QJsonObject broadcast{{"type", "processAction"}, {"pid", m_childPid},
                                {"action", "signal"},      {"signal", "STOP"},
                                {"by", "127.0.0.1"},       {"ok", true}};
    const QJsonObject answer{{"type", "processAction"}, {"id", 5},
                             {"result", "ok"},          {"pid", m_childPid},
                             {"action", "signal"},      {"signal", "STOP"}};
    const QList<QJsonObject> seen = admin.ofType("processAction");
    QVERIFY(seen.contains(broadcast));
    QVERIFY(seen.contains(answer));
    QTRY_COMPARE_WITH_TIMEOUT(viewer.ofType("processAction").size(), 1, 10000);
    QCOMPARE(viewer.ofType("processAction").first(), broadcast);

    admin.send(action(m_childPid, startTimeOf(m_childPid), "CONT", 6));
    QTRY_COMPARE_WITH_TIMEOUT(statField(m_childPid, 3), QByteArray("S"), 10000);
}

// A start time that is not the child's: the PID is taken to belong to another process now.
void TestProcessAction::reusedPidIsNotSignalled()
{
    WsClient admin;
    QVERIFY(openAdmin(&admin, m_on));
    admin.send(action(m_childPid, startTimeOf(m_childPid) - 10'000, "KILL", 7));
    const QJsonObject error = admin.waitFor("error");
    QCOMPARE(error.value("code"), QJsonValue("not_found"));
    QCOMPARE(error.value("id"), QJsonValue(7));
    QVERIFY(!m_child.waitForFinished(300)); // the KILL was never sent
    QCOMPARE(statField(m_childPid, 3), QByteArray("S"));
}

void TestProcessAction::initAndVantageItselfAreForbidden()
{
    WsClient admin;
    QVERIFY(openAdmin(&admin, m_on));
    const qint64 vantagePid = pidStartedWith(m_on.configFile());
    QVERIFY(vantagePid > 0);
    admin.send(action(vantagePid, startTimeOf(vantagePid), "STOP", 8));
    admin.send(action(1, startTimeOf(1), "KILL", 9));
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType("error").size(), 2, 10000);
    for (const QJsonObject &error : admin.ofType("error"))
        QCOMPARE(error.value("code"), QJsonValue("forbidden"));
    QVERIFY(statField(vantagePid, 3) != "T");
}

void TestProcessAction::missingStartTimeIsABadRequest()
{
    WsClient admin;
    QVERIFY(openAdmin(&admin, m_on));
    admin.send({{"type", "processAction"},
                {"id", 10},
                {"pid", m_childPid},
                {"action", "signal"},
                {"signal", "KILL"}});
    const QJsonObject error = admin.waitFor("error");
    QCOMPARE(error.value("code"), QJsonValue("bad_request"));
    QCOMPARE(error.value("id"), QJsonValue(10));
    QCOMPARE(statField(m_childPid, 3), QByteArray("S"));
}

void TestProcessAction::cleanupTestCase()
{
    m_child.kill();
    m_child.waitForFinished();
}

QTEST_GUILESS_MAIN(TestProcessAction)
#include "tst_processaction.moc"

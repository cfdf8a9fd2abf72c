#include "vantageprocess.h"
#include "wsclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

// The `processes` topic of a real vantage on the real /proc, watched by a real QWebSocket client
// (docs/protocol.md `subscribe`): the whole list on subscribe, then only what changed, with this
// test's own `sleep` children as the processes that come and go.
class TestProcessTopic : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void subscribeThenChildrenComeAndGo();
    void unsubscribeStopsTheMessages();
    void unknownTopicIsRefused_data();
    void unknownTopicIsRefused();

private:
    // The row of pid in a whole list, or an empty object.
    static QJsonObject row(const QJsonObject &full, qint64 pid);
    // Waits for a delta (a `processes` message without `full`) for which `wanted` holds.
    static bool waitForDelta(WsClient &client,
                             const std::function<bool(const QJsonObject &)> &wanted);
    static void startSleep(QProcess &child, const QString &seconds);

    VantageProcess m_vantage;
};

void TestProcessTopic::initTestCase()
{
    QVERIFY2(m_vantage.start({"--interval", "0.2"}), qPrintable(m_vantage.errorString()));
}

QJsonObject TestProcessTopic::row(const QJsonObject &full, qint64 pid)
{
    for (const QJsonValue &process : full.value(QStringLiteral("processes")).toArray()) {
        if (process[QStringLiteral("pid")].toInteger() == pid)
            return process.toObject();
    }
    return {};
}

bool TestProcessTopic::waitForDelta(WsClient &client,
                                    const std::function<bool(const QJsonObject &)> &wanted)
{
    return QTest::qWaitFor(
        [&] {
            for (const QJsonObject &message : client.ofType(QStringLiteral("processes"))) {
                if (!message.contains(QStringLiteral("full")) && wanted(message))
                    return true;
            }
            return false;
        },
        10000);
}

void TestProcessTopic::startSleep(QProcess &child, const QString &seconds)
{
    child.start(QStringLiteral("/bin/sleep"), {seconds});
    QVERIFY(child.waitForStarted());
}

void TestProcessTopic::subscribeThenChildrenComeAndGo()
{
    QProcess first;
    startSleep(first, QStringLiteral("60"));
    const qint64 firstPid = first.processId();

    WsClient client;
    QVERIFY(client.open(m_vantage.port())); // no token: a viewer
    client.send({{"type", "subscribe"}, {"id", 1}, {"topics", QJsonArray{"processes"}}});
    QCOMPARE(client.waitFor(QStringLiteral("result")).value(QStringLiteral("id")).toInt(), 1);
    const QJsonObject full = client.waitFor(QStringLiteral("processes"));
    QCOMPARE(full.value(QStringLiteral("full")), QJsonValue(true));
    QVERIFY(full.value(QStringLiteral("ts")).toDouble() > 0);

    const QJsonObject sleeper = row(full, firstPid);
    QCOMPARE(sleeper.value(QStringLiteral("name")).toString(), QStringLiteral("sleep"));
    QCOMPARE(sleeper.value(QStringLiteral("cmdline")).toString(), QStringLiteral("/bin/sleep 60"));
    QCOMPARE(sleeper.value(QStringLiteral("ppid")).toInteger(), QCoreApplication::applicationPid());
    const passwd *me = ::getpwuid(::getuid());
    QVERIFY(me);
    QCOMPARE(sleeper.value(QStringLiteral("user")).toString(), QString::fromUtf8(me->pw_name));
    QCOMPARE(sleeper.value(QStringLiteral("threads")).toInt(), 1);
    // Our own child: its io is readable, so the rates are numbers from the second scan on.
    for (const char *key :
         {"pid", "ppid", "user", "name", "cmdline", "state", "cpu", "rss", "memPercent", "threads",
          "nice", "startTime", "readBps", "writeBps", "unit"})
        QVERIFY2(sleeper.contains(QLatin1String(key)), key);

    // A process started after the whole list comes as an added row.
    QProcess second;
    startSleep(second, QStringLiteral("61"));
    const qint64 secondPid = second.processId();
    QVERIFY(waitForDelta(client, [secondPid](const QJsonObject &delta) {
        for (const QJsonValue &added : delta.value(QStringLiteral("added")).toArray()) {
            if (added[QStringLiteral("pid")].toInteger() == secondPid)
                return added[QStringLiteral("cmdline")].toString() ==
                       QStringLiteral("/bin/sleep 61");
        }
        return false;
    }));

    // Killed and reaped: its PID comes back in removed.
    ::kill(pid_t(firstPid), SIGKILL);
    QVERIFY(first.waitForFinished());
    QVERIFY(waitForDelta(client, [firstPid](const QJsonObject &delta) {
        return delta.value(QStringLiteral("removed")).toArray().contains(QJsonValue(firstPid));
    }));
    ::kill(pid_t(secondPid), SIGKILL);
    QVERIFY(second.waitForFinished());
}

void TestProcessTopic::unsubscribeStopsTheMessages()
{
    WsClient client;
    QVERIFY(client.open(m_vantage.port()));
    client.send({{"type", "subscribe"}, {"id", 1}, {"topics", QJsonArray{"processes"}}});
    QVERIFY(!client.waitFor(QStringLiteral("processes")).isEmpty());
    client.send({{"type", "unsubscribe"}, {"id", 2}, {"topics", QJsonArray{"processes"}}});
    QVERIFY(QTest::qWaitFor([&] { return client.ofType(QStringLiteral("result")).size() == 2; },
                            10000));
    QCOMPARE(client.ofType(QStringLiteral("result")).last().value(QStringLiteral("id")).toInt(), 2);
    const qsizetype before = client.ofType(QStringLiteral("processes")).size();
    const qsizetype samples = client.ofType(QStringLiteral("sample")).size();
    // A process that would be an added row if the topic still ran, and ten ticks to send it in.
    QProcess child;
    startSleep(child, QStringLiteral("62"));
    QVERIFY(QTest::qWaitFor(
        [&] { return client.ofType(QStringLiteral("sample")).size() >= samples + 10; }, 20000));
    QCOMPARE(client.ofType(QStringLiteral("processes")).size(), before);
    child.kill();
    QVERIFY(child.waitForFinished());
}

void TestProcessTopic::unknownTopicIsRefused_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown topic")
        << QJsonObject{{"type", "subscribe"},
                       {"id", 7},
                       {"topics", QJsonArray{"processes", "nope"}}}
        << QStringLiteral("unknown topic \"nope\"; the one topic is \"processes\"");
    QTest::newRow("no topics") << QJsonObject{{"type", "unsubscribe"}, {"id", 7}}
                               << QStringLiteral("unsubscribe needs \"topics\": a non-empty array "
                                                 "of topic names; the one topic is \"processes\"");
}

void TestProcessTopic::unknownTopicIsRefused()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, message);
    WsClient client;
    QVERIFY(client.open(m_vantage.port()));
    client.send(request);
    const QJsonObject error = client.waitFor(QStringLiteral("error"));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
    QCOMPARE(error.value(QStringLiteral("id")).toInt(), 7);
    // Refused as a whole: "processes" beside the unknown topic was not subscribed either.
    const qsizetype samples = client.ofType(QStringLiteral("sample")).size();
    QVERIFY(QTest::qWaitFor(
        [&] { return client.ofType(QStringLiteral("sample")).size() >= samples + 5; }, 20000));
    QVERIFY(client.ofType(QStringLiteral("processes")).isEmpty());
}

QTEST_GUILESS_MAIN(TestProcessTopic)
#include "tst_processtopic.moc"

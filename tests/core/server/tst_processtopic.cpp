#include "httpprobe.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <QTcpSocket>

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
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
    void stalledClientGetsTheWholeListAgain();
    void unknownTopicIsRefused_data();
    void unknownTopicIsRefused();
    void processRequestDescribesOneProcess();
    void processRequestRefusals_data();
    void processRequestRefusals();
    void everyProcessOverHttp();

private:
    // The row of pid in a whole list, or an empty object.
    static QJsonObject row(const QJsonObject &full, qint64 pid);
    // Waits for a delta (a `processes` message without `full`) for which `wanted` holds.
    static bool waitForDelta(WsClient &client,
                             const std::function<bool(const QJsonObject &)> &wanted);
    static void startSleep(QProcess &child, const QString &seconds);
    // The self.dropped of the latest sample the observer has, or -1.
    static qint64 dropped(const WsClient &observer);
    // Takes the whole server frames off the front of bytes: the text ones, parsed.
    static QList<QJsonObject> takeTextFrames(QByteArray &bytes);

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
          "nice", "startTime", "readBps", "writeBps", "unit", "gpu", "gpuMem"})
        QVERIFY2(sleeper.contains(QLatin1String(key)), key);
    // sleep holds no DRM file (and this machine has no GPU): GPU use unknown, null, never 0.
    QVERIFY(sleeper.value(QStringLiteral("gpu")).isNull());
    QVERIFY(sleeper.value(QStringLiteral("gpuMem")).isNull());

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
        << QStringLiteral("unknown topic \"nope\"; the topics are \"processes\" and \"fleet\"");
    QTest::newRow("no topics") << QJsonObject{{"type", "unsubscribe"}, {"id", 7}}
                               << QStringLiteral(
                                      "unsubscribe needs \"topics\": a non-empty array "
                                      "of topic names; the topics are \"processes\" and \"fleet\"");
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

qint64 TestProcessTopic::dropped(const WsClient &observer)
{
    const QList<QJsonObject> samples = observer.ofType(QStringLiteral("sample"));
    if (samples.isEmpty())
        return -1;
    return samples.last()[QStringLiteral("self")][QStringLiteral("dropped")].toInteger();
}

QList<QJsonObject> TestProcessTopic::takeTextFrames(QByteArray &bytes)
{
    QList<QJsonObject> messages;
    for (;;) {
        if (bytes.size() < 2)
            return messages;
        const auto byte = [&bytes](qsizetype i) { return quint64(quint8(bytes[i])); };
        qsizetype header = 2;
        quint64 length = byte(1) & 0x7f;
        if (length == 126) {
            header = 4;
            length = bytes.size() < 4 ? 0 : byte(2) << 8 | byte(3);
        } else if (length == 127) {
            header = 10;
            length = 0;
            for (int i = 2; i < 10 && bytes.size() >= 10; ++i)
                length = length << 8 | byte(i);
        }
        if (bytes.size() < header || quint64(bytes.size() - header) < length)
            return messages;
        if ((byte(0) & 0x0f) == 1) // text; server frames are whole and unmasked
            messages.append(QJsonDocument::fromJson(bytes.mid(header, qsizetype(length))).object());
        bytes.remove(0, header + qsizetype(length));
    }
}

// A client that stops reading misses deltas (latest-wins), and then must get the whole list
// again: the list it rebuilds from the messages it did get holds a process started while it was
// not reading. The client is a raw socket with a tiny receive buffer, so the server sees it
// behind within a few messages.
void TestProcessTopic::stalledClientGetsTheWholeListAgain()
{
    WsClient observer;
    QVERIFY(observer.open(m_vantage.port()));
    QVERIFY(QTest::qWaitFor([&] { return dropped(observer) >= 0; }, 10000));
    const qint64 droppedBefore = dropped(observer);

    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    const int small = 4096;
    QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_vantage.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QTcpSocket stalled;
    QVERIFY(stalled.setSocketDescriptor(fd));
    stalled.setReadBufferSize(4096); // Qt stops taking bytes from the kernel beyond this
    stalled.write(
        QStringLiteral("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n")
            .arg(m_vantage.port())
            .toLatin1());
    // A masked text frame (mask 0): the payload as it is.
    const QByteArray subscribe = R"({"type":"subscribe","topics":["processes"]})";
    stalled.write(QByteArray("\x81") + char(0x80 | subscribe.size()) + QByteArray(4, '\0') +
                  subscribe);
    QVERIFY(stalled.waitForBytesWritten());

    // Behind: samples for it are being replaced. A process started now is in a delta the client
    // cannot take; two more dropped samples make sure that tick has passed.
    QVERIFY(QTest::qWaitFor([&] { return dropped(observer) > droppedBefore; }, 20000));
    QProcess child;
    startSleep(child, QStringLiteral("63"));
    const qint64 pid = child.processId();
    const qint64 droppedMid = dropped(observer);
    QVERIFY(QTest::qWaitFor([&] { return dropped(observer) >= droppedMid + 2; }, 20000));

    // Read again, rebuilding the list from the last whole one and the deltas after it.
    QByteArray bytes;
    QSet<qint64> pids;
    bool handshakeRead = false;
    const bool found = QTest::qWaitFor(
        [&] {
            bytes += stalled.readAll();
            if (!handshakeRead) {
                const qsizetype end = bytes.indexOf("\r\n\r\n");
                if (end < 0)
                    return false;
                bytes.remove(0, end + 4);
                handshakeRead = true;
            }
            for (const QJsonObject &m : takeTextFrames(bytes)) {
                if (m[QStringLiteral("type")] != QStringLiteral("processes"))
                    continue;
                if (m[QStringLiteral("full")].toBool())
                    pids.clear();
                for (const QJsonValue &gone : m[QStringLiteral("removed")].toArray())
                    pids.remove(gone.toInteger());
                const QString list = m.contains(QStringLiteral("full"))
                                         ? QStringLiteral("processes")
                                         : QStringLiteral("added");
                for (const QJsonValue &row : m[list].toArray())
                    pids.insert(row[QStringLiteral("pid")].toInteger());
            }
            return pids.contains(pid);
        },
        20000);
    child.kill();
    QVERIFY(child.waitForFinished());
    QVERIFY2(found, "the process started while the client was behind never reached its list");
    QCOMPARE(stalled.state(), QAbstractSocket::ConnectedState);
}

QTEST_GUILESS_MAIN(TestProcessTopic)
// One process in detail (docs/protocol.md `processRequest`): the fields of its row, its command
// line whole, and what only the detail panel shows, compared with what this test reads of the
// same /proc itself.
void TestProcessTopic::processRequestDescribesOneProcess()
{
    QProcess child;
    child.start(QStringLiteral("/bin/sleep"), {QStringLiteral("63"), QStringLiteral("--")});
    QVERIFY(child.waitForStarted());
    const qint64 pid = child.processId();
    const QString dir = QStringLiteral("/proc/%1/").arg(pid);
    // Asleep in nanosleep: past exec and its start-up (locale files open and close), so the
    // descriptors counted below stay as they are.
    QVERIFY(QTest::qWaitFor(
        [&] {
            QFile stat(dir + QStringLiteral("stat"));
            return stat.open(QIODevice::ReadOnly) && stat.readAll().contains(") S ");
        },
        10000));
    QFile cgroupFile(dir + QStringLiteral("cgroup"));
    QVERIFY(cgroupFile.open(QIODevice::ReadOnly));
    const QString cgroup = QString::fromUtf8(cgroupFile.readAll().trimmed());
    const qsizetype fds = QDir(dir + QStringLiteral("fd"))
                              .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                              .size();
    QVERIFY(fds >= 3); // stdin, stdout and stderr: QProcess's pipes

    WsClient client;
    QVERIFY(client.open(m_vantage.port()));
    client.send({{"type", "processRequest"}, {"id", "one"}, {"pid", double(pid)}});
    const QJsonObject reply = client.waitFor(QStringLiteral("process"));
    QCOMPARE(reply.value(QStringLiteral("id")).toString(), QStringLiteral("one"));
    QVERIFY(reply.value(QStringLiteral("ts")).toDouble() > 0);
    const QJsonObject process = reply.value(QStringLiteral("process")).toObject();
    QCOMPARE(process.value(QStringLiteral("pid")).toInteger(), pid);
    QCOMPARE(process.value(QStringLiteral("cmdline")).toString(),
             QStringLiteral("/bin/sleep 63 --"));
    QCOMPARE(process.value(QStringLiteral("ppid")).toInteger(), QCoreApplication::applicationPid());
    QCOMPARE(process.value(QStringLiteral("cgroup")).toString(), cgroup);
    QCOMPARE(process.value(QStringLiteral("fds")).toInteger(), fds);
    for (const char *key : {"gpu", "gpuMem"}) {
        QVERIFY2(process.contains(QLatin1String(key)), key);
        QVERIFY2(process.value(QLatin1String(key)).isNull(), key);
    }

    ::kill(pid_t(pid), SIGKILL);
    QVERIFY(child.waitForFinished());
    client.send({{"type", "processRequest"}, {"id", 2}, {"pid", double(pid)}});
    const QJsonObject gone = client.waitFor(QStringLiteral("error"));
    QCOMPARE(gone.value(QStringLiteral("id")).toInt(), 2);
    QCOMPARE(gone.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
}

void TestProcessTopic::processRequestRefusals_data()
{
    QTest::addColumn<QJsonValue>("pid");
    QTest::newRow("missing") << QJsonValue();
    QTest::newRow("text") << QJsonValue(QStringLiteral("1"));
    QTest::newRow("zero") << QJsonValue(0);
    QTest::newRow("negative") << QJsonValue(-5);
    QTest::newRow("fraction") << QJsonValue(1.5);
    QTest::newRow("huge") << QJsonValue(1e12);
}

void TestProcessTopic::processRequestRefusals()
{
    QFETCH(QJsonValue, pid);
    WsClient client;
    QVERIFY(client.open(m_vantage.port()));
    QJsonObject request{{"type", "processRequest"}, {"id", 9}};
    if (!pid.isUndefined() && !pid.isNull())
        request.insert(QStringLiteral("pid"), pid);
    client.send(request);
    const QJsonObject error = client.waitFor(QStringLiteral("error"));
    QCOMPARE(error.value(QStringLiteral("id")).toInt(), 9);
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
    // The connection stays usable.
    client.send({{"type", "ping"}, {"id", 10}});
    QCOMPARE(client.waitFor(QStringLiteral("pong")).value(QStringLiteral("id")).toInt(), 10);
}

// GET /api/v1/processes with nobody subscribed: every process, with CPU as a rate (two scans
// apart), and ?pid= for one of them.
void TestProcessTopic::everyProcessOverHttp()
{
    QProcess busy;
    busy.start(QStringLiteral("/bin/sh"),
               {QStringLiteral("-c"), QStringLiteral("while :; do :; done")});
    QVERIFY(busy.waitForStarted());
    const qint64 pid = busy.processId();

    // The list of the last scan: a watched list may be from just before the loop started, so
    // ask again until it is there.
    QJsonObject mine;
    QByteArray body;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const HttpProbe list = HttpProbe::get(m_vantage.port(), "/api/v1/processes");
            body = list.body;
            for (const QJsonValue &p : QJsonDocument::fromJson(list.body)["processes"].toArray()) {
                if (p[QStringLiteral("pid")].toInteger() == pid)
                    mine = p.toObject();
            }
            return list.status == 200 && mine.value(QStringLiteral("cpu")).isDouble();
        },
        20000));
    QCOMPARE(mine.value(QStringLiteral("cmdline")).toString(),
             QStringLiteral("/bin/sh -c while :; do :; done"));
    // A busy loop: more than 0 % of a core over any interval, however loaded the machine.
    QVERIFY2(mine.value(QStringLiteral("cpu")).toDouble() > 0, body.constData());
    // Busy on the CPU, not the GPU: no DRM client, so GPU use is null, not 0.
    for (const char *key : {"gpu", "gpuMem"}) {
        QVERIFY2(mine.contains(QLatin1String(key)), key);
        QVERIFY2(mine.value(QLatin1String(key)).isNull(), key);
    }

    const HttpProbe one =
        HttpProbe::get(m_vantage.port(), "/api/v1/processes?pid=" + QByteArray::number(pid));
    QCOMPARE(one.status, 200);
    QCOMPARE(QJsonDocument::fromJson(one.body)["process"]["pid"].toInteger(), pid);
    ::kill(pid_t(pid), SIGKILL);
    QVERIFY(busy.waitForFinished());
    QCOMPARE(
        HttpProbe::get(m_vantage.port(), "/api/v1/processes?pid=" + QByteArray::number(pid)).status,
        404);
    QCOMPARE(HttpProbe::get(m_vantage.port(), "/api/v1/processes?pid=x").status, 400);
    QCOMPARE(HttpProbe::get(m_vantage.port(), "/api/v1/processes?pid=1&at=0").status, 400);
}

#include "tst_processtopic.moc"

#include "fixturetree.h"
#include "recordingserver.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QByteArray AdminToken = "0123456789abcdef";
const char *const Secrets[] = {"Zq9xTokenInUrl", "Wv3k", "Pp71", "Hh42"};

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

QByteArray bytesOf(const QList<QJsonObject> &messages)
{
    QByteArray all;
    for (const QJsonObject &message : messages)
        all += QJsonDocument(message).toJson(QJsonDocument::Compact);
    return all;
}

// The answer of this type with this id, waited for.
QJsonObject answer(WsClient &client, const QString &type, int id)
{
    QJsonObject found;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            for (const QJsonObject &m : client.ofType(type)) {
                if (m.value("id").toInt() == id)
                    found = m;
            }
            return !found.isEmpty();
        },
        20000);
    return found;
}

} // namespace

// The notification panels' messages against a real vantage, with real QWebSocket clients: what
// a viewer never gets, what an admin gets, Send test to real receivers, removal, the log.
class TestNotifyCommands : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_vantage.reset(); }
    void aViewerGetsNoChannelAndNoSecret();
    void commandChannelsAreNeitherTestedNorRemovedFromTheWeb();
    void sendTestAnswersWithTheResultAndTheLogKeepsIt();
    void removeTakesTheChannelOutOfTheFile();
    void aChannelWhoseSettingsDoNotWorkSaysWhy();

private:
    bool startVantage(const QByteArray &channels);
    bool openAdmin(WsClient &admin);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VantageProcess> m_vantage;
};

void TestNotifyCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), m_dir->path()));
    m_vantage = std::make_unique<VantageProcess>();
}

// On the fixture machine no default threshold is crossed, so every delivery is the test's own.
bool TestNotifyCommands::startVantage(const QByteArray &channels)
{
    if (!writeFile(m_vantage->configFile(), "[server]\ntoken = " + AdminToken + "\n" + channels))
        return false;
    const bool started =
        m_vantage->start({QStringLiteral("--proc-root"), m_dir->filePath(QStringLiteral("proc")),
                          QStringLiteral("--sys-root"), m_dir->filePath(QStringLiteral("sys"))});
    if (!started)
        qWarning("vantage did not serve: %s", qPrintable(m_vantage->errorString()));
    return started;
}

bool TestNotifyCommands::openAdmin(WsClient &admin)
{
    return admin.open(m_vantage->port(), "/ws?token=" + QString::fromLatin1(AdminToken)) &&
           !admin.waitFor("hello").isEmpty();
}

void TestNotifyCommands::aViewerGetsNoChannelAndNoSecret()
{
    QVERIFY(startVantage("[notify/hook]\ntype = webhook\n"
                         "url = https://hooks.example.org/path-Zq9xTokenInUrl\n"
                         "secret = hmac-secret-Wv3k\ntoken = bearer-Pp71\n"
                         "headers = X-Api-Key: key-Hh42\n"));
    WsClient viewer;
    QVERIFY(viewer.open(m_vantage->port()));
    QVERIFY(!viewer.waitFor("hello").isEmpty());
    viewer.send({{"type", "notifyChannels"}, {"id", 1}});
    viewer.send({{"type", "notifyLog"}, {"id", 2}});
    viewer.send({{"type", "notifyTest"}, {"channel", "hook"}, {"id", 3}});
    QTRY_COMPARE_WITH_TIMEOUT(viewer.ofType("error").size(), 3, 10000);
    for (const QJsonObject &error : viewer.ofType("error"))
        QCOMPARE(error.value("code").toString(), QStringLiteral("unauthorized"));
    QVERIFY(viewer.ofType("notifyChannels").isEmpty());

    WsClient admin;
    QVERIFY(openAdmin(admin));
    admin.send({{"type", "notifyChannels"}, {"id", 4}});
    const QJsonObject list = answer(admin, "notifyChannels", 4);
    const QJsonArray channels = list.value("channels").toArray();
    QCOMPARE(channels.size(), 1);
    const QJsonObject hook = channels.at(0).toObject();
    QCOMPARE(hook.value("name").toString(), QStringLiteral("hook"));
    QCOMPARE(hook.value("type").toString(), QStringLiteral("webhook"));
    for (const char *secret : {"url", "secret", "token", "headers"})
        QCOMPARE(hook.value(secret), QJsonValue(true));
    QCOMPARE(hook.value("problem").toString(), QString());
    QCOMPARE(hook.value("last"), QJsonValue(QJsonValue::Null));
    const QByteArray seen = bytesOf(viewer.messages) + bytesOf(admin.messages);
    for (const char *secret : Secrets)
        QVERIFY2(!seen.contains(secret), secret);
}

void TestNotifyCommands::commandChannelsAreNeitherTestedNorRemovedFromTheWeb()
{
    QVERIFY(startVantage("[notify/run]\ntype = command\nurl = /bin/true\n"));
    WsClient admin;
    QVERIFY(openAdmin(admin));
    admin.send({{"type", "notifyTest"}, {"channel", "run"}, {"id", 1}});
    admin.send({{"type", "notifyRemove"}, {"channel", "run"}, {"id", 2}});
    admin.send({{"type", "notifyRemove"}, {"channel", "nobody"}, {"id", 3}});
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType("error").size(), 3, 10000);
    const QList<QJsonObject> errors = admin.ofType("error");
    QCOMPARE(errors.at(0).value("code").toString(), QStringLiteral("forbidden"));
    QCOMPARE(errors.at(1).value("code").toString(), QStringLiteral("forbidden"));
    QCOMPARE(errors.at(1).value("message").toString(),
             QStringLiteral("Notification channel \"run\" runs a program: command channels are "
                            "tested and removed only on the machine itself (desktop window or "
                            "settings file)"));
    QCOMPARE(errors.at(2).value("code").toString(), QStringLiteral("not_found"));
    QCOMPARE(errors.at(2).value("message").toString(),
             QStringLiteral("no notification channel \"nobody\""));
    QFile file(m_vantage->configFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("[notify/run]"));
}

void TestNotifyCommands::sendTestAnswersWithTheResultAndTheLogKeepsIt()
{
    RecordingServer receiver;
    QVERIFY(receiver.listen());
    const quint16 deadPort = freePort();
    QVERIFY(startVantage("[notify/hook]\ntype = webhook\nurl = " + receiver.url().toUtf8() +
                         "\n[notify/dead]\ntype = ntfy\nurl = http://127.0.0.1:" +
                         QByteArray::number(deadPort) + "/topic\n"));
    WsClient admin, viewer;
    QVERIFY(openAdmin(admin));
    QVERIFY(viewer.open(m_vantage->port()));
    QVERIFY(!viewer.waitFor("hello").isEmpty());

    admin.send({{"type", "notifyTest"}, {"channel", "hook"}, {"id", 1}});
    const QJsonObject delivered = answer(admin, "notifyTest", 1).value("delivery").toObject();
    QCOMPARE(delivered.value("channel").toString(), QStringLiteral("hook"));
    QCOMPARE(delivered.value("result").toString(), QStringLiteral("delivered"));
    QCOMPARE(delivered.value("test").toBool(), true);
    QCOMPARE(receiver.requests.size(), 1);
    const QJsonObject event = QJsonDocument::fromJson(receiver.requests.at(0).body)
                                  .object()
                                  .value("events")
                                  .toArray()
                                  .at(0)
                                  .toObject();
    QCOMPARE(event.value("rule").toString(), QStringLiteral("test"));

    admin.send({{"type", "notifyTest"}, {"channel", "dead"}, {"id", 2}});
    const QJsonObject failed = answer(admin, "notifyTest", 2).value("delivery").toObject();
    QCOMPARE(failed.value("result").toString(), QStringLiteral("failed"));
    QCOMPARE(failed.value("error").toString(), QStringLiteral("connection refused"));

    // Both pushed to the admin; the viewer, asked for a pong after them, got neither.
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType("notifyDelivery").size(), 2, 10000);
    viewer.send({{"type", "ping"}, {"id", 9}});
    QVERIFY(!viewer.waitFor("pong").isEmpty());
    QVERIFY(viewer.ofType("notifyDelivery").isEmpty());

    admin.send({{"type", "notifyLog"}, {"id", 3}});
    const QJsonArray entries = answer(admin, "notifyLog", 3).value("entries").toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value("channel").toString(), QStringLiteral("hook"));
    QCOMPARE(entries.at(1).toObject().value("error").toString(),
             QStringLiteral("connection refused"));
    admin.send({{"type", "notifyChannels"}, {"id", 4}});
    const QJsonArray channels = answer(admin, "notifyChannels", 4).value("channels").toArray();
    // Sorted by name: dead, hook.
    QCOMPARE(channels.at(0).toObject().value("last").toObject().value("result").toString(),
             QStringLiteral("failed"));
    QCOMPARE(channels.at(1).toObject().value("last").toObject().value("result").toString(),
             QStringLiteral("delivered"));
}

void TestNotifyCommands::removeTakesTheChannelOutOfTheFile()
{
    QVERIFY(startVantage("[notify/hook]\ntype = webhook\nurl = https://hooks.example.org/x\n"
                         "[notify/keep]\ntype = webhook\nurl = https://hooks.example.org/y\n"));
    WsClient admin;
    QVERIFY(openAdmin(admin));
    admin.send({{"type", "notifyRemove"}, {"channel", "hook"}, {"id", 1}});
    QCOMPARE(answer(admin, "result", 1).value("ok").toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(!admin.ofType("settings").isEmpty(), 10000);
    QVERIFY(!admin.ofType("settings")
                 .constLast()
                 .value("settings")
                 .toObject()
                 .contains("notify/hook/type"));
    QFile file(m_vantage->configFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(!saved.contains("notify/hook"));
    QVERIFY(saved.contains("[notify/keep]"));
    admin.send({{"type", "notifyChannels"}, {"id", 2}});
    const QJsonArray channels = answer(admin, "notifyChannels", 2).value("channels").toArray();
    QCOMPARE(channels.size(), 1);
    QCOMPARE(channels.at(0).toObject().value("name").toString(), QStringLiteral("keep"));
}

void TestNotifyCommands::aChannelWhoseSettingsDoNotWorkSaysWhy()
{
    QVERIFY(startVantage("[notify/bad]\ntype = ntfy\nurl = not-an-address\n"));
    WsClient admin;
    QVERIFY(openAdmin(admin));
    const QString why = QStringLiteral("Notification channel \"bad\": url must be an http or https "
                                       "address such as https://ntfy.sh/my-alerts");
    admin.send({{"type", "notifyChannels"}, {"id", 1}});
    const QJsonArray channels = answer(admin, "notifyChannels", 1).value("channels").toArray();
    QCOMPARE(channels.at(0).toObject().value("problem").toString(), why);
    admin.send({{"type", "notifyTest"}, {"channel", "bad"}, {"id", 2}});
    QTRY_COMPARE_WITH_TIMEOUT(admin.ofType("error").size(), 1, 10000);
    QCOMPARE(admin.ofType("error").at(0).value("code").toString(), QStringLiteral("bad_request"));
    QCOMPARE(admin.ofType("error").at(0).value("message").toString(), why);
}

QTEST_GUILESS_MAIN(TestNotifyCommands)
#include "tst_notifycommands.moc"

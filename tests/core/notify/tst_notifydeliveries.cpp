#include "notify/notifyservice.h"
#include "recordingserver.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

Alert makeAlert(const QString &rule, const QString &instance)
{
    Alert alert;
    alert.rule = rule;
    alert.instance = instance;
    alert.severity = AlertSeverity::Warning;
    alert.state = Alert::State::Firing;
    alert.value = 91.5;
    alert.threshold = 80;
    alert.since = alert.ts = 1700000000000;
    alert.message = QStringLiteral("at 91.5 (warning at 80)");
    return alert;
}

// A port nothing listens on: taken, then given back.
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace

// What the panels show of the deliveries: each channel's last one, the delivery log, Send test,
// and a channel removed with its queue; against receivers on 127.0.0.1.
class TestNotifyDeliveries : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void eachDeliveryIsTheChannelsLastAndInTheLog();
    void theLogKeepsTheLast200();
    void aTestIsDeliveredAtOnceAndNeverRetried();
    void aRemovedChannelTakesItsQueueWithIt();

private:
    void configure(const QVariantMap &changes);
    std::unique_ptr<NotifyService> startService();
    QString folder() const { return m_dir->filePath(QStringLiteral("notify")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestNotifyDeliveries::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(m_settings->load());
    configure({{"notify/groupSeconds", 1}});
}

void TestNotifyDeliveries::configure(const QVariantMap &changes)
{
    QCOMPARE(m_settings->apply(changes), QStringList());
}

std::unique_ptr<NotifyService> TestNotifyDeliveries::startService()
{
    NotifyService::Options options;
    options.folder = folder();
    options.firstRetryMs = 200;
    options.timeoutMs = 1000;
    auto service = std::make_unique<NotifyService>(m_settings.get(), options);
    service->initialize();
    return service;
}

void TestNotifyDeliveries::eachDeliveryIsTheChannelsLastAndInTheLog()
{
    RecordingServer server;
    QVERIFY(server.listen());
    configure({{"notify/hook/type", "webhook"}, {"notify/hook/url", server.url()}});
    auto service = startService();
    QVERIFY(!service->lastDelivery("hook"));
    service->notify(makeAlert("disk", "/home"));
    QTRY_VERIFY_WITH_TIMEOUT(service->lastDelivery("hook").has_value(), 10000);
    NotifyDelivery last = *service->lastDelivery("hook");
    QCOMPARE(last.error, QString());
    QCOMPARE(last.events, 1);
    QCOMPARE(last.alerts, QStringList{"disk:/home"});
    QCOMPARE(last.test, false);
    QCOMPARE(service->deliveryLog().size(), 1);

    server.answer = RecordingServer::Answer::Error;
    service->notify(makeAlert("memory", {}));
    QTRY_COMPARE_WITH_TIMEOUT(service->lastDelivery("hook")->error,
                              QStringLiteral("HTTP status 500"), 10000);
    last = *service->lastDelivery("hook");
    QCOMPARE(last.alerts, QStringList{"memory"});
    QCOMPARE(service->deliveryLog().at(1).error, QStringLiteral("HTTP status 500"));

    // Both are there after a restart, from the file beside the queues.
    service.reset();
    service = startService();
    QCOMPARE(service->lastDelivery("hook")->error, QStringLiteral("HTTP status 500"));
    QCOMPARE(service->deliveryLog().at(0).alerts, QStringList{"disk:/home"});
    QCOMPARE(service->deliveryLog().at(0).error, QString());
}

void TestNotifyDeliveries::theLogKeepsTheLast200()
{
    // 205 deliveries with ts 1 … 205: the oldest 205 − 200 = 5 are dropped, so it starts at 6.
    QJsonArray entries;
    for (int ts = 1; ts <= 205; ++ts)
        entries.append(QJsonObject{{"channel", "hook"},
                                   {"ts", ts},
                                   {"result", "delivered"},
                                   {"error", ""},
                                   {"events", 1},
                                   {"alerts", QJsonArray{"cpu"}}});
    QVERIFY(QDir().mkpath(folder()));
    QFile file(folder() + QStringLiteral("/delivery.log.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{"entries", entries}}).toJson());
    file.close();
    auto service = startService();
    QCOMPARE(service->deliveryLog().size(), 200);
    QCOMPARE(service->deliveryLog().constFirst().ts, qint64(6));
    QCOMPARE(service->deliveryLog().constLast().ts, qint64(205));
}

void TestNotifyDeliveries::aTestIsDeliveredAtOnceAndNeverRetried()
{
    RecordingServer server;
    QVERIFY(server.listen());
    const quint16 deadPort = freePort();
    // A minute between deliveries: an event now would wait for it, a test does not.
    configure({{"notify/groupSeconds", 60},
               {"notify/hook/type", "webhook"},
               {"notify/hook/url", server.url()},
               {"notify/dead/type", "webhook"},
               {"notify/dead/url", "http://127.0.0.1:" + QString::number(deadPort) + "/hook"},
               {"notify/dead/rules", "swap"}});
    auto service = startService();
    service->notify(makeAlert("cpu", {}));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 10000);

    std::optional<NotifyDelivery> result;
    QVERIFY(service->sendTest("hook", [&result](const NotifyDelivery &d) { result = d; }));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 20000);
    const QJsonObject event = QJsonDocument::fromJson(server.requests.at(1).body)
                                  .object()
                                  .value("events")
                                  .toArray()
                                  .at(0)
                                  .toObject();
    QCOMPARE(event.value("rule").toString(), QStringLiteral("test"));
    QCOMPARE(event.value("message").toString(),
             QStringLiteral("Test notification from Vantage on %1 to channel \"hook\"")
                 .arg(QSysInfo::machineHostName()));
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QCOMPARE(result->error, QString());
    QCOMPARE(result->test, true);
    QCOMPARE(service->lastDelivery("hook")->test, true);
    QCOMPARE(service->sent(), quint64(1)); // the cpu event only

    result.reset();
    QVERIFY(service->sendTest("dead", [&result](const NotifyDelivery &d) { result = d; }));
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QCOMPARE(result->error, QStringLiteral("connection refused"));
    // Not queued, not failing: the channel's own deliveries are as they were.
    QCOMPARE(service->pending("dead"), 0);
    QVERIFY(service->failing(QDateTime::currentMSecsSinceEpoch()).isEmpty());
    QCOMPARE(service->failed(), quint64(0));
    QCOMPARE(service->deliveryLog().constLast().error, QStringLiteral("connection refused"));

    QVERIFY(!service->sendTest("nobody"));
}

void TestNotifyDeliveries::aRemovedChannelTakesItsQueueWithIt()
{
    const quint16 deadPort = freePort();
    configure({{"notify/hook/type", "webhook"},
               {"notify/hook/url", "http://127.0.0.1:" + QString::number(deadPort) + "/hook"}});
    auto service = startService();
    service->notify(makeAlert("cpu", {}));
    QTRY_VERIFY_WITH_TIMEOUT(service->failed() >= 1, 10000);
    const QString queue = folder() + QStringLiteral("/hook.json");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(queue), 10000);
    QCOMPARE(service->pending("hook"), 1);

    QCOMPARE(m_settings->remove(QStringLiteral("notify/hook/")), QString());
    QCOMPARE(service->pending("hook"), -1);
    QVERIFY(!QFile::exists(queue));
    QVERIFY(!service->lastDelivery("hook"));
    QVERIFY(!service->sendTest("hook"));
}

QTEST_GUILESS_MAIN(TestNotifyDeliveries)
#include "tst_notifydeliveries.moc"

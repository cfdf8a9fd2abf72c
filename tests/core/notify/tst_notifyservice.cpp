#include "alerts/alertengine.h"
#include "notify/notifyservice.h"
#include "recordingserver.h"
#include "settings/settings.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

Alert makeAlert(const QString &rule, const QString &instance, AlertSeverity severity,
                Alert::State state = Alert::State::Firing)
{
    Alert alert;
    alert.rule = rule;
    alert.instance = instance;
    alert.severity = severity;
    alert.state = state;
    alert.value = 91.5;
    alert.threshold = 80;
    alert.since = 1700000000000;
    alert.ts = state == Alert::State::Firing ? 1700000000000 : 1700000060000;
    alert.message = QStringLiteral("Memory at 91.5 % (warning at 80 %)");
    return alert;
}

QJsonObject bodyOf(const RecordingServer::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QStringList instancesOf(const QList<RecordingServer::Request> &requests)
{
    QStringList instances;
    for (const RecordingServer::Request &request : requests) {
        for (const QJsonValue &event : bodyOf(request).value("events").toArray())
            instances.append(event.toObject().value("instance").toString());
    }
    return instances;
}

// A port nothing listens on: taken, then given back.
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace

// Deliveries to receivers on 127.0.0.1: what they get, and that they get it once, in order, when
// they come back, after a restart, and in groups during a storm.
class TestNotifyService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void webhookCarriesTheDocumentedBodyAndItsSignature();
    void ntfyGetsTitlePriorityAndTags();
    void aServerDownIsRetriedThenGetsEverythingOnceInOrder();
    void aHangingServerTimesOutWithoutDelayingOthers();
    void undeliveredEventsSurviveARestart();
    void aStormIsGroupedAndTheQueueBounded();
    void aCommandGetsTheEventOnStdinAndInItsEnvironment();
    void aCommandFailsByItsExitStatusOrItsTimeout();
    void aFailingChannelFiresTheNotifyRuleButIsNotToldOfIt();
    void httpsIsVerifiedUnlessTheChannelIsInsecure();
    void alertmanagerIsToldAgainWhileFiringAndOfEachEnd();

private:
    void configure(const QVariantMap &changes);
    std::unique_ptr<NotifyService> startService(int refreshMs = 60000);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestNotifyService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(m_settings->load());
    // One delivery per channel per second, so grouping shows within a quick test.
    configure({{"notify/groupSeconds", 1}});
}

void TestNotifyService::configure(const QVariantMap &changes)
{
    QCOMPARE(m_settings->apply(changes), QStringList());
}

std::unique_ptr<NotifyService> TestNotifyService::startService(int refreshMs)
{
    NotifyService::Options options;
    options.folder = m_dir->filePath(QStringLiteral("notify"));
    options.firstRetryMs = 200;
    options.timeoutMs = 1000;
    options.refreshMs = refreshMs;
    auto service = std::make_unique<NotifyService>(m_settings.get(), options);
    service->initialize();
    return service;
}

void TestNotifyService::webhookCarriesTheDocumentedBodyAndItsSignature()
{
    RecordingServer server;
    QVERIFY(server.listen());
    const QByteArray secret = "It's a Secret to Everybody";
    configure({{"notify/hook/type", "webhook"},
               {"notify/hook/url", server.url()},
               {"notify/hook/secret", QString::fromUtf8(secret)},
               {"notify/hook/token", "tok-abc"},
               {"notify/hook/headers", "X-Team: infra; X-Env: test"}});
    auto service = startService();
    service->notify(makeAlert("memory", {}, AlertSeverity::Warning));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 10000);

    const RecordingServer::Request &request = server.requests.constFirst();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/hook"));
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer tok-abc"));
    QCOMPARE(request.headers.value("x-team"), QByteArray("infra"));
    QCOMPARE(request.headers.value("x-env"), QByteArray("test"));
    const QByteArray expected =
        "sha256=" +
        QMessageAuthenticationCode::hash(request.body, secret, QCryptographicHash::Sha256).toHex();
    QCOMPARE(request.headers.value("x-vantage-signature"), expected);

    const QJsonObject body = bodyOf(request);
    const QString host = QSysInfo::machineHostName();
    QCOMPARE(body.value("version").toInt(), 1);
    QCOMPARE(body.value("host").toString(), host);
    const QJsonArray events = body.value("events").toArray();
    QCOMPARE(events.size(), 1);
    const QJsonObject event = events.at(0).toObject();
    QCOMPARE(event.value("id").toString(), QStringLiteral("memory"));
    QCOMPARE(event.value("event").toString(), host + QStringLiteral("-hook-1"));
    QCOMPARE(event.value("rule").toString(), QStringLiteral("memory"));
    QCOMPARE(event.value("instance").toString(), QString());
    QCOMPARE(event.value("severity").toString(), QStringLiteral("warning"));
    QCOMPARE(event.value("state").toString(), QStringLiteral("firing"));
    QCOMPARE(event.value("value").toDouble(), 91.5);
    QCOMPARE(event.value("threshold").toDouble(), 80.0);
    QCOMPARE(event.value("since").toInteger(), 1700000000000);
    QCOMPARE(event.value("ts").toInteger(), 1700000000000);
    QCOMPARE(event.value("host").toString(), host);
    QCOMPARE(event.value("reminder").toBool(), false);
    QCOMPARE(event.value("message").toString(),
             QStringLiteral("Memory at 91.5 % (warning at 80 %)"));

    // An acknowledgement is no news for a channel; the end of the alert is.
    Alert acknowledged = makeAlert("memory", {}, AlertSeverity::Warning);
    acknowledged.acknowledged = true;
    service->notify(acknowledged);
    service->notify(makeAlert("memory", {}, AlertSeverity::Warning, Alert::State::Resolved));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 10000);
    const QJsonArray second = bodyOf(server.requests.at(1)).value("events").toArray();
    QCOMPARE(second.size(), 1);
    QCOMPARE(second.at(0).toObject().value("state").toString(), QStringLiteral("resolved"));
    QCOMPARE(second.at(0).toObject().value("event").toString(), host + QStringLiteral("-hook-2"));
    QTRY_COMPARE_WITH_TIMEOUT(service->sent(), quint64(2), 10000);
    QCOMPARE(service->failed(), quint64(0));
}

void TestNotifyService::ntfyGetsTitlePriorityAndTags()
{
    RecordingServer server;
    QVERIFY(server.listen());
    configure({{"notify/phone/type", "ntfy"},
               {"notify/phone/url", server.url("/vantage-alerts")},
               {"notify/phone/token", "tk_0123456789"}});
    auto service = startService();
    service->notify(makeAlert("disk", "/home", AlertSeverity::Critical));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 10000);
    const RecordingServer::Request &request = server.requests.constFirst();
    QCOMPARE(request.path, QByteArray("/vantage-alerts"));
    QCOMPARE(request.headers.value("title"),
             QSysInfo::machineHostName().toUtf8() + ": disk:/home critical");
    QCOMPARE(request.headers.value("priority"), QByteArray("5"));
    QCOMPARE(request.headers.value("tags"), QByteArray("rotating_light,disk"));
    QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer tk_0123456789"));
    QCOMPARE(request.body, QByteArray("Memory at 91.5 % (warning at 80 %)"));

    // Resolved: low priority, a check mark.
    service->notify(makeAlert("disk", "/home", AlertSeverity::Critical, Alert::State::Resolved));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 10000);
    QCOMPARE(server.requests.at(1).headers.value("priority"), QByteArray("2"));
    QCOMPARE(server.requests.at(1).headers.value("tags"), QByteArray("white_check_mark,disk"));
}

void TestNotifyService::aServerDownIsRetriedThenGetsEverythingOnceInOrder()
{
    const quint16 port = freePort();
    RecordingServer server;
    configure({{"notify/hook/type", "webhook"},
               {"notify/hook/url", "http://127.0.0.1:" + QString::number(port) + "/hook"}});
    auto service = startService();
    for (const char *mount : {"/a", "/b", "/c"})
        service->notify(makeAlert("disk", mount, AlertSeverity::Warning));
    QTRY_VERIFY_WITH_TIMEOUT(service->failed() >= 2, 20000);
    QCOMPARE(service->pending("hook"), 3);

    QVERIFY(server.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 30000);
    QCOMPARE(instancesOf(server.requests), (QStringList{"/a", "/b", "/c"}));
    QTRY_COMPARE_WITH_TIMEOUT(service->pending("hook"), 0, 10000);

    // The next delivery carries only what is new: nothing delivered goes again.
    service->notify(makeAlert("disk", "/d", AlertSeverity::Warning));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 10000);
    QCOMPARE(instancesOf(server.requests), (QStringList{"/a", "/b", "/c", "/d"}));
}

void TestNotifyService::aHangingServerTimesOutWithoutDelayingOthers()
{
    RecordingServer hanging, working;
    hanging.answer = RecordingServer::Answer::Hang;
    QVERIFY(hanging.listen());
    QVERIFY(working.listen());
    configure({{"notify/slow/type", "webhook"},
               {"notify/slow/url", hanging.url()},
               {"notify/fast/type", "webhook"},
               {"notify/fast/url", working.url()}});
    auto service = startService();
    QSignalSpy results(service.get(), &NotifyService::delivered);
    service->notify(makeAlert("cpu", {}, AlertSeverity::Critical));
    QTRY_COMPARE_WITH_TIMEOUT(working.requests.size(), 1, 10000);
    QCOMPARE(hanging.requests.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(service->failed() >= 1, 10000);
    const auto slow = std::find_if(results.begin(), results.end(), [](const QList<QVariant> &r) {
        return r.at(0).toString() == u"slow";
    });
    QVERIFY(slow != results.end());
    QCOMPARE(slow->at(2).toString(), QStringLiteral("no answer in time"));
    QCOMPARE(service->pending("slow"), 1);
    QCOMPARE(service->pending("fast"), 0);
}

void TestNotifyService::undeliveredEventsSurviveARestart()
{
    const quint16 port = freePort();
    configure({{"notify/hook/type", "webhook"},
               {"notify/hook/url", "http://127.0.0.1:" + QString::number(port) + "/hook"}});
    {
        auto service = startService();
        service->notify(makeAlert("swap", {}, AlertSeverity::Warning));
        service->notify(makeAlert("memory", {}, AlertSeverity::Critical));
        QTRY_VERIFY_WITH_TIMEOUT(service->failed() >= 1, 10000);
        service->shutdown();
    }
    RecordingServer server;
    QVERIFY(server.listen(port));
    auto service = startService();
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 20000);
    const QJsonArray events = bodyOf(server.requests.constFirst()).value("events").toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).toObject().value("rule").toString(), QStringLiteral("swap"));
    QCOMPARE(events.at(1).toObject().value("rule").toString(), QStringLiteral("memory"));

    // What the first run told the channel is remembered: the end of the alert goes out.
    service->notify(makeAlert("swap", {}, AlertSeverity::Warning, Alert::State::Resolved));
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 10000);
    const QJsonObject end =
        bodyOf(server.requests.at(1)).value("events").toArray().at(0).toObject();
    QCOMPARE(end.value("state").toString(), QStringLiteral("resolved"));
    // Numbers count on from the first run: 1 and 2 there, 3 now.
    QCOMPARE(end.value("event").toString(), QSysInfo::machineHostName() + "-hook-3");
}

void TestNotifyService::aStormIsGroupedAndTheQueueBounded()
{
    RecordingServer server;
    QVERIFY(server.listen());
    configure({{"notify/hook/type", "webhook"}, {"notify/hook/url", server.url()}});
    auto service = startService();
    // 1,000 events in ten bursts of 100 over about half a second.
    QElapsedTimer feeding;
    feeding.start();
    QStringList expected;
    for (int burst = 0; burst < 10; ++burst) {
        for (int i = 0; i < 100; ++i) {
            const QString mount = QStringLiteral("/m%1").arg(burst * 100 + i);
            expected.append(mount);
            service->notify(makeAlert("disk", mount, AlertSeverity::Warning));
        }
        QTest::qWait(50);
    }
    const qint64 spanMs = feeding.elapsed();
    QTRY_COMPARE_WITH_TIMEOUT(instancesOf(server.requests).size(), 1000, 20000);
    QCOMPARE(instancesOf(server.requests), expected);
    // One delivery per second at most: one at the start, one per second of feeding, one after.
    QVERIFY2(server.requests.size() <= 2 + spanMs / 1000,
             qPrintable(QStringLiteral("%1 requests").arg(server.requests.size())));

    // A channel that is down keeps the newest 1,000 of 1,500: /m500 to /m1499 (1500 - 1000 = 500
    // dropped from the front).
    const quint16 port = freePort();
    configure({{"notify/down/type", "webhook"},
               {"notify/down/url", "http://127.0.0.1:" + QString::number(port) + "/hook"}});
    QTRY_COMPARE_WITH_TIMEOUT(service->pending("down"), 0, 10000);
    for (int i = 1000; i < 2500; ++i)
        service->notify(makeAlert("disk", QStringLiteral("/m%1").arg(i), AlertSeverity::Warning));
    QCOMPARE(service->pending("down"), 1000);
    RecordingServer later;
    QVERIFY(later.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(instancesOf(later.requests).size(), 1000, 30000);
    QCOMPARE(instancesOf(later.requests).constFirst(), QStringLiteral("/m1500"));
    QCOMPARE(instancesOf(later.requests).constLast(), QStringLiteral("/m2499"));
}

void TestNotifyService::aCommandGetsTheEventOnStdinAndInItsEnvironment()
{
    const QString out = m_dir->filePath(QStringLiteral("event.json"));
    configure({{"notify/run/type", "command"},
               {"notify/run/url", QStringLiteral(RECORD_SCRIPT) + u' ' + out}});
    auto service = startService();
    Alert alert = makeAlert("temperature", "acpitz", AlertSeverity::Critical);
    alert.value = 97;
    alert.threshold = 95;
    service->notify(alert);
    QTRY_VERIFY_WITH_TIMEOUT(service->sent() == 1, 10000);
    QFile env(out + QStringLiteral(".env"));
    QVERIFY(env.open(QIODevice::ReadOnly));
    QCOMPARE(env.readAll(), QByteArray("1|temperature:acpitz|critical|firing|97|95\n"));
    QFile body(out);
    QVERIFY(body.open(QIODevice::ReadOnly));
    const QJsonObject event =
        QJsonDocument::fromJson(body.readAll()).object().value("events").toArray().at(0).toObject();
    QCOMPARE(event.value("id").toString(), QStringLiteral("temperature:acpitz"));
    QCOMPARE(event.value("value").toDouble(), 97.0);
}

void TestNotifyService::aCommandFailsByItsExitStatusOrItsTimeout()
{
    configure({{"notify/no/type", "command"},
               {"notify/no/url", "/bin/false"},
               {"notify/stuck/type", "command"},
               {"notify/stuck/url", "/bin/sleep 30"}});
    auto service = startService();
    QSignalSpy results(service.get(), &NotifyService::delivered);
    service->notify(makeAlert("cpu", {}, AlertSeverity::Warning));
    QHash<QString, QString> errors;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &result : results)
                errors.insert(result.at(0).toString(), result.at(2).toString());
            return errors.size() == 2;
        }(),
        10000);
    QCOMPARE(errors.value("no"), QStringLiteral("the program exited with status 1"));
    QCOMPARE(errors.value("stuck"), QStringLiteral("the program ran past its time and was killed"));
}

void TestNotifyService::aFailingChannelFiresTheNotifyRuleButIsNotToldOfIt()
{
    RecordingServer working;
    QVERIFY(working.listen());
    const quint16 port = freePort();
    // Warning after 0.001 minutes (60 ms) of failing, so the rule fires within the test.
    configure({{"thresholds/notify/warning", 0.001},
               {"thresholds/notify/hysteresis", 0},
               {"notify/down/type", "webhook"},
               {"notify/down/url", "http://127.0.0.1:" + QString::number(port) + "/hook"},
               {"notify/ok/type", "webhook"},
               {"notify/ok/url", working.url()}});
    auto service = startService();
    AlertEngine engine(m_settings.get());
    connect(&engine, &AlertEngine::alertChanged, service.get(), &NotifyService::notify);
    service->notify(makeAlert("cpu", {}, AlertSeverity::Warning));
    QTRY_VERIFY_WITH_TIMEOUT(service->failed() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            Snapshot snapshot;
            service->selfCollector()->collect(snapshot, 0);
            engine.evaluate(snapshot, QDateTime::currentMSecsSinceEpoch());
            return !engine.active().isEmpty();
        }(),
        10000);
    QCOMPARE(engine.active().constFirst().id(), QStringLiteral("notify:down"));
    QTRY_COMPARE_WITH_TIMEOUT(instancesOf(working.requests), (QStringList{"", "down"}), 10000);
    QCOMPARE(service->pending("down"), 1); // the cpu event only
}

void TestNotifyService::httpsIsVerifiedUnlessTheChannelIsInsecure()
{
    // A self-signed certificate for 127.0.0.1 that no system store trusts.
    const QString tls = QFINDTESTDATA("../server/fixtures/tls");
    QFile cert(tls + "/cert.pem"), key(tls + "/key.pem");
    QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(&cert));
    configuration.setPrivateKey(QSslKey(&key, QSsl::Rsa));
    RecordingServer server;
    QVERIFY(server.listenTls(configuration));
    configure({{"notify/strict/type", "webhook"},
               {"notify/strict/url", server.url("/strict")},
               {"notify/lax/type", "webhook"},
               {"notify/lax/url", server.url("/lax")},
               {"notify/lax/insecure", true}});
    auto service = startService();
    QSignalSpy results(service.get(), &NotifyService::delivered);
    service->notify(makeAlert("cpu", {}, AlertSeverity::Warning));
    QHash<QString, QString> errors;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &result : results)
                errors.insert(result.at(0).toString(), result.at(2).toString());
            return errors.size() == 2;
        }(),
        10000);
    QCOMPARE(errors.value("lax"), QString());
    QCOMPARE(errors.value("strict"),
             QStringLiteral("TLS handshake failed (certificate not trusted?)"));
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.constFirst().path, QByteArray("/lax"));
}

void TestNotifyService::alertmanagerIsToldAgainWhileFiringAndOfEachEnd()
{
    RecordingServer server;
    QVERIFY(server.listen());
    configure({{"notify/am/type", "alertmanager"}, {"notify/am/url", server.url("/")}});
    // Re-sent every 300 ms here instead of every minute.
    auto service = startService(300);
    service->notify(makeAlert("disk", "/home", AlertSeverity::Critical));
    QTRY_VERIFY_WITH_TIMEOUT(server.requests.size() >= 3, 10000);
    const QString host = QSysInfo::machineHostName();
    for (const RecordingServer::Request &request : server.requests) {
        QCOMPARE(request.path, QByteArray("/api/v2/alerts"));
        const QJsonArray alerts = QJsonDocument::fromJson(request.body).array();
        QCOMPARE(alerts.size(), 1);
        const QJsonObject alert = alerts.at(0).toObject();
        QCOMPARE(alert.value("labels").toObject(), (QJsonObject{{"alertname", "VantageDisk"},
                                                                {"instance", host},
                                                                {"severity", "critical"},
                                                                {"rule", "disk"},
                                                                {"mount", "/home"}}));
        // 1700000000000 ms since the epoch.
        QCOMPARE(alert.value("startsAt").toString(), QStringLiteral("2023-11-14T22:13:20.000Z"));
        QVERIFY(!alert.contains("endsAt"));
    }

    // Down to warning: the critical labels end, the warning ones fire.
    service->notify(makeAlert("disk", "/home", AlertSeverity::Warning));
    // The newest delivery of a severity change (two alerts), or of the end (one, ended).
    const auto lastWith = [&](const QString &state) {
        for (qsizetype i = server.requests.size() - 1; i >= 0; --i) {
            const QJsonArray alerts = QJsonDocument::fromJson(server.requests.at(i).body).array();
            const bool ended = alerts.size() == 1 && alerts.at(0).toObject().contains("endsAt");
            if (state == u"changed" ? alerts.size() == 2 : ended)
                return alerts;
        }
        return QJsonArray();
    };
    QTRY_VERIFY_WITH_TIMEOUT(lastWith("changed").size() == 2, 10000);
    const QJsonArray changed = lastWith("changed");
    QCOMPARE(changed.at(0).toObject().value("labels").toObject().value("severity").toString(),
             QStringLiteral("critical"));
    // The event's ts, 1700000000000 ms, ends the old labels.
    QCOMPARE(changed.at(0).toObject().value("endsAt").toString(),
             QStringLiteral("2023-11-14T22:13:20.000Z"));
    QCOMPARE(changed.at(1).toObject().value("labels").toObject().value("severity").toString(),
             QStringLiteral("warning"));
    QVERIFY(!changed.at(1).toObject().contains("endsAt"));

    // Resolved at 1700000060000 ms = 22:14:20.
    service->notify(makeAlert("disk", "/home", AlertSeverity::Warning, Alert::State::Resolved));
    QTRY_VERIFY_WITH_TIMEOUT(!lastWith("resolved").isEmpty(), 10000);
    const QJsonObject end = lastWith("resolved").at(0).toObject();
    QCOMPARE(end.value("labels").toObject().value("severity").toString(),
             QStringLiteral("warning"));
    QCOMPARE(end.value("endsAt").toString(), QStringLiteral("2023-11-14T22:14:20.000Z"));
}

QTEST_GUILESS_MAIN(TestNotifyService)
#include "tst_notifyservice.moc"

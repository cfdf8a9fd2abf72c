#include "fixturetree.h"
#include "httpprobe.h"
#include "recordingserver.h"
#include "requireorskip.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSysInfo>

namespace {

const QByteArray AdminToken = "0123456789abcdef";

// Memory in the fixture: MemAvailable 8192000 kB of 16384000 is (16384000 − 8192000) / 16384000
// = 50 % used, over the warning level 40.
const QByteArray Thresholds = "[thresholds/memory]\n"
                              "warning = 40\n"
                              "critical = 90\n"
                              "for = 0\n"
                              "hysteresis = 5\n"
                              "[notify]\n"
                              "groupSeconds = 1\n";

// (16384000 − 11468800) / 16384000 = 30 % used, below 40 − 5 = 35: the alert resolves.
const QByteArray CalmMemory = "MemTotal:       16384000 kB\n"
                              "MemFree:        11468800 kB\n"
                              "MemAvailable:   11468800 kB\n"
                              "Buffers:               0 kB\n"
                              "Cached:                0 kB\n"
                              "SwapCached:            0 kB\n"
                              "SReclaimable:          0 kB\n"
                              "SwapTotal:       2048000 kB\n"
                              "SwapFree:        1536000 kB\n";

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace

// A real vantage delivering to a real Alertmanager (Debian's package, put under build/tools by
// scripts/alertmanager.sh), and what web clients may see and do with channels.
class TestAlertmanager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void aCrossedThresholdIsActiveInAlertmanagerUntilResolved();
    void secretsNeverReachViewersOrTheApi();
    void anAdminCannotCreateACommandChannel();

private:
    bool startVantage(const QByteArray &channels);
    quint16 startAlertmanager(quint16 receiverPort);
    QJsonArray alerts(quint16 port);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VantageProcess> m_vantage;
    QProcess m_alertmanager;
    QNetworkAccessManager m_network;
};

void TestAlertmanager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), m_dir->path()));
    m_vantage = std::make_unique<VantageProcess>();
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void TestAlertmanager::cleanup()
{
    m_vantage.reset();
    if (m_alertmanager.state() != QProcess::NotRunning) {
        m_alertmanager.terminate(); // SIGTERM to its PID
        if (!m_alertmanager.waitForFinished(10000))
            m_alertmanager.kill();
        m_alertmanager.waitForFinished();
    }
}

bool TestAlertmanager::startVantage(const QByteArray &channels)
{
    if (!writeFile(m_vantage->configFile(),
                   Thresholds + "[server]\ntoken = " + AdminToken + "\n" + channels))
        return false;
    const bool started =
        m_vantage->start({QStringLiteral("--interval"), QStringLiteral("0.2"),
                          QStringLiteral("--proc-root"), m_dir->filePath(QStringLiteral("proc")),
                          QStringLiteral("--sys-root"), m_dir->filePath(QStringLiteral("sys"))});
    if (!started)
        qWarning("vantage did not serve: %s", qPrintable(m_vantage->errorString()));
    return started;
}

// Alertmanager on 127.0.0.1 with clustering off (it would listen on every address), routing
// everything at once to a receiver of the test.
quint16 TestAlertmanager::startAlertmanager(quint16 receiverPort)
{
    const QString config = m_dir->filePath(QStringLiteral("alertmanager.yml"));
    if (!writeFile(config, "route:\n"
                           "  receiver: test\n"
                           "  group_wait: 1s\n"
                           "  group_interval: 1s\n"
                           "receivers:\n"
                           "  - name: test\n"
                           "    webhook_configs:\n"
                           "      - url: http://127.0.0.1:" +
                               QByteArray::number(receiverPort) +
                               "/am\n"
                               "        send_resolved: true\n"))
        return 0;
    const quint16 port = freePort();
    m_alertmanager.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_alertmanager.start(qEnvironmentVariable("VANTAGE_ALERTMANAGER"),
                         {"--config.file=" + config,
                          "--storage.path=" + m_dir->filePath(QStringLiteral("am")),
                          "--web.listen-address=127.0.0.1:" + QString::number(port),
                          "--cluster.listen-address=", "--log.level=warn"});
    if (!m_alertmanager.waitForStarted())
        return 0;
    const bool ready = QTest::qWaitFor(
        [&] { return HttpProbe::get(port, "/-/ready", {}, "GET").status == 200; }, 20000);
    return ready ? port : 0;
}

QJsonArray TestAlertmanager::alerts(quint16 port)
{
    QNetworkReply *reply = m_network.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v2/alerts").arg(port))));
    [[maybe_unused]] const bool done =
        QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000);
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).array();
}

void TestAlertmanager::aCrossedThresholdIsActiveInAlertmanagerUntilResolved()
{
    VANTAGE_REQUIRE_OR_SKIP(QFileInfo(qEnvironmentVariable("VANTAGE_ALERTMANAGER")).isExecutable(),
                            "no Alertmanager under build/tools: run scripts/alertmanager.sh once");
    RecordingServer receiver;
    QVERIFY(receiver.listen());
    const quint16 am = startAlertmanager(receiver.port());
    QVERIFY(am != 0);
    QVERIFY(startVantage("[notify/am]\ntype = alertmanager\nrules = memory\nurl = "
                         "http://127.0.0.1:" +
                         QByteArray::number(am) + "\n"));

    QJsonObject alert;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QJsonArray all = alerts(am);
            alert = all.isEmpty() ? QJsonObject() : all.at(0).toObject();
            return !alert.isEmpty();
        },
        20000));
    const QJsonObject labels = alert.value("labels").toObject();
    QCOMPARE(labels.value("alertname").toString(), QStringLiteral("VantageMemory"));
    QCOMPARE(labels.value("rule").toString(), QStringLiteral("memory"));
    QCOMPARE(labels.value("severity").toString(), QStringLiteral("warning"));
    QCOMPARE(labels.value("instance").toString(), QSysInfo::machineHostName());
    QCOMPARE(labels.size(), 4);
    QCOMPARE(alert.value("annotations").toObject().value("value").toString(), QStringLiteral("50"));
    QCOMPARE(alert.value("annotations").toObject().value("threshold").toString(),
             QStringLiteral("40"));
    QCOMPARE(alert.value("status").toObject().value("state").toString(), QStringLiteral("active"));
    QCOMPARE(alert.value("generatorURL").toString(),
             QStringLiteral("http://127.0.0.1:%1/").arg(m_vantage->port()));
    // Counted per channel on /metrics: at least the delivery that made it active.
    static const QRegularExpression sent(
        QStringLiteral("^vantage_notifications_total\\{channel=\"am\",result=\"sent\"\\} [1-9]"),
        QRegularExpression::MultilineOption);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return sent.match(QString::fromUtf8(HttpProbe::get(m_vantage->port(), "/metrics").body))
                .hasMatch();
        },
        10000));
    // Alertmanager's own routing passes it on to its receiver.
    QTRY_VERIFY_WITH_TIMEOUT(!receiver.requests.isEmpty(), 20000);
    const QJsonObject routed =
        QJsonDocument::fromJson(receiver.requests.constFirst().body).object();
    QCOMPARE(routed.value("status").toString(), QStringLiteral("firing"));
    QCOMPARE(routed.value("commonLabels").toObject().value("alertname").toString(),
             QStringLiteral("VantageMemory"));

    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("proc/meminfo")), CalmMemory));
    QVERIFY(QTest::qWaitFor([&] { return alerts(am).isEmpty(); }, 20000));
    QTRY_VERIFY_WITH_TIMEOUT(
        QJsonDocument::fromJson(receiver.requests.constLast().body).object().value("status") ==
            QStringLiteral("resolved"),
        20000);
}

void TestAlertmanager::secretsNeverReachViewersOrTheApi()
{
    QVERIFY(startVantage("[notify/hook]\ntype = webhook\n"
                         "url = https://hooks.example.org/path-Zq9xTokenInUrl\n"
                         "secret = hmac-secret-Wv3k\ntoken = bearer-Pp71\n"
                         "headers = X-Api-Key: key-Hh42\n"));
    WsClient viewer;
    QVERIFY(viewer.open(m_vantage->port()));
    const QJsonObject hello = viewer.waitFor("hello");
    QVERIFY(!hello.isEmpty());
    const HttpProbe api = HttpProbe::get(m_vantage->port(), "/api/v1/settings");
    QCOMPARE(api.status, 200);
    const QJsonObject settings = QJsonDocument::fromJson(api.body).object();
    QCOMPARE(settings.value("notify/hook/url"), QJsonValue(true));
    QCOMPARE(settings.value("notify/hook/secret"), QJsonValue(true));
    QCOMPARE(settings.value("notify/hook/headers"), QJsonValue(true));
    QCOMPARE(settings.value("notify/hook/type"), QJsonValue("webhook"));
    const QByteArray greeting = QJsonDocument(hello).toJson();
    for (const char *secret : {"Zq9xTokenInUrl", "Wv3k", "Pp71", "Hh42"}) {
        QVERIFY2(!greeting.contains(secret), secret);
        QVERIFY2(!api.body.contains(secret), secret);
    }
}

void TestAlertmanager::anAdminCannotCreateACommandChannel()
{
    QVERIFY(startVantage({}));
    WsClient admin;
    QVERIFY(admin.open(m_vantage->port(), "/ws?token=" + QString::fromLatin1(AdminToken)));
    QVERIFY(!admin.waitFor("hello").isEmpty());
    admin.send({{"type", "setSettings"},
                {"id", 7},
                {"settings", QJsonObject{{"notify/run/type", "command"},
                                         {"notify/run/url", "/usr/bin/touch /tmp/owned"}}}});
    const QJsonObject error = admin.waitFor("error");
    QCOMPARE(error.value("code").toString(), QStringLiteral("forbidden"));
    QCOMPARE(error.value("message").toString(),
             QStringLiteral("Notification channel \"run\" runs a program: command channels are "
                            "set only on the machine itself (desktop window or settings file)"));
    // A webhook is theirs to add.
    admin.send({{"type", "setSettings"},
                {"id", 8},
                {"settings", QJsonObject{{"notify/hook/type", "webhook"},
                                         {"notify/hook/url", "https://hooks.example.org/x"}}}});
    QTRY_VERIFY_WITH_TIMEOUT(!admin.ofType("result").isEmpty(), 5000);
    QFile file(m_vantage->configFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("https://hooks.example.org/x"));
    QVERIFY(!saved.contains("/tmp/owned"));
}

QTEST_GUILESS_MAIN(TestAlertmanager)
#include "tst_alertmanager.moc"

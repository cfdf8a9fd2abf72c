#include "fixturetree.h"
#include "httpprobe.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

// An alert firing when vantage stops is firing again as soon as it starts, with its first
// since, and is not fired a second time; it resolves by the usual rule. Against the real vantage
// executable, headless on port 0 over a copy of the fixture machine (tests/app/fixtures), stopped
// with SIGTERM and started again on the same settings file and data folder.
//
// The fixture's /proc/meminfo: MemTotal 16384000 kB, MemAvailable 8192000 kB, so memory is
// (16384000 − 8192000) / 16384000 = 50 % used; the memory rule warns at 40 with no wait and a
// hysteresis of 5, so it fires at the first tick and holds while memory stays at or above 35.
class TestAlertRestart : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firingAlertSurvivesRestart();

private:
    quint16 startVantage();
    QJsonObject activeAlert(quint16 port, const QString &id) const;
    QList<QJsonObject> logged(const QString &id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VantageProcess> m_vantage;
};

namespace {

const QByteArray config = "[thresholds/memory]\n"
                          "warning = 40\n"
                          "critical = 90\n"
                          "for = 0\n"
                          "hysteresis = 5\n";

} // namespace

void TestAlertRestart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), m_dir->path()));
    m_vantage = std::make_unique<VantageProcess>();
    QVERIFY(writeFile(m_vantage->configFile(), config));
}

void TestAlertRestart::cleanup()
{
    m_vantage.reset();
    m_dir.reset();
}

// Starts vantage on the test's settings file and home, the same at every start; returns the port
// it serves on (0 if it did not).
quint16 TestAlertRestart::startVantage()
{
    if (!m_vantage->start({QStringLiteral("--interval"), QStringLiteral("0.2"),
                           QStringLiteral("--proc-root"), m_dir->filePath(QStringLiteral("proc")),
                           QStringLiteral("--sys-root"), m_dir->filePath(QStringLiteral("sys"))})) {
        qWarning("vantage did not serve: %s", qPrintable(m_vantage->errorString()));
        return 0;
    }
    return m_vantage->port();
}

QJsonObject TestAlertRestart::activeAlert(quint16 port, const QString &id) const
{
    const HttpProbe probe = HttpProbe::get(port, "/api/v1/alerts");
    if (probe.status != 200)
        return {};
    for (const QJsonValue &alert :
         QJsonDocument::fromJson(probe.body)[QStringLiteral("active")].toArray()) {
        if (alert[QStringLiteral("id")].toString() == id)
            return alert.toObject();
    }
    return {};
}

// The events of one alert in the log file, oldest first.
QList<QJsonObject> TestAlertRestart::logged(const QString &id) const
{
    QList<QJsonObject> events;
    // Where vantage keeps it: $XDG_DATA_HOME/vantage/alerts.jsonl, in the process's own home.
    QFile file(m_vantage->homePath() + QStringLiteral("/data/vantage/alerts.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        return events;
    while (!file.atEnd()) {
        const QJsonObject event = QJsonDocument::fromJson(file.readLine()).object();
        if (event[QStringLiteral("id")].toString() == id)
            events.append(event);
    }
    return events;
}

void TestAlertRestart::firingAlertSurvivesRestart()
{
    const QString id = QStringLiteral("memory");
    quint16 port = startVantage();
    QVERIFY(port);
    QTRY_VERIFY_WITH_TIMEOUT(!activeAlert(port, id).isEmpty(), 15000);
    const QJsonObject fired = activeAlert(port, id);
    QCOMPARE(fired[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    QCOMPARE(fired[QStringLiteral("value")].toDouble(), 50.0);
    QCOMPARE(fired[QStringLiteral("message")].toString(),
             QStringLiteral("Memory at 50 % (warning at 40 %)"));
    const double since = fired[QStringLiteral("since")].toDouble();
    QVERIFY(since > 0);
    QCOMPARE(logged(id).size(), 1);
    QVERIFY(m_vantage->stop()); // SIGTERM: a clean exit, code 0

    // Active from the first request on, as it was: same since, same severity and message.
    port = startVantage();
    QVERIFY(port);
    const QJsonObject restored = activeAlert(port, id);
    QCOMPARE(restored[QStringLiteral("since")].toDouble(), since);
    QCOMPARE(restored[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    QCOMPARE(restored[QStringLiteral("state")].toString(), QStringLiteral("firing"));
    QCOMPARE(restored[QStringLiteral("message")].toString(),
             QStringLiteral("Memory at 50 % (warning at 40 %)"));
    // A client gets it after `history` like any active alert.
    WsClient client;
    QVERIFY(client.open(port));
    // Only this alert's messages: the machine the test runs on may be slow enough for another.
    const auto sentFor = [&client, &id] {
        QList<QJsonObject> sent;
        for (const QJsonObject &alert : client.ofType(QStringLiteral("alert"))) {
            if (alert[QStringLiteral("id")].toString() == id)
                sent.append(alert);
        }
        return sent;
    };
    QTRY_COMPARE_WITH_TIMEOUT(sentFor().size(), 1, 15000);
    const QJsonObject sent = sentFor().first();
    QCOMPARE(sent[QStringLiteral("state")].toString(), QStringLiteral("firing"));
    QCOMPARE(sent[QStringLiteral("since")].toDouble(), since);
    // Three samples later memory is still at 50: held, never fired again.
    QVERIFY(QTest::qWaitFor([&] { return client.ofType(QStringLiteral("sample")).size() >= 3; },
                            15000));
    QCOMPARE(activeAlert(port, id)[QStringLiteral("since")].toDouble(), since);
    const QList<QJsonObject> events = logged(id);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0][QStringLiteral("state")].toString(), QStringLiteral("firing"));
    QCOMPARE(events[0][QStringLiteral("ts")].toDouble(), since);

    // The usual rule resolves it: MemAvailable 11468800 kB of 16384000 is
    // (16384000 − 11468800) / 16384000 = 30 % used, below 40 − 5 = 35.
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("proc/meminfo")),
                      "MemTotal:       16384000 kB\n"
                      "MemFree:        11468800 kB\n"
                      "MemAvailable:   11468800 kB\n"
                      "Buffers:               0 kB\n"
                      "Cached:                0 kB\n"
                      "SwapCached:            0 kB\n"
                      "SReclaimable:          0 kB\n"
                      "SwapTotal:       2048000 kB\n"
                      "SwapFree:        1536000 kB\n"));
    QTRY_COMPARE_WITH_TIMEOUT(sentFor().size(), 2, 15000);
    const QJsonObject resolved = sentFor().last();
    QCOMPARE(resolved[QStringLiteral("state")].toString(), QStringLiteral("resolved"));
    QCOMPARE(resolved[QStringLiteral("since")].toDouble(), since);
    QCOMPARE(resolved[QStringLiteral("message")].toString(),
             QStringLiteral("Memory at 30 %: back to normal"));
    QVERIFY(activeAlert(port, id).isEmpty());
    QCOMPARE(logged(id).size(), 2);

    // Resolved when stopped: nothing to restore at the next start.
    m_vantage->stop();
    port = startVantage();
    QVERIFY(port);
    QVERIFY(activeAlert(port, id).isEmpty());
}

QTEST_GUILESS_MAIN(TestAlertRestart)
#include "tst_alertrestart.moc"

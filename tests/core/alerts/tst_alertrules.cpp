#include "fixturetree.h"
#include "httpprobe.h"
#include "vantageprocess.h"
#include "wsclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Alert rules as docs/alerts.md documents them, against the real vantage executable: headless
// on port 0 over a copy of the fixture machine (tests/app/fixtures), with the thresholds in its
// settings file and its home in a temporary folder. What fires is seen the way users see it: as
// an `alert` message on a real WebSocket client and in GET /api/v1/alerts.
class TestAlertRules : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refusedClientsFireTheConnectionsRule();
    void vanishedSensorResolvesAsGone();

private:
    quint16 startVantage(const QByteArray &config, const QStringList &extraArguments = {});
    QJsonObject alerts(quint16 port) const;
    static QJsonObject findById(const QJsonArray &alerts, const QString &id);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VantageProcess> m_vantage;
    std::unique_ptr<QProcess> m_helper;
};

void TestAlertRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(copyFixtureMachine(QFINDTESTDATA("../../app/fixtures/proc"), m_dir->path()));
    m_vantage = std::make_unique<VantageProcess>();
}

void TestAlertRules::cleanup()
{
    m_vantage.reset();
    if (m_helper) {
        m_helper->kill();
        m_helper->waitForFinished();
        m_helper.reset();
    }
    m_dir.reset();
}

// Starts vantage with this settings file and returns the port it serves on (0 if it did not).
quint16 TestAlertRules::startVantage(const QByteArray &config, const QStringList &extraArguments)
{
    if (!writeFile(m_vantage->configFile(), config))
        return 0;
    if (!m_vantage->start(
            QStringList{QStringLiteral("--interval"), QStringLiteral("0.2"),
                        QStringLiteral("--proc-root"), m_dir->filePath(QStringLiteral("proc")),
                        QStringLiteral("--sys-root"), m_dir->filePath(QStringLiteral("sys"))} +
            extraArguments)) {
        qWarning("vantage did not serve: %s", qPrintable(m_vantage->errorString()));
        return 0;
    }
    return m_vantage->port();
}

QJsonObject TestAlertRules::alerts(quint16 port) const
{
    const HttpProbe probe = HttpProbe::get(port, "/api/v1/alerts");
    return probe.status == 200 ? QJsonDocument::fromJson(probe.body).object() : QJsonObject();
}

QJsonObject TestAlertRules::findById(const QJsonArray &alerts, const QString &id)
{
    for (const QJsonValue &alert : alerts) {
        if (alert[QStringLiteral("id")].toString() == id)
            return alert.toObject();
    }
    return {};
}

// Three refusals within a minute against a warning level of 3 (critical 10, no wait): two
// WebSocket upgrades beyond --max-connections 1, and one from a foreign Origin. Every tick
// before the third refusal counts at most 2, so the alert fires with the value 3 exactly.
void TestAlertRules::refusedClientsFireTheConnectionsRule()
{
    const quint16 port = startVantage("[thresholds/connections]\n"
                                      "warning = 3\n"
                                      "critical = 10\n"
                                      "for = 0\n",
                                      {QStringLiteral("--max-connections"), QStringLiteral("1")});
    QVERIFY(port);
    WsClient observer;
    QVERIFY(observer.open(port));
    QVERIFY(!observer.waitFor(QStringLiteral("sample"), 15000).isEmpty());
    QVERIFY(observer.ofType(QStringLiteral("alert")).isEmpty());

    for (int i = 0; i < 2; ++i)
        QCOMPARE(HttpProbe::send(port, HttpProbe::upgrade(port)).status, 503);
    QCOMPARE(HttpProbe::send(
                 port, HttpProbe::upgrade(port, "/ws", "Origin: http://elsewhere.example\r\n"))
                 .status,
             403);

    const QString message =
        QStringLiteral("3 clients refused or dropped in the last minute (warning at 3)");
    const QJsonObject fired = observer.waitFor(QStringLiteral("alert"), 15000);
    QCOMPARE(fired[QStringLiteral("id")].toString(), QStringLiteral("connections"));
    QCOMPARE(fired[QStringLiteral("state")].toString(), QStringLiteral("firing"));
    QCOMPARE(fired[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    QCOMPARE(fired[QStringLiteral("value")].toDouble(), 3.0);
    QCOMPARE(fired[QStringLiteral("threshold")].toDouble(), 3.0);
    QCOMPARE(fired[QStringLiteral("message")].toString(), message);

    const QJsonObject api = alerts(port);
    const QJsonObject active =
        findById(api[QStringLiteral("active")].toArray(), QStringLiteral("connections"));
    QCOMPARE(active[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    QCOMPARE(active[QStringLiteral("value")].toDouble(), 3.0);
    QCOMPARE(active[QStringLiteral("message")].toString(), message);
    QCOMPARE(api[QStringLiteral("log")][0][QStringLiteral("message")].toString(), message);
    QCOMPARE(observer.ofType(QStringLiteral("alert")).size(), 1); // fired once, no flapping
}

// A regular file cannot vanish for a reader that keeps it open, as vantage keeps its sensor
// files: an unlinked file reads on. A sysfs attribute of a removed device fails its reads
// instead. So the sensor's input is a file the kernel makes for an object the test owns, the
// oom_score_adj of a helper process (set to 800, read as 800 millidegrees: 0.8 °C); the
// sensor goes away as a hot-unplugged one does: its folder is deleted and its object ends.
// With its own levels absent the settings apply: warning 0.5, critical 50, no wait.
void TestAlertRules::vanishedSensorResolvesAsGone()
{
    m_helper = std::make_unique<QProcess>();
    m_helper->start(QStringLiteral("sleep"), {QStringLiteral("600")});
    QVERIFY(m_helper->waitForStarted());
    const QString reading = QStringLiteral("/proc/%1/oom_score_adj").arg(m_helper->processId());
    QVERIFY(writeFile(reading, "800\n")); // raising one's own child's score needs no privilege
    const QString chip = m_dir->filePath(QStringLiteral("sys/class/hwmon/hwmon0"));
    QVERIFY(writeFile(chip + QStringLiteral("/name"), "probe\n"));
    QVERIFY(writeFile(chip + QStringLiteral("/temp1_label"), "Board\n"));
    QVERIFY(QFile::link(reading, chip + QStringLiteral("/temp1_input")));

    const quint16 port = startVantage("[thresholds/temperature]\n"
                                      "warning = 0.5\n"
                                      "critical = 50\n"
                                      "for = 0\n");
    QVERIFY(port);
    WsClient observer;
    QVERIFY(observer.open(port));
    const QString id = QStringLiteral("temperature:probe Board");
    const QJsonObject fired = observer.waitFor(QStringLiteral("alert"), 15000);
    QCOMPARE(fired[QStringLiteral("id")].toString(), id);
    QCOMPARE(fired[QStringLiteral("state")].toString(), QStringLiteral("firing"));
    QCOMPARE(fired[QStringLiteral("value")].toDouble(), 0.8);
    // Messages write temperatures in whole degrees, as the views do: 0.8 is 1, and 0.5 is 1
    // too (a tie rounds up).
    QCOMPARE(fired[QStringLiteral("message")].toString(),
             QStringLiteral("probe Board at 1 °C (warning at 1 °C)"));
    QVERIFY(!findById(alerts(port)[QStringLiteral("active")].toArray(), id).isEmpty());

    QVERIFY(QDir(chip).removeRecursively());
    m_helper->kill();
    QVERIFY(m_helper->waitForFinished()); // reaped: its /proc files fail from now on

    QTRY_COMPARE_WITH_TIMEOUT(observer.ofType(QStringLiteral("alert")).size(), 2, 15000);
    const QJsonObject gone = observer.ofType(QStringLiteral("alert")).last();
    QCOMPARE(gone[QStringLiteral("id")].toString(), id);
    QCOMPARE(gone[QStringLiteral("state")].toString(), QStringLiteral("resolved"));
    QCOMPARE(gone[QStringLiteral("message")].toString(),
             QStringLiteral("temperature probe Board is gone"));
    QVERIFY(gone[QStringLiteral("value")].isNull()); // nothing left to read
    const QJsonObject api = alerts(port);
    QVERIFY(findById(api[QStringLiteral("active")].toArray(), id).isEmpty());
    QCOMPARE(api[QStringLiteral("log")][0][QStringLiteral("message")].toString(),
             QStringLiteral("temperature probe Board is gone"));
}

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"

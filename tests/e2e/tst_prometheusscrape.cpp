#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

// The real vantage binary scraped by a real Prometheus on loopback: what lands in Prometheus'
// database is what /proc says, and the target is up.
class TestPrometheusScrape : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void prometheusStoresWhatProcSays();

private:
    quint16 startVantage();
    quint16 startPrometheus(quint16 target);
    QJsonArray query(quint16 port, const QString &promql);
    QJsonArray waitForResult(quint16 port, const QString &promql);
    static void stop(QProcess &process);
    static quint16 freePort();
    static double memTotalBytes();

    QString m_prometheus;
    QTemporaryDir m_dir;
    QProcess m_vantage;
    QProcess m_prometheusProcess;
    QNetworkAccessManager m_network;
};

void TestPrometheusScrape::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_prometheus = qEnvironmentVariable("VANTAGE_PROMETHEUS");
    if (m_prometheus.isEmpty() || !QFileInfo(m_prometheus).isExecutable())
        QFAIL(qPrintable("prometheus not found at '" + m_prometheus +
                         "' (VANTAGE_PROMETHEUS): run scripts/prometheus.sh once"));
    m_network.setProxy(QNetworkProxy::NoProxy); // the queries go to loopback, never a proxy
}

// Both processes are stopped by their own PID, also when a check above failed.
void TestPrometheusScrape::cleanup()
{
    stop(m_prometheusProcess);
    stop(m_vantage);
}

void TestPrometheusScrape::stop(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished();
    }
}

// The kernel picks a port that is free now; it stays free long enough for Prometheus to bind.
quint16 TestPrometheusScrape::freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

double TestPrometheusScrape::memTotalBytes()
{
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly))
        return 0;
    static const QRegularExpression line(QStringLiteral("^MemTotal:\\s+(\\d+) kB$"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(meminfo.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() * 1024 : 0;
}

// Returns the port from the "Serving dashboard at" line, or 0 if it never came.
quint16 TestPrometheusScrape::startVantage()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path()); // never touch the user's settings
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    m_vantage.setProcessEnvironment(env);
    m_vantage.start(QStringLiteral(VANTAGE_BINARY),
                    {"--headless", "--port", "0", "--interval", "0.5", "--config",
                     m_dir.filePath(QStringLiteral("v.conf"))});
    static const QRegularExpression serving(
        QStringLiteral("^Serving dashboard at http://127\\.0\\.0\\.1:(\\d+)/$"),
        QRegularExpression::MultilineOption);
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && m_vantage.state() != QProcess::NotRunning) {
        m_vantage.waitForReadyRead(500);
        out += m_vantage.readAllStandardOutput();
        const QRegularExpressionMatch match = serving.match(QString::fromUtf8(out));
        if (match.hasMatch())
            return match.captured(1).toUShort();
    }
    qWarning() << "vantage printed" << out << "and on stderr" << m_vantage.readAllStandardError();
    return 0;
}

quint16 TestPrometheusScrape::startPrometheus(quint16 target)
{
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    file.write("global:\n"
               "  scrape_interval: 1s\n"
               "  scrape_timeout: 1s\n"
               "scrape_configs:\n"
               "  - job_name: vantage\n"
               "    static_configs:\n"
               "      - targets: ['127.0.0.1:" +
               QByteArray::number(target) + "']\n");
    file.close();
    const quint16 port = freePort();
    m_prometheusProcess.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_prometheusProcess.start(
        m_prometheus,
        {"--config.file=" + config, "--storage.tsdb.path=" + m_dir.filePath(QStringLiteral("tsdb")),
         "--web.listen-address=127.0.0.1:" + QString::number(port), "--log.level=warn"});
    return m_prometheusProcess.waitForStarted() ? port : 0;
}

// An instant query through Prometheus' HTTP API; an empty array until a sample is stored.
QJsonArray TestPrometheusScrape::query(quint16 port, const QString &promql)
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(port));
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("query"), promql);
    url.setQuery(parameters);
    QNetworkReply *reply = m_network.get(QNetworkRequest(url));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
        reply->abort(); // a stalled query counts as "no result yet"
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer[QStringLiteral("data")][QStringLiteral("result")].toArray();
}

QJsonArray TestPrometheusScrape::waitForResult(quint16 port, const QString &promql)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000 && m_prometheusProcess.state() == QProcess::Running) {
        const QJsonArray result = query(port, promql);
        if (!result.isEmpty())
            return result;
        QTest::qWait(500);
    }
    return {};
}

void TestPrometheusScrape::prometheusStoresWhatProcSays()
{
    const quint16 vantagePort = startVantage();
    QVERIFY2(vantagePort != 0, "no 'Serving dashboard at http://127.0.0.1:PORT/' line");
    const quint16 prometheusPort = startPrometheus(vantagePort);
    QVERIFY2(prometheusPort != 0, "prometheus did not start");

    const QJsonArray memory = waitForResult(prometheusPort, "vantage_memory_total_bytes");
    QVERIFY2(!memory.isEmpty(), "no vantage_memory_total_bytes in Prometheus within 60 s");
    QCOMPARE(memory.size(), 1);
    // [timestamp, "value"]: MemTotal is in kB in /proc/meminfo and in bytes on /metrics.
    const QString value = memory[0][QStringLiteral("value")][1].toString();
    QCOMPARE(value.toDouble(), memTotalBytes());

    const QJsonArray up = waitForResult(prometheusPort, "up{job=\"vantage\"}");
    QCOMPARE(up.size(), 1);
    QCOMPARE(up[0][QStringLiteral("value")][1].toString(), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestPrometheusScrape)
#include "tst_prometheusscrape.moc"

#include "prometheusprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

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
    static double memTotalBytes();

    QTemporaryDir m_dir;
    QProcess m_vantage;
    PrometheusProcess m_prometheus;
};

void TestPrometheusScrape::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!PrometheusProcess::available())
        QFAIL(qPrintable("prometheus not found at '" + PrometheusProcess::binary() +
                         "' (VANTAGE_PROMETHEUS): run scripts/prometheus.sh once"));
}

// Both processes are stopped by their own PID, also when a check above failed.
void TestPrometheusScrape::cleanup()
{
    m_prometheus.stop();
    if (m_vantage.state() == QProcess::NotRunning)
        return;
    m_vantage.terminate();
    if (!m_vantage.waitForFinished(10000)) {
        m_vantage.kill();
        m_vantage.waitForFinished();
    }
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

void TestPrometheusScrape::prometheusStoresWhatProcSays()
{
    const quint16 vantagePort = startVantage();
    QVERIFY2(vantagePort != 0, "no 'Serving dashboard at http://127.0.0.1:PORT/' line");
    QVERIFY2(m_prometheus.start({QStringLiteral("127.0.0.1:%1").arg(vantagePort)}),
             "prometheus did not start");

    const QJsonArray memory = m_prometheus.waitForResult("vantage_memory_total_bytes");
    QVERIFY2(!memory.isEmpty(), "no vantage_memory_total_bytes in Prometheus within 60 s");
    QCOMPARE(memory.size(), 1);
    // [timestamp, "value"]: MemTotal is in kB in /proc/meminfo and in bytes on /metrics.
    const QString value = memory[0][QStringLiteral("value")][1].toString();
    QCOMPARE(value.toDouble(), memTotalBytes());

    const QJsonArray up = m_prometheus.waitForResult("up{job=\"vantage\"}");
    QCOMPARE(up.size(), 1);
    QCOMPARE(up[0][QStringLiteral("value")][1].toString(), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestPrometheusScrape)
#include "tst_prometheusscrape.moc"

#pragma once

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
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <signal.h>
#include <sys/types.h>

// A real Prometheus on 127.0.0.1, from Debian's package as scripts/prometheus.sh extracts it
// (the test's VANTAGE_PROMETHEUS names the binary), scraping the targets it is given every
// second under the job "vantage". Its configuration and database live in a folder of its own,
// and it is stopped by its PID.
class PrometheusProcess
{
public:
    PrometheusProcess() { m_network.setProxy(QNetworkProxy::NoProxy); } // loopback, never a proxy
    PrometheusProcess(const PrometheusProcess &) = delete;
    PrometheusProcess &operator=(const PrometheusProcess &) = delete;
    ~PrometheusProcess() { stop(); }

    static QString binary() { return qEnvironmentVariable("VANTAGE_PROMETHEUS"); }
    static bool available() { return !binary().isEmpty() && QFileInfo(binary()).isExecutable(); }

    // The kernel picks a port that is free now; it stays free long enough for Prometheus to bind.
    static quint16 freePort()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = server.serverPort();
        server.close();
        return port;
    }

    // Starts it scraping targets ("127.0.0.1:PORT") every second; false if it did not start.
    bool start(const QStringList &targets)
    {
        if (!m_dir.isValid())
            return false;
        const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        QByteArray list;
        for (const QString &target : targets)
            list += (list.isEmpty() ? "'" : ", '") + target.toUtf8() + "'";
        file.write("global:\n"
                   "  scrape_interval: 1s\n"
                   "  scrape_timeout: 1s\n"
                   "scrape_configs:\n"
                   "  - job_name: vantage\n"
                   "    static_configs:\n"
                   "      - targets: [" +
                   list + "]\n");
        file.close();
        m_port = freePort();
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(binary(), {"--config.file=" + config,
                                   "--storage.tsdb.path=" + m_dir.filePath(QStringLiteral("tsdb")),
                                   "--web.listen-address=127.0.0.1:" + QString::number(m_port),
                                   "--log.level=warn"});
        return m_process.waitForStarted() && m_port != 0;
    }

    quint16 port() const { return m_port; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    // SIGTERM by PID, then waits for it to exit.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // An instant query through Prometheus' HTTP API; an empty array until a sample is stored.
    QJsonArray query(const QString &promql)
    {
        QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(m_port));
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

    // The query's result once it has one, trying for up to a minute; empty if it never had.
    QJsonArray waitForResult(const QString &promql)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && isRunning()) {
            const QJsonArray result = query(promql);
            if (!result.isEmpty())
                return result;
            QTest::qWait(500);
        }
        return {};
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

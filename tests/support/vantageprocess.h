#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/types.h>

// The built vantage executable, started headless as a user would start it, on a free port of
// 127.0.0.1 (or another loopback address given with --bind, where a test needs several hosts). It
// gets a home of its own (HOME and the XDG folders in a temporary folder) and its own settings
// file, so it never reads or writes the files of whoever runs the tests. Stopped by its PID with
// SIGTERM, as systemd stops it.
class VantageProcess
{
public:
    VantageProcess() = default;
    VantageProcess(const VantageProcess &) = delete;
    VantageProcess &operator=(const VantageProcess &) = delete;
    ~VantageProcess() { stop(); }

    // The settings file the process is started with; write it before start() to preset keys.
    QString configFile() const { return m_home.filePath(QStringLiteral("vantage.conf")); }

    // This environment with HOME and the XDG folders in `home`: whatever Qt's standard paths
    // would put in the user's folders (settings, alert log, caches) goes there instead.
    static QProcessEnvironment isolatedEnvironment(const QString &home)
    {
        const QDir dir(home);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_STATE_HOME"), dir.filePath(QStringLiteral("state")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        return env;
    }

    // Starts `vantage --headless --port 0 --config <configFile()>` plus the arguments and waits
    // for its "Serving dashboard at http://ADDR:PORT/" line; false (with the reason in
    // errorString()) if it exited or never printed the line. Again after stop(), it is a restart:
    // the same home and settings file, so what the last run saved is there to be read.
    bool start(const QStringList &arguments)
    {
        m_port = 0;
        m_error.clear();
        m_process.setProcessEnvironment(isolatedEnvironment(m_home.path()));
        m_process.start(QStringLiteral(VANTAGE_BINARY),
                        QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                                    QStringLiteral("0"), QStringLiteral("--config"), configFile()} +
                            arguments);
        if (!m_process.waitForStarted()) {
            m_error = m_process.errorString();
            return false;
        }
        const bool serving = QTest::qWaitFor(
            [this] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; },
            20000);
        const QByteArray line = m_process.readLine().trimmed();
        const QRegularExpressionMatch match =
            QRegularExpression(
                QStringLiteral("^Serving dashboard at http://(127\\.\\d+\\.\\d+\\.\\d+):(\\d+)/$"))
                .match(QString::fromUtf8(line));
        if (!serving || !match.hasMatch()) {
            m_error = QStringLiteral("no serving line; stdout: %1 stderr: %2")
                          .arg(QString::fromUtf8(line),
                               QString::fromUtf8(m_process.readAllStandardError()));
            return false;
        }
        m_address = match.captured(1);
        m_port = quint16(match.captured(2).toUInt());
        return m_port != 0;
    }

    // Starts it on a fixture machine (root/proc and root/sys, as fixturetree.h copies one) with
    // this settings file, on `bind` (a loopback address) and the extra arguments; why it did not
    // serve goes to the test's log.
    bool startOnMachine(const QString &root, const QByteArray &config,
                        const QString &bind = QStringLiteral("127.0.0.1"),
                        const QStringList &extra = {})
    {
        QFile file(configFile());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config) < 0)
            return false;
        file.close();
        const QDir machine(root);
        const bool started = start(
            QStringList{QStringLiteral("--proc-root"), machine.filePath(QStringLiteral("proc")),
                        QStringLiteral("--sys-root"), machine.filePath(QStringLiteral("sys")),
                        QStringLiteral("--bind"), bind} +
            extra);
        if (!started)
            qWarning("vantage did not serve: %s", qPrintable(m_error));
        return started;
    }

    quint16 port() const { return m_port; }
    // The loopback address it serves on, as its serving line says.
    QString address() const { return m_address; }
    // Its dashboard address, http://ADDRESS:PORT/.
    QString url() const { return QStringLiteral("http://%1:%2/").arg(m_address).arg(m_port); }
    QString errorString() const { return m_error; }
    QString homePath() const { return m_home.path(); }
    // Its process id while it runs (to stop or freeze it by signal); 0 otherwise.
    pid_t pid() const { return pid_t(m_process.processId()); }

    // SIGTERM by PID, then waits for a clean exit; true if it exited 0.
    bool stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
            return false;
        }
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }

private:
    QTemporaryDir m_home;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_address;
    QString m_error;
};

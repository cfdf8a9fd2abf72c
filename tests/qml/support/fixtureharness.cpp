#include "fixtureharness.h"

#include "historyseeder.h"

#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "settings/settings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>
#include <QWindow>

#include <cmath>

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(source, target))
            return false;
    }
    return true;
}

// In place, never by rename: the collectors keep the files open and pread them every tick.
void overwrite(const QString &path, const QByteArray &text)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text);
}

} // namespace

FixtureHarness::FixtureHarness(double intervalSeconds, QObject *parent)
    : QObject(parent)
    , m_interval(intervalSeconds)
{
    connect(&m_client, &QWebSocket::textMessageReceived, this, &FixtureHarness::onMessage);
    connect(&m_admin, &QWebSocket::textMessageReceived, this, &FixtureHarness::onAdminMessage);
}

FixtureHarness::~FixtureHarness()
{
    m_client.abort();
    m_admin.abort();
    m_backend.reset();
    if (m_monitor)
        m_monitor->stop();
}

QString FixtureHarness::path(const QString &relative) const
{
    return m_dir.filePath(relative);
}

bool FixtureHarness::start(QString *error)
{
    const QString fixtures = QFINDTESTDATA("../fixtures");
    if (!m_dir.isValid() || fixtures.isEmpty() || !copyTree(fixtures, m_dir.path())) {
        *error = QStringLiteral("cannot copy the fixture tree");
        return false;
    }
    // The fixture mounts the real / (the disk collector reads its size with statvfs and finds
    // its I/O counters by the device number stat reports), so vda1 gets that number.
    struct stat root = {};
    if (::stat("/", &root) != 0) {
        *error = QStringLiteral("cannot stat /");
        return false;
    }
    m_rootDevice =
        QByteArray::number(major(root.st_dev)) + ' ' + QByteArray::number(minor(root.st_dev));
    Monitor::Options options;
    options.configFile = path(QStringLiteral("config/vantage.conf"));
    options.paths.procRoot = path(QStringLiteral("proc"));
    options.paths.sysRoot = path(QStringLiteral("sys"));
    options.alertLogFile = path(QStringLiteral("alerts.jsonl"));
    options.settingOverrides = m_overrides;
    options.settingOverrides.insert(QStringLiteral("server/port"), 0);
    options.settingOverrides.insert(QStringLiteral("general/interval"), m_interval);
    m_monitor = std::make_unique<Monitor>(options);
    if (m_seedTicks > 0)
        HistorySeeder(m_seedShape)
            .seed(m_monitor->metrics(), m_seedTicks, QDateTime::currentMSecsSinceEpoch(),
                  int(m_interval * 1000));
    if (!m_monitor->start()) {
        *error = m_monitor->errorString();
        return false;
    }
    // The start read the counters as they were; from now on every tick sees one step.
    advance();
    connect(m_monitor->metrics(), &MetricsService::snapshotReady, this, &FixtureHarness::advance);
    m_backend = std::make_unique<DesktopBackend>(m_monitor.get());
    DesktopBackend::setInstance(m_backend.get());
    // New server settings restart the server on a new port: follow it.
    connect(m_monitor->server(), &ServerService::listening, this, &FixtureHarness::reconnect);
    connectClient();
    if (m_remote) {
        connect(m_monitor->server(), &ServerService::listening, this, &FixtureHarness::openRemote);
        openRemote();
    }
    return true;
}

void FixtureHarness::openRemote()
{
    m_backend->openRemote(QStringLiteral("fixture"), m_monitor->server()->url().toString(),
                          m_monitor->settings()->value(QStringLiteral("server/token")).toString());
}

void FixtureHarness::reconnect()
{
    m_clientReady = false;
    m_client.abort();
    connectClient();
}

void FixtureHarness::connectClient()
{
    QUrl url = m_monitor->server()->url();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/ws"));
    ++m_connections;
    m_client.open(url);
}

void FixtureHarness::advance()
{
    ++m_step;
    writeStat();
    writeCounters();
}

void FixtureHarness::writeStat()
{
    // The wave scales the busy part between 0.25x and 1.75x; idle takes the rest of 100.
    const double scale = m_wave ? 1 + 0.75 * std::sin(double(m_step) / 4) : 1;
    const int user0 = int(Cpu0User * scale), system0 = int(Cpu0System * scale);
    const int user1 = int(Cpu1User * scale), system1 = int(Cpu1System * scale);
    const int steps[3][3] = {
        {user0 + user1, system0 + system1, 200 - user0 - user1 - system0 - system1},
        {user0, system0, 100 - user0 - system0},
        {user1, system1, 100 - user1 - system1}};
    QByteArray text;
    const char *names[3] = {"cpu ", "cpu0", "cpu1"};
    for (int line = 0; line < 3; ++line) {
        for (int mode = 0; mode < 3; ++mode)
            m_cpu[line][mode] += quint64(steps[line][mode]);
        text += QByteArray(names[line]) + ' ' +
                QByteArray::number(4000 / (line ? 2 : 1) + m_cpu[line][0]) + " 0 " +
                QByteArray::number(2000 / (line ? 2 : 1) + m_cpu[line][1]) + ' ' +
                QByteArray::number(90000 / (line ? 2 : 1) + m_cpu[line][2]) + " 0 0 0 0 0 0\n";
    }
    text += "intr 0\nctxt 123456\nbtime 1700000000\nprocesses 5000\nprocs_running 1\n"
            "procs_blocked 0\n";
    overwrite(path(QStringLiteral("proc/stat")), text);
}

void FixtureHarness::writeCounters()
{
    const double scale = m_wave ? 1 + 0.9 * std::sin(double(m_step) / 3) : 1;
    m_traffic[0] += quint64(200000 * scale);
    m_traffic[1] += quint64(50000 * scale);
    m_traffic[2] += quint64(400 * scale);
    const QByteArray dev =
        "Inter-|   Receive                                                |  Transmit\n"
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
        "errs drop fifo colls carrier compressed\n"
        "    lo: 1000 10 0 0 0 0 0 0 1000 10 0 0 0 0 0 0\n"
        "  eth0: " +
        QByteArray::number(500000 + m_traffic[0]) + " 400 0 0 0 0 0 0 " +
        QByteArray::number(250000 + m_traffic[1]) + " 300 0 0 0 0 0 0\n";
    overwrite(path(QStringLiteral("proc/net/dev")), dev);
    const QByteArray disk = ' ' + m_rootDevice + " vda1 1000 0 " +
                            QByteArray::number(20000 + m_traffic[2]) + " 500 2000 0 " +
                            QByteArray::number(40000 + 2 * m_traffic[2]) +
                            " 800 0 900 1300 0 0 0 0 0 0\n";
    overwrite(path(QStringLiteral("proc/diskstats")), disk);
}

QString FixtureHarness::settingsFile() const
{
    return path(QStringLiteral("config/vantage.conf"));
}

QString FixtureHarness::settingsFileText() const
{
    QFile file(settingsFile());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void FixtureHarness::addProcess(int pid, const QString &name, qint64 rssPages)
{
    const QString dir = path(QStringLiteral("proc/") + QString::number(pid));
    QDir().mkpath(dir);
    const QByteArray stat = QByteArray::number(pid) + " (" + name.toUtf8() + ") S 1 " +
                            QByteArray::number(pid) + ' ' + QByteArray::number(pid) +
                            " 0 -1 4194560 100 0 0 0 10 10 0 0 20 0 1 0 500 340000000 " +
                            QByteArray::number(rssPages) +
                            " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    overwrite(dir + QStringLiteral("/stat"), stat);
    // As the kernel does: /proc/loadavg's last field names the PID handed out last, which is
    // how the process table knows that something new may have appeared.
    overwrite(path(QStringLiteral("proc/loadavg")),
              "0.42 0.37 0.30 2/300 " + QByteArray::number(pid) + '\n');
}

void FixtureHarness::removeProcess(int pid)
{
    // A dead process's stat reads nothing through a descriptor kept open on it.
    const QString dir = path(QStringLiteral("proc/") + QString::number(pid));
    overwrite(dir + QStringLiteral("/stat"), {});
    QDir(dir).removeRecursively();
}

void FixtureHarness::setSettingsAsAdmin(const QString &token, const QVariantMap &settings)
{
    const auto send = [this](const QJsonObject &message) {
        m_client.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson()));
    };
    send({{QStringLiteral("type"), QStringLiteral("auth")}, {QStringLiteral("token"), token}});
    send({{QStringLiteral("type"), QStringLiteral("setSettings")},
          {QStringLiteral("settings"), QJsonObject::fromVariantMap(settings)}});
}

QString FixtureHarness::applySettings(const QVariantMap &changes)
{
    return m_monitor->settings()->apply(changes).join(u'\n');
}

void FixtureHarness::acknowledgeAsAdmin(const QString &token, const QString &alertId)
{
    QUrl url = m_monitor->server()->url();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/ws"));
    url.setQuery(QUrlQuery{{QStringLiteral("token"), token}});
    m_adminReply.clear();
    m_admin.abort();
    disconnect(&m_admin, &QWebSocket::connected, this, nullptr);
    connect(&m_admin, &QWebSocket::connected, this, [this, alertId] {
        const QJsonObject message{{QStringLiteral("type"), QStringLiteral("acknowledge")},
                                  {QStringLiteral("alert"), alertId},
                                  {QStringLiteral("id"), 1}};
        m_admin.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson()));
    });
    m_admin.open(url);
}

void FixtureHarness::keyClick(QObject *window, int key, int modifiers)
{
    auto *target = qobject_cast<QWindow *>(window);
    if (!target)
        return;
    QTest::keyClick(target, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
}

void FixtureHarness::onMessage(const QString &message)
{
    const QJsonObject json = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = json.value(QStringLiteral("type")).toString();
    // A new connection starts from what the server says now, as a browser does: the alerts
    // that are active follow the hello, and one that resolved while the client was away (the
    // server restarting for a new token) must not linger as firing.
    if (type == QLatin1StringView("hello")) {
        m_clientReady = true;
        m_alerts.clear();
    }
    if (type == QLatin1StringView("alert"))
        m_alerts.insert(json.value(QStringLiteral("id")).toString(), json.toVariantMap());
    if (type == QLatin1StringView("settings")) {
        ++m_settingsMessages;
        m_lastSettings = json.value(QStringLiteral("settings")).toObject().toVariantMap();
    }
    emit messageReceived();
}

void FixtureHarness::onAdminMessage(const QString &message)
{
    const QJsonObject json = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = json.value(QStringLiteral("type")).toString();
    if (type == QLatin1StringView("result") || type == QLatin1StringView("error")) {
        m_adminReply = json.toVariantMap();
        emit messageReceived();
    }
}

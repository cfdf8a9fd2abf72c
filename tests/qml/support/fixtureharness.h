#pragma once

#include "desktopbackend.h"
#include "monitor.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QWebSocket>

#include <memory>

// The real core on a fixture machine for the desktop tests: a copy of tests/qml/fixtures in a
// temporary folder, a Monitor on it (port 0, a temporary settings file, the alert log starting
// from fixtures/alerts.jsonl), the DesktopBackend over it, a real WebSocket client connected to
// its server, and on demand a second one as a web admin. After every tick the harness moves the
// CPU counters by a fixed step (or a wave, for screenshots), so every tick has the same known
// CPU percentages; the network and disk counters of eth0 and vda1 move too. When new server
// settings restart the server, the client connects to the new address by itself.
class FixtureHarness : public QObject
{
    Q_OBJECT
    // The path of the temporary settings file.
    Q_PROPERTY(QString settingsFile READ settingsFile CONSTANT)
    // Settings messages the WebSocket client received since it connected.
    Q_PROPERTY(int settingsMessages READ settingsMessages NOTIFY messageReceived)
    // How many times the WebSocket client has connected (it follows server restarts).
    Q_PROPERTY(int connections READ connections NOTIFY messageReceived)
    // True once the WebSocket client got its hello.
    Q_PROPERTY(bool clientReady READ clientReady NOTIFY messageReceived)
    // True where the views are fed by a remote source connected to the fixture core's own server
    // (as a fleet host would be), rather than by the core directly.
    Q_PROPERTY(bool remote READ remote CONSTANT)
    // The last "result" or "error" message the admin client received; empty before one.
    Q_PROPERTY(QVariantMap adminReply READ adminReply NOTIFY messageReceived)

public:
    // Per tick, each CPU line's counters move by these jiffies (user, system, idle). By hand:
    // cpu0 (30 + 10) / 100 = 40% busy, cpu1 (10 + 10) / 100 = 20%, all (40 + 20) / 200 = 30%.
    static constexpr int Cpu0User = 30, Cpu0System = 10, Cpu0Idle = 60;
    static constexpr int Cpu1User = 10, Cpu1System = 10, Cpu1Idle = 80;

    explicit FixtureHarness(double intervalSeconds = 0.2, QObject *parent = nullptr);
    ~FixtureHarness() override;

    // Copies the fixture tree and starts the core; false with the reason in *error.
    bool start(QString *error);
    Monitor *monitor() const { return m_monitor.get(); }
    DesktopBackend *backend() const { return m_backend.get(); }
    // Vary the CPU and traffic steps tick by tick, so charts show a shape (screenshots only).
    void setWave(bool wave) { m_wave = wave; }
    // Before start(): fill the history with this many ticks of HistorySeeder's synthetic past
    // in the given shape, ending now, so that charts start full (screenshots only).
    void setSeed(const Snapshot &shape, int ticks)
    {
        m_seedShape = shape;
        m_seedTicks = ticks;
    }
    // Before start(): a setting the core starts with, as a command-line flag would give it
    // (history/dataDir for a store written beforehand, say).
    void setSettingOverride(const QString &key, const QVariant &value) { m_overrides[key] = value; }

    // Before start(): feed the views through a RemoteSource on the fixture core's own WebSocket,
    // with its token, and follow the server when new settings restart it.
    void setRemote(bool remote) { m_remote = remote; }
    bool remote() const { return m_remote; }

    QString settingsFile() const;
    QVariantMap adminReply() const { return m_adminReply; }
    int settingsMessages() const { return m_settingsMessages; }
    bool clientReady() const { return m_clientReady; }
    int connections() const { return m_connections; }

    // The settings file as it is on disk now.
    Q_INVOKABLE QString settingsFileText() const;
    // The "settings" object of the last settings message the WebSocket client received.
    Q_INVOKABLE QVariantMap lastBroadcastSettings() const { return m_lastSettings; }
    // Writes /proc/<pid>/stat for a new process (state S, one thread) with rss in pages.
    Q_INVOKABLE void addProcess(int pid, const QString &name, qint64 rssPages);
    // Removes /proc/<pid>: the process exits.
    Q_INVOKABLE void removeProcess(int pid);
    // The last "alert" message the WebSocket client received for this alert id; empty if none.
    Q_INVOKABLE QVariantMap lastAlert(const QString &id) const { return m_alerts.value(id); }
    // Applies several settings at once, as Settings::apply() does; "" or the errors.
    Q_INVOKABLE QString applySettings(const QVariantMap &changes);
    // Connects a second WebSocket client with ?token= (an admin) that acknowledges the alert,
    // as a web admin would.
    Q_INVOKABLE void acknowledgeAsAdmin(const QString &token, const QString &alertId);
    // Connects the WebSocket client again (after a server restart on new server settings).
    Q_INVOKABLE void reconnect();
    // Presses and releases a key on a window (a QQuickWindow from QML): TestCase's own
    // keyClick() only reaches the test's window.
    Q_INVOKABLE void keyClick(QObject *window, int key, int modifiers);
    // Applies settings as a web admin would, through the server (needs a token): the
    // WebSocket client authenticates and sends setSettings.
    Q_INVOKABLE void setSettingsAsAdmin(const QString &token, const QVariantMap &settings);

signals:
    void messageReceived();

private:
    void advance();
    void writeStat();
    void writeCounters();
    void connectClient();
    void openRemote();
    void onMessage(const QString &message);
    void onAdminMessage(const QString &message);
    QString path(const QString &relative) const;

    double m_interval;
    QTemporaryDir m_dir;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<DesktopBackend> m_backend;
    QWebSocket m_client;
    QWebSocket m_admin;
    bool m_wave = false;
    bool m_remote = false;
    Snapshot m_seedShape;
    int m_seedTicks = 0;
    QVariantMap m_overrides;
    quint64 m_step = 0;
    quint64 m_cpu[3][3] = {};  // jiffies added so far: all, cpu0, cpu1 x user, system, idle
    quint64 m_traffic[3] = {}; // bytes added so far: eth0 rx, eth0 tx, vda1 sectors
    QByteArray m_rootDevice;   // "major minor" of the real /, which the fixture mounts
    int m_settingsMessages = 0;
    int m_connections = 0;
    bool m_clientReady = false;
    QVariantMap m_lastSettings;
    QHash<QString, QVariantMap> m_alerts; // the last alert message per alert id
    QVariantMap m_adminReply;
};

#include "desktopsession.h"

#include "alerts/alertservice.h"
#include "monitor.h"
#include "server/serverservice.h"
#include "services/servicemanager.h"
#include "settings/settings.h"
#include "trayicon.h"

#include <QApplication>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Vantage_DesktopPlugin)
Q_IMPORT_QML_PLUGIN(Vantage_ChartsPlugin)
Q_IMPORT_QML_PLUGIN(Vantage_WidgetsPlugin)

DesktopSession::DesktopSession(Monitor *monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_backend(monitor)
    , m_state(WindowStateStore::pathBeside(monitor->settings()->filePath()))
    , m_theme(m_state.filePath())
{
    DesktopBackend::setInstance(&m_backend);
    // Qt 6.4 does not look in qrc:/qt/qml by itself, where our modules' files are.
    m_engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    connect(qApp, &QCoreApplication::aboutToQuit, this, &DesktopSession::saveState);
    followServerSettings();
}

bool DesktopSession::startMonitor(Monitor *monitor, QString *error)
{
    for (Service *service : monitor->services()->services()) {
        if (service == monitor->server())
            continue;
        if (!service->initialize()) {
            *error = QStringLiteral("the %1 service could not start").arg(service->name());
            monitor->stop();
            return false;
        }
    }
    if (monitor->server())
        monitor->server()->initialize();
    return true;
}

DesktopSession::~DesktopSession()
{
    DesktopBackend::setInstance(nullptr);
}

void DesktopSession::chooseStyle()
{
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
}

bool DesktopSession::open()
{
    m_engine.load(QUrl(QLatin1StringView(MainUrl)));
    const QList<QObject *> roots = m_engine.rootObjects();
    m_window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    if (!m_window) {
        m_error = QStringLiteral("the window could not be loaded (see the QML errors above)");
        return false;
    }
    m_state.restore(m_window);
    m_window->setProperty("themeChoice", QVariant::fromValue<QObject *>(&m_theme));
    m_tray = std::make_unique<TrayIcon>(
        m_window, [this] { return QUrl(m_backend.settings()->browserUrl()); });
    connect(m_tray.get(), &TrayIcon::quitRequested, this, &DesktopSession::quitRequested);
    followAlerts();
    // With a tray the window may be hidden while the monitor runs on.
    QApplication::setQuitOnLastWindowClosed(!m_tray->show());
    m_window->show();
    return true;
}

// The tray's colour is the worst active alert; alerts that fire or escalate unacknowledged are
// announced next to it (where there is a tray).
void DesktopSession::followAlerts()
{
    const AlertsModel *alerts = m_backend.alerts();
    const auto updateStatus = [this, alerts] {
        static const TrayIcon::Status byWorst[] = {TrayIcon::Status::Ok, TrayIcon::Status::Warning,
                                                   TrayIcon::Status::Critical};
        m_tray->setStatus(byWorst[qBound(0, alerts->worst(), 2)]);
    };
    connect(alerts, &AlertsModel::worstChanged, m_tray.get(), updateStatus);
    updateStatus();
    if (!m_monitor->alerts())
        return;
    m_notifier.seed(m_monitor->alerts()->active());
    connect(m_monitor->alerts(), &AlertService::alertChanged, &m_notifier, &AlertNotifier::handle);
    connect(&m_notifier, &AlertNotifier::notificationDue, m_tray.get(), &TrayIcon::showAlert);
}

// The server restarts itself on a new address or port only while it runs; one that could not
// listen is tried again here, so fixing the port in Settings turns web access back on.
void DesktopSession::followServerSettings()
{
    ServerService *server = m_monitor->server();
    if (!server)
        return;
    static const QStringList listenerKeys = {
        QStringLiteral("server/bind"),   QStringLiteral("server/port"),
        QStringLiteral("server/token"),  QStringLiteral("server/tlsCert"),
        QStringLiteral("server/tlsKey"),
    };
    connect(m_monitor->settings(), &Settings::changed, server, [server](const QStringList &keys) {
        const bool relisten = std::any_of(
            keys.begin(), keys.end(), [](const QString &k) { return listenerKeys.contains(k); });
        if (relisten && server->state() != Service::State::Running)
            QTimer::singleShot(0, server, [server] { server->initialize(); });
    });
}

void DesktopSession::raise()
{
    if (!m_window)
        return;
    if (m_window->visibility() == QWindow::Minimized)
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->requestActivate();
}

void DesktopSession::saveState() const
{
    if (m_window)
        m_state.save(m_window);
}

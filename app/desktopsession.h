#pragma once

#include "alertnotifier.h"
#include "desktopbackend.h"
#include "themechoice.h"
#include "windowstatestore.h"

#include <QObject>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QString>

#include <memory>

class Monitor;
class TrayIcon;

// The desktop window over a running Monitor: the Backend singleton, the QML engine with the
// Vantage.Desktop module, the tray icon (its colour and notifications following the alerts) and
// the saved window state. The desktop process and the
// desktop benchmark both open their window through this class.
class DesktopSession : public QObject
{
    Q_OBJECT

public:
    // The QML file of the window inside the Vantage.Desktop module.
    static constexpr const char *MainUrl = "qrc:/qt/qml/Vantage/Desktop/Main.qml";

    explicit DesktopSession(Monitor *monitor, QObject *parent = nullptr);
    ~DesktopSession() override;

    // Starts the monitor's services for a window: the web server failing to listen (its port
    // in use) leaves web access off with the reason in the window, and the rest running.
    // False (and the reason in *error) if any other service could not start.
    static bool startMonitor(Monitor *monitor, QString *error);
    // Picks the Quick Controls style (Fusion, unless QT_QUICK_CONTROLS_STYLE names another);
    // call before open().
    static void chooseStyle();
    // Loads the window, restores its saved state, shows it and the tray icon; false (and
    // errorString()) if the QML could not be loaded.
    bool open();
    QString errorString() const { return m_error; }
    QQuickWindow *window() const { return m_window; }
    TrayIcon *tray() const { return m_tray.get(); }
    // Decides which alert events the tray announces.
    AlertNotifier *notifier() { return &m_notifier; }
    DesktopBackend *backend() { return &m_backend; }
    // The colour theme chosen in the window (handed to Main.qml as its themeChoice).
    ThemeChoice *theme() { return &m_theme; }
    // Saves the window state now (also done when the application quits).
    void saveState() const;
    // Brings the window forward: shown, restored if minimized, raised and activated.
    void raise();

signals:
    // The user asked to quit (tray menu).
    void quitRequested();

private:
    void followAlerts();
    void followServerSettings();

    Monitor *m_monitor;
    DesktopBackend m_backend; // before the engine: the engine goes first on destruction
    QQmlApplicationEngine m_engine;
    WindowStateStore m_state;
    ThemeChoice m_theme; // after m_state: it keeps its choice in the same file
    QPointer<QQuickWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    AlertNotifier m_notifier;
    QString m_error;
};

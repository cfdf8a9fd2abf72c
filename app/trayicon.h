#pragma once

#include "alerts/alert.h"

#include <QColor>
#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QUrl>

#include <functional>

class QAction;
class QWindow;

// The tray icon of the desktop window, where the platform has a tray: a dot whose colour is the
// worst active state, notifications of alerts, and a menu to show or hide the window, open the
// web dashboard and quit. While the tray icon is shown, closing the window hides it instead of
// quitting.
class TrayIcon : public QObject
{
    Q_OBJECT
    // The worst active alert's state; drives the colour (the desktop session keeps it current).
    Q_PROPERTY(Status status READ status WRITE setStatus NOTIFY statusChanged)

public:
    enum class Status { Ok, Warning, Critical };
    Q_ENUM(Status)

    // dashboardUrl gives the URL "Open web dashboard" opens, read when the user picks it.
    TrayIcon(QWindow *window, std::function<QUrl()> dashboardUrl, QObject *parent = nullptr);
    ~TrayIcon() override;

    // True if the platform shows tray icons (false under most bare X servers and in tests).
    static bool isAvailable();
    // The colour of a state: green, amber, red.
    static QColor colorFor(Status status);

    // Shows the icon if the platform has a tray; true if it is shown.
    bool show();
    bool isVisible() const { return m_tray.isVisible(); }
    Status status() const { return m_status; }
    void setStatus(Status status);
    // Shows the window if hidden, hides it if shown.
    void toggleWindow();
    // Shows a notification of the alert next to the tray; false (and nothing shown) where there
    // is no tray icon.
    bool showAlert(const Alert &alert);

signals:
    void statusChanged();
    // The user picked Quit in the menu.
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenu();
    void updateIcon();
    void updateToggleText();

    QPointer<QWindow> m_window;
    std::function<QUrl()> m_dashboardUrl;
    QSystemTrayIcon m_tray;
    QMenu m_menu;
    QAction *m_toggle = nullptr;
    Status m_status = Status::Ok;
};

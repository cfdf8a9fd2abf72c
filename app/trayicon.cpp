#include "trayicon.h"

#include "notify/desktopnotifications.h"

#include <QAction>
#include <QDesktopServices>
#include <QEvent>
#include <QPainter>
#include <QPixmap>
#include <QWindow>

TrayIcon::TrayIcon(QWindow *window, std::function<QUrl()> dashboardUrl, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_dashboardUrl(std::move(dashboardUrl))
{
    buildMenu();
    updateIcon();
    m_tray.setToolTip(QStringLiteral("Vantage"));
    m_tray.setContextMenu(&m_menu);
    connect(&m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason r) {
                if (r == QSystemTrayIcon::Trigger)
                    toggleWindow();
            });
    if (window) {
        window->installEventFilter(this);
        connect(window, &QWindow::visibleChanged, this, &TrayIcon::updateToggleText);
    }
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QColor TrayIcon::colorFor(Status status)
{
    switch (status) {
    case Status::Ok:
        return QColor(0x2e, 0x85, 0x40);
    case Status::Warning:
        return QColor(0xe0, 0x9a, 0x00);
    case Status::Critical:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

bool TrayIcon::show()
{
    if (!isAvailable())
        return false;
    m_tray.show();
    return true;
}

void TrayIcon::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    updateIcon();
    emit statusChanged();
}

void TrayIcon::toggleWindow()
{
    if (!m_window)
        return;
    if (m_window->isVisible()) {
        m_window->hide();
        return;
    }
    m_window->show();
    m_window->raise();
    m_window->requestActivate();
}

bool TrayIcon::showAlert(const Alert &alert)
{
    if (!m_tray.isVisible())
        return false;
    const bool critical = alert.severity == AlertSeverity::Critical;
    m_tray.showMessage(DesktopNotifications::summary(alert), alert.message,
                       critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    return true;
}

void TrayIcon::buildMenu()
{
    m_toggle = m_menu.addAction(QString(), this, &TrayIcon::toggleWindow);
    m_menu.addAction(QStringLiteral("Open web dashboard"), this, [this] {
        const QUrl url = m_dashboardUrl ? m_dashboardUrl() : QUrl();
        if (url.isValid())
            QDesktopServices::openUrl(url);
    });
    m_menu.addSeparator();
    m_menu.addAction(QStringLiteral("Quit"), this, &TrayIcon::quitRequested);
    updateToggleText();
}

void TrayIcon::updateToggleText()
{
    const bool shown = m_window && m_window->isVisible();
    m_toggle->setText(shown ? QStringLiteral("Hide window") : QStringLiteral("Show window"));
}

// A filled dot: readable at the 16 to 24 pixels trays use, at any scale factor.
void TrayIcon::updateIcon()
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(255, 255, 255, 220), 4));
    painter.setBrush(colorFor(m_status));
    painter.drawEllipse(QRectF(6, 6, 52, 52));
    painter.end();
    m_tray.setIcon(QIcon(pixmap));
}

// Closing the window while the tray icon is shown hides it: the monitor keeps running and the
// tray brings it back. Without a tray, closing quits as usual.
bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Close && m_tray.isVisible()) {
        event->ignore();
        m_window->hide();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

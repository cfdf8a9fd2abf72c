#include "windowstatestore.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QScreen>
#include <QSettings>

#include <algorithm>
#include <array>

namespace {

constexpr std::array<int, 8> WindowChoices = {60, 300, 900, 3600, 21600, 86400, 604800, 2592000};

bool fitsAScreen(const QRect &geometry)
{
    for (const QScreen *screen : QGuiApplication::screens()) {
        if (screen->availableGeometry().intersects(geometry))
            return true;
    }
    return false;
}

} // namespace

WindowStateStore::WindowStateStore(QString filePath)
    : m_filePath(std::move(filePath))
{}

QString WindowStateStore::pathBeside(const QString &settingsFile)
{
    return QFileInfo(settingsFile).absoluteDir().filePath(QStringLiteral("desktop.ini"));
}

void WindowStateStore::restore(QQuickWindow *window) const
{
    const QSettings state(m_filePath, QSettings::IniFormat);
    const QRect geometry = state.value(QStringLiteral("window/geometry")).toRect();
    if (geometry.isValid() && fitsAScreen(geometry))
        window->setGeometry(geometry);
    if (state.value(QStringLiteral("window/maximized")).toBool())
        window->setWindowStates(Qt::WindowMaximized);
    bool ok = false;
    const int view = state.value(QStringLiteral("window/view")).toInt(&ok);
    if (ok && view >= 0 && view < window->property("viewCount").toInt())
        window->setProperty("currentView", view);
    const int seconds = state.value(QStringLiteral("window/chartSeconds")).toInt();
    if (std::find(WindowChoices.begin(), WindowChoices.end(), seconds) != WindowChoices.end())
        window->setProperty("windowSeconds", seconds);
}

void WindowStateStore::save(const QQuickWindow *window) const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSettings state(m_filePath, QSettings::IniFormat);
    const bool maximized = window->windowStates().testFlag(Qt::WindowMaximized);
    state.setValue(QStringLiteral("window/maximized"), maximized);
    // A maximized window keeps the geometry it had before, to return to it.
    if (!maximized)
        state.setValue(QStringLiteral("window/geometry"), window->geometry());
    state.setValue(QStringLiteral("window/view"), window->property("currentView"));
    state.setValue(QStringLiteral("window/chartSeconds"), window->property("windowSeconds"));
    state.sync();
}

#pragma once

#include <QString>

class QQuickWindow;

// The desktop window's own state — geometry, the view shown, the chart window — kept in a small
// INI file beside the settings file (desktop.ini), not in the core settings schema: it is about
// this window only, and a headless server never has one.
class WindowStateStore
{
public:
    explicit WindowStateStore(QString filePath);

    // desktop.ini in the folder of the given settings file.
    static QString pathBeside(const QString &settingsFile);
    QString filePath() const { return m_filePath; }

    // Puts the saved state back on a window whose root has currentView, viewCount and
    // windowSeconds properties. A geometry that no longer fits any screen is ignored.
    void restore(QQuickWindow *window) const;
    // Writes the window's state now.
    void save(const QQuickWindow *window) const;

private:
    QString m_filePath;
};

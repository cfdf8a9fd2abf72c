#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

// The desktop's colour theme: "system" (the palette the platform theme gives), or Vantage's own
// "light" or "dark" palette. The window's colours follow the application palette (Theme.qml),
// so a choice applies at once. It is kept in desktop.ini beside the window state (key
// desktop/theme), written as soon as it changes: a preference of this window, not a setting of
// the core, which a headless server and the web dashboard do not have.
class ThemeChoice : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)

public:
    // stateFile: desktop.ini. Reads the saved choice and applies it; call once the
    // QApplication exists, before any palette is set.
    explicit ThemeChoice(QString stateFile, QObject *parent = nullptr);

    QString theme() const { return m_theme; }
    // One of "system", "light", "dark"; anything else is ignored.
    void setTheme(const QString &theme);

    static QPalette lightPalette();
    static QPalette darkPalette();

signals:
    void themeChanged();

private:
    void apply() const;

    QString m_stateFile;
    QString m_theme = QStringLiteral("system");
    QPalette m_system; // the platform's palette, from before any choice replaced it
};

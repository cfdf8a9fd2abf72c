#include "themechoice.h"

#include <QApplication>
#include <QSettings>

namespace {

const QString ThemeKey = QStringLiteral("desktop/theme");

bool isChoice(const QString &theme)
{
    return theme == u"system" || theme == u"light" || theme == u"dark";
}

} // namespace

ThemeChoice::ThemeChoice(QString stateFile, QObject *parent)
    : QObject(parent)
    , m_stateFile(std::move(stateFile))
    , m_system(QApplication::palette())
{
    const QString saved = QSettings(m_stateFile, QSettings::IniFormat).value(ThemeKey).toString();
    if (isChoice(saved))
        m_theme = saved;
    if (m_theme != u"system")
        apply();
}

void ThemeChoice::setTheme(const QString &theme)
{
    if (!isChoice(theme) || theme == m_theme)
        return;
    m_theme = theme;
    apply();
    QSettings(m_stateFile, QSettings::IniFormat).setValue(ThemeKey, m_theme);
    emit themeChanged();
}

void ThemeChoice::apply() const
{
    if (m_theme == u"light")
        QApplication::setPalette(lightPalette());
    else if (m_theme == u"dark")
        QApplication::setPalette(darkPalette());
    else
        QApplication::setPalette(m_system);
}

// Fusion's own light colours, as a light platform theme hands them over.
QPalette ThemeChoice::lightPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::WindowText, Qt::black);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::Button, QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::ButtonText, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    return palette;
}

// The dark colours the screenshots use, as a dark platform theme would hand them over.
QPalette ThemeChoice::darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Base, QColor(0x1d, 0x1f, 0x21));
    palette.setColor(QPalette::AlternateBase, QColor(0x2c, 0x2e, 0x31));
    palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Button, QColor(0x33, 0x36, 0x3a));
    palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    return palette;
}

#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

// The core's ValueFormat for QML: numbers as the views show them, written by the one set of
// rules the alert messages and (through format.js) the web dashboard follow too.
class Format : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit Format(QObject *parent = nullptr);

    // "512 B", "1.5 KiB", "15.6 GiB", "977 MiB": bytes with a binary prefix.
    Q_INVOKABLE static QString bytes(double bytes);
    // "1.5 MiB/s": bytes per second.
    Q_INVOKABLE static QString rate(double bytesPerSecond);
    // "7.5 %", "42 %": a percentage 0-100 (a process may pass 100: 200 % is two busy cores).
    Q_INVOKABLE static QString percent(double percent);
    // "48 °C".
    Q_INVOKABLE static QString celsius(double celsius);
    // "3 d 4 h", "3 h 25 min", "12 min 5 s", "5 s": a duration in seconds, two largest units.
    Q_INVOKABLE static QString duration(double seconds);
    // "1,234": a count with group separators.
    Q_INVOKABLE static QString count(double count);

    // The text shown for a value that cannot be known.
    static QString unknown();
};

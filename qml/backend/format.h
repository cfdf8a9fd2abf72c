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
    // "9.87 W", "15 W", "0.5 W": power, at most two decimals and no trailing zeros.
    Q_INVOKABLE static QString watts(double watts);
    // "47.52 Wh": energy, as watts are written.
    Q_INVOKABLE static QString wattHours(double wattHours);
    // "41.3": the number of watts or watt-hours without the unit, for "41.3 of 47.52 Wh".
    Q_INVOKABLE static QString wattNumber(double value);
    // "3 d 4 h", "3 h 25 min", "12 min 5 s", "5 s": a duration in seconds, two largest units.
    Q_INVOKABLE static QString duration(double seconds);
    // "1,234": a count with group separators.
    Q_INVOKABLE static QString count(double count);

    // The text shown for a value that cannot be known.
    static QString unknown();
};

#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

// Numbers as the views show them, by the rules of the colour and format table (style.json),
// which the web dashboard's format.js follows too; tests/fixtures/format-cases.json holds the
// strings both must give. A number and its unit are separated by a space; percentages keep one
// decimal below 10, sizes one below 100 of their unit (binary prefixes, as free -h and df -h),
// temperatures none; a value that cannot be known (NaN) is a dash instead of a made-up 0.
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

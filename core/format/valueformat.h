#pragma once

#include <QString>

// Numbers as people read them, by the rules of the colour and format table
// (resources/web/assets/style.json), which the web dashboard's format.js follows too and
// tests/fixtures/format-cases.json pins for both. The desktop's views and the alert messages
// (which reach notifications and logs) use it, so "42 %" is written one way everywhere. A number
// and its unit are separated by a space; percentages keep one decimal below 10, sizes one below
// 100 of their unit (binary prefixes, as free -h and df -h), temperatures none, watts at most
// two; a value that cannot be known (NaN) is a dash instead of a made-up 0.
class ValueFormat
{
public:
    // "512 B", "1.5 KiB", "15.6 GiB", "977 MiB": bytes with a binary prefix.
    static QString bytes(double bytes);
    // "1.5 MiB/s": bytes per second.
    static QString rate(double bytesPerSecond);
    // "7.5 %", "42 %": a percentage 0-100 (a process may pass 100: 200 % is two busy cores).
    static QString percent(double percent);
    // "48 °C".
    static QString celsius(double celsius);
    // "9.87 W", "15 W", "0.5 W": power, at most two decimals and no trailing zeros.
    static QString watts(double watts);
    // "47.52 Wh": energy, as watts are written.
    static QString wattHours(double wattHours);
    // "41.3": the number of watts or watt-hours without the unit, for "41.3 of 47.52 Wh".
    static QString wattNumber(double value);
    // "3 d 4 h", "3 h 25 min", "12 min 5 s", "5 s": a duration in seconds, two largest units.
    static QString duration(double seconds);
    // "1,234": a count with group separators.
    static QString count(double count);
    // The text shown for a value that cannot be known.
    static QString unknown();
};

#pragma once

#include <QString>

// Numbers as people read them, by the rules of the colour and format table
// (resources/web/assets/style.json), which the web dashboard's format.js follows too and
// tests/fixtures/format-cases.json pins for both. The desktop's views and the alert messages
// (which reach notifications and logs) use it, so "42 %" is written one way everywhere. A number
// and its unit are separated by a space; percentages keep one decimal below 10, sizes one below
// 100 of their unit (binary prefixes, as free -h and df -h), temperatures none; a value that
// cannot be known (NaN) is a dash instead of a made-up 0.
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
    // "3 d 4 h", "3 h 25 min", "12 min 5 s", "5 s": a duration in seconds, two largest units.
    static QString duration(double seconds);
    // "1,234": a count with group separators.
    static QString count(double count);
    // The text shown for a value that cannot be known.
    static QString unknown();
};

#pragma once

#include <QString>
#include <QVariant>

// One setting of the schema: its key, its type and the values it allows. Everything that checks
// a value (the settings file, apply() from the desktop or a web admin, command-line flags) goes
// through check(), so each range is written once.
struct SettingSpec
{
    enum class Kind {
        Number,  // a double from minimum to maximum
        Integer, // a whole number from minimum to maximum
        Address, // a literal IPv4 or IPv6 address
        Token,   // empty, or 16 to 256 printable ASCII characters without spaces
        Origins, // a comma-separated list of http(s)://host[:port]
        Hosts,   // a comma-separated list of host[:port], or "*" for any
        Path,    // a file path; empty when unset
        Text,    // one line of text, never repeated in a message (it may be a secret)
        Switch,  // true or false (also 1/0, yes/no, on/off)
        Remote,  // another Vantage: http(s)://host:port/ as it prints it, or ws(s)://host:port/ws
        Service, // empty, or an http(s)://host[:port][/path prefix] to send API requests under
    };

    QString key;              // "section/name" as in the settings file
    Kind kind = Kind::Number; // how values are read and checked
    QVariant defaultValue;    // typed: double, int, QString or QStringList
    double minimum = 0;       // smallest allowed value, Number and Integer only
    double maximum = 0;       // largest allowed value, Number and Integer only
    QString noun;             // what a value is, for messages: "a number of seconds"
    QString description;      // one line for help texts and the docs

    // "" if the value is allowed (and then *normalized receives it in the key's type), else
    // "expected ..., got ..." without the key, so a caller can put a key or a flag in front.
    // A token is never repeated in the message.
    QString check(const QVariant &value, QVariant *normalized = nullptr) const;
    // What the key allows, e.g. "a number of seconds from 0.1 to 3600".
    QString allowed() const;
    // A typed value as the settings file stores it (lists comma separated).
    static QString toText(const QVariant &value);
    // A number without exponent or trailing zeros: 0.1, 3600, 1000000.
    static QString formatNumber(double value);
};

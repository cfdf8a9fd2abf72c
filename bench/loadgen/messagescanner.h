#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

// The two fields of a sample message the generator needs.
struct SampleStamp
{
    qint64 seq = 0;  // the tick's sequence number
    double tsMs = 0; // when the tick's collection started, ms since the epoch
};

// Finds a few keys in server messages without parsing the JSON: every message of 1000 clients at
// 10 Hz passes through here, and a full parse would make the generator cost as much as the server
// it measures. Exact for valid JSON: a quote inside a string is escaped, so `"seq":` can only be a
// key; and no nested object of a sample or hello message has a key of these names.
class MessageScanner
{
public:
    // seq and ts of a {"type":"sample",...} message; nullopt for any other message, or a sample
    // without both numbers.
    static std::optional<SampleStamp> sample(QByteArrayView message);
    // intervalMs of a {"type":"hello",...} message, in ms; nullopt for any other message.
    static std::optional<qint64> helloIntervalMs(QByteArrayView message);

private:
    static bool contains(QByteArrayView text, QByteArrayView needle);
    static std::optional<double> numberAfter(QByteArrayView text, QByteArrayView key);
};

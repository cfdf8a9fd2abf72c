#include "messagescanner.h"

#include <charconv>
#include <cmath>
#include <cstring>

bool MessageScanner::contains(QByteArrayView text, QByteArrayView needle)
{
    return ::memmem(text.data(), size_t(text.size()), needle.data(), size_t(needle.size()));
}

// The JSON number right after key (which includes its quotes and colon).
std::optional<double> MessageScanner::numberAfter(QByteArrayView text, QByteArrayView key)
{
    const auto *found = static_cast<const char *>(
        ::memmem(text.data(), size_t(text.size()), key.data(), size_t(key.size())));
    if (!found)
        return std::nullopt;
    const char *begin = found + key.size();
    const char *end = text.data() + text.size();
    while (begin < end && *begin == ' ')
        ++begin; // a pretty-printed message has a space after the colon
    double value = 0;
    // from_chars takes both forms a JSON writer may use for a large integer: 1700000003000 and
    // 1.700000003e+12.
    const auto [next, error] = std::from_chars(begin, end, value);
    if (error != std::errc() || next == begin || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<SampleStamp> MessageScanner::sample(QByteArrayView message)
{
    if (!contains(message, "\"type\":\"sample\""))
        return std::nullopt;
    const std::optional<double> seq = numberAfter(message, "\"seq\":");
    const std::optional<double> ts = numberAfter(message, "\"ts\":");
    if (!seq || !ts)
        return std::nullopt;
    return SampleStamp{qint64(*seq), *ts};
}

std::optional<qint64> MessageScanner::helloIntervalMs(QByteArrayView message)
{
    if (!contains(message, "\"type\":\"hello\""))
        return std::nullopt;
    const std::optional<double> interval = numberAfter(message, "\"intervalMs\":");
    if (!interval)
        return std::nullopt;
    return qint64(std::llround(*interval));
}

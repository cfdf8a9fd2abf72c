#include "drmfdinfoparser.h"

#include <limits>

namespace {

enum class Unit { Count, Nanoseconds, Bytes };

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isSpace(text.back()))
        text.chop(1);
    return text;
}

// A plain decimal number: no sign, no spaces inside, nothing past 2^64 - 1.
std::optional<quint64> decimal(QByteArrayView digits)
{
    if (digits.isEmpty())
        return std::nullopt;
    quint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 digit = quint64(c - '0');
        if (value > (std::numeric_limits<quint64>::max() - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

quint64 multiplier(QByteArrayView unit, Unit kind)
{
    if (unit.isEmpty())
        return 1;
    if (kind == Unit::Nanoseconds && unit == "ns")
        return 1;
    if (kind == Unit::Bytes && unit == "KiB")
        return 1024;
    if (kind == Unit::Bytes && unit == "MiB")
        return 1024 * 1024;
    if (kind == Unit::Bytes && unit == "GiB")
        return 1024 * 1024 * 1024;
    return 0; // a unit this key does not take
}

// "<number>" or "<number> <unit>", the unit one the key allows.
std::optional<quint64> number(QByteArrayView value, Unit kind)
{
    qsizetype end = 0;
    while (end < value.size() && !isSpace(value[end]))
        ++end;
    const auto digits = decimal(value.first(end));
    const quint64 scale = multiplier(trimmed(value.sliced(end)), kind);
    if (!digits || scale == 0 || *digits > std::numeric_limits<quint64>::max() / scale)
        return std::nullopt;
    return *digits * scale;
}

// A key that names something after a prefix ("drm-engine-" + "render").
struct Keyed
{
    const char *prefix;
    QMap<QByteArray, quint64> DrmFdinfo::*map;
    Unit unit;
};

// Longer prefixes first: "drm-engine-capacity-render" also starts with "drm-engine-", and
// "drm-total-cycles-rcs" with "drm-total-".
constexpr Keyed keyed[] = {
    {"drm-engine-capacity-", &DrmFdinfo::capacity, Unit::Count},
    {"drm-engine-", &DrmFdinfo::engineNs, Unit::Nanoseconds},
    {"drm-total-cycles-", &DrmFdinfo::totalCycles, Unit::Count},
    {"drm-cycles-", &DrmFdinfo::cycles, Unit::Count},
    {"drm-resident-", &DrmFdinfo::resident, Unit::Bytes},
    {"drm-memory-", &DrmFdinfo::memory, Unit::Bytes},
    {"drm-total-", &DrmFdinfo::total, Unit::Bytes},
};

bool isWord(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (isSpace(c) || c == '\0')
            return false;
    }
    return true;
}

void parseKeyed(DrmFdinfo &info, QByteArrayView key, QByteArrayView value)
{
    for (const Keyed &entry : keyed) {
        const QByteArrayView prefix(entry.prefix);
        if (!key.startsWith(prefix))
            continue;
        const QByteArrayView name = key.sliced(prefix.size());
        const auto parsed = number(value, entry.unit);
        if (!name.isEmpty() && parsed)
            (info.*entry.map).insert(name.toByteArray(), *parsed);
        return;
    }
}

void parseLine(DrmFdinfo &info, QByteArrayView line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return;
    const QByteArrayView key = line.first(colon);
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    if (!key.startsWith("drm-") || !isWord(key))
        return;
    if (key == "drm-driver") {
        if (isWord(value))
            info.driver = value.toByteArray();
    } else if (key == "drm-pdev") {
        if (isWord(value))
            info.pdev = value.toByteArray();
    } else if (key == "drm-client-id") {
        if (const auto id = decimal(value))
            info.clientId = id;
    } else {
        parseKeyed(info, key, value);
    }
}

} // namespace

std::optional<quint64> DrmFdinfo::residentBytes() const
{
    std::optional<quint64> sum;
    const auto add = [&sum](quint64 bytes) {
        const quint64 before = sum.value_or(0);
        sum = bytes > std::numeric_limits<quint64>::max() - before
                  ? std::numeric_limits<quint64>::max()
                  : before + bytes;
    };
    for (auto it = resident.cbegin(); it != resident.cend(); ++it)
        add(it.value());
    for (auto it = memory.cbegin(); it != memory.cend(); ++it) {
        if (!resident.contains(it.key()))
            add(it.value());
    }
    return sum;
}

quint64 DrmFdinfo::capacityOf(const QByteArray &engine) const
{
    const quint64 engines = capacity.value(engine, 1);
    return engines > 0 ? engines : 1;
}

std::optional<DrmFdinfo> DrmFdinfoParser::parse(QByteArrayView text)
{
    DrmFdinfo info;
    while (!text.isEmpty()) {
        const qsizetype newline = text.indexOf('\n');
        const qsizetype end = newline < 0 ? text.size() : newline;
        parseLine(info, text.first(end));
        text = newline < 0 ? QByteArrayView() : text.sliced(newline + 1);
    }
    if (info.driver.isEmpty())
        return std::nullopt;
    return info;
}

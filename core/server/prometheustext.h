#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <type_traits>
#include <utility>

// The Prometheus text format as /metrics writes it (docs/api.md "Prometheus"), shared by the
// exporter and the families kept in their own files (cgroupmetrics.h).
namespace PrometheusText {

// HELP and TYPE of one metric family; help texts are ours and never need escaping.
struct Family
{
    const char *name;
    const char *type;
    const char *help;
};

inline constexpr char Gauge[] = "gauge";
inline constexpr char Counter[] = "counter";

// std::to_chars: the shortest text that reads back as the same double, with no locale and no
// allocation. + 0.0 turns -0 into 0.
template<typename T>
void appendNumber(QByteArray &out, T value)
{
    char buffer[32];
    std::to_chars_result result;
    if constexpr (std::is_floating_point_v<T>)
        result = std::to_chars(buffer, buffer + sizeof buffer, value + 0.0);
    else
        result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

// name{labels} value; a value that is not known (NaN) has no series rather than a NaN sample.
template<typename T>
void sample(QByteArray &out, const char *name, QByteArrayView labels, T value)
{
    if constexpr (std::is_floating_point_v<T>) {
        if (!std::isfinite(value))
            return;
    }
    out += name;
    if (!labels.isEmpty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    appendNumber(out, value);
    out += '\n';
}

// Writes HELP and TYPE, then the samples; a family that ends up with none (no sensors, no
// known thresholds) is taken back out, as the client libraries leave empty families out.
template<typename Samples>
void family(QByteArray &out, const Family &f, Samples samples)
{
    const qsizetype start = out.size();
    out += "# HELP ";
    out += f.name;
    out += ' ';
    out += f.help;
    out += "\n# TYPE ";
    out += f.name;
    out += ' ';
    out += f.type;
    out += '\n';
    const qsizetype body = out.size();
    samples();
    if (out.size() == body)
        out.truncate(start);
}

template<typename T>
void single(QByteArray &out, const Family &f, T value)
{
    family(out, f, [&] { sample(out, f.name, {}, value); });
}

// One series per item, each labelled by its prebuilt label set (labels[i] for items[i]).
template<typename Item, typename Value>
void perItem(QByteArray &out, const Family &f, const QList<QByteArray> &labels,
             const QList<Item> &items, Value value)
{
    family(out, f, [&] {
        for (qsizetype i = 0; i < items.size(); ++i)
            sample(out, f.name, labels[i], value(items[i]));
    });
}

// Appends name="value", comma-separated from any label before it. The text format allows only
// three escapes in a label value: backslash, double quote and line feed.
inline void appendLabel(QByteArray &out, const char *name, QStringView value)
{
    if (!out.isEmpty())
        out += ',';
    out += name;
    out += "=\"";
    for (char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    out += '"';
}

inline QByteArray labels(std::initializer_list<std::pair<const char *, QStringView>> pairs)
{
    QByteArray result;
    for (const auto &[name, value] : pairs)
        appendLabel(result, name, value);
    return result;
}

} // namespace PrometheusText

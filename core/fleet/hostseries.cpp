#include "fleet/hostseries.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace {

constexpr double Gap = std::numeric_limits<double>::quiet_NaN();

QJsonValue number(double value)
{
    return std::isnan(value) ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

double valueAt(const QJsonArray &values, qsizetype index)
{
    const QJsonValue value = values.at(index);
    return value.isDouble() ? value.toDouble() : Gap;
}

// The largest sum of the named series at one index (disks: read + write; interfaces: rx + tx),
// over every device the history names.
class Busiest
{
public:
    Busiest(const QJsonObject &series, const QString &prefix, const QString &first,
            const QString &second)
    {
        for (auto it = series.begin(); it != series.end(); ++it) {
            if (it.key().startsWith(prefix) && it.key().endsWith(first)) {
                const QString device = it.key().chopped(first.size());
                m_pairs.append({it.value().toArray(), series.value(device + second).toArray()});
            }
        }
    }

    double at(qsizetype index) const
    {
        double most = Gap;
        for (const auto &pair : m_pairs) {
            const double a = valueAt(pair.first, index);
            const double b = valueAt(pair.second, index);
            const double sum = (std::isnan(a) ? 0 : a) + (std::isnan(b) ? 0 : b);
            if ((!std::isnan(a) || !std::isnan(b)) && (std::isnan(most) || sum > most))
                most = sum;
        }
        return most;
    }

private:
    QList<std::pair<QJsonArray, QJsonArray>> m_pairs;
};

struct Columns
{
    QJsonArray ts, cpu, mem, disk, net, load;

    void append(const HostSeries::Point &point)
    {
        ts.append(double(point.ts));
        cpu.append(number(point.cpu));
        mem.append(number(point.mem));
        disk.append(number(point.disk));
        net.append(number(point.net));
        load.append(number(point.load));
    }

    QJsonObject toJson() const
    {
        return {{QStringLiteral("ts"), ts},   {QStringLiteral("cpu"), cpu},
                {QStringLiteral("mem"), mem}, {QStringLiteral("disk"), disk},
                {QStringLiteral("net"), net}, {QStringLiteral("load"), load}};
    }
};

// The average of the values that are not gaps; a gap when all are.
class Mean
{
public:
    void add(double value)
    {
        if (!std::isnan(value)) {
            m_sum += value;
            ++m_count;
        }
    }
    double value() const { return m_count ? m_sum / m_count : Gap; }

private:
    double m_sum = 0;
    int m_count = 0;
};

} // namespace

void HostSeries::addHistory(const QJsonObject &history)
{
    const QJsonArray ts = history.value(QStringLiteral("ts")).toArray();
    const QJsonObject series = history.value(QStringLiteral("series")).toObject();
    const QJsonArray cpu = series.value(QStringLiteral("cpu.total")).toArray();
    const QJsonArray mem = series.value(QStringLiteral("mem.percent")).toArray();
    const QJsonArray load = series.value(QStringLiteral("load.1")).toArray();
    const Busiest disk(series, QStringLiteral("disks["), QStringLiteral(".readBps"),
                       QStringLiteral(".writeBps"));
    const Busiest net(series, QStringLiteral("net["), QStringLiteral(".rxBps"),
                      QStringLiteral(".txBps"));
    for (qsizetype i = 0; i < ts.size(); ++i) {
        if (!ts.at(i).isDouble())
            continue;
        add({qint64(ts.at(i).toDouble()), valueAt(cpu, i), valueAt(mem, i), disk.at(i), net.at(i),
             valueAt(load, i)});
    }
}

// Only forward in time: a history that repeats samples already held (the host's `seq` overlap)
// or a host whose clock stepped back adds nothing.
void HostSeries::add(const Point &point)
{
    if (!m_points.empty() && point.ts <= m_points.back().ts)
        return;
    m_points.push_back(point);
    ++m_fresh;
    while (m_points.front().ts < point.ts - KeepMs)
        m_points.pop_front();
    m_fresh = std::min(m_fresh, int(m_points.size()));
}

QJsonObject HostSeries::toJson() const
{
    Columns columns;
    if (m_points.empty())
        return columns.toJson();
    const qint64 fineFrom = m_points.back().ts - FineMs;
    auto it = m_points.cbegin();
    while (it != m_points.cend() && it->ts < fineFrom) {
        const qint64 bucket = it->ts - it->ts % CoarseStepMs;
        Mean cpu, mem, disk, net, load;
        for (; it != m_points.cend() && it->ts < fineFrom && it->ts < bucket + CoarseStepMs; ++it) {
            cpu.add(it->cpu);
            mem.add(it->mem);
            disk.add(it->disk);
            net.add(it->net);
            load.add(it->load);
        }
        columns.append({bucket, cpu.value(), mem.value(), disk.value(), net.value(), load.value()});
    }
    for (; it != m_points.cend(); ++it)
        columns.append(*it);
    return columns.toJson();
}

QJsonObject HostSeries::takeFresh()
{
    Columns columns;
    for (auto it = m_points.cend() - m_fresh; it != m_points.cend(); ++it)
        columns.append(*it);
    m_fresh = 0;
    return columns.toJson();
}

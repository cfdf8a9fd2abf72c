#include "processtop.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace {

QList<ProcessUsage> ranked(QList<ProcessUsage> processes,
                           bool (*higher)(const ProcessUsage &, const ProcessUsage &))
{
    std::stable_sort(processes.begin(), processes.end(), higher);
    return processes.first(std::min<qsizetype>(ProcessTop::Count, processes.size()));
}

QJsonArray toArray(const QList<ProcessUsage> &processes)
{
    QJsonArray list;
    for (const ProcessUsage &p : processes)
        list.append(QJsonObject{{QStringLiteral("pid"), p.pid},
                                {QStringLiteral("name"), p.name},
                                // One decimal is all a view shows, and it keeps log lines short.
                                {QStringLiteral("cpu"), std::round(p.cpu * 10) / 10},
                                {QStringLiteral("rss"), qint64(p.rss)}});
    return list;
}

QList<ProcessUsage> fromArray(const QJsonArray &list)
{
    QList<ProcessUsage> processes;
    for (const QJsonValue &value : list) {
        const QJsonObject json = value.toObject();
        if (!json.value(QStringLiteral("pid")).isDouble())
            continue;
        processes.append({json.value(QStringLiteral("pid")).toInt(),
                          json.value(QStringLiteral("name")).toString(),
                          json.value(QStringLiteral("cpu")).toDouble(),
                          quint64(json.value(QStringLiteral("rss")).toInteger())});
    }
    return processes;
}

} // namespace

ProcessTop ProcessTop::of(const QList<ProcessUsage> &processes)
{
    return {ranked(processes,
                   [](const ProcessUsage &a, const ProcessUsage &b) { return a.cpu > b.cpu; }),
            ranked(processes,
                   [](const ProcessUsage &a, const ProcessUsage &b) { return a.rss > b.rss; })};
}

QJsonObject ProcessTop::toJson() const
{
    return {{QStringLiteral("cpu"), toArray(cpu)}, {QStringLiteral("rss"), toArray(rss)}};
}

ProcessTop ProcessTop::fromJson(const QJsonObject &json)
{
    return {fromArray(json.value(QStringLiteral("cpu")).toArray()),
            fromArray(json.value(QStringLiteral("rss")).toArray())};
}

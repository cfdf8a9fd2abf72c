#pragma once

#include "snapshot.h"

#include <QJsonObject>
#include <QList>

// What was running at one moment: the top processes by CPU and by memory (issue 11), as an alert
// event records them when it fires. On the wire and in the alert log it is
// {"cpu":[{pid,name,cpu,rss}…],"rss":[…]}, the shape of a stored minute's top processes.
struct ProcessTop
{
    static constexpr int Count = 5;

    QList<ProcessUsage> cpu; // highest CPU first
    QList<ProcessUsage> rss; // highest resident memory first

    bool isEmpty() const { return cpu.isEmpty() && rss.isEmpty(); }
    // The top Count of each kind among a snapshot's processes.
    static ProcessTop of(const QList<ProcessUsage> &processes);
    QJsonObject toJson() const;
    // Entries that are not objects with a pid are skipped, so a damaged log line still loads.
    static ProcessTop fromJson(const QJsonObject &json);
};

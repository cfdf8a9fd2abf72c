#pragma once

#include "alerts/alert.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// One alert event on its way to one channel: the alert as every view shows it, plus what a
// receiver needs to tell events apart.
struct NotifyEvent
{
    Alert alert;
    QString event; // unique per event and channel: "<host>-<channel>-<n>", for de-duplication
    QString host;  // the machine the alert is about
    bool reminder = false;    // a repeat of a still-firing alert (notify/<name>/repeat)
    QString previousSeverity; // the severity the channel was told before an escalation; or ""
    qint64 queuedAt = 0;      // ms since the epoch, when it entered the queue

    // The body's form of one event (docs/notifications.md): the alert's fields, then event,
    // host and reminder.
    QJsonObject toJson() const;
    // What the queue file stores: toJson() plus previousSeverity and queuedAt.
    QJsonObject toStored() const;
    static std::optional<NotifyEvent> fromStored(const QJsonObject &json);
};

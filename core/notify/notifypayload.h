#pragma once

#include "notify/notifyevent.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>

// What each channel type sends for a group of events (docs/notifications.md). Pure functions, so
// the tests read the bodies the transport sends.
namespace NotifyPayload {

// {"version":1,"host":...,"events":[NotifyEvent::toJson()...]}, compact.
QByteArray webhookBody(const QList<NotifyEvent> &events, const QString &host);
// "sha256=" and the lowercase hex HMAC-SHA256 of body keyed with secret, as GitHub signs.
QByteArray signature(const QByteArray &secret, const QByteArray &body);

struct Ntfy
{
    QByteArray title;
    QByteArray priority; // ntfy's 1 to 5
    QByteArray tags;     // comma-separated emoji short codes and the rules
    QByteArray body;     // one line per event
};
Ntfy ntfy(const QList<NotifyEvent> &events, const QString &host);

// The POST /api/v2/alerts array: every alert the channel knows as firing (open), and the end of
// each resolved event in events, and of the old labels of an alert that changed severity.
QByteArray alertmanagerBody(const QList<NotifyEvent> &events, const QList<NotifyEvent> &open,
                            const QString &generatorUrl);
// Alertmanager's name for a rule: VantageCpu, VantageDisk, ...
QString alertName(const QString &rule);
// The label that carries an alert's instance: mount for disks, sensor for temperatures.
QString instanceLabel(const QString &rule);

// VANTAGE_* variables describing the newest event of the group (its whole list is on stdin).
QProcessEnvironment commandEnvironment(const QList<NotifyEvent> &events);

} // namespace NotifyPayload

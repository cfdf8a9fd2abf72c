#pragma once

#include "notify/notifyevent.h"

#include <QList>
#include <QMap>
#include <QString>

// One channel's undelivered events and what it was told, in its own file, replaced atomically
// (QSaveFile) at every change, so a restart or a crash loses nothing already queued. The history
// store would be the natural home but keeps metrics only; this file is small and private to the
// channel, so a channel that fails cannot slow another's writes.
class NotifyQueue
{
public:
    // At most this many events wait per channel; beyond it the oldest is dropped, so a channel
    // that is down for a day during an alert storm keeps a bounded file and memory.
    static constexpr int MaxPending = 1000;

    explicit NotifyQueue(QString filePath);

    QString filePath() const { return m_path; }
    // Reads the file; a missing file is an empty queue. False (and an empty queue) if it is
    // unreadable or not a queue: then it is kept as <file>.corrupt.
    bool load();
    // Writes the file atomically; false, with *error, if it could not.
    bool save(QString *error = nullptr);

    // Appends an event; true if the oldest had to be dropped to make room.
    bool push(const NotifyEvent &event);
    const QList<NotifyEvent> &pending() const { return m_pending; }
    // Removes the first count events (delivered, or given up).
    void dropFirst(qsizetype count);
    // The next event number of this channel, counting on across restarts.
    quint64 takeSerial() { return m_serial++; }

    // The alerts the channel was told are firing, by Alert::id(); queuedAt is when it was last
    // told (for reminders).
    QMap<QString, NotifyEvent> open;
    // When the channel started failing (ms since the epoch; 0 while it works), and how many
    // attempts in a row failed.
    qint64 failingSince = 0;
    int attempts = 0;

private:
    QString m_path;
    QList<NotifyEvent> m_pending;
    quint64 m_serial = 1;
};

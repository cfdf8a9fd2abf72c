#pragma once

#include <QLoggingCategory>

// One category per area. Warnings and errors reach stderr by default; --verbose or
// QT_LOGGING_RULES turn on the rest.
Q_DECLARE_LOGGING_CATEGORY(lcCollect)
Q_DECLARE_LOGGING_CATEGORY(lcServices)
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcAlerts)
Q_DECLARE_LOGGING_CATEGORY(lcHistory)

namespace Logging {

// True when stderr is a stream into the systemd journal: $JOURNAL_STREAM ("device:inode", set by
// systemd for a service whose output goes to the journal) names the file stderr is open on.
bool stderrIsJournal();
// The sd-daemon(3) priority prefix of a message type ("<4>" for a warning), which the journal
// reads off the start of each line and strips, so `journalctl -p warning` finds our warnings.
QByteArray journalPrefix(QtMsgType type);
// When stderr is the journal, every Qt message (ours and Qt's own) is written one line at a time
// with its priority prefix; otherwise nothing changes. Call once, before anything logs.
void useJournalPriorities();

} // namespace Logging

#pragma once

#include "alerts/alert.h"

#include <QFile>
#include <QList>
#include <QString>

// The persistent alert log: one JSON object per line, appended and flushed as each event
// happens, so a crash loses nothing already reported. When the file passes maxBytes it is
// renamed to <file>.1 (replacing the previous one) and a new file starts, so the log never
// grows without bound. At start the newest entries are read back, skipping (with a warning) a
// line a crash cut short.
//
// Next to the log, <file without .jsonl>.active.json holds the alerts firing now, replaced
// atomically at every event, so an alert firing when Vantage stops is taken back at start as it
// was. The log alone cannot say so for sure: an alert that fired long ago may have been rotated
// out of it by the events that followed.
class AlertLog
{
public:
    static constexpr qint64 DefaultMaxBytes = 1024 * 1024;
    static constexpr int RecentCount = 200;

    explicit AlertLog(const QString &filePath, qint64 maxBytes = DefaultMaxBytes);
    ~AlertLog();

    static QString defaultFilePath(); // <data location>/vantage/alerts.jsonl

    QString filePath() const { return m_path; }
    QString activeFilePath() const;
    // Reads the newest entries from the log (and its rotated predecessor if needed).
    void load();
    bool append(const Alert &alert);
    // Newest last, at most RecentCount.
    QList<Alert> recent() const { return m_recent; }
    void close();
    // Replaces the list of the alerts firing now (write to a new file, then rename).
    bool saveActive(const QList<Alert> &alerts);
    // The alerts firing when the list was last saved; empty if there is none or it is unreadable.
    QList<Alert> loadActive() const;

private:
    bool openForAppend();
    void rotate();
    static QList<Alert> readFile(const QString &path);

    QString m_path;
    qint64 m_maxBytes;
    QFile m_file;
    QList<Alert> m_recent;
};

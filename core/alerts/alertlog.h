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
class AlertLog
{
public:
    static constexpr qint64 DefaultMaxBytes = 1024 * 1024;
    static constexpr int RecentCount = 200;

    explicit AlertLog(const QString &filePath, qint64 maxBytes = DefaultMaxBytes);
    ~AlertLog();

    static QString defaultFilePath(); // <data location>/vantage/alerts.jsonl

    QString filePath() const { return m_path; }
    // Reads the newest entries from the log (and its rotated predecessor if needed).
    void load();
    bool append(const Alert &alert);
    // Newest last, at most RecentCount.
    QList<Alert> recent() const { return m_recent; }
    void close();

private:
    bool openForAppend();
    void rotate();
    static QList<Alert> readFile(const QString &path);

    QString m_path;
    qint64 m_maxBytes;
    QFile m_file;
    QList<Alert> m_recent;
};

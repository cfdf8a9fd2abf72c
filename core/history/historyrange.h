#pragma once

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// One question to the history, as `GET /api/v1/history?series=…&from=…&to=…&points=…` and the
// `historyRequest` message ask it: these series over [from, to], in at most `points` buckets.
struct HistoryRangeRequest
{
    QStringList series;
    qint64 from = 0; // ms since the epoch, inclusive
    qint64 to = 0;   // ms since the epoch, inclusive
    int points = 1000;
};

// The answer, in the shape docs/api.md gives it: one time axis (the start of each bucket), and
// per series the average, lowest and highest value of each bucket, aligned with `ts`. In tier 0
// a bucket may be one tick, and then the three are equal. NaN marks a gap (no value in the
// bucket: the monitor was stopped, the machine suspended, or the series did not exist yet).
struct HistoryRange
{
    qint64 from = 0;
    qint64 to = 0;
    qint64 step = 0; // ms per bucket
    int tier = 0;    // 0: every tick, 1: per minute, 2: per hour
    QList<qint64> ts;
    QStringList names; // the series asked for that exist, in the order asked
    QList<QList<double>> avg;
    QList<QList<double>> min;
    QList<QList<double>> max;
};

// Something that answers range questions: the in-memory history, or the store on disk. The
// answer comes as a future so that a source reading the disk never holds the event loop; the
// in-memory one answers with a future that is already finished.
class HistoryRangeSource
{
public:
    virtual ~HistoryRangeSource() = default;
    virtual QFuture<HistoryRange> range(const HistoryRangeRequest &request) const = 0;
    // What was running in the minute of `ms` (ms since the epoch), as the store keeps it once a
    // minute: {"minute":MS,"cpu":[{pid,name,cpu,rss}…],"rss":[…]}, the top five by CPU and by
    // memory. An empty object where nothing was kept for that minute (memory-only history).
    virtual QFuture<QJsonObject> processesAt(qint64 ms) const
    {
        Q_UNUSED(ms);
        return QtFuture::makeReadyFuture(QJsonObject{});
    }
};

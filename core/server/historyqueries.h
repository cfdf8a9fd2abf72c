#pragma once

#include "history/historyrange.h"

#include <QFuture>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <variant>

class QUrlQuery;
class SeriesCatalog;

// Range questions from both doors, `GET /api/v1/history?from=…` and the `historyRequest`
// message: read and checked in one place, bounded, answered by whichever HistoryRangeSource the
// server holds, and turned into the one answer shape of docs/api.md. An answer carries both the
// HTTP status and the protocol's error code, so the two doors cannot drift apart.
class HistoryQueries
{
public:
    static constexpr int DefaultPoints = 1000;
    static constexpr int MaxPoints = 10'000;
    static constexpr int MaxSeries = 32;
    // Series × points in one answer: each value is three numbers (avg, min, max) on the wire.
    static constexpr qint64 MaxValues = 100'000;
    // Questions the source has not answered yet, over the whole server: a store that reads the
    // disk answers them one after another, and no client may queue work behind the others.
    static constexpr int MaxPending = 16;

    struct Answer
    {
        int status = 200;    // HTTP status
        QString code;        // the protocol's error code, empty on success
        QString message;     // for people, on errors
        QJsonObject body;    // the range, on success
        int retryAfterS = 0; // when the server is busy
    };
    using Parsed = std::variant<HistoryRangeRequest, Answer>;

    // catalog: the series this process knows now. One the source has nothing of (the store
    // before its first flush) is answered as gaps; one neither knows is a 404.
    HistoryQueries(const HistoryRangeSource *source, const SeriesCatalog *catalog);

    void setSource(const HistoryRangeSource *source) { m_source = source; }
    const HistoryRangeSource *source() const { return m_source; }
    int pending() const { return *m_pending; }

    // `series=a,b&from=MS&to=MS&points=N`; `to` defaults to nowMs, points to DefaultPoints.
    static Parsed fromQuery(const QUrlQuery &query, qint64 nowMs);
    // {"series":[…],"from":…,"to":…,"points":…}, with the same defaults.
    static Parsed fromMessage(const QJsonObject &message, qint64 nowMs);
    static Answer failure(int status, const QString &message);

    // Already finished when the source answers at once (memory); a series that neither the
    // source nor the catalogue knows is a 404, as in the `seconds=` form.
    QFuture<Answer> ask(const HistoryRangeRequest &request) const;
    static QJsonObject toJson(const HistoryRange &range);

    // The `at` of `GET /api/v1/processes?at=MS` and of the processesRequest message: a time in
    // ms since the epoch, 0 or more.
    using ParsedAt = std::variant<qint64, Answer>;
    static ParsedAt atFromQuery(const QString &text);
    static ParsedAt atFromMessage(const QJsonValue &value);
    // What was running in the minute of `at`, as the store kept it: {"at","minute","cpu","rss"},
    // with "minute" null and empty lists where nothing was kept. Bounded by MaxPending with the
    // ranges, since both wait on the same reader.
    QFuture<Answer> askProcesses(qint64 at) const;

private:
    static Answer busy();
    static Parsed check(HistoryRangeRequest request, std::optional<qint64> from,
                        std::optional<qint64> to, std::optional<qint64> points);

    const HistoryRangeSource *m_source;
    const SeriesCatalog *m_catalog;
    std::shared_ptr<std::atomic<int>> m_pending = std::make_shared<std::atomic<int>>(0);
};

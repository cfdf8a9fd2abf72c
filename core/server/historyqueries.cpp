#include "historyqueries.h"

#include "history/seriescatalog.h"
#include "protocol/snapshotjson.h"

#include <QJsonArray>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace {

// Holds one place among the pending questions until the source's answer, or its cancellation,
// lets go of it, on whichever thread that happens.
class PendingTicket
{
public:
    explicit PendingTicket(std::shared_ptr<std::atomic<int>> count)
        : m_count(std::move(count))
    {
        ++*m_count;
    }
    ~PendingTicket() { --*m_count; }
    PendingTicket(const PendingTicket &) = delete;
    PendingTicket &operator=(const PendingTicket &) = delete;

private:
    std::shared_ptr<std::atomic<int>> m_count;
};

std::optional<qint64> wholeNumber(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// JSON numbers are doubles: a time in ms or a count must be whole and exactly representable.
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    const double number = value.toDouble(qQNaN());
    if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 9.0e15)
        return std::nullopt;
    return qint64(number);
}

QJsonArray column(const QList<double> &values)
{
    QJsonArray array;
    for (double value : values)
        array.append(SnapshotJson::number(value));
    return array;
}

QJsonObject columns(const QStringList &names, const QList<QList<double>> &values)
{
    QJsonObject object;
    for (qsizetype i = 0; i < names.size() && i < values.size(); ++i)
        object.insert(names[i], column(values[i]));
    return object;
}

// The source's answer with a column for every series asked, in the order asked: one it holds
// nothing of but the catalogue knows is all gaps.
HistoryQueries::Answer answerFor(HistoryRange range, const QStringList &asked,
                                 const QStringList &known)
{
    HistoryRange ordered = range;
    ordered.names.clear();
    ordered.avg.clear();
    ordered.min.clear();
    ordered.max.clear();
    const QList<double> gaps(range.ts.size(), qQNaN());
    for (const QString &name : asked) {
        const qsizetype i = range.names.indexOf(name);
        if (i < 0 && !known.contains(name))
            return HistoryQueries::failure(404, QStringLiteral("unknown series: %1").arg(name));
        ordered.names.append(name);
        ordered.avg.append(i < 0 ? gaps : range.avg.value(i, gaps));
        ordered.min.append(i < 0 ? gaps : range.min.value(i, gaps));
        ordered.max.append(i < 0 ? gaps : range.max.value(i, gaps));
    }
    HistoryQueries::Answer answer;
    answer.body = HistoryQueries::toJson(ordered);
    return answer;
}

QString atRule()
{
    return QStringLiteral("at is required: a time in ms since the epoch, a whole number, 0 or "
                          "more");
}

HistoryQueries::Answer unreadable()
{
    HistoryQueries::Answer failed = HistoryQueries::failure(
        503, QStringLiteral("the history could not be read; ask again later"));
    failed.retryAfterS = 5;
    return failed;
}

} // namespace

HistoryQueries::HistoryQueries(const HistoryRangeSource *source, const SeriesCatalog *catalog)
    : m_source(source)
    , m_catalog(catalog)
{}

HistoryQueries::Answer HistoryQueries::failure(int status, const QString &message)
{
    static const QHash<int, QString> codes = {{400, QStringLiteral("bad_request")},
                                              {404, QStringLiteral("not_found")},
                                              {503, QStringLiteral("unavailable")}};
    Answer answer;
    answer.status = status;
    answer.code = codes.value(status, QStringLiteral("bad_request"));
    answer.message = message;
    return answer;
}

HistoryQueries::Parsed HistoryQueries::fromQuery(const QUrlQuery &query, qint64 nowMs)
{
    HistoryRangeRequest request;
    request.series = query.queryItemValue(QStringLiteral("series"), QUrl::FullyDecoded)
                         .split(u',', Qt::SkipEmptyParts);
    if (query.hasQueryItem(QStringLiteral("seconds")))
        return failure(400, QStringLiteral("ask either seconds=N or from=MS&to=MS, not both"));
    const auto number = [&query](const QString &key, qint64 fallback) -> std::optional<qint64> {
        if (!query.hasQueryItem(key))
            return fallback;
        return wholeNumber(query.queryItemValue(key));
    };
    const auto from = number(QStringLiteral("from"), -1);
    const auto to = number(QStringLiteral("to"), nowMs);
    const auto points = number(QStringLiteral("points"), DefaultPoints);
    return check(request, from, to, points);
}

HistoryQueries::Parsed HistoryQueries::fromMessage(const QJsonObject &message, qint64 nowMs)
{
    HistoryRangeRequest request;
    const QJsonValue series = message.value(QStringLiteral("series"));
    const QJsonArray names = series.toArray();
    if (!series.isArray() ||
        std::any_of(names.begin(), names.end(), [](const QJsonValue &n) { return !n.isString(); }))
        return failure(400, QStringLiteral("series is an array of series names"));
    for (const QJsonValue &name : names)
        request.series.append(name.toString());
    const auto number = [&message](const QString &key, qint64 fallback) -> std::optional<qint64> {
        const QJsonValue value = message.value(key);
        return value.isUndefined() ? fallback : wholeNumber(value);
    };
    const auto from = number(QStringLiteral("from"), -1);
    const auto to = number(QStringLiteral("to"), nowMs);
    const auto points = number(QStringLiteral("points"), DefaultPoints);
    return check(request, from, to, points);
}

HistoryQueries::Parsed HistoryQueries::check(HistoryRangeRequest request,
                                             std::optional<qint64> from, std::optional<qint64> to,
                                             std::optional<qint64> points)
{
    if (!from || !to || !points)
        return failure(400, QStringLiteral("from, to and points are whole numbers (from and to "
                                           "in ms since the epoch)"));
    request.from = *from;
    request.to = *to;
    request.points = int(qBound(qint64(-1), *points, qint64(MaxPoints) + 1));
    if (request.series.isEmpty())
        return failure(400, QStringLiteral("name one or more series"));
    if (request.series.size() > MaxSeries)
        return failure(400, QStringLiteral("at most %1 series in one request").arg(MaxSeries));
    if (QSet<QString>(request.series.cbegin(), request.series.cend()).size() !=
        request.series.size())
        return failure(400, QStringLiteral("a series is named more than once"));
    if (request.from < 0)
        return failure(400, QStringLiteral("from (ms since the epoch, 0 or more) is required"));
    if (request.from > request.to)
        return failure(400, QStringLiteral("from must not be after to"));
    if (request.points < 1 || request.points > MaxPoints)
        return failure(400, QStringLiteral("points must be from 1 to %1").arg(MaxPoints));
    if (qint64(request.points) * request.series.size() > MaxValues)
        return failure(400, QStringLiteral("%1 series × %2 points is more than %3 values: ask "
                                           "for fewer series or points")
                                .arg(request.series.size())
                                .arg(request.points)
                                .arg(MaxValues));
    return request;
}

HistoryQueries::Answer HistoryQueries::busy()
{
    Answer busy = failure(503, QStringLiteral("%1 history questions are being answered; "
                                              "ask again in a moment")
                                   .arg(MaxPending));
    busy.retryAfterS = 1;
    return busy;
}

QFuture<HistoryQueries::Answer> HistoryQueries::ask(const HistoryRangeRequest &request) const
{
    if (*m_pending >= MaxPending)
        return QtFuture::makeReadyFuture(busy());
    const auto ticket = std::make_shared<PendingTicket>(m_pending);
    const QStringList asked = request.series;
    // Read here, on the catalogue's thread: the continuation may run on the source's.
    QStringList known;
    for (const QString &name : asked) {
        if (m_catalog->find(name))
            known.append(name);
    }
    return m_source->range(request)
        .then([ticket, asked, known](const HistoryRange &range) {
            return answerFor(range, asked, known);
        })
        .onCanceled([ticket] { return unreadable(); });
}

HistoryQueries::ParsedAt HistoryQueries::atFromQuery(const QString &text)
{
    const std::optional<qint64> at = wholeNumber(text);
    if (!at || *at < 0)
        return failure(400, atRule());
    return *at;
}

HistoryQueries::ParsedAt HistoryQueries::atFromMessage(const QJsonValue &value)
{
    const std::optional<qint64> at = wholeNumber(value);
    if (!at || *at < 0)
        return failure(400, atRule());
    return *at;
}

QFuture<HistoryQueries::Answer> HistoryQueries::askProcesses(qint64 at) const
{
    if (*m_pending >= MaxPending)
        return QtFuture::makeReadyFuture(busy());
    const auto ticket = std::make_shared<PendingTicket>(m_pending);
    return m_source->processesAt(at)
        .then([ticket, at](const QJsonObject &top) {
            Answer answer;
            answer.body = {{QStringLiteral("at"), double(at)},
                           {QStringLiteral("minute"), top.value(QStringLiteral("minute"))},
                           {QStringLiteral("cpu"), top.value(QStringLiteral("cpu")).toArray()},
                           {QStringLiteral("rss"), top.value(QStringLiteral("rss")).toArray()}};
            // Nothing kept for that minute: null, not absent, so every reader finds the key.
            if (answer.body.value(QStringLiteral("minute")).isUndefined())
                answer.body.insert(QStringLiteral("minute"), QJsonValue::Null);
            return answer;
        })
        .onCanceled([ticket] { return unreadable(); });
}

QJsonObject HistoryQueries::toJson(const HistoryRange &range)
{
    QJsonArray ts;
    for (qint64 t : range.ts)
        ts.append(double(t));
    return {{QStringLiteral("from"), double(range.from)},
            {QStringLiteral("to"), double(range.to)},
            {QStringLiteral("step"), double(range.step)},
            {QStringLiteral("tier"), range.tier},
            {QStringLiteral("ts"), ts},
            {QStringLiteral("series"), columns(range.names, range.avg)},
            {QStringLiteral("min"), columns(range.names, range.min)},
            {QStringLiteral("max"), columns(range.names, range.max)}};
}

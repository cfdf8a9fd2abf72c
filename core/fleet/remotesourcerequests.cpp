// RemoteSource's questions to its host: acknowledgements and process actions, history spans and
// past minutes over the stream, and the alert log over HTTP.
#include "fleet/remotesource.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QUrlQuery>

#include <memory>

namespace {

// As many history and minute questions as the host lets one client have waiting (docs/api.md).
constexpr int MaxQueriesWaiting = 4;
// The alert log is a few hundred events: more than this is not a Vantage answering.
constexpr qint64 MaxLogBytes = 16 * 1024 * 1024;
constexpr int LogTimeoutMs = 10'000;

QList<double> numbers(const QJsonArray &array)
{
    QList<double> values;
    values.reserve(array.size());
    for (const QJsonValue &value : array)
        values.append(value.isDouble() ? value.toDouble() : qQNaN());
    return values;
}

HistoryRange readRange(const QJsonObject &answer, const QStringList &asked)
{
    HistoryRange range;
    range.from = qint64(answer.value(QStringLiteral("from")).toDouble());
    range.to = qint64(answer.value(QStringLiteral("to")).toDouble());
    range.step = qint64(answer.value(QStringLiteral("step")).toDouble());
    range.tier = answer.value(QStringLiteral("tier")).toInt();
    for (const QJsonValue &ts : answer.value(QStringLiteral("ts")).toArray())
        range.ts.append(qint64(ts.toDouble()));
    const QJsonObject avg = answer.value(QStringLiteral("series")).toObject();
    const QJsonObject min = answer.value(QStringLiteral("min")).toObject();
    const QJsonObject max = answer.value(QStringLiteral("max")).toObject();
    for (const QString &name : asked) {
        const QList<double> line = numbers(avg.value(name).toArray());
        if (!avg.contains(name) || line.size() != range.ts.size())
            continue;
        range.names.append(name);
        range.avg.append(line);
        // A host that sends no band has none: the line is its own band.
        range.min.append(min.contains(name) ? numbers(min.value(name).toArray()) : line);
        range.max.append(max.contains(name) ? numbers(max.value(name).toArray()) : line);
    }
    return range;
}

// What a Done hears of an answer: nothing when the host did it, else its code and words.
void report(const QJsonObject &answer, const RemoteSource::Done &done)
{
    if (answer.value(QStringLiteral("type")).toString() != u"error")
        return done({}, {});
    done(answer.value(QStringLiteral("code")).toString(),
         answer.value(QStringLiteral("message")).toString());
}

} // namespace

void RemoteSource::acknowledge(const QString &alertId, Done done)
{
    askAsAdmin({{QStringLiteral("type"), QStringLiteral("acknowledge")},
                {QStringLiteral("alert"), alertId}},
               std::move(done));
}

void RemoteSource::processAction(const QJsonObject &action, Done done)
{
    QJsonObject message = action;
    message.insert(QStringLiteral("type"), QStringLiteral("processAction"));
    askAsAdmin(message, std::move(done));
}

// What only an admin may ask is not sent without being one: the host would refuse it anyway.
void RemoteSource::askAsAdmin(const QJsonObject &message, Done done)
{
    if (m_state != State::Up)
        return done(QStringLiteral("unavailable"),
                    QStringLiteral("%1 is %2").arg(m_name, RemoteHost::stateName(m_state)));
    if (!m_admin)
        return done(QStringLiteral("forbidden"),
                    QStringLiteral("no admin token is held for %1").arg(m_name));
    request(message, [done](const QJsonObject &answer) { report(answer, done); });
}

// The interface is const, as reading a store is; asking the host changes only what this source
// waits for.
QFuture<HistoryRange> RemoteSource::range(const HistoryRangeRequest &asked) const
{
    auto promise = std::make_shared<QPromise<HistoryRange>>();
    promise->start();
    QFuture<HistoryRange> future = promise->future();
    if (m_state != State::Up) {
        promise->finish();
        return future;
    }
    QJsonArray series;
    for (const QString &name : asked.series)
        series.append(name);
    const QStringList names = asked.series;
    const_cast<RemoteSource *>(this)->request(
        {{QStringLiteral("type"), QStringLiteral("historyRequest")},
         {QStringLiteral("series"), series},
         {QStringLiteral("from"), double(asked.from)},
         {QStringLiteral("to"), double(asked.to)},
         {QStringLiteral("points"), asked.points}},
        [promise, names](const QJsonObject &answer) {
            if (answer.value(QStringLiteral("type")).toString() == u"historyRange")
                promise->addResult(readRange(answer, names));
            promise->finish();
        },
        true);
    return future;
}

QFuture<QJsonObject> RemoteSource::processesAt(qint64 ms) const
{
    auto promise = std::make_shared<QPromise<QJsonObject>>();
    promise->start();
    QFuture<QJsonObject> future = promise->future();
    if (m_state != State::Up) {
        promise->addResult(QJsonObject{});
        promise->finish();
        return future;
    }
    const_cast<RemoteSource *>(this)->request(
        {{QStringLiteral("type"), QStringLiteral("processesRequest")},
         {QStringLiteral("at"), double(ms)}},
        [promise](const QJsonObject &answer) {
            QJsonObject minute;
            if (answer.value(QStringLiteral("minute")).isDouble()) {
                minute = answer;
                minute.remove(QStringLiteral("type"));
                minute.remove(QStringLiteral("id"));
                minute.remove(QStringLiteral("at"));
            }
            promise->addResult(minute);
            promise->finish();
        },
        true);
    return future;
}

void RemoteSource::request(QJsonObject message, Answer answer, bool query)
{
    if (query && m_queriesWaiting >= MaxQueriesWaiting) {
        m_queued.append({message, answer});
        return;
    }
    const QString id = RequestPrefix + QString::number(++m_serial);
    message.insert(QStringLiteral("id"), id);
    m_pending.insert(id, {std::move(answer), query});
    if (query)
        ++m_queriesWaiting;
    send(message);
}

void RemoteSource::answer(const QString &id, const QJsonObject &message)
{
    const Pending pending = m_pending.take(id);
    if (!pending.answer)
        return;
    if (pending.query) {
        --m_queriesWaiting;
        sendQueued();
    }
    pending.answer(message);
}

void RemoteSource::sendQueued()
{
    while (!m_queued.isEmpty() && m_queriesWaiting < MaxQueriesWaiting) {
        auto [message, answer] = m_queued.takeFirst();
        request(message, answer, true);
    }
}

void RemoteSource::failPending(const QString &why)
{
    const QJsonObject error{{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("code"), QStringLiteral("unavailable")},
                            {QStringLiteral("message"), why}};
    const QMap<QString, Pending> pending = std::exchange(m_pending, {});
    const QList<std::pair<QJsonObject, Answer>> queued = std::exchange(m_queued, {});
    m_queriesWaiting = 0;
    for (const Pending &waiting : pending)
        waiting.answer(error);
    for (const auto &waiting : queued)
        waiting.second(error);
}

// The log is on the host's HTTP API beside its stream: same address, same token.
void RemoteSource::fetchLog()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QUrl url = RemoteHost::socketUrl(m_url);
    url.setScheme(url.scheme() == u"wss" ? QStringLiteral("https") : QStringLiteral("http"));
    QString path = url.path();
    if (path.endsWith(u"/ws"))
        path.chop(3);
    url.setPath(path + QStringLiteral("/api/v1/alerts"));
    if (!m_token.isEmpty() && !m_refused)
        url.setQuery(QUrlQuery{{QStringLiteral("token"), m_token}});
    QNetworkRequest request(url);
    request.setTransferTimeout(LogTimeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxLogBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError)
            return;
        const QJsonArray log = QJsonDocument::fromJson(reply->readAll())
                                   .object()
                                   .value(QStringLiteral("log"))
                                   .toArray();
        QList<Alert> events;
        for (const QJsonValue &entry : log) {
            if (const std::optional<Alert> alert = Alert::fromJson(entry.toObject()))
                events.append(*alert);
        }
        emit logReplaced(events);
    });
}

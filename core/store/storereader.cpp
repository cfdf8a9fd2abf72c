#include "store/storereader.h"

#include "store/blockcodec.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <limits>

StoreReader::StoreReader(QString path, std::function<int()> generation)
    : m_path(std::move(path))
    , m_generation(std::move(generation))
{}

bool StoreReader::ensureOpen()
{
    const int generation = m_generation();
    if (m_db.isOpen() && generation == m_openGeneration)
        return true;
    m_openGeneration = generation;
    return m_db.open(m_path, true);
}

StoreReader::Ticks StoreReader::ticks(qint64 from, qint64 to)
{
    Ticks result;
    if (!ensureOpen())
        return result;
    const QHash<qint64, QString> names = m_db.seriesNames();
    QHash<QString, int> column;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const qint64 span = StoreTiers::blockSpanMs[0];
    for (const auto &stored : m_db.blocks(0, StoreTiers::align(from, span), to)) {
        BlockCodec::Block block;
        if (!BlockCodec::decode(stored.data, &block))
            continue;
        for (qsizetype i = 0; i < block.ts.size(); ++i) {
            if (block.ts[i] < from || block.ts[i] > to)
                continue;
            result.ts.append(block.ts[i]);
            for (QList<float> &values : result.values)
                values.append(nan);
            for (qsizetype s = 0; s < block.seriesIds.size(); ++s) {
                const QString name = names.value(block.seriesIds[s]);
                auto it = column.constFind(name);
                if (it == column.constEnd()) {
                    it = column.insert(name, int(result.names.size()));
                    result.names.append(name);
                    result.values.append(QList<float>(result.ts.size(), nan));
                }
                result.values[*it].last() = block.values[s][i];
            }
        }
    }
    return result;
}

QJsonObject StoreReader::processes(qint64 ts)
{
    const qint64 minute = StoreTiers::align(ts, StoreTiers::stepMs[1]);
    if (!ensureOpen())
        return {};
    QJsonObject top = QJsonDocument::fromJson(m_db.processes(minute)).object();
    if (!top.isEmpty())
        top.insert(QStringLiteral("minute"), minute);
    return top;
}

namespace {

bool hasAnyValue(const HistoryRange &range)
{
    for (const QList<double> &series : range.avg) {
        if (std::any_of(series.cbegin(), series.cend(), [](double v) { return !std::isnan(v); }))
            return true;
    }
    return false;
}

} // namespace

HistoryRange StoreReader::range(const HistoryRangeRequest &request, qint64 nowMs,
                                const std::array<qint64, StoreTiers::Count> &retentionMs,
                                qint64 intervalMs, const Ticks &unflushed)
{
    int tier = StoreTiers::Count - 1;
    for (int t = 0; t < StoreTiers::Count; ++t) {
        if (request.from >= nowMs - retentionMs[size_t(t)]) {
            tier = t;
            break;
        }
    }
    // A coarser tier fills only as whole minutes and hours end: a store younger than one has
    // nothing there yet, though its finer tiers hold the window's recent part. Asked for a day
    // a minute after the first start, the answer is that minute, not an empty chart.
    HistoryRange answer = rangeInTier(request, tier, intervalMs, unflushed);
    while (tier > 0 && !hasAnyValue(answer))
        answer = rangeInTier(request, --tier, intervalMs, unflushed);
    return answer;
}

HistoryRange StoreReader::rangeInTier(const HistoryRangeRequest &request, int tier,
                                      qint64 intervalMs, const Ticks &unflushed)
{
    HistoryRange answer;
    answer.from = request.from;
    answer.to = request.to;
    answer.tier = tier;
    const int points = qMax(1, request.points);
    if (request.to < request.from)
        return answer;

    // The series asked for that the file or memory knows, in the order asked. Without a file
    // (a disk that refuses) the answer comes from memory alone; series only in memory get ids
    // below 0, which no stored block uses.
    const bool open = ensureOpen();
    QHash<QString, qint64> ids;
    if (open) {
        const QHash<qint64, QString> byId = m_db.seriesNames();
        for (auto it = byId.cbegin(); it != byId.cend(); ++it)
            ids.insert(it.value(), it.key());
    }
    for (qsizetype s = 0; s < unflushed.names.size(); ++s) {
        if (!ids.contains(unflushed.names[s]))
            ids.insert(unflushed.names[s], -2 - s);
    }
    QList<qint64> wanted;
    for (const QString &name : request.series) {
        if (ids.contains(name) && !answer.names.contains(name)) {
            answer.names.append(name);
            wanted.append(ids.value(name));
        }
    }

    // The blocks, decoded once and kept small (only the wanted series); every pass below walks
    // them instead of gathering all points into one large list, whose growth alone (fresh pages
    // for megabytes) cost more than the decoding.
    const int columns = StoreTiers::columns[size_t(tier)];
    const qint64 span = StoreTiers::blockSpanMs[size_t(tier)];
    const qint64 only = wanted.size() == 1 ? wanted.first() : -1;
    QList<BlockCodec::Block> blocks;
    qsizetype ticks = 0, holes = 0;
    qint64 previous = std::numeric_limits<qint64>::min();
    const QList<StoreDatabase::StoredBlock> stored =
        open ? m_db.blocks(tier, StoreTiers::align(request.from, span), request.to)
             : QList<StoreDatabase::StoredBlock>();
    for (const auto &row : stored) {
        BlockCodec::Block block;
        if (!BlockCodec::decode(row.data, &block, only))
            continue;
        for (qint64 ts : std::as_const(block.ts)) {
            if (ts < request.from || ts > request.to)
                continue;
            ++ticks;
            if (previous != std::numeric_limits<qint64>::min() && ts - previous > 2 * intervalMs)
                ++holes;
            previous = ts;
        }
        blocks.append(std::move(block));
    }
    if (tier == 0 && !unflushed.ts.isEmpty()) {
        BlockCodec::Block recent;
        const qint64 last = blocks.isEmpty() || blocks.last().ts.isEmpty()
                                ? std::numeric_limits<qint64>::min()
                                : blocks.last().ts.last();
        qsizetype first = 0;
        while (first < unflushed.ts.size() && unflushed.ts[first] <= last)
            ++first;
        for (qsizetype i = first; i < unflushed.ts.size(); ++i) {
            const qint64 ts = unflushed.ts[i];
            if (ts < request.from || ts > request.to)
                continue;
            ++ticks;
            if (previous != std::numeric_limits<qint64>::min() && ts - previous > 2 * intervalMs)
                ++holes;
            previous = ts;
        }
        recent.ts = unflushed.ts.mid(first);
        for (qsizetype s = 0; s < unflushed.names.size(); ++s) {
            recent.seriesIds.append(ids.value(unflushed.names[s]));
            recent.values.append(unflushed.values[s].mid(first));
        }
        blocks.append(std::move(recent));
    }
    // Calls f(series index in the answer, ts, min, avg, max) for every stored point in range.
    const auto forEachPoint = [&](auto f) {
        for (const BlockCodec::Block &block : std::as_const(blocks)) {
            for (qsizetype s = 0; s < block.seriesIds.size(); ++s) {
                const qsizetype w = wanted.indexOf(block.seriesIds[s]);
                if (w < 0)
                    continue;
                const float *v = block.values[s].constData();
                for (qsizetype i = 0; i < block.ts.size(); ++i) {
                    const qint64 ts = block.ts[i];
                    if (ts < request.from || ts > request.to)
                        continue;
                    const float *p = v + i * columns;
                    if (columns == 1)
                        f(w, ts, p[0], p[0], p[0]);
                    else
                        f(w, ts, p[0], p[1], p[2]);
                }
            }
        }
    };
    const auto column = [](qsizetype n) {
        return QList<double>(n, std::numeric_limits<double>::quiet_NaN());
    };

    if (tier == 0 && ticks + holes <= points) {
        // The ticks themselves; a NaN point one interval after the last tick before a hole, so
        // that no chart draws a line across it.
        answer.step = intervalMs;
        QHash<qint64, qsizetype> at;
        for (const BlockCodec::Block &block : std::as_const(blocks)) {
            for (qint64 ts : block.ts) {
                if (ts < request.from || ts > request.to)
                    continue;
                if (!answer.ts.isEmpty() && ts - answer.ts.last() > 2 * intervalMs)
                    answer.ts.append(answer.ts.last() + intervalMs);
                at.insert(ts, answer.ts.size());
                answer.ts.append(ts);
            }
        }
        for (qsizetype w = 0; w < wanted.size(); ++w)
            answer.avg.append(column(answer.ts.size()));
        forEachPoint([&](qsizetype w, qint64 ts, float, float avg, float) {
            answer.avg[w][at.value(ts)] = avg;
        });
        answer.min = answer.avg;
        answer.max = answer.avg;
        return answer;
    }

    // Buckets: in tier 0 at least two ticks wide (so that jitter never empties one), above on
    // the tier's own grid, aligned to whole steps so that the same question gets the same answer.
    const qint64 base = tier == 0 ? 2 * intervalMs : StoreTiers::stepMs[size_t(tier)];
    const qint64 length = request.to - request.from + 1;
    qint64 step = qMax(base, (length + points - 1) / points);
    if (tier > 0)
        step = (step + base - 1) / base * base;
    qint64 first = tier == 0 ? request.from : StoreTiers::align(request.from, step);
    while ((request.to - first) / step + 1 > points) {
        step += base;
        first = tier == 0 ? request.from : StoreTiers::align(request.from, step);
    }
    const qsizetype buckets = qsizetype((request.to - first) / step + 1);
    answer.step = step;
    for (qsizetype b = 0; b < buckets; ++b)
        answer.ts.append(first + b * step);
    QList<QList<int>> counts;
    for (qsizetype w = 0; w < wanted.size(); ++w) {
        answer.avg.append(column(buckets));
        answer.min.append(column(buckets));
        answer.max.append(column(buckets));
        counts.append(QList<int>(buckets, 0));
    }
    forEachPoint([&](qsizetype w, qint64 ts, float low, float mean, float high) {
        if (std::isnan(mean))
            return;
        const qsizetype b = qsizetype((ts - first) / step);
        double &lowest = answer.min[w][b], &sum = answer.avg[w][b], &highest = answer.max[w][b];
        if (counts[w][b]++ == 0) {
            lowest = low;
            sum = mean;
            highest = high;
            return;
        }
        lowest = std::min(lowest, double(low));
        highest = std::max(highest, double(high));
        sum += mean;
    });
    for (qsizetype w = 0; w < wanted.size(); ++w) {
        for (qsizetype b = 0; b < buckets; ++b) {
            if (counts[w][b] > 1)
                answer.avg[w][b] /= counts[w][b];
        }
    }
    return answer;
}

#include "store/storereader.h"

#include "store/blockcodec.h"

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

HistoryRange StoreReader::range(const HistoryRangeRequest &request, qint64 nowMs,
                                const std::array<qint64, StoreTiers::Count> &retentionMs,
                                qint64 intervalMs)
{
    HistoryRange answer;
    answer.from = request.from;
    answer.to = request.to;
    int tier = StoreTiers::Count - 1;
    for (int t = 0; t < StoreTiers::Count; ++t) {
        if (request.from >= nowMs - retentionMs[size_t(t)]) {
            tier = t;
            break;
        }
    }
    answer.tier = tier;
    const int points = qMax(1, request.points);
    if (!ensureOpen() || request.to < request.from)
        return answer;

    // The series asked for that the file knows, in the order asked.
    const QHash<qint64, QString> byId = m_db.seriesNames();
    QHash<QString, qint64> ids;
    for (auto it = byId.cbegin(); it != byId.cend(); ++it)
        ids.insert(it.value(), it.key());
    QList<qint64> wanted;
    for (const QString &name : request.series) {
        if (ids.contains(name) && !answer.names.contains(name)) {
            answer.names.append(name);
            wanted.append(ids.value(name));
        }
    }

    // Every point of the wanted series in the range, and the time axis of the ticks.
    const int columns = StoreTiers::columns[size_t(tier)];
    QList<QList<Point>> series(wanted.size());
    QList<qint64> axis;
    const qint64 span = StoreTiers::blockSpanMs[size_t(tier)];
    const qint64 only = wanted.size() == 1 ? wanted.first() : -1;
    for (const auto &stored :
         m_db.blocks(tier, StoreTiers::align(request.from, span), request.to)) {
        BlockCodec::Block block;
        if (!BlockCodec::decode(stored.data, &block, only))
            continue;
        for (qsizetype i = 0; i < block.ts.size(); ++i) {
            const qint64 ts = block.ts[i];
            if (ts < request.from || ts > request.to)
                continue;
            axis.append(ts);
            for (qsizetype s = 0; s < block.seriesIds.size(); ++s) {
                const qsizetype w = wanted.indexOf(block.seriesIds[s]);
                if (w < 0)
                    continue;
                const float *v = block.values[s].constData() + i * columns;
                series[w].append(columns == 1 ? Point{ts, v[0], v[0], v[0]}
                                              : Point{ts, v[0], v[1], v[2]});
            }
        }
    }

    const auto column = [&](qsizetype n) {
        return QList<double>(n, std::numeric_limits<double>::quiet_NaN());
    };
    if (tier == 0 && axis.size() <= points) {
        // The ticks themselves; a NaN point one interval after the last tick before a hole, so
        // that no chart draws a line across it.
        answer.step = intervalMs;
        QList<qint64> ts;
        for (qsizetype i = 0; i < axis.size(); ++i) {
            if (i > 0 && axis[i] - axis[i - 1] > 2 * intervalMs && ts.size() < points)
                ts.append(axis[i - 1] + intervalMs);
            ts.append(axis[i]);
        }
        answer.ts = ts;
        for (const QList<Point> &points : std::as_const(series)) {
            QList<double> values = column(ts.size());
            qsizetype j = 0;
            for (const Point &p : points) {
                while (j < ts.size() && ts[j] < p.ts)
                    ++j;
                if (j < ts.size() && ts[j] == p.ts)
                    values[j] = p.avg;
            }
            answer.avg.append(values);
            answer.min.append(values);
            answer.max.append(values);
        }
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
    for (const QList<Point> &points : std::as_const(series)) {
        QList<double> low = column(buckets), mean = column(buckets), high = column(buckets);
        QList<int> counts(buckets, 0);
        for (const Point &p : points) {
            if (std::isnan(p.avg))
                continue;
            const qsizetype b = qsizetype((p.ts - first) / step);
            if (counts[b]++ == 0) {
                low[b] = p.min;
                mean[b] = p.avg;
                high[b] = p.max;
                continue;
            }
            low[b] = std::min(low[b], double(p.min));
            high[b] = std::max(high[b], double(p.max));
            mean[b] += p.avg;
        }
        for (qsizetype b = 0; b < buckets; ++b) {
            if (counts[b] > 1)
                mean[b] /= counts[b];
        }
        answer.avg.append(mean);
        answer.min.append(low);
        answer.max.append(high);
    }
    return answer;
}

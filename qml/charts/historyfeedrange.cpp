// HistoryFeed's spans beyond the in-memory History: range questions to the store, the min–max
// band of down-sampled answers, and what was running in a past minute.
#include "historyfeed.h"
#include "seriesdecimator.h"
#include "services/metricssource.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 MinuteMs = 60000;
// How opaque a band is over the card: enough to see, faint beside its line (charts.js
// BAND_ALPHA).
constexpr double BandAlpha = 0.2;

} // namespace

// The History answers a live window it can hold (even while it holds less, just after start) and
// a fixed span that starts within it; the rest is the store's, when there is one.
bool HistoryFeed::wantsRange(const History &history, qint64 from) const
{
    if (!m_rangeObject || !m_rangeSource || m_seriesNames.isEmpty())
        return false;
    const qint64 intervalMs = m_source->intervalMs();
    const qint64 windowMs = m_span ? m_span->windowMs() : qint64(m_windowSeconds) * 1000;
    if ((!m_span || m_span->isLive()) && windowMs <= history.capacity() * intervalMs)
        return false;
    const QList<History::Point> held = history.points(m_seriesNames.first(), 0);
    return held.isEmpty() || held.first().ts > from + intervalMs;
}

// About one bucket per pixel. An answer that covers the span to within a bucket or a pixel is
// kept: a live 24 h span moves a pixel every minute or two, and is asked again only then.
void HistoryFeed::askRange(qint64 from, qint64 to)
{
    HistoryRangeRequest request;
    request.series = m_seriesNames;
    request.from = from;
    request.to = to;
    request.points = std::max(60, m_plotWidth);
    const auto close = [&](const HistoryRangeRequest &other) {
        const qint64 slack = std::max(m_rangeStep, (to - from) / request.points);
        return other.points == request.points && other.series == request.series &&
               std::abs(other.from - from) <= slack && std::abs(other.to - to) <= slack;
    };
    if (m_rangePending) {
        if (close(m_rangeAsked))
            m_rangeNext.reset();
        else
            m_rangeNext = request;
        return;
    }
    if (m_rangeDrawn && close(*m_rangeDrawn))
        return;
    m_rangeAsked = request;
    m_rangePending = true;
    m_rangeWatcher.setFuture(m_rangeSource->range(request));
}

void HistoryFeed::onRangeAnswered()
{
    const QFuture<HistoryRange> future = m_rangeWatcher.future();
    const HistoryRangeRequest asked = m_rangeAsked;
    m_rangePending = false;
    // A span that changed since: ask for it now, and draw this answer only if the feed still
    // reads the store (the span may have come back into the History meanwhile).
    if (m_rangeNext && m_rangeObject) {
        const HistoryRangeRequest next = *m_rangeNext;
        m_rangeNext.reset();
        m_rangeAsked = next;
        m_rangePending = true;
        m_rangeWatcher.setFuture(m_rangeSource->range(next));
    }
    if (!future.isValid() || future.isCanceled() || future.resultCount() < 1 || !m_active ||
        !m_source || asked.series != m_seriesNames)
        return;
    const HistoryRange range = future.result();
    const History &history = m_source->history();
    const qint64 newest = history.latestTs();
    // Drawn only while the span shown still needs the store.
    if (!wantsRange(history, m_span ? m_span->from(newest) : asked.from))
        return;
    m_rangeDrawn = asked;
    m_rangeStep = range.step;
    drawRange(range);
}

void HistoryFeed::drawRange(const HistoryRange &range)
{
    m_fromStore = true;
    m_downsampled = range.tier >= 1 || range.step > m_source->intervalMs();
    double largest = 0;
    QList<qsizetype> columns;
    for (const QString &name : std::as_const(m_seriesNames)) {
        const qsizetype column = range.names.indexOf(name);
        columns.append(column);
        if (column < 0)
            continue;
        for (double value : m_downsampled ? range.max[column] : range.avg[column]) {
            if (!std::isnan(value))
                largest = std::max(largest, value);
        }
    }
    updateAxes(m_rangeDrawn->from, m_rangeDrawn->to, largest);
    m_pointCount = 0;
    m_extraLines.resize(m_targets.size());
    m_bands.resize(m_targets.size());
    for (qsizetype i = 0; i < columns.size() && i < m_targets.size(); ++i) {
        auto *line = qobject_cast<QXYSeries *>(m_targets[i].value<QObject *>());
        if (!line)
            continue;
        const qsizetype column = columns[i];
        const QList<double> none;
        const QList<double> &avg = column < 0 ? none : range.avg[column];
        const QList<QList<QPointF>> segments =
            SeriesDecimator::bucketSegments(range.ts, avg, avg, m_scale.divisor);
        for (const QList<QPointF> &segment : segments)
            m_pointCount += int(segment.size());
        drawSegments(i, line, segments);
        if (m_downsampled && column >= 0) {
            drawBands(
                i, line,
                SeriesDecimator::bucketSegments(range.ts, range.min[column], avg, m_scale.divisor),
                SeriesDecimator::bucketSegments(range.ts, range.max[column], avg, m_scale.divisor));
        } else {
            drawBands(i, line, {}, {});
        }
    }
    drawLevel(m_warningLine, m_warning);
    drawLevel(m_criticalLine, m_critical);
    emit updated();
}

void HistoryFeed::drawBands(qsizetype target, QXYSeries *line, const QList<QList<QPointF>> &lows,
                            const QList<QList<QPointF>> &highs)
{
    QList<QPointer<QAreaSeries>> &bands = m_bands[target];
    bands.removeIf([](const QPointer<QAreaSeries> &band) { return band.isNull(); });
    const qsizetype wanted = std::min(lows.size(), highs.size());
    while (bands.size() > wanted) {
        QPointer<QAreaSeries> band = bands.takeLast();
        if (band && band->chart())
            band->chart()->removeSeries(band);
        delete band.data();
    }
    QChart *chart = line->chart();
    while (chart && bands.size() < wanted) {
        auto *band = new QAreaSeries;
        band->setUpperSeries(new QLineSeries(band));
        band->setLowerSeries(new QLineSeries(band));
        band->setPen(Qt::NoPen);
        chart->addSeries(band);
        const auto axes = line->attachedAxes();
        for (QAbstractAxis *axis : axes)
            band->attachAxis(axis);
        const auto markers = chart->legend()->markers(band);
        for (QLegendMarker *marker : markers)
            marker->setVisible(false);
        bands.append(band);
    }
    QColor fill = line->color();
    fill.setAlphaF(float(BandAlpha));
    for (qsizetype i = 0; i < bands.size(); ++i) {
        bands[i]->setBrush(fill);
        bands[i]->lowerSeries()->replace(lows[i]);
        bands[i]->upperSeries()->replace(highs[i]);
    }
}

void HistoryFeed::removeBands()
{
    for (const QList<QPointer<QAreaSeries>> &bands : std::as_const(m_bands)) {
        for (const QPointer<QAreaSeries> &band : bands) {
            if (band && band->chart())
                band->chart()->removeSeries(band);
            delete band.data();
        }
    }
    m_bands.clear();
}

double HistoryFeed::timeAt(double fraction) const
{
    return double(m_timeMinimum) + fraction * double(m_timeMaximum - m_timeMinimum);
}

// The store keeps the top processes once a minute: pointing anywhere in a minute asks for it
// once, and a pointer that crosses many minutes while one answer is coming asks only for the
// last of them after it.
void HistoryFeed::askProcesses(double ms)
{
    if (!std::isfinite(ms) || ms <= 0)
        return;
    const qint64 minute = qint64(ms) / MinuteMs * MinuteMs;
    if (m_processesWatcher.isRunning()) {
        m_processesNext = minute;
        return;
    }
    if (minute == m_processesMinute)
        return;
    m_processesMinute = minute;
    m_processesNext = -1;
    if (!m_rangeObject || !m_rangeSource) {
        if (!m_processes.isEmpty()) {
            m_processes.clear();
            emit processesChanged();
        }
        return;
    }
    m_processesWatcher.setFuture(m_rangeSource->processesAt(minute));
}

void HistoryFeed::onProcessesAnswered()
{
    const QFuture<QJsonObject> future = m_processesWatcher.future();
    const QVariantMap answer =
        future.resultCount() > 0 ? future.result().toVariantMap() : QVariantMap{};
    if (answer != m_processes) {
        m_processes = answer;
        emit processesChanged();
    }
    if (m_processesNext >= 0 && m_processesNext != m_processesMinute) {
        const qint64 next = m_processesNext;
        m_processesNext = -1;
        askProcesses(double(next));
    }
}

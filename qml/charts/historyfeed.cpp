#include "historyfeed.h"

#include "seriesdecimator.h"
#include "services/metricssource.h"
#include "timeticks.h"

#include <QChart>
#include <QDateTime>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QTimer>
#include <QXYSeries>

#include <algorithm>
#include <cmath>

HistoryFeed::HistoryFeed(QObject *parent)
    : QObject(parent)
{
    connect(this, &HistoryFeed::inputChanged, this, &HistoryFeed::scheduleRefresh);
    connect(&m_rangeWatcher, &QFutureWatcherBase::finished, this, &HistoryFeed::onRangeAnswered);
    connect(&m_processesWatcher, &QFutureWatcherBase::finished, this,
            &HistoryFeed::onProcessesAnswered);
}

qint64 HistoryFeed::gapMsFor(int intervalMs)
{
    return std::max<qint64>(1000, qint64(intervalMs) * 3 / 2);
}

QObject *HistoryFeed::source() const
{
    return m_source.data();
}

void HistoryFeed::setSource(QObject *source)
{
    auto *metrics = qobject_cast<MetricsSource *>(source);
    if (metrics == m_source)
        return;
    disconnect(m_tickConnection);
    m_source = metrics;
    if (metrics)
        m_tickConnection =
            connect(metrics, &MetricsSource::snapshotReady, this, &HistoryFeed::onTick);
    emit inputChanged();
}

template<typename T>
void HistoryFeed::change(T &member, const T &value)
{
    if (member == value)
        return;
    member = value;
    emit inputChanged();
}

void HistoryFeed::setSeriesNames(const QStringList &names)
{
    change(m_seriesNames, names);
}

void HistoryFeed::setTargets(const QVariantList &targets)
{
    if (targets != m_targets) {
        removeExtraLines();
        removeBands();
    }
    change(m_targets, targets);
}

void HistoryFeed::setWindowSeconds(int seconds)
{
    change(m_windowSeconds, std::max(1, seconds));
}

void HistoryFeed::setSpan(TimeSpan *span)
{
    if (span == m_span)
        return;
    if (m_span)
        disconnect(m_span, nullptr, this, nullptr);
    m_span = span;
    if (span)
        connect(span, &TimeSpan::changed, this, &HistoryFeed::scheduleRefresh);
    emit inputChanged();
}

void HistoryFeed::setRangeSource(QObject *source)
{
    if (source == m_rangeObject)
        return;
    m_rangeObject = source;
    m_rangeSource = dynamic_cast<const HistoryRangeSource *>(source);
    emit inputChanged();
}

void HistoryFeed::setUnit(Unit unit)
{
    change(m_unit, unit);
}

void HistoryFeed::setActive(bool active)
{
    change(m_active, active);
}

void HistoryFeed::setMaxPoints(int points)
{
    change(m_maxPoints, std::max(2, points));
}

void HistoryFeed::setPlotWidth(int pixels)
{
    change(m_plotWidth, std::max(0, pixels));
}

void HistoryFeed::setTickCount(int count)
{
    change(m_tickCount, std::max(2, count));
}

void HistoryFeed::setWarning(double level)
{
    // NaN never equals itself: compare the "no line" state explicitly.
    if (std::isnan(level) && std::isnan(m_warning))
        return;
    change(m_warning, level);
}

void HistoryFeed::setCritical(double level)
{
    if (std::isnan(level) && std::isnan(m_critical))
        return;
    change(m_critical, level);
}

void HistoryFeed::setAxisTop(double top)
{
    if (std::isnan(top) && std::isnan(m_axisTop))
        return;
    change(m_axisTop, top);
}

void HistoryFeed::setTimeTickSpacing(int pixels)
{
    change(m_timeTickSpacing, std::max(1, pixels));
}

void HistoryFeed::setWarningLine(QObject *line)
{
    change(m_warningLine, QPointer<QObject>(line));
}

void HistoryFeed::setCriticalLine(QObject *line)
{
    change(m_criticalLine, QPointer<QObject>(line));
}

QString HistoryFeed::labelFormat() const
{
    const double step = m_tickInterval > 0 ? m_tickInterval : m_valueMaximum / (m_tickCount - 1);
    const QString number = step >= 1     ? QStringLiteral("%.0f")
                           : step >= 0.1 ? QStringLiteral("%.1f")
                                         : QStringLiteral("%.2f");
    if (m_scale.suffix.isEmpty() || !axisTitle().isEmpty())
        return number;
    QString suffix = m_scale.suffix;
    return number + u' ' + suffix.replace(u'%', QStringLiteral("%%"));
}

QString HistoryFeed::axisTitle() const
{
    const bool ascii = std::all_of(m_scale.suffix.cbegin(), m_scale.suffix.cend(),
                                   [](QChar c) { return c.unicode() < 128; });
    return ascii ? QString() : m_scale.suffix;
}

// Several inputs change together while QML builds a chart: redraw once, after them all.
void HistoryFeed::scheduleRefresh()
{
    if (m_refreshQueued)
        return;
    m_refreshQueued = true;
    QTimer::singleShot(0, this, [this] {
        if (m_refreshQueued)
            refresh();
    });
}

// Redrawing a line that moved by less than a pixel shows nothing new but costs a full chart
// repaint; the legend's newest values still change every tick.
// A fixed span does not move with the ticks: only the legend's newest values change.
void HistoryFeed::onTick()
{
    if (!m_active || !m_source)
        return;
    const History &history = m_source->history();
    const qint64 windowMs = m_span ? m_span->windowMs() : qint64(m_windowSeconds) * 1000;
    const qint64 msPerPixel = m_plotWidth > 0 ? windowMs / m_plotWidth : 0;
    if ((m_span && !m_span->isLive()) ||
        (m_timeMaximum > 0 && history.latestTs() - m_timeMaximum < msPerPixel)) {
        readLatest(history);
        return;
    }
    refresh();
}

void HistoryFeed::readLatest(const History &history)
{
    m_latest.clear();
    for (const QString &name : std::as_const(m_seriesNames)) {
        const QList<History::Point> last = history.points(name, history.latestTs());
        m_latest.append(last.isEmpty() ? qQNaN() : last.last().value);
    }
    emit latestChanged();
}

void HistoryFeed::refresh()
{
    m_refreshQueued = false;
    if (!m_active || !m_source)
        return;
    const History &history = m_source->history();
    qint64 newest = history.latestTs();
    if (newest == 0)
        newest = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = m_span ? m_span->from(newest) : newest - qint64(m_windowSeconds) * 1000;
    const qint64 to = m_span ? m_span->to(newest) : newest;
    if (wantsRange(history, from)) {
        // The lines drawn stay until the answer comes; the legend follows the ticks.
        readLatest(history);
        askRange(from, to);
        return;
    }
    m_rangeDrawn.reset();
    m_rangeNext.reset();
    drawFromHistory(history, from, to);
}

void HistoryFeed::drawFromHistory(const History &history, qint64 from, qint64 to)
{
    QList<QList<History::Point>> series;
    double largest = 0;
    fetch(history, from, to, &series, &largest);
    updateAxes(from, to, largest);
    removeBands();
    m_fromStore = false;
    m_downsampled = false;
    m_pointCount = 0;
    const qint64 gapMs = gapMsFor(m_source->intervalMs());
    m_extraLines.resize(m_targets.size());
    for (qsizetype i = 0; i < series.size() && i < m_targets.size(); ++i) {
        auto *line = qobject_cast<QXYSeries *>(m_targets[i].value<QObject *>());
        if (!line)
            continue;
        const QList<QList<QPointF>> segments =
            SeriesDecimator::segments(series[i], m_maxPoints, m_scale.divisor, gapMs);
        for (const QList<QPointF> &segment : segments)
            m_pointCount += int(segment.size());
        drawSegments(i, line, segments);
    }
    drawLevel(m_warningLine, m_warning);
    drawLevel(m_criticalLine, m_critical);
    emit updated();
    emit latestChanged();
}

void HistoryFeed::fetch(const History &history, qint64 from, qint64 to,
                        QList<QList<History::Point>> *series, double *largest)
{
    m_latest.clear();
    for (const QString &name : std::as_const(m_seriesNames)) {
        QList<History::Point> points = history.points(name, from);
        double newest = points.isEmpty() ? qQNaN() : points.last().value;
        // A fixed span ends before the newest ticks; the legend still shows the newest value.
        points.removeIf([to](const History::Point &point) { return point.ts > to; });
        for (const History::Point &point : std::as_const(points)) {
            if (!std::isnan(point.value))
                *largest = std::max(*largest, point.value);
        }
        series->append(std::move(points));
        m_latest.append(newest);
    }
}

void HistoryFeed::updateAxes(qint64 from, qint64 to, double largest)
{
    // The whole span, as the web client draws it: at start the line grows in from the right,
    // and one time scale means the same thing in every chart and every view.
    m_timeMinimum = from;
    m_timeMaximum = to;
    updateValueAxis(largest);
    updateTimeTicks();
}

void HistoryFeed::updateValueAxis(double largest)
{
    double top = largest;
    for (double level : {m_warning, m_critical}) {
        if (!std::isnan(level))
            top = std::max(top, level);
    }
    const bool fixedTop = !std::isnan(m_axisTop) && m_axisTop > 0 && top <= m_axisTop;
    m_scale = UnitScale::forLargest(UnitScale::Unit(m_unit), fixedTop ? m_axisTop : top);
    m_tickInterval = 0;
    if (m_unit == Unit::Percent) {
        // 0 to 100 on round steps: 4 labels would be 0, 33, 67, 100; 0, 50, 100 read better.
        m_valueMaximum = 100;
        m_tickInterval = UnitScale::niceCeiling(100.0 / (m_tickCount - 1));
        return;
    }
    if (!fixedTop) {
        m_valueMaximum = UnitScale::axisMaximum(top / m_scale.divisor, m_tickCount);
        return;
    }
    // The axis ends at the given top exactly; its labels keep to round steps below it.
    m_valueMaximum = m_axisTop / m_scale.divisor;
    m_tickInterval = UnitScale::niceCeiling(m_valueMaximum / (m_tickCount - 1));
}

void HistoryFeed::updateTimeTicks()
{
    // n labels need n - 1 gaps between them.
    const int maxCount = m_plotWidth > 0 ? std::max(2, m_plotWidth / m_timeTickSpacing + 1) : 5;
    const QList<qint64> ticks = TimeTicks::positions(m_timeMinimum, m_timeMaximum, maxCount);
    // Seconds only while the ticks are under a minute apart, the day where they are a day or
    // more apart ("7 Dec"), as the web's time axis labels them.
    const QString format = TimeTicks::daySteps(ticks) ? QStringLiteral("d MMM")
                           : ticks.size() >= 2 && ticks[1] - ticks[0] < 60000
                               ? QStringLiteral("hh:mm:ss")
                               : QStringLiteral("hh:mm");
    const double span = double(m_timeMaximum - m_timeMinimum);
    m_timeTicks.clear();
    for (qint64 tick : ticks) {
        m_timeTicks.append(
            QVariantMap{{QStringLiteral("position"), double(tick - m_timeMinimum) / span},
                        {QStringLiteral("label"),
                         QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(tick), format)}});
    }
}

void HistoryFeed::drawLevel(QObject *line, double level) const
{
    auto *series = qobject_cast<QXYSeries *>(line);
    if (!series)
        return;
    if (std::isnan(level)) {
        series->clear();
        return;
    }
    const double y = level / m_scale.divisor;
    series->replace(QList<QPointF>{{double(m_timeMinimum), y}, {double(m_timeMaximum), y}});
}

void HistoryFeed::drawSegments(qsizetype target, QXYSeries *line,
                               const QList<QList<QPointF>> &segments)
{
    line->replace(segments.value(0));
    QList<QPointer<QXYSeries>> &extras = m_extraLines[target];
    extras.removeIf([](const QPointer<QXYSeries> &extra) { return extra.isNull(); });
    const qsizetype wanted = std::max<qsizetype>(0, segments.size() - 1);
    while (extras.size() > wanted) {
        QPointer<QXYSeries> extra = extras.takeLast();
        if (extra && extra->chart())
            extra->chart()->removeSeries(extra);
        delete extra.data();
    }
    // A line outside a chart (a test's bare series) has nowhere to put more segments.
    QChart *chart = line->chart();
    while (chart && extras.size() < wanted) {
        auto *extra = new QLineSeries;
        chart->addSeries(extra);
        const auto axes = line->attachedAxes();
        for (QAbstractAxis *axis : axes)
            extra->attachAxis(axis);
        const auto markers = chart->legend()->markers(extra);
        for (QLegendMarker *marker : markers)
            marker->setVisible(false);
        extras.append(extra);
    }
    for (qsizetype i = 0; i < extras.size(); ++i) {
        extras[i]->setPen(line->pen());
        extras[i]->replace(segments[i + 1]);
    }
}

void HistoryFeed::removeExtraLines()
{
    for (const QList<QPointer<QXYSeries>> &extras : std::as_const(m_extraLines)) {
        for (const QPointer<QXYSeries> &extra : extras) {
            if (extra && extra->chart())
                extra->chart()->removeSeries(extra);
            delete extra.data();
        }
    }
    m_extraLines.clear();
}

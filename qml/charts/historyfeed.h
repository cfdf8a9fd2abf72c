#pragma once

#include "history/history.h"
#include "history/historyrange.h"
#include "timespan.h"
#include "unitscale.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>

class MetricsSource;
class QAreaSeries;
class QXYSeries;

// Feeds chart lines from the History, the way Qt's qmloscilloscope example does: once per tick
// it hands each line its whole point list with QXYSeries::replace(), so QML never appends points
// one by one. It also works out the axes: the time span shown, the unit that keeps the numbers
// readable (KiB/s, MiB/s, ...) and a round top for the value axis. While inactive (its view is
// hidden) it does nothing at all.
//
// Qt Charts cannot break a line (it drops NaN with a warning), so a line with outages in view is
// drawn as several segments: the target line draws the first, and the feed adds one more line per
// further segment to the target's chart, with the target's pen and axes and no legend marker.
// They exist only while a gap is in view, so the usual chart without one costs nothing more.
//
// A span the in-memory History does not hold (a live window longer than it, or a zoom or pan
// into the past before it) is asked of the range source (the store on disk), through a
// QFutureWatcher so that the event loop never waits for the disk: one question at a time, asked
// again only once the span has moved by a pixel. A down-sampled answer (minute or hour buckets,
// or buckets of several ticks) draws each bucket's average as the line and its lowest and highest
// values as a band under it (a QAreaSeries per segment, as the extra lines).
class HistoryFeed : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    // The MetricsSource (local or remote) whose history is shown (ticks trigger the updates).
    Q_PROPERTY(QObject *source READ source WRITE setSource NOTIFY inputChanged)
    // History series names, one per target line: "cpu.total", "net[eth0].rxBps", ...
    Q_PROPERTY(QStringList seriesNames READ seriesNames WRITE setSeriesNames NOTIFY inputChanged)
    // The chart lines (XYSeries) to fill, in the order of seriesNames.
    Q_PROPERTY(QVariantList targets READ targets WRITE setTargets NOTIFY inputChanged)
    // Seconds of history shown, ending at the newest tick, when no span is set.
    Q_PROPERTY(int windowSeconds READ windowSeconds WRITE setWindowSeconds NOTIFY inputChanged)
    // The span shown (Backend.span), live or fixed; it replaces windowSeconds.
    Q_PROPERTY(TimeSpan *span READ span WRITE setSpan NOTIFY inputChanged)
    // What answers for spans the in-memory History does not hold: an object that is a
    // HistoryRangeSource (Backend.historySource, the store); null: the History only.
    Q_PROPERTY(QObject *rangeSource READ rangeSource WRITE setRangeSource NOTIFY inputChanged)
    // What the values measure; decides the unit shown and the axis range.
    Q_PROPERTY(Unit unit READ unit WRITE setUnit NOTIFY inputChanged)
    // False while the chart is not shown: no work per tick.
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY inputChanged)
    // Most points one line gets; longer series keep each run's lowest and highest point.
    Q_PROPERTY(int maxPoints READ maxPoints WRITE setMaxPoints NOTIFY inputChanged)
    // Width of the plot in pixels (0: unknown). A tick redraws the lines only once the window
    // has moved by a pixel: every tick at 1 minute, every few ticks at 60 minutes.
    Q_PROPERTY(int plotWidth READ plotWidth WRITE setPlotWidth NOTIFY inputChanged)
    // Number of labels on the value axis, 0 included.
    Q_PROPERTY(int tickCount READ tickCount WRITE setTickCount NOTIFY inputChanged)
    // Warning and critical levels in raw units (NaN: no line), and the lines that draw them.
    Q_PROPERTY(double warning READ warning WRITE setWarning NOTIFY inputChanged)
    Q_PROPERTY(double critical READ critical WRITE setCritical NOTIFY inputChanged)
    Q_PROPERTY(QObject *warningLine READ warningLine WRITE setWarningLine NOTIFY inputChanged)
    Q_PROPERTY(QObject *criticalLine READ criticalLine WRITE setCriticalLine NOTIFY inputChanged)
    // Where the value axis ends, in raw units (NaN: a round top above the data): the memory's
    // total, say. Its ticks then fall on round steps below it (tickInterval); data or a level
    // above it puts the round top back.
    Q_PROPERTY(double axisTop READ axisTop WRITE setAxisTop NOTIFY inputChanged)
    // Fewest pixels between two time labels; the time ticks take the smallest round step that
    // keeps them this far apart.
    Q_PROPERTY(
        int timeTickSpacing READ timeTickSpacing WRITE setTimeTickSpacing NOTIFY inputChanged)

    // Time axis range: the window, or less while the history is shorter than the window.
    Q_PROPERTY(QDateTime timeMinimum READ timeMinimum NOTIFY updated)
    Q_PROPERTY(QDateTime timeMaximum READ timeMaximum NOTIFY updated)
    // Top of the value axis in the shown unit (the bottom is 0).
    Q_PROPERTY(double valueMaximum READ valueMaximum NOTIFY updated)
    // Distance between value ticks in the shown unit, from 0 up (a percent axis, an axis with
    // axisTop); 0 when the axis is split into tickCount equal steps instead (it ends on a round
    // number).
    Q_PROPERTY(double tickInterval READ tickInterval NOTIFY updated)
    // The time axis labels: [{position: 0 to 1 across the plot, label: "14:05:30"}], on round
    // clock times (TimeTicks); labels without seconds for windows over 15 minutes.
    Q_PROPERTY(QVariantList timeTicks READ timeTicks NOTIFY updated)
    // The shown unit: "%", "KiB/s", "°C", ...
    Q_PROPERTY(QString unitSuffix READ unitSuffix NOTIFY updated)
    // printf format of the value axis labels, with the unit when it is plain ASCII:
    // "%.0f MiB/s". Qt Charts mangles other characters in label formats.
    Q_PROPERTY(QString labelFormat READ labelFormat NOTIFY updated)
    // The unit as the value axis title when the labels cannot carry it ("°C"), else empty.
    Q_PROPERTY(QString axisTitle READ axisTitle NOTIFY updated)
    // Newest value of each series in raw units (NaN when it has none).
    Q_PROPERTY(QVariantList latestValues READ latestValues NOTIFY latestChanged)
    // Points drawn over all lines at the last update (for tests and the benchmark).
    // Segments are counted in; the extra lines of the segments are not targets.
    Q_PROPERTY(int pointCount READ pointCount NOTIFY updated)
    // Whether the lines come from the range source rather than the in-memory History, and
    // whether its buckets are averages of several ticks (the lines then have a min–max band).
    Q_PROPERTY(bool fromStore READ fromStore NOTIFY updated)
    Q_PROPERTY(bool downsampled READ downsampled NOTIFY updated)
    // What was running in the minute last asked with askProcesses(): {"minute": ms, "cpu":
    // [{pid, name, cpu, rss}…], "rss": […]}; empty while none is known.
    Q_PROPERTY(QVariantMap processes READ processes NOTIFY processesChanged)

public:
    enum class Unit {
        Percent = int(UnitScale::Unit::Percent),
        Bytes = int(UnitScale::Unit::Bytes),
        BytesPerSecond = int(UnitScale::Unit::BytesPerSecond),
        Celsius = int(UnitScale::Unit::Celsius),
        Count = int(UnitScale::Unit::Count),
        Watts = int(UnitScale::Unit::Watts),
    };
    Q_ENUM(Unit)

    explicit HistoryFeed(QObject *parent = nullptr);

    // Two successive ticks further apart than this are an outage: 1.5 intervals, never under a
    // second, the rule the web client uses for stale data and for its chart gaps
    // (linkstatus.js staleAfterMs), so both front ends break a line at the same places.
    static qint64 gapMsFor(int intervalMs);

    QObject *source() const;
    void setSource(QObject *source);
    QStringList seriesNames() const { return m_seriesNames; }
    void setSeriesNames(const QStringList &names);
    QVariantList targets() const { return m_targets; }
    void setTargets(const QVariantList &targets);
    int windowSeconds() const { return m_windowSeconds; }
    void setWindowSeconds(int seconds);
    TimeSpan *span() const { return m_span; }
    void setSpan(TimeSpan *span);
    QObject *rangeSource() const { return m_rangeObject; }
    void setRangeSource(QObject *source);
    Unit unit() const { return m_unit; }
    void setUnit(Unit unit);
    bool isActive() const { return m_active; }
    void setActive(bool active);
    int maxPoints() const { return m_maxPoints; }
    void setMaxPoints(int points);
    int plotWidth() const { return m_plotWidth; }
    void setPlotWidth(int pixels);
    int tickCount() const { return m_tickCount; }
    void setTickCount(int count);
    double warning() const { return m_warning; }
    void setWarning(double level);
    double critical() const { return m_critical; }
    void setCritical(double level);
    QObject *warningLine() const { return m_warningLine; }
    void setWarningLine(QObject *line);
    QObject *criticalLine() const { return m_criticalLine; }
    void setCriticalLine(QObject *line);
    double axisTop() const { return m_axisTop; }
    void setAxisTop(double top);
    int timeTickSpacing() const { return m_timeTickSpacing; }
    void setTimeTickSpacing(int pixels);

    QDateTime timeMinimum() const { return QDateTime::fromMSecsSinceEpoch(m_timeMinimum); }
    QDateTime timeMaximum() const { return QDateTime::fromMSecsSinceEpoch(m_timeMaximum); }
    double valueMaximum() const { return m_valueMaximum; }
    double tickInterval() const { return m_tickInterval; }
    QVariantList timeTicks() const { return m_timeTicks; }
    QString unitSuffix() const { return m_scale.suffix; }
    QString labelFormat() const;
    QString axisTitle() const;
    QVariantList latestValues() const { return m_latest; }
    int pointCount() const { return m_pointCount; }
    bool fromStore() const { return m_fromStore; }
    bool downsampled() const { return m_downsampled; }
    QVariantMap processes() const { return m_processes; }

    // Redraws from the history now (a tick does this by itself).
    Q_INVOKABLE void refresh();
    // The time (ms since the epoch) at a fraction of the plot's width, 0 at its left edge.
    Q_INVOKABLE double timeAt(double fraction) const;
    // Asks the range source what was running in the minute of ms; processes follows.
    Q_INVOKABLE void askProcesses(double ms);

signals:
    void inputChanged();
    void updated();
    void latestChanged();
    void processesChanged();

private:
    template<typename T>
    void change(T &member, const T &value);
    void scheduleRefresh();
    void onTick();
    void readLatest(const History &history);
    void fetch(const History &history, qint64 from, qint64 to, QList<QList<History::Point>> *series,
               double *largest);
    void updateAxes(qint64 from, qint64 to, double largest);
    void drawFromHistory(const History &history, qint64 from, qint64 to);
    bool wantsRange(const History &history, qint64 from) const;
    void askRange(qint64 from, qint64 to);
    void onRangeAnswered();
    void drawRange(const HistoryRange &range);
    void drawBands(qsizetype target, QXYSeries *line, const QList<QList<QPointF>> &lows,
                   const QList<QList<QPointF>> &highs);
    void removeBands();
    void onProcessesAnswered();
    void updateValueAxis(double largest);
    void updateTimeTicks();
    void drawLevel(QObject *line, double level) const;
    void drawSegments(qsizetype target, QXYSeries *line, const QList<QList<QPointF>> &segments);
    void removeExtraLines();

    QPointer<MetricsSource> m_source;
    QPointer<TimeSpan> m_span;
    QPointer<QObject> m_rangeObject;
    const HistoryRangeSource *m_rangeSource = nullptr;
    QMetaObject::Connection m_tickConnection;
    QStringList m_seriesNames;
    QVariantList m_targets;
    int m_windowSeconds = 300;
    Unit m_unit = Unit::Count;
    bool m_active = true;
    int m_maxPoints = 480;
    int m_plotWidth = 0;
    int m_tickCount = 5;
    double m_warning = qQNaN();
    double m_critical = qQNaN();
    double m_axisTop = qQNaN();
    int m_timeTickSpacing = 100;
    QPointer<QObject> m_warningLine;
    QPointer<QObject> m_criticalLine;
    bool m_refreshQueued = false;

    qint64 m_timeMinimum = 0;
    qint64 m_timeMaximum = 0;
    double m_valueMaximum = 1;
    double m_tickInterval = 0;
    QVariantList m_timeTicks;
    UnitScale m_scale;
    QVariantList m_latest;
    int m_pointCount = 0;
    bool m_fromStore = false;
    bool m_downsampled = false;
    // Per target, the lines that draw its segments after the first.
    QList<QList<QPointer<QXYSeries>>> m_extraLines;
    // Per target, the min–max band of each segment of a down-sampled span.
    QList<QList<QPointer<QAreaSeries>>> m_bands;

    // The range question in flight (while pending), the one to ask once it is answered, and
    // the one whose answer is drawn.
    QFutureWatcher<HistoryRange> m_rangeWatcher;
    bool m_rangePending = false;
    HistoryRangeRequest m_rangeAsked;
    std::optional<HistoryRangeRequest> m_rangeNext;
    std::optional<HistoryRangeRequest> m_rangeDrawn;
    qint64 m_rangeStep = 0;

    QFutureWatcher<QJsonObject> m_processesWatcher;
    qint64 m_processesMinute = -1; // the minute asked or shown
    qint64 m_processesNext = -1;   // the minute to ask once the one in flight is answered
    QVariantMap m_processes;
};

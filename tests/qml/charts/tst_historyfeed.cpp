#include "historyfeed.h"
#include "services/metricsservice.h"
#include "support/fixtureharness.h"

#include <QApplication>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <memory>

// HistoryFeed against the real core on the fixture machine (ticks every 0.2 s): it fills chart
// lines from the History with replace(), draws the level lines across the shown span, picks
// the unit, and on long windows redraws only once the window has moved by a pixel.
class TestHistoryFeed : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void linesGetTheHistory();
    void levelLinesSpanTheShownTime();
    void spansTheWholeWindowFromTheStart();
    void ratesGetAReadableUnit();
    void axisEndsAtTheGivenTop();
    void timeTicksOnRoundTimes();
    void longWindowRedrawsOncePerPixel();
    void inactiveFeedDoesNothing();
    void anOutageBreaksTheLine();

private:
    std::unique_ptr<HistoryFeed> feed(const QStringList &names, QLineSeries *line);
    void waitTicks(int ticks);

    FixtureHarness m_harness;
};

void TestHistoryFeed::initTestCase()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    waitTicks(3);
}

void TestHistoryFeed::waitTicks(int ticks)
{
    QSignalSpy spy(m_harness.monitor()->metrics(), &MetricsService::snapshotReady);
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= ticks, 10000);
}

std::unique_ptr<HistoryFeed> TestHistoryFeed::feed(const QStringList &names, QLineSeries *line)
{
    auto result = std::make_unique<HistoryFeed>();
    result->setSource(m_harness.monitor()->metrics());
    result->setSeriesNames(names);
    result->setTargets({QVariant::fromValue<QObject *>(line)});
    result->refresh();
    return result;
}

void TestHistoryFeed::linesGetTheHistory()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("cpu.total")}, &line);
    const History &history = m_harness.monitor()->metrics()->history();
    QCOMPARE(line.count(), int(history.size())); // a few points: all of them, none decimated
    // Every tick moves the fixture's counters by one step: (40 + 20) / 200 jiffies = 30%.
    for (const QPointF &point : line.points())
        QCOMPARE(point.y(), 30.0);
    QCOMPARE(f->latestValues().first().toDouble(), 30.0);
    // A plain count: 5 labels, 30 / 4 steps = 7.5, rounded up to 10 a step, so 40 on top.
    QCOMPARE(f->valueMaximum(), 40.0);
    f->setUnit(HistoryFeed::Unit::Percent);
    f->refresh();
    QCOMPARE(f->valueMaximum(), 100.0);
    QCOMPARE(f->tickInterval(), 25.0); // 5 labels: 100 / 4
    QCOMPARE(f->labelFormat(), QStringLiteral("%.0f %%"));
    // 4 labels would be 100 / 3 = 33.3 apart: rounded up to 50 (0, 50, 100).
    f->setTickCount(4);
    f->refresh();
    QCOMPARE(f->tickInterval(), 50.0);
}

void TestHistoryFeed::levelLinesSpanTheShownTime()
{
    QLineSeries line;
    QLineSeries warning;
    const auto f = feed({QStringLiteral("cpu.total")}, &line);
    f->setUnit(HistoryFeed::Unit::Percent);
    f->setWarning(75);
    f->setWarningLine(&warning);
    f->refresh();
    QCOMPARE(warning.count(), 2);
    QCOMPARE(warning.at(0), QPointF(double(f->timeMinimum().toMSecsSinceEpoch()), 75));
    QCOMPARE(warning.at(1), QPointF(double(f->timeMaximum().toMSecsSinceEpoch()), 75));
    f->setWarning(qQNaN());
    f->refresh();
    QCOMPARE(warning.count(), 0);
}

// A few seconds of history in a 5-minute window: the axis still spans 5 minutes ending at the
// newest sample, as the web client draws it, so the line starts at the right.
void TestHistoryFeed::spansTheWholeWindowFromTheStart()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("cpu.total")}, &line);
    f->setWindowSeconds(300);
    f->refresh();
    const qint64 newest = m_harness.monitor()->metrics()->history().latestTs();
    QCOMPARE(f->timeMaximum().toMSecsSinceEpoch(), newest);
    QCOMPARE(f->timeMinimum().toMSecsSinceEpoch(), newest - 300'000);
    QVERIFY(line.at(0).x() > double(newest - 300'000)); // the history is shorter than the window
}

void TestHistoryFeed::ratesGetAReadableUnit()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("net[eth0].rxBps")}, &line);
    f->setUnit(HistoryFeed::Unit::BytesPerSecond);
    f->refresh();
    // eth0 receives 200000 B per 0.2 s tick, about 977 KiB/s: shown in KiB/s (below 1 MiB/s).
    QCOMPARE(f->unitSuffix(), QStringLiteral("KiB/s"));
    QVERIFY(f->labelFormat().endsWith(QStringLiteral(" KiB/s")));
    for (const QPointF &point : line.points())
        QVERIFY(point.y() < 1024); // in KiB/s, not in bytes
}

// The memory chart's axis ends at the memory's total, not at a round number above it: the
// fixture's MemTotal is 16384000 kB = 16777216000 B = 15.625 GiB. Its 5 labels keep to round
// steps below it: 15.625 / 4 = 3.9 rounds up to 5 GiB (0, 5, 10, 15). Used memory (8192000 kB
// = 7.8125 GiB) stays under that top.
void TestHistoryFeed::axisEndsAtTheGivenTop()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("mem.used")}, &line);
    f->setUnit(HistoryFeed::Unit::Bytes);
    f->setAxisTop(16777216000.0);
    f->refresh();
    QCOMPARE(f->unitSuffix(), QStringLiteral("GiB"));
    QCOMPARE(f->valueMaximum(), 15.625);
    QCOMPARE(f->tickInterval(), 5.0);
    QCOMPARE(f->labelFormat(), QStringLiteral("%.0f GiB"));
    // A level above the top puts the round axis back: 20 GiB = 21474836480 B, 20 / 4 = 5 a step.
    f->setWarning(21474836480.0);
    f->refresh();
    QCOMPARE(f->valueMaximum(), 20.0);
    QCOMPARE(f->tickInterval(), 0.0);
}

// Time labels sit on round clock times: a 60 s window over a 500 px plot with 100 px between
// labels allows 500 / 100 + 1 = 6, so the step is 15 s (60 / 10 + 1 = 7 labels would be too
// many, 60 / 15 + 1 = 5 fit); each label's time is a whole multiple of 15 s.
void TestHistoryFeed::timeTicksOnRoundTimes()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("cpu.total")}, &line);
    f->setWindowSeconds(60);
    f->setPlotWidth(500);
    f->setTimeTickSpacing(100);
    f->refresh();
    const qint64 min = f->timeMinimum().toMSecsSinceEpoch();
    const QVariantList ticks = f->timeTicks();
    QVERIFY2(ticks.size() == 4 || ticks.size() == 5, qPrintable(QString::number(ticks.size())));
    for (const QVariant &tick : ticks) {
        const QVariantMap map = tick.toMap();
        const qint64 ms = min + qRound64(map.value(QStringLiteral("position")).toDouble() * 60000);
        QCOMPARE(ms % 15000, 0);
        const QString label = map.value(QStringLiteral("label")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:(00|15|30|45)$"))
                     .match(label)
                     .hasMatch(),
                 qPrintable(label));
    }
}

void TestHistoryFeed::longWindowRedrawsOncePerPixel()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("cpu.total")}, &line);
    f->setWindowSeconds(3600);
    f->setPlotWidth(100); // 36 s per pixel: no tick of this test moves the chart by one
    f->refresh();
    const QDateTime drawnUntil = f->timeMaximum();
    QSignalSpy updated(f.get(), &HistoryFeed::updated);
    QSignalSpy latest(f.get(), &HistoryFeed::latestChanged);
    waitTicks(2);
    QCOMPARE(updated.count(), 0);
    QVERIFY(latest.count() >= 2); // the legend still follows every tick
    QCOMPARE(f->timeMaximum(), drawnUntil);
    f->setWindowSeconds(60);
    f->setPlotWidth(0); // width unknown: every tick redraws
    QTRY_VERIFY(updated.count() >= 2);
    QVERIFY(f->timeMaximum() > drawnUntil);
}

void TestHistoryFeed::inactiveFeedDoesNothing()
{
    QLineSeries line;
    const auto f = feed({QStringLiteral("cpu.total")}, &line);
    f->setActive(false);
    QSignalSpy updated(f.get(), &HistoryFeed::updated);
    QSignalSpy latest(f.get(), &HistoryFeed::latestChanged);
    waitTicks(2);
    QCOMPARE(updated.count(), 0);
    QCOMPARE(latest.count(), 0);
}

// The history a restart leaves (core/store/storeservice.cpp fills it so): the ticks from before,
// then an empty tick that marks the restart, then the new ticks after a hole in time. Filled into
// a metrics service that never starts, on the fixture's settings (ticks every 0.2 s).
void TestHistoryFeed::anOutageBreaksTheLine()
{
    MetricsService metrics(m_harness.monitor()->settings(), SystemPaths{});
    const QStringList names{QStringLiteral("cpu.total")};
    const qint64 start = 1'700'000'000'000;
    metrics.fillHistory(start, names, {10});
    metrics.fillHistory(start + 200, names, {20});
    metrics.fillHistory(start + 400, names, {30});
    metrics.fillHistory(start + 600, {}, {}); // the restart
    metrics.fillHistory(start + 5000, names, {40});
    metrics.fillHistory(start + 5200, names, {50});

    QChart chart;
    auto *time = new QValueAxis; // the chart owns its axes and lines
    auto *value = new QValueAxis;
    auto *line = new QLineSeries;
    chart.addSeries(line);
    chart.addAxis(time, Qt::AlignBottom);
    chart.addAxis(value, Qt::AlignLeft);
    line->attachAxis(time);
    line->attachAxis(value);
    line->setPen(QPen(Qt::red, 2));

    HistoryFeed f;
    f.setSource(&metrics);
    f.setSeriesNames(names);
    f.setUnit(HistoryFeed::Unit::Percent);
    f.setTargets({QVariant::fromValue<QObject *>(line)});
    f.refresh();

    // Two segments: the line itself up to the restart, one more line after it, with the same
    // pen and axes and no legend marker. Nothing lies between start + 400 and start + 5000.
    QCOMPARE(chart.series().size(), 2);
    QCOMPARE(line->points(),
             (QList<QPointF>{
                 {double(start), 10}, {double(start + 200), 20}, {double(start + 400), 30}}));
    auto *after = qobject_cast<QLineSeries *>(chart.series().at(1));
    QVERIFY(after);
    QCOMPARE(after->points(),
             (QList<QPointF>{{double(start + 5000), 40}, {double(start + 5200), 50}}));
    QCOMPARE(after->pen(), line->pen());
    QCOMPARE(after->attachedAxes().size(), 2);
    const auto markers = chart.legend()->markers(after);
    QCOMPARE(markers.size(), 1);
    QVERIFY(!markers.first()->isVisible());
    QCOMPARE(f.pointCount(), 5);

    // A 1-second window (from start + 4200) no longer shows the outage: one line again.
    f.setWindowSeconds(1);
    f.refresh();
    QCOMPARE(chart.series().size(), 1);
    QCOMPARE(line->points(),
             (QList<QPointF>{{double(start + 5000), 40}, {double(start + 5200), 50}}));
}

QTEST_MAIN(TestHistoryFeed)
#include "tst_historyfeed.moc"

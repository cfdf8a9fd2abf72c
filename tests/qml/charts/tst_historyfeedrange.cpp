#include "historyfeed.h"
#include "services/metricsservice.h"
#include "settings/settings.h"
#include "timespan.h"

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QJsonArray>
#include <QLineSeries>
#include <QPromise>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <memory>
#include <optional>

namespace {

constexpr qint64 Newest = 1'700'000'000'000; // 14 Nov 2023 22:13:20 UTC
constexpr qint64 HourMs = 3'600'000;

// A range source over fixture data: six hourly buckets (tier 2) with a gap in the third, and
// one kept minute of processes. Each question is recorded; with `hold` set, range answers wait
// until release(), as the store's reader thread would make them wait.
class FixtureSource : public QObject, public HistoryRangeSource
{
public:
    bool hold = false;
    mutable QList<HistoryRangeRequest> asked;
    mutable QList<qint64> processesAsked;
    mutable std::optional<QPromise<HistoryRange>> held;

    static HistoryRange answer(const HistoryRangeRequest &request)
    {
        HistoryRange range;
        range.from = request.from;
        range.to = request.to;
        range.step = HourMs;
        range.tier = 2;
        for (int i = 0; i < 6; ++i)
            range.ts.append(request.from + i * HourMs);
        range.names = {QStringLiteral("cpu.total")};
        range.avg = {{10, 20, qQNaN(), 30, 40, 50}};
        range.min = {{5, 15, qQNaN(), 25, 35, 45}};
        range.max = {{15, 25, qQNaN(), 35, 45, 55}};
        return range;
    }

    QFuture<HistoryRange> range(const HistoryRangeRequest &request) const override
    {
        asked.append(request);
        if (!hold)
            return QtFuture::makeReadyFuture(answer(request));
        held.emplace();
        held->start();
        return held->future();
    }

    void release()
    {
        held->addResult(answer(asked.last()));
        held->finish();
    }

    QFuture<QJsonObject> processesAt(qint64 ms) const override
    {
        processesAsked.append(ms);
        const QJsonObject process{{QStringLiteral("pid"), 42},
                                  {QStringLiteral("name"), QStringLiteral("make")},
                                  {QStringLiteral("cpu"), 97.5},
                                  {QStringLiteral("rss"), 1048576}};
        return QtFuture::makeReadyFuture(QJsonObject{{QStringLiteral("minute"), double(ms)},
                                                     {QStringLiteral("cpu"), QJsonArray{process}},
                                                     {QStringLiteral("rss"), QJsonArray{process}}});
    }
};

} // namespace

// HistoryFeed over spans the in-memory History does not hold: it asks the range source (never
// waiting on the answer), one question at a time, draws the averages as lines broken at empty
// buckets and the lowest and highest values as a band, and asks for the top processes of the
// minute pointed at. The History holds ticks at 1 s (the default interval, an hour kept).
class TestHistoryFeedRange : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void shortLiveWindowReadsTheHistory();
    void longWindowAsksTheStore();
    void downsampledSpanDrawsABand();
    void oneQuestionAtATime();
    void zoomInsideTheHistoryReadsIt();
    void daysOnALongAxis();
    void processesOfThePointedMinute();

private:
    void build();

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MetricsService> m_metrics;
    std::unique_ptr<QChart> m_chart;
    QLineSeries *m_line = nullptr;
    FixtureSource m_source;
    TimeSpan m_span;
    std::unique_ptr<HistoryFeed> m_feed;
};

void TestHistoryFeedRange::init()
{
    qputenv("TZ", "UTC");
    m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("vantage.conf")));
    m_settings->load();
    m_metrics = std::make_unique<MetricsService>(m_settings.get(), SystemPaths{});
    // The last 10 s before Newest at 50 %.
    for (qint64 ts = Newest - 9000; ts <= Newest; ts += 1000)
        m_metrics->fillHistory(ts, {QStringLiteral("cpu.total")}, {50});
    m_source.asked.clear();
    m_source.processesAsked.clear();
    m_source.hold = false;
    m_span.goLive();
    m_span.choose(300000);
    build();
}

void TestHistoryFeedRange::cleanup()
{
    m_feed.reset();
    m_chart.reset();
}

void TestHistoryFeedRange::build()
{
    m_chart = std::make_unique<QChart>();
    auto *time = new QValueAxis; // the chart owns its axes and lines
    auto *value = new QValueAxis;
    m_line = new QLineSeries;
    m_chart->addSeries(m_line);
    m_chart->addAxis(time, Qt::AlignBottom);
    m_chart->addAxis(value, Qt::AlignLeft);
    m_line->attachAxis(time);
    m_line->attachAxis(value);
    m_line->setColor(Qt::red);
    m_feed = std::make_unique<HistoryFeed>();
    m_feed->setSource(m_metrics.get());
    m_feed->setSeriesNames({QStringLiteral("cpu.total")});
    m_feed->setUnit(HistoryFeed::Unit::Percent);
    m_feed->setTargets({QVariant::fromValue<QObject *>(m_line)});
    m_feed->setSpan(&m_span);
    m_feed->setRangeSource(&m_source);
}

void TestHistoryFeedRange::shortLiveWindowReadsTheHistory()
{
    m_feed->refresh();
    QVERIFY(m_source.asked.isEmpty());
    QVERIFY(!m_feed->fromStore());
    QCOMPARE(m_line->count(), 10);
    QCOMPARE(m_feed->timeMinimum().toMSecsSinceEpoch(), Newest - 300000);
}

void TestHistoryFeedRange::longWindowAsksTheStore()
{
    m_span.choose(86400000.0);
    m_feed->setPlotWidth(400);
    m_feed->refresh();
    // 24 h > the hour the History keeps: asked of the store, one bucket per pixel.
    QCOMPARE(m_source.asked.size(), 1);
    const HistoryRangeRequest request = m_source.asked.first();
    QCOMPARE(request.series, QStringList{QStringLiteral("cpu.total")});
    QCOMPARE(request.from, Newest - 86400000);
    QCOMPARE(request.to, Newest);
    QCOMPARE(request.points, 400);
    QTRY_VERIFY(m_feed->fromStore());
    QCOMPARE(m_feed->timeMinimum().toMSecsSinceEpoch(), Newest - 86400000);
    QCOMPARE(m_feed->timeMaximum().toMSecsSinceEpoch(), Newest);
    // The same span again (a tick that moved it by less than a pixel): no new question.
    m_feed->refresh();
    QCOMPARE(m_source.asked.size(), 1);
}

void TestHistoryFeedRange::downsampledSpanDrawsABand()
{
    m_span.choose(86400000.0);
    m_feed->refresh();
    QTRY_VERIFY(m_feed->downsampled());
    const double from = double(Newest - 86400000);
    const double h = double(HourMs);
    // Averages 10, 20 | gap | 30, 40, 50: the line to the gap, one more line after it.
    QCOMPARE(m_line->points(), (QList<QPointF>{{from, 10}, {from + h, 20}}));
    QList<QAreaSeries *> bands;
    QList<QLineSeries *> lines;
    for (QAbstractSeries *series : m_chart->series()) {
        if (auto *band = qobject_cast<QAreaSeries *>(series))
            bands.append(band);
        else if (series != m_line)
            lines.append(qobject_cast<QLineSeries *>(series));
    }
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()->points(),
             (QList<QPointF>{{from + 3 * h, 30}, {from + 4 * h, 40}, {from + 5 * h, 50}}));
    QCOMPARE(m_feed->pointCount(), 5);
    // One band per segment, from each bucket's lowest to its highest value, in the line's red
    // at 20 % opacity (255 * 0.2 = 51).
    QCOMPARE(bands.size(), 2);
    QCOMPARE(bands[0]->lowerSeries()->points(), (QList<QPointF>{{from, 5}, {from + h, 15}}));
    QCOMPARE(bands[0]->upperSeries()->points(), (QList<QPointF>{{from, 15}, {from + h, 25}}));
    QCOMPARE(bands[1]->lowerSeries()->points(),
             (QList<QPointF>{{from + 3 * h, 25}, {from + 4 * h, 35}, {from + 5 * h, 45}}));
    QCOMPARE(bands[1]->upperSeries()->points(),
             (QList<QPointF>{{from + 3 * h, 35}, {from + 4 * h, 45}, {from + 5 * h, 55}}));
    QCOMPARE(bands[0]->brush().color().alpha(), 51);
    QCOMPARE(bands[0]->brush().color().red(), 255);

    // Back to a live 5 min window: the History draws again, with no band.
    m_span.choose(300000.0);
    m_feed->refresh();
    QVERIFY(!m_feed->downsampled());
    QCOMPARE(m_chart->series().size(), 1);
    QCOMPARE(m_line->count(), 10);
}

// The store's answer is waited for without blocking: spans asked meanwhile are not queued one by
// one, only the last is asked once the answer is in.
void TestHistoryFeedRange::oneQuestionAtATime()
{
    m_source.hold = true;
    m_span.choose(86400000.0);
    m_feed->refresh();
    QCOMPARE(m_source.asked.size(), 1);
    m_span.choose(604800000.0);
    m_feed->refresh();
    m_span.choose(2592000000.0);
    m_feed->refresh();
    QCOMPARE(m_source.asked.size(), 1);
    QVERIFY(!m_feed->fromStore());
    m_source.hold = false;
    m_source.release();
    QTRY_COMPARE(m_source.asked.size(), 2);
    QCOMPARE(m_source.asked.last().from, Newest - 2592000000);
    QTRY_COMPARE(m_feed->timeMinimum().toMSecsSinceEpoch(), Newest - 2592000000);
}

void TestHistoryFeedRange::zoomInsideTheHistoryReadsIt()
{
    // Zoomed into the 5 s before Newest - 2 s: the History holds it (from Newest - 9 s).
    QVERIFY(m_span.zoom(double(Newest - 7000), double(Newest - 2000)));
    m_feed->refresh();
    QVERIFY(m_source.asked.isEmpty());
    // The ticks at Newest - 7 s to Newest - 2 s: 6 points, none after the span.
    QCOMPARE(m_line->count(), 6);
    QCOMPARE(m_line->points().last().x(), double(Newest - 2000));
    // Panned a span back (Newest - 12 s to - 7 s): before the oldest tick, so the store's.
    m_span.pan(-1, double(Newest));
    m_feed->refresh();
    QCOMPARE(m_source.asked.size(), 1);
    QCOMPARE(m_source.asked.first().from, Newest - 12000);
    QCOMPARE(m_source.asked.first().to, Newest - 7000);
}

// 30 days over 600 px with labels 100 px apart: 7 fit, so a week apart (30 / 7 + 1 = 5; 2 d would
// need 16), named by day and month.
void TestHistoryFeedRange::daysOnALongAxis()
{
    m_span.choose(2592000000.0);
    m_feed->setPlotWidth(600);
    m_feed->setTimeTickSpacing(100);
    m_feed->refresh();
    QTRY_VERIFY(m_feed->fromStore());
    const QVariantList ticks = m_feed->timeTicks();
    // Week steps count from the epoch, a Thursday: from 15 Oct 22:13:20 (Newest - 30 d) to
    // 14 Nov, the Thursdays 19 Oct, 26 Oct, 2 Nov and 9 Nov.
    QCOMPARE(ticks.size(), 4);
    QCOMPARE(ticks.first().toMap().value(QStringLiteral("label")).toString(),
             QStringLiteral("19 Oct"));
    QCOMPARE(ticks.last().toMap().value(QStringLiteral("label")).toString(),
             QStringLiteral("9 Nov"));
}

void TestHistoryFeedRange::processesOfThePointedMinute()
{
    // 22:12:30 is in the minute from 22:12:00 (Newest - 80 s): that minute is asked, once.
    m_feed->askProcesses(double(Newest - 50000));
    QTRY_COMPARE(m_feed->processes().value(QStringLiteral("minute")).toDouble(),
                 double(Newest - 80000));
    m_feed->askProcesses(double(Newest - 45000));
    QCOMPARE(m_source.processesAsked, QList<qint64>{Newest - 80000});
    const QVariantList cpu = m_feed->processes().value(QStringLiteral("cpu")).toList();
    QCOMPARE(cpu.size(), 1);
    QCOMPARE(cpu.first().toMap().value(QStringLiteral("name")).toString(), QStringLiteral("make"));
    // Without a range source (memory-only history) nothing is kept: no processes.
    m_feed->setRangeSource(nullptr);
    m_feed->askProcesses(double(Newest - 200000));
    QVERIFY(m_feed->processes().isEmpty());
}

QTEST_MAIN(TestHistoryFeedRange)
#include "tst_historyfeedrange.moc"

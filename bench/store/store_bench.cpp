// The history store's figures: bytes per sample per tier of a real history file, the projected
// size of the defaults, the write cost per tick, and the time of a 24 h and a 30 day query of one
// series. See README.md beside this file.
//
//   vantage_store_bench HISTORY_FILE        figures, HISTORY_FILE from a vantage run at 1 Hz
//   vantage_store_bench --ticks HISTORY_FILE  the stored tick timestamps, one a line

#include "history/seriescatalog.h"
#include "store/blockcodec.h"
#include "store/storedatabase.h"
#include "store/storereader.h"
#include "store/storewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <limits>

namespace {

constexpr qint64 Hour = 3'600'000;
constexpr qint64 Day = 24 * Hour;

struct TierFigures
{
    qint64 blocks = 0, bytes = 0, points = 0, samples = 0, series = 0;
};

TierFigures measure(StoreDatabase &db, int tier)
{
    TierFigures f;
    for (const auto &stored : db.blocks(tier, 0, std::numeric_limits<qint64>::max())) {
        BlockCodec::Block block;
        if (!BlockCodec::decode(stored.data, &block))
            continue;
        ++f.blocks;
        f.bytes += stored.data.size();
        f.points += block.ts.size();
        f.samples += block.ts.size() * block.seriesIds.size();
        f.series = std::max<qint64>(f.series, block.seriesIds.size());
    }
    return f;
}

// Tier 0 as this build writes it: each stored block decoded and encoded again with the decimals
// of the series catalogue, so a file written by an older build shows today's codec too.
TierFigures recoded(StoreDatabase &db)
{
    TierFigures f;
    const QHash<qint64, QString> names = db.seriesNames();
    for (const auto &stored : db.blocks(0, 0, std::numeric_limits<qint64>::max())) {
        BlockCodec::Block block;
        if (!BlockCodec::decode(stored.data, &block))
            continue;
        block.decimals.clear();
        for (const qint64 id : std::as_const(block.seriesIds))
            block.decimals.append(SeriesCatalog::describe(names.value(id)).decimals);
        ++f.blocks;
        f.bytes += BlockCodec::encode(block).size();
        f.points += block.ts.size();
        f.samples += block.ts.size() * block.seriesIds.size();
        f.series = std::max<qint64>(f.series, block.seriesIds.size());
    }
    return f;
}

qint64 fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

double threadCpuUs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e6 + double(t.tv_nsec) / 1e3;
}

// The real ticks of the file, as values of the Snapshot fields they came from.
using Setter = std::function<void(Snapshot &, double)>;
QList<QPair<QString, Setter>> setters()
{
    return {
        {QStringLiteral("cpu.total"), [](Snapshot &s, double v) { s.cpu.total = v; }},
        {QStringLiteral("cpu.user"), [](Snapshot &s, double v) { s.cpu.user = v; }},
        {QStringLiteral("cpu.system"), [](Snapshot &s, double v) { s.cpu.system = v; }},
        {QStringLiteral("cpu.iowait"), [](Snapshot &s, double v) { s.cpu.iowait = v; }},
        {QStringLiteral("load.1"), [](Snapshot &s, double v) { s.load[0] = v; }},
        {QStringLiteral("load.5"), [](Snapshot &s, double v) { s.load[1] = v; }},
        {QStringLiteral("load.15"), [](Snapshot &s, double v) { s.load[2] = v; }},
        {QStringLiteral("mem.used"), [](Snapshot &s, double v) { s.mem.used = quint64(v); }},
        {QStringLiteral("mem.available"),
         [](Snapshot &s, double v) { s.mem.available = quint64(v); }},
        {QStringLiteral("mem.cached"), [](Snapshot &s, double v) { s.mem.cached = quint64(v); }},
        {QStringLiteral("mem.percent"), [](Snapshot &s, double v) { s.mem.percent = v; }},
        {QStringLiteral("procs.count"), [](Snapshot &s, double v) { s.procs.count = int(v); }},
        {QStringLiteral("procs.threads"), [](Snapshot &s, double v) { s.procs.threads = int(v); }},
        {QStringLiteral("self.cpu"), [](Snapshot &s, double v) { s.self.cpu = v; }},
        {QStringLiteral("self.rss"), [](Snapshot &s, double v) { s.self.rss = quint64(v); }},
        {QStringLiteral("self.tickUs"), [](Snapshot &s, double v) { s.self.tickUs = qint64(v); }},
    };
}

QList<Snapshot> realSnapshots(const StoreReader::Ticks &ticks)
{
    QList<Snapshot> result;
    const auto table = setters();
    QList<qsizetype> cores;
    for (int c = 0;; ++c) {
        const qsizetype i = ticks.names.indexOf(QStringLiteral("cpu.cores[%1]").arg(c));
        if (i < 0)
            break;
        cores.append(i);
    }
    for (qsizetype t = 0; t < ticks.ts.size(); ++t) {
        Snapshot s;
        for (const auto &[name, set] : table) {
            const qsizetype i = ticks.names.indexOf(name);
            if (i >= 0)
                set(s, ticks.values[i][t]);
        }
        for (qsizetype i : cores)
            s.cpu.cores.append(ticks.values[i][t]);
        result.append(s);
    }
    return result;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

int listTicks(const QString &path)
{
    StoreReader reader(path, [] { return 0; });
    for (qint64 ts : reader.ticks(0, std::numeric_limits<qint64>::max()).ts)
        std::printf("%lld\n", static_cast<long long>(ts));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 2 && args[0] == u"--ticks")
        return listTicks(args[1]);
    if (args.size() != 1) {
        std::fprintf(stderr, "usage: vantage_store_bench [--ticks] HISTORY_FILE\n");
        return 2;
    }

    // 1. What a real run stored.
    StoreDatabase real;
    if (!real.open(args[0], true)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(args[0]), qPrintable(real.errorString()));
        return 1;
    }
    const TierFigures stored0 = measure(real, 0), raw = recoded(real), minutes = measure(real, 1),
                      hours = measure(real, 2);
    std::printf("file %s: %lld bytes\n", qPrintable(args[0]),
                static_cast<long long>(fileBytes(args[0])));
    const auto show = [](const char *name, const TierFigures &f) {
        std::printf("tier %s: %lld blocks, %lld points, %lld series, %lld bytes, %.3f bytes per "
                    "sample\n",
                    name, static_cast<long long>(f.blocks), static_cast<long long>(f.points),
                    static_cast<long long>(f.series), static_cast<long long>(f.bytes),
                    f.samples ? double(f.bytes) / double(f.samples) : 0.0);
    };
    show("0 (ticks), as stored", stored0);
    show("0 (ticks), as this build codes them", raw);
    show("1 (minutes, min/avg/max)", minutes);
    show("2 (hours, min/avg/max)", hours);

    StoreReader realReader(args[0], [] { return 0; });
    const StoreReader::Ticks ticks = realReader.ticks(0, std::numeric_limits<qint64>::max());
    // Where tier 0's bytes go: each series' values coded alone, over every stored tick, as this
    // build codes them (scaled, or exact floats where it has no decimals for the series).
    std::printf("tier 0 bytes per sample by series:");
    for (qsizetype i = 0; i < ticks.names.size(); ++i) {
        QByteArray coded;
        if (!BlockCodec::encodeScaled(ticks.values[i],
                                      SeriesCatalog::describe(ticks.names[i]).decimals, &coded))
            coded = BlockCodec::encodeFloats(ticks.values[i]);
        std::printf(" %s=%.2f", qPrintable(ticks.names[i]),
                    double(coded.size()) / double(ticks.ts.size()));
    }
    std::printf("\n");
    const QList<Snapshot> replay = realSnapshots(ticks);
    if (replay.isEmpty()) {
        std::fprintf(stderr, "no ticks in %s\n", qPrintable(args[0]));
        return 1;
    }

    // 2. A store of 24 h of ticks at 1 s and 30 days of minutes, replaying the real values.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.db"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    StoreWriter writer;
    StoreConfig config;
    config.path = path;
    config.flushSeconds = 3600; // flushed by hand below, every 10 ticks as the default does
    writer.start(config);
    qsizetype r = 0;
    for (qint64 ts = now - 30 * Day; ts < now - Day; ts += 60'000) {
        Snapshot s = replay[r++ % replay.size()];
        s.ts = ts;
        writer.enqueue(s);
        if (r % 600 == 0)
            writer.flush();
    }
    writer.flush();
    double enqueueUs = 0, writerUs = 0;
    qint64 count = 0;
    QElapsedTimer wall;
    for (qint64 ts = now - Day; ts < now; ts += 1000, ++count) {
        Snapshot s = replay[r++ % replay.size()];
        s.ts = ts;
        wall.start();
        writer.enqueue(s);
        enqueueUs += double(wall.nsecsElapsed()) / 1e3;
        if (count % 10 == 9) {
            const double before = threadCpuUs();
            writer.flush();
            writerUs += threadCpuUs() - before;
        }
    }
    writer.stop();
    std::printf("write cost per tick at 1 s: %.2f us on the tick (hand-over), %.1f us CPU on the "
                "writer thread (flatten, roll up, encode, write; flush every 10 ticks)\n",
                enqueueUs / double(count), writerUs / double(count));

    StoreDatabase synthetic;
    synthetic.open(path, true);
    const TierFigures s0 = measure(synthetic, 0), s1 = measure(synthetic, 1);
    const double overhead =
        double(fileBytes(path)) / double(s0.bytes + s1.bytes + measure(synthetic, 2).bytes);
    // The projection: the real tier 0 bytes per sample, the real minute bytes per point (hours
    // have the same three noisy columns, so a minute stands in for an hour when the file has too
    // few hours), times the points the defaults keep, times SQLite's own overhead measured here.
    const double b0 = raw.samples ? double(raw.bytes) / double(raw.samples) : 0;
    const double b1 = minutes.samples ? double(minutes.bytes) / double(minutes.samples) : 0;
    const double b2 =
        hours.samples >= 24 * raw.series ? double(hours.bytes) / double(hours.samples) : b1;
    const double series = double(raw.series);
    const auto project = [&](double tick) {
        return series * (24 * 3600 * tick + 30 * 1440 * b1 + 730 * 24 * b2) * overhead / 1024 /
               1024;
    };
    // Tier 0 as stored too, which for a file of an older build shows what the codec changed.
    const double b0Stored = stored0.samples ? double(stored0.bytes) / double(stored0.samples) : 0;
    std::printf("projected size of the defaults (%g series, 24 h ticks at 1 s, 30 d minutes, 730 "
                "d hours, SQLite overhead x%.2f): %.1f MiB (%.1f MiB with tier 0 as stored)\n",
                series, overhead, project(b0), project(b0Stored));

    // 3. Queries of one series, the median of 20.
    StoreReader reader(path, [] { return 0; });
    const std::array<qint64, StoreTiers::Count> retention = {Day, 30 * Day, 730 * Day};
    for (const auto &[label, from] : QList<QPair<const char *, qint64>>{
             {"24 h", now - Day + 1}, {"30 days", now - 30 * Day + 1}}) {
        QList<double> times;
        HistoryRange answer;
        for (int i = 0; i < 20; ++i) {
            wall.start();
            answer = reader.range({{QStringLiteral("cpu.total")}, from, now, 1000}, now, retention,
                                  1000);
            times.append(double(wall.nsecsElapsed()) / 1e6);
        }
        // Of which SQLite hands over the blocks; the rest is decoding and bucketing.
        QList<double> reads;
        for (int i = 0; i < 20; ++i) {
            wall.start();
            synthetic.blocks(answer.tier,
                             StoreTiers::align(from, StoreTiers::blockSpanMs[size_t(answer.tier)]),
                             now);
            reads.append(double(wall.nsecsElapsed()) / 1e6);
        }
        std::printf("query %s of cpu.total, 1000 points: %.2f ms (tier %d, %lld buckets; %.2f ms "
                    "of it reading the blocks)\n",
                    label, median(times), answer.tier, static_cast<long long>(answer.ts.size()),
                    median(reads));
    }
    return 0;
}

#include "desktopsession.h"
#include "monitor.h"
#include "services/metricsservice.h"
#include "support/historyseeder.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>

// The desktop window as a user leaves it open: this machine's /proc at one tick a second, the
// Overview (four charts, every one showing the full hour), for a while; then prints the
// process's own CPU use over that time and its memory. The hour of history is synthetic
// (HistorySeeder), filled before the window opens. Never a test: run.sh runs it under Xvfb.
// Usage: desktop_bench [SECONDS] [VIEW] [CHART_WINDOW_SECONDS] [WIDTHxHEIGHT]
namespace {

double cpuSeconds()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A "VmRSS:" or "VmHWM:" line of /proc/self/status, in MiB.
double statusMiB(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return qQNaN();
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toDouble() / 1024;
    }
    return qQNaN();
}

// One real tick of this machine, for the shape of the synthetic past.
Snapshot shapeOfThisMachine(const Monitor::Options &options)
{
    Monitor::Options probe = options;
    probe.serve = false;
    Monitor monitor(probe);
    Snapshot shape;
    QObject::connect(monitor.metrics(), &MetricsService::snapshotReady, qApp,
                     [&shape](const Snapshot &s) {
                         shape = s;
                         QCoreApplication::exit(0);
                     });
    monitor.start();
    QCoreApplication::exec();
    return shape;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int seconds = argc > 1 ? QByteArray(argv[1]).toInt() : 600;
    const int view = argc > 2 ? QByteArray(argv[2]).toInt() : 0;
    const int chartSeconds = argc > 3 ? QByteArray(argv[3]).toInt() : 3600;
    const QList<QByteArray> size = QByteArray(argc > 4 ? argv[4] : "1280x800").split('x');
    const int width = size.value(0).toInt();
    const int height = size.value(1).toInt();
    if (width <= 0 || height <= 0) {
        std::fprintf(stderr, "desktop_bench: the size is WIDTHxHEIGHT, e.g. 1600x1000\n");
        return 2;
    }
    QTemporaryDir config;
    Monitor::Options options;
    options.configFile = config.filePath(QStringLiteral("vantage.conf"));
    options.settingOverrides = {{QStringLiteral("server/port"), 0},
                                {QStringLiteral("general/interval"), 1.0}};

    const HistorySeeder seeder(shapeOfThisMachine(options));
    Monitor monitor(options);
    seeder.seed(monitor.metrics(), 3600, QDateTime::currentMSecsSinceEpoch(), 1000);
    if (!monitor.start())
        return 1;
    DesktopSession::chooseStyle();
    DesktopSession session(&monitor);
    if (!session.open())
        return 1;
    session.window()->resize(width, height);
    session.window()->setProperty("windowSeconds", chartSeconds);
    session.window()->setProperty("currentView", view);

    double startCpu = 0;
    QElapsedTimer wall;
    // Ten seconds to settle (first layout, fonts, the first full redraws), then measure.
    QTimer::singleShot(10'000, [&] {
        startCpu = cpuSeconds();
        wall.start();
        QTimer::singleShot(seconds * 1000, [&] {
            const double elapsed = wall.elapsed() / 1000.0;
            std::printf("window: %dx%d, view %d, charts of the last %d s, %d ticks of history, "
                        "interval 1 s\n",
                        width, height, view, chartSeconds,
                        int(monitor.metrics()->history().size()));
            std::printf("measured: %.0f s\n", elapsed);
            std::printf("cpu: %.2f %% of one core\n", 100 * (cpuSeconds() - startCpu) / elapsed);
            std::printf("rss: %.1f MiB (peak %.1f MiB)\n", statusMiB("VmRSS:"),
                        statusMiB("VmHWM:"));
            QCoreApplication::exit(0);
        });
    });
    const int code = QCoreApplication::exec();
    monitor.stop();
    return code;
}

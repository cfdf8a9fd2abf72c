#include "alerts/alertservice.h"
#include "desktopsession.h"
#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "settings/settings.h"
#include "store/storewriter.h"
#include "support/fixtureharness.h"
#include "support/historyseeder.h"
#include "themechoice.h"
#include "timespan.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPalette>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include <unistd.h>

// Saves a PNG of every view of the real window on the fixture machine, at the smallest size the
// window is laid out for (1024 x 640) and at a large one (1600 x 1000), light and dark, on one
// running core: first light and quiet (nothing firing, the Alerts view empty), then the settings
// panel refusing a value, then the Overview over a day of stored history with two gaps (24 h,
// and zoomed into six hours around the first gap), then alerts are raised (memory critical, swap
// warning and acknowledged) and shot on the Overview and the Alerts view, then two GPUs appear in
// the fixture's sysfs and the GPU view and the Overview with its GPU gauge are shot at the large
// size, then the core becomes the hub of two other real cores and the Fleet view and the fleet
// list in the settings panel are shot, and the dark views show the machine alerting (with its GPUs
// and its fleet). Run under Xvfb by CTest (desktop_screenshots); a person looks at the pictures.
// Fails on any QML warning or an image that could not be saved. With a SCALE
// (desktop_screenshots_2x) only the small size is shot, 2048 x 1280 pixels, which fits the test's
// screen. Usage: desktop_screenshots OUTPUT_DIR [SCALE]
namespace {

int g_warnings = 0;
constexpr int SeededTicks = 600; // one minute at 0.1 s, the shortest chart window

void countWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg)
        ++g_warnings;
    std::fprintf(stderr, "%s: %s\n", context.category, qPrintable(message));
}

const char *const ViewNames[] = {"overview",  "cpu",     "memory",   "disks",  "network", "sensors",
                                 "processes", "clients", "settings", "alerts", "services"};
const int OverviewView = 0;
const int ProcessesView = 6;
const int SettingsView = 8;
const int AlertsView = 9;
const int GpuView = 11;
const int FleetView = 12;

// The window sizes every view is shot at.
QList<QSize> g_sizes = {QSize(1024, 640), QSize(1600, 1000)};

QString sizeName(const QSize &size)
{
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

bool save(QQuickWindow *window, const QString &path)
{
    QTest::qWait(400); // a few ticks: the view loads, charts redraw, layouts settle
    const QImage image = window->grabWindow();
    const bool ok = !image.isNull() && image.save(path);
    std::printf("%s %s\n", ok ? "saved" : "FAILED", qPrintable(path));
    return ok;
}

// Every view at every size: PREFIX-1024x640-overview.png, ...; the given views only, when any.
bool shootViews(QQuickWindow *window, const QString &dir, const QString &prefix,
                const QList<int> &views = {})
{
    bool ok = true;
    for (const QSize &size : std::as_const(g_sizes)) {
        window->resize(size);
        for (int index = 0; index < int(std::size(ViewNames)); ++index) {
            if (!views.isEmpty() && !views.contains(index))
                continue;
            window->setProperty("currentView", index);
            const QString name = prefix + sizeName(size) + u'-' +
                                 QLatin1StringView(ViewNames[index]) + QStringLiteral(".png");
            ok = save(window, dir + u'/' + name) && ok;
        }
    }
    return ok;
}

// Items made by Loaders and Repeaters are not all QObject children of the window: walk the
// visual tree instead.
QQuickItem *findItem(QQuickItem *item, const QString &name)
{
    if (item->objectName() == name)
        return item;
    for (QQuickItem *child : item->childItems()) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

// The Processes view with a process selected and its detail panel open, at every size:
// PREFIX-1600x1000-processes-detail.png, ... (right of the table, or below it when narrow).
bool shootProcessDetail(QQuickWindow *window, DesktopBackend *backend, const QString &dir,
                        const QString &prefix)
{
    bool ok = true;
    window->setProperty("currentView", ProcessesView);
    for (const QSize &size : std::as_const(g_sizes)) {
        window->resize(size);
        QQuickItem *view = nullptr;
        const bool shown = QTest::qWaitFor([window, &view] {
            return (view = findItem(window->contentItem(), QStringLiteral("processesView")));
        });
        if (!shown)
            return false;
        backend->processes()->setSelectedPid(42); // "worker thread" on the fixture machine
        view->setProperty("panelOpen", true);
        ok = save(window,
                  dir + u'/' + prefix + sizeName(size) + QStringLiteral("-processes-detail.png")) &&
             ok;
    }
    backend->processes()->setSelectedPid(0);
    window->setProperty("currentView", OverviewView);
    return ok;
}

// The settings panel with a refused value: the cpu warning level typed as 150.
bool shootInvalidSetting(QQuickWindow *window, const QString &path)
{
    window->setProperty("currentView", SettingsView);
    QTest::qWait(300);
    QQuickItem *field =
        findItem(window->contentItem(), QStringLiteral("setting_thresholds_cpu_warning"));
    if (!field)
        return false;
    field->forceActiveFocus();
    QMetaObject::invokeMethod(field, "selectAll");
    for (char key : {'1', '5', '0'})
        QTest::keyClick(window, key);
    return save(window, path);
}

// The fixture's memory is 50% used and its swap 25%: levels below them fire at the next tick.
// The tick and disk rules are put out of reach, so the pictures show these two alerts only.
bool raiseAlerts(Monitor *monitor)
{
    const QStringList errors =
        monitor->settings()->apply({{QStringLiteral("thresholds/memory/warning"), 40},
                                    {QStringLiteral("thresholds/memory/critical"), 45},
                                    {QStringLiteral("thresholds/memory/for"), 0},
                                    {QStringLiteral("thresholds/swap/warning"), 20},
                                    {QStringLiteral("thresholds/swap/for"), 0},
                                    {QStringLiteral("thresholds/tick/warning"), 1000},
                                    {QStringLiteral("thresholds/tick/critical"), 1000},
                                    {QStringLiteral("thresholds/disk/warning"), 100},
                                    {QStringLiteral("thresholds/disk/critical"), 100}});
    AlertService *alerts = monitor->alerts();
    return errors.isEmpty() && QTest::qWaitFor([alerts] { return alerts->active().size() == 2; }) &&
           alerts->acknowledge(QStringLiteral("swap"));
}

bool shootAlerts(QQuickWindow *window, Monitor *monitor, const QString &dir, const QString &prefix)
{
    if (!raiseAlerts(monitor)) {
        std::printf("FAILED to raise the alerts\n");
        return false;
    }
    QTest::qWait(2000); // the alerts have been firing for a while
    return shootViews(window, dir, prefix, {OverviewView, AlertsView});
}

constexpr qint64 MinuteMs = 60'000;
constexpr qint64 HourMs = 60 * MinuteMs;

// A day of stored history for the 24 h pictures, in the fixture machine's shape: ticks every
// 20 s from 24 h ago to 70 minutes ago (older than the hour the window keeps in memory, so
// the charts must ask the store), except from 11 to 9 hours ago, when the monitor was stopped.
// The running core then starts after a stop of over an hour: two gaps in the day.
bool writeStoredDay(const Snapshot &shape, const QString &path, qint64 now)
{
    StoreWriter writer;
    StoreConfig config;
    config.path = path;
    config.flushSeconds = 3600; // flushed below
    writer.start(config);
    const HistorySeeder seeder(shape);
    int index = 0;
    for (qint64 ts = now - 24 * HourMs + MinuteMs; ts < now - 70 * MinuteMs; ts += 20'000) {
        if (ts >= now - 11 * HourMs && ts < now - 9 * HourMs)
            continue;
        writer.enqueue(seeder.tick(index++, ts));
        if (index % 500 == 0)
            writer.flush();
    }
    writer.flush();
    writer.stop();
    return QFileInfo::exists(path);
}

// The Overview's CPU chart (a HistoryChart), null while it is not shown.
QObject *cpuChart(QQuickWindow *window)
{
    QQuickItem *card = findItem(window->contentItem(), QStringLiteral("cpuChart"));
    return card ? card->property("chart").value<QObject *>() : nullptr;
}

// The Overview over the stored day (the 24 h window), then zoomed into the six hours around
// the stop 11 to 9 hours ago, as a drag across a chart does.
bool shootStoredDay(QQuickWindow *window, const QString &dir, const QString &prefix)
{
    window->setProperty("currentView", OverviewView);
    window->setProperty("windowSeconds", 86400);
    const auto fromStore = [window] {
        QObject *chart = cpuChart(window);
        return chart && chart->property("fromStore").toBool();
    };
    bool ok = QTest::qWaitFor(fromStore, 10000) &&
              save(window, dir + u'/' + prefix + QStringLiteral("24h.png"));
    // The window's span (Backend.span), as the chart follows it.
    auto *span = qobject_cast<TimeSpan *>(cpuChart(window)->property("span").value<QObject *>());
    if (!span)
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    span->zoom(double(now - 13 * HourMs), double(now - 7 * HourMs));
    const auto zoomed = [window, now] {
        QObject *chart = cpuChart(window);
        return chart &&
               chart->property("timeMaximum").toDateTime().toMSecsSinceEpoch() == now - 7 * HourMs;
    };
    ok = QTest::qWaitFor(zoomed, 10000) &&
         save(window, dir + u'/' + prefix + QStringLiteral("24h-zoomed.png")) && ok;
    span->goLive();
    window->setProperty("windowSeconds", 60);
    return ok;
}

// Two amdgpu GPUs laid out under the fixture's sysfs as the kernel does it
// (tests/core/collectors/gpu): one awake with its hwmon chip (37 %, 2 of 8 GiB, 45 °C, 15 W), one
// runtime-suspended. Added only for the last pictures, so the views shot before are those of a
// machine without a GPU.
bool addGpu(const QString &sys, const QString &address, const QString &card, const char *status,
            const QList<std::pair<QString, QByteArray>> &files)
{
    const QString dev = QStringLiteral("devices/pci0000:00/") + address;
    const auto put = [&sys](const QString &relative, const QByteArray &content) {
        QDir().mkpath(QFileInfo(sys + u'/' + relative).path());
        QFile file(sys + u'/' + relative);
        return file.open(QIODevice::WriteOnly) && file.write(content + '\n') > 0;
    };
    const auto link = [&sys](const QString &relative, const QString &target) {
        QDir().mkpath(QFileInfo(sys + u'/' + relative).path());
        return ::symlink(QFile::encodeName(target).constData(),
                         QFile::encodeName(sys + u'/' + relative).constData()) == 0;
    };
    bool ok =
        put(dev + QStringLiteral("/vendor"), "0x1002") &&
        put(dev + QStringLiteral("/device"), "0x73ff") &&
        QDir().mkpath(sys + QStringLiteral("/bus/pci/drivers/amdgpu")) &&
        link(dev + QStringLiteral("/driver"), QStringLiteral("../../../bus/pci/drivers/amdgpu")) &&
        put(dev + QStringLiteral("/power/runtime_status"), status) &&
        // Runtime PM off on the awake one, so that it is read every tick.
        put(dev + QStringLiteral("/power/control"),
            QByteArrayView(status) == "active" ? "on" : "auto") &&
        put(dev + QStringLiteral("/power/autosuspend_delay_ms"), "5000") &&
        link(dev + QStringLiteral("/hwmon/hwmon0/device"), QStringLiteral("../../../") + address);
    for (const auto &file : files)
        ok = put(dev + u'/' + file.first, file.second) && ok;
    // The class link last: discovery sees the card only once its device is complete.
    return link(dev + QStringLiteral("/drm/") + card + QStringLiteral("/device"),
                QStringLiteral("../../../") + address) &&
           link(QStringLiteral("class/drm/") + card, QStringLiteral("../../devices/pci0000:00/") +
                                                         address + QStringLiteral("/drm/") +
                                                         card) &&
           ok;
}

// The GPU view and the Overview with its GPU gauge at the large size, once discovery (every
// 5 s) has found both fixture GPUs: PREFIX-1600x1000-gpu.png, PREFIX-1600x1000-overview-gpu.png.
bool shootGpus(QQuickWindow *window, const FixtureHarness &harness, const QString &dir,
               const QString &prefix)
{
    // The fixture copy's sys folder, beside its config folder (config/vantage.conf).
    const QString sys =
        QDir::cleanPath(QFileInfo(harness.settingsFile()).path() + QStringLiteral("/../sys"));
    const bool added =
        addGpu(sys, QStringLiteral("0000:03:00.0"), QStringLiteral("card1"), "active",
               {{QStringLiteral("gpu_busy_percent"), "37"},
                {QStringLiteral("mem_info_vram_used"), "2147483648"},  // 2 GiB
                {QStringLiteral("mem_info_vram_total"), "8589934592"}, // 8 GiB
                {QStringLiteral("hwmon/hwmon0/temp1_input"), "45000"},
                {QStringLiteral("hwmon/hwmon0/temp1_crit"), "100000"},
                {QStringLiteral("hwmon/hwmon0/power1_average"), "15000000"},
                {QStringLiteral("hwmon/hwmon0/power1_cap"), "150000000"}}) &&
        addGpu(sys, QStringLiteral("0000:04:00.0"), QStringLiteral("card2"), "suspended",
               {{QStringLiteral("mem_info_vram_used"), "268435456"},
                {QStringLiteral("mem_info_vram_total"), "4294967296"}});
    GpusModel *gpus = harness.backend()->gpus();
    if (!added || !QTest::qWaitFor([gpus] { return gpus->rowCount() == 2; }, 20000))
        return false;
    const QSize size = g_sizes.last();
    window->resize(size);
    window->setProperty("currentView", GpuView);
    bool ok = save(window, dir + u'/' + prefix + sizeName(size) + QStringLiteral("-gpu.png"));
    window->setProperty("currentView", OverviewView);
    ok = save(window, dir + u'/' + prefix + sizeName(size) + QStringLiteral("-overview-gpu.png")) &&
         ok;
    window->resize(g_sizes.first());
    return ok;
}

// Two other real cores on fixture machines of their own, serving as a hub's fleet hosts would:
// db1 (its admin token given to the hub) and web1 (75 % of its memory used, with a token the hub
// is not given, so its alerts cannot be acknowledged from the hub), each with its memory warning
// fired at 40 %. Started before the window's own core, whose backend the window then
// uses.
struct FleetHosts
{
    static constexpr const char *Token = "screenshot-db1-token-4Kq7";

    FleetHosts()
    {
        db1.setWave(true);
        db1.setSettingOverride(QStringLiteral("server/token"), QString::fromLatin1(Token));
        web1.setWave(true);
        web1.setSettingOverride(QStringLiteral("server/token"),
                                QStringLiteral("screenshot-web1-token-8Jm2"));
    }

    bool start()
    {
        QString error;
        if (!db1.start(&error) || !web1.start(&error)) {
            std::fprintf(stderr, "a fleet host did not start: %s\n", qPrintable(error));
            return false;
        }
        // web1's machine: 16384000 - 4096000 = 12288000 kB of 16384000 used, 75 %.
        QFile meminfo(QFileInfo(web1.settingsFile()).path() + QStringLiteral("/../proc/meminfo"));
        if (!meminfo.open(QIODevice::ReadOnly))
            return false;
        QByteArray text = meminfo.readAll();
        meminfo.close();
        text.replace("MemAvailable:    8192000 kB", "MemAvailable:    4096000 kB");
        const QVariantMap levels{{QStringLiteral("thresholds/memory/warning"), 40},
                                 {QStringLiteral("thresholds/memory/for"), 0}};
        return meminfo.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               meminfo.write(text) == text.size() &&
               db1.monitor()->settings()->apply(levels).isEmpty() &&
               web1.monitor()->settings()->apply(levels).isEmpty();
    }

    // The hub's fleet list naming both.
    QVariantMap list() const
    {
        return {
            {QStringLiteral("fleet/host/db1/url"), db1.monitor()->server()->url().toString()},
            {QStringLiteral("fleet/host/db1/token"), QString::fromLatin1(Token)},
            {QStringLiteral("fleet/host/web1/url"), web1.monitor()->server()->url().toString()}};
    }

    FixtureHarness db1{0.5};
    FixtureHarness web1{0.5};
};

// db1 opened from its tile: the window's views show it, under the banner that names it
// (PREFIX-1024x640-fleet-db1-overview.png, ...-processes.png); then back to this machine.
bool shootRemoteHost(QQuickWindow *window, const QString &dir, const QString &prefix)
{
    QQuickItem *fleet = findItem(window->contentItem(), QStringLiteral("fleetView"));
    if (!fleet || !QMetaObject::invokeMethod(fleet, "open", Q_ARG(QVariant, QStringLiteral("db1")),
                                             Q_ARG(QVariant, QString())))
        return false;
    const auto shown = [window] {
        QQuickItem *banner = findItem(window->contentItem(), QStringLiteral("sourceBannerText"));
        return banner && banner->property("text").toString() == u"Showing db1";
    };
    if (!QTest::qWaitFor(shown, 10000)) {
        std::printf("FAILED: db1 did not show in the views\n");
        return false;
    }
    QTest::qWait(2000); // a few of db1's samples after its history
    const QString name =
        dir + u'/' + prefix + sizeName(g_sizes.first()) + QStringLiteral("-fleet-db1-");
    bool ok = save(window, name + QStringLiteral("overview.png"));
    window->setProperty("currentView", ProcessesView);
    QTest::qWait(1500);
    ok = save(window, name + QStringLiteral("processes.png")) && ok;
    QQuickItem *back = findItem(window->contentItem(), QStringLiteral("sourceBannerBack"));
    return back && QMetaObject::invokeMethod(back, "clicked") && ok;
}

// The window's core becomes a hub of both hosts: the Fleet view once both are up with db1's
// alerts listed, at every size (PREFIX-1024x640-fleet.png, ...), and the fleet list in the
// settings panel, scrolled to it, with db1's form open (PREFIX-1024x640-settings-fleet.png).
bool shootFleet(QQuickWindow *window, Monitor *hub, const FleetHosts &hosts, const QString &dir,
                const QString &prefix)
{
    if (!hub->settings()->apply(hosts.list()).isEmpty())
        return false;
    window->setProperty("currentView", FleetView);
    const auto ready = [window] {
        QQuickItem *alert =
            findItem(window->contentItem(), QStringLiteral("fleetAlert_db1_memory"));
        QQuickItem *web1 = findItem(window->contentItem(), QStringLiteral("fleetTile_web1_state"));
        return alert && web1 && web1->property("text").toString() == u"up" &&
               findItem(window->contentItem(), QStringLiteral("fleetAlert_web1_memory"));
    };
    if (!QTest::qWaitFor(ready, 20000)) {
        std::printf("FAILED: the fleet hosts did not come up\n");
        return false;
    }
    QTest::qWait(3000); // a few samples in each host's charts
    bool ok = true;
    for (const QSize &size : std::as_const(g_sizes)) {
        window->resize(size);
        ok =
            save(window, dir + u'/' + prefix + sizeName(size) + QStringLiteral("-fleet.png")) && ok;
    }
    window->resize(g_sizes.first());
    ok = shootRemoteHost(window, dir, prefix) && ok;
    window->setProperty("currentView", SettingsView);
    QTest::qWait(300);
    QQuickItem *card = findItem(window->contentItem(), QStringLiteral("fleetHostsCard"));
    QQuickItem *flickable = card ? card->parentItem() : nullptr;
    while (flickable && !flickable->inherits("QQuickFlickable"))
        flickable = flickable->parentItem();
    if (!flickable)
        return false;
    auto *content = flickable->property("contentItem").value<QQuickItem *>();
    flickable->setProperty("contentY", card->mapToItem(content, QPointF(0, 0)).y());
    QQuickItem *edit = findItem(card, QStringLiteral("fleetHost_db1_edit"));
    if (!edit || !QMetaObject::invokeMethod(edit, "clicked"))
        return false;
    ok = save(window, dir + u'/' + prefix + sizeName(g_sizes.first()) +
                          QStringLiteral("-settings-fleet.png")) &&
         ok;
    window->setProperty("currentView", OverviewView);
    return ok;
}

// The fixture machine's shape (its cores, interfaces, mounts and sensors), from one real tick of
// a core started on it for that alone.
Snapshot fixtureShape()
{
    FixtureHarness probe(0.1);
    QString error;
    if (!probe.start(&error))
        return {};
    MetricsService *metrics = probe.monitor()->metrics();
    if (!QTest::qWaitFor([metrics] { return metrics->latest().ts > 0; }))
        return {};
    return metrics->latest();
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: desktop_screenshots OUTPUT_DIR [SCALE]\n");
        return 2;
    }
    if (argc > 2)
        qputenv("QT_SCALE_FACTOR", argv[2]);
    // Qt warns once when the runtime folder is missing (as under CTest): give it one.
    QTemporaryDir runtime;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    qInstallMessageHandler(countWarnings);
    QApplication app(argc, argv);
    const QString dir = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(dir);
    const QString prefix = argc > 2
                               ? QStringLiteral("desktop-%1x-").arg(QString::fromLocal8Bit(argv[2]))
                               : QStringLiteral("desktop-");

    // A minute of history before the first tick, so that every chart is full in the pictures.
    const Snapshot shape = fixtureShape();
    if (shape.ts == 0) {
        std::fprintf(stderr, "the fixture core gave no tick\n");
        return 1;
    }
    QTemporaryDir storeDir;
    if (!writeStoredDay(shape, storeDir.filePath(QStringLiteral("history.db")),
                        QDateTime::currentMSecsSinceEpoch())) {
        std::fprintf(stderr, "the stored day could not be written\n");
        return 1;
    }
    FleetHosts fleetHosts;
    if (!fleetHosts.start())
        return 1;
    FixtureHarness harness(0.1);
    harness.setWave(true);
    harness.setSeed(shape, SeededTicks);
    harness.setSettingOverride(QStringLiteral("history/dataDir"), storeDir.path());
    QString error;
    if (!harness.start(&error)) {
        std::fprintf(stderr, "the fixture core did not start: %s\n", qPrintable(error));
        return 1;
    }
    DesktopSession::chooseStyle();
    DesktopSession session(harness.monitor());
    if (!session.open())
        return 1;
    QQuickWindow *window = session.window();
    window->setProperty("windowSeconds", 60);
    if (argc > 2)
        g_sizes = {QSize(1024, 640)};
    window->resize(g_sizes.first());
    QTest::qWait(2000); // real ticks after the seeded past: charts redraw, layouts settle

    bool ok = shootViews(window, dir, prefix + QStringLiteral("light-"));
    window->resize(g_sizes.first());
    ok =
        shootInvalidSetting(window, dir + u'/' + prefix + QStringLiteral("settings-invalid.png")) &&
        ok;
    ok = shootStoredDay(window, dir, prefix + QStringLiteral("light-1024x640-overview-")) && ok;
    ok =
        shootProcessDetail(window, session.backend(), dir, prefix + QStringLiteral("light-")) && ok;
    ok = shootAlerts(window, harness.monitor(), dir, prefix + QStringLiteral("light-alerting-")) &&
         ok;
    ok = shootGpus(window, harness, dir, prefix + QStringLiteral("light-")) && ok;
    ok =
        shootFleet(window, harness.monitor(), fleetHosts, dir, prefix + QStringLiteral("light-")) &&
        ok;
    QApplication::setPalette(ThemeChoice::darkPalette());
    ok = shootViews(window, dir, prefix + QStringLiteral("dark-alerting-")) && ok;
    window->resize(g_sizes.first());
    window->setProperty("currentView", FleetView);
    ok = save(window, dir + u'/' + prefix + QStringLiteral("dark-alerting-") +
                          sizeName(g_sizes.first()) + QStringLiteral("-fleet.png")) &&
         ok;
    std::printf("%d warnings\n", g_warnings);
    return ok && g_warnings == 0 ? 0 : 1;
}

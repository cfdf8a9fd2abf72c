#include "cli/commandline.h"
#include "collectors/processes/processtable.h"
#include "logging.h"
#include "monitor.h"
#include "protocol/snapshotjson.h"
#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "services/systemservice.h"
#include "settings/settings.h"
#include "unixsignalwatcher.h"

#ifdef VANTAGE_HAS_DESKTOP
#include "desktopsession.h"

#include <QApplication>
#endif

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>

namespace {

Monitor::Options monitorOptions(const AppOptions &options)
{
    Monitor::Options result;
    result.configFile = options.configFile;
    result.paths.procRoot = options.procRoot;
    result.paths.sysRoot = options.sysRoot;
    result.settingOverrides = options.settingOverrides;
    result.serve = !options.snapshot;
    return result;
}

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

// --snapshot: the first published Snapshot already spans one interval of deltas.
int printSnapshot(Monitor &monitor)
{
    QObject::connect(
        monitor.metrics(), &MetricsService::snapshotReady, qApp,
        [&monitor](const Snapshot &snapshot) {
            QJsonObject json = SnapshotJson::snapshot(snapshot);
            json.insert(QStringLiteral("host"), SnapshotJson::host(monitor.system()->host()));
            std::fputs(QJsonDocument(json).toJson(QJsonDocument::Indented).constData(), stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    return QCoreApplication::exec();
}

#ifdef VANTAGE_HAS_DESKTOP
// A window needs an X or Wayland display, or a platform chosen on purpose (offscreen, vnc).
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int runDesktop(Monitor &monitor)
{
    DesktopSession::chooseStyle();
    DesktopSession session(&monitor);
    if (!session.open()) {
        printLine(stderr, QStringLiteral("vantage: ") + session.errorString());
        return 1;
    }
    QObject::connect(&session, &DesktopSession::quitRequested, qApp, [&monitor] {
        monitor.stop();
        QCoreApplication::exit(0);
    });
    return QCoreApplication::exec();
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    // Flags are checked before anything starts, so a bad one starts nothing.
    const CommandLine::Result parsed = CommandLine::parse(arguments);
    if (parsed.exitCode >= 0) {
        printLine(parsed.exitCode == 0 ? stdout : stderr,
                  parsed.exitCode == 0 ? parsed.output : parsed.error);
        return parsed.exitCode;
    }
    const AppOptions &options = parsed.options;
    if (options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("vantage.*=true"));

#ifdef VANTAGE_HAS_DESKTOP
    const bool desktop = !options.headless && !options.snapshot;
    if (desktop && !hasDisplay()) {
        printLine(stderr, QStringLiteral("vantage: no display to open a window on (DISPLAY and "
                                         "WAYLAND_DISPLAY are unset); use vantage --headless to "
                                         "serve the web dashboard only"));
        return 2;
    }
    const std::unique_ptr<QCoreApplication> app =
        desktop ? std::make_unique<QApplication>(argc, argv)
                : std::make_unique<QCoreApplication>(argc, argv);
#else
    const auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("vantage"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VANTAGE_VERSION));
    ProcessTable::raiseFileLimit();

    Monitor monitor(monitorOptions(options));
    if (monitor.server()) {
        const QString exposure = ServerService::exposureError(*monitor.settings());
        if (!exposure.isEmpty()) {
            printLine(stderr, QStringLiteral("vantage: ") + exposure);
            return 2;
        }
        QObject::connect(monitor.server(), &ServerService::listening, [](const QUrl &url) {
            printLine(stdout, QStringLiteral("Serving dashboard at ") + url.toString());
        });
    }
    // Watching before anything starts: a SIGTERM at any moment from here on stops cleanly,
    // even one that arrives while the services are still starting.
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, qApp, [&monitor] {
        monitor.stop();
        QCoreApplication::exit(0);
    });
    if (!monitor.start()) {
        printLine(stderr, QStringLiteral("vantage: ") + monitor.errorString());
        return 1;
    }
    int code = 0;
    if (options.snapshot)
        code = printSnapshot(monitor);
#ifdef VANTAGE_HAS_DESKTOP
    else if (desktop)
        code = runDesktop(monitor);
#endif
    else
        code = QCoreApplication::exec();
    monitor.stop();
    return code;
}

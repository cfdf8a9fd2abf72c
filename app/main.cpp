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

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>

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

int runHeadless(Monitor &monitor)
{
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, qApp, [&monitor] {
        monitor.stop();
        QCoreApplication::exit(0);
    });
    return QCoreApplication::exec();
}

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

    QCoreApplication app(argc, argv);
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
    if (!monitor.start()) {
        printLine(stderr, QStringLiteral("vantage: ") + monitor.errorString());
        return 1;
    }
    const int code = options.snapshot ? printSnapshot(monitor) : runHeadless(monitor);
    monitor.stop();
    return code;
}

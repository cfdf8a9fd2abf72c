#include "cli/commandline.h"
#include "collectors/processes/processtable.h"
#include "logging.h"
#include "monitor.h"
#include "protocol/snapshotjson.h"
#include "server/serverservice.h"
#include "services/metricsservice.h"
#include "services/systemdnotifier.h"
#include "services/systemservice.h"
#include "settings/settings.h"
#include "unixsignalwatcher.h"

#ifdef VANTAGE_HAS_DESKTOP
#include "desktopsession.h"
#include "notify/desktopnotifications.h"
#include "notify/notifychannel.h"
#include "notify/notifyservice.h"
#include "singleinstance.h"

#include <QApplication>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include <unistd.h>
#endif

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <chrono>

#include <cstdio>
#include <cstdlib>
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
    // Our error lines are errors in the journal too, not the info a plain line becomes there.
    static const bool journal = Logging::stderrIsJournal();
    if (stream == stderr && journal)
        std::fputs(Logging::journalPrefix(QtCriticalMsg).constData(), stream);
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
            QJsonObject json =
                QJsonDocument::fromJson(SnapshotJson::snapshotText(snapshot)).object();
            json.insert(QStringLiteral("host"), SnapshotJson::host(monitor.system()->host()));
            std::fputs(QJsonDocument(json).toJson(QJsonDocument::Indented).constData(), stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    return QCoreApplication::exec();
}

// SIGHUP: rereads the settings file now, as daemons do. The file is watched already; this covers
// an edit the watch cannot see (a file replaced under a bind mount, a network file system) and
// gives an admin a moment after which the file is known to be in effect.
void reloadSettings(Settings &settings)
{
    const QVariantMap before = settings.toMap(true);
    settings.load();
    const QVariantMap after = settings.toMap(true);
    QStringList keys;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (before.value(it.key()) != it.value())
            keys.append(it.key());
    }
    // A notification channel taken out of the file is a change as well.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            keys.append(it.key());
    }
    qCInfo(lcSettings).noquote() << QStringLiteral("SIGHUP: reread %1; keys changed: %2")
                                        .arg(settings.filePath())
                                        .arg(keys.size());
    if (!keys.isEmpty())
        emit settings.changed(keys);
}

std::chrono::milliseconds tickInterval(const Monitor &monitor)
{
    return std::chrono::milliseconds(monitor.metrics()->intervalMs());
}

#ifdef VANTAGE_HAS_DESKTOP
Q_LOGGING_CATEGORY(lcDesktop, "vantage.desktop")

const char *const UseHeadless = "; use vantage --headless to serve the web dashboard only";

// A window needs an X or Wayland display, or a platform chosen on purpose (offscreen, vnc).
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// While QApplication connects to the display, Qt's messages are held back: a display that
// cannot be opened (DISPLAY naming no server, a refused authorization) makes Qt abort with a
// fatal message, which becomes our one line and exit code 2 instead of a core dump. A start
// that works lets the held messages through.
QtMessageHandler previousHandler = nullptr;
struct HeldMessage
{
    QtMsgType type;
    const char *file; // the context's strings are literals: they outlive the message
    int line;
    const char *function;
    const char *category;
    QString text;
};
QList<HeldMessage> heldMessages;
QString displayReason;

void holdDisplayMessages(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (type != QtFatalMsg) {
        // The platform's own words (xcb: "could not connect to display :99") are the reason.
        if (displayReason.isEmpty() && QByteArray(context.category).startsWith("qt.qpa"))
            displayReason = text;
        heldMessages.append(
            {type, context.file, context.line, context.function, context.category, text});
        return;
    }
    const QString display =
        qEnvironmentVariable("DISPLAY", qEnvironmentVariable("WAYLAND_DISPLAY"));
    printLine(stderr, QStringLiteral("vantage: cannot open a window on display %1 (%2)%3")
                          .arg(display,
                               displayReason.isEmpty() ? QStringLiteral("no platform plugin")
                                                       : displayReason,
                               QLatin1StringView(UseHeadless)));
    std::_Exit(2);
}

// A headless start becomes the executable built without the window (docs/architecture.md "Two
// executables"): the same process, now without Qt Gui, Quick or Widgets mapped. Only a binary
// copied without it serves from this process, its window libraries loaded for nothing.
void becomeHeadless(char **argv)
{
    char self[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0)
        return;
    std::string path(self, size_t(length));
    path.erase(path.rfind('/') + 1);
    path += VANTAGE_HEADLESS_PATH;
    execv(path.c_str(), argv);
    printLine(stderr, QStringLiteral("vantage: cannot run the headless executable %1 (%2); "
                                     "serving from this process")
                          .arg(QString::fromLocal8Bit(path.c_str()),
                               QString::fromLocal8Bit(std::strerror(errno))));
}

std::unique_ptr<QApplication> openDisplay(int &argc, char **argv)
{
    previousHandler = qInstallMessageHandler(holdDisplayMessages);
    auto app = std::make_unique<QApplication>(argc, argv);
    qInstallMessageHandler(previousHandler);
    for (const HeldMessage &held : std::as_const(heldMessages)) {
        const QMessageLogContext context(held.file, held.line, held.function, held.category);
        qt_message_output(held.type, context, held.text);
    }
    heldMessages.clear();
    return app;
}

int runDesktop(Monitor &monitor, SingleInstance &instance)
{
    DesktopSession::chooseStyle();
    DesktopSession session(&monitor);
    if (!session.open()) {
        printLine(stderr, QStringLiteral("vantage: ") + session.errorString());
        return 1;
    }
    QObject::connect(&instance, &SingleInstance::raiseRequested, &session, [&session] {
        qCInfo(lcDesktop) << "window brought forward for a second start";
        session.raise();
    });
    // Open on a desktop notification brings the window forward; the tray announces only what
    // no desktop channel shows.
    QObject::connect(monitor.notify(), &NotifyService::openRequested, &session,
                     [&session] { session.raise(); });
    session.notifier()->setSettings(monitor.settings());
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
    Logging::useJournalPriorities();
    if (options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("vantage.*=true"));

#ifdef VANTAGE_HAS_DESKTOP
    const bool desktop = !options.headless && !options.snapshot;
    if (!desktop)
        becomeHeadless(argv);
    if (desktop && !hasDisplay()) {
        printLine(stderr, QStringLiteral("vantage: no display to open a window on (DISPLAY and "
                                         "WAYLAND_DISPLAY are unset)") +
                              QLatin1StringView(UseHeadless));
        return 2;
    }
    const std::unique_ptr<QCoreApplication> app =
        desktop ? openDisplay(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    // One window per user and settings file: a second start brings the first one forward,
    // before it touches the settings or the port.
    SingleInstance instance(options.configFile);
    if (desktop) {
        switch (instance.raiseRunning()) {
        case SingleInstance::Peer::Raised:
            printLine(stdout, QStringLiteral("Vantage is already running; brought its window "
                                             "forward"));
            return 0;
        case SingleInstance::Peer::Silent:
            printLine(stderr, QStringLiteral("vantage: another Vantage holds %1 but does not "
                                             "answer; end it, or remove that file if none runs")
                                  .arg(instance.socketPath()));
            return 1;
        case SingleInstance::Peer::None:
            break;
        }
        if (!instance.listen())
            printLine(stderr, QStringLiteral("vantage: a second start cannot find this window "
                                             "(%1: %2)")
                                  .arg(instance.socketPath(), instance.errorString()));
    }
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
    SystemdNotifier notifier;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, qApp,
                     [&monitor, &notifier] {
                         notifier.stopping();
                         monitor.stop();
                         QCoreApplication::exit(0);
                     });
    QObject::connect(&watcher, &UnixSignalWatcher::reloadRequested, qApp, [&monitor, &notifier] {
        notifier.reloading();
        reloadSettings(*monitor.settings());
        notifier.ready();
    });
#ifdef VANTAGE_HAS_DESKTOP
    if (desktop) {
        // Alerts reach the desktop's notification server, where the session bus has one.
        if (DesktopNotifications::serverPresent())
            NotifyChannel::addDesktopDefault(*monitor.settings());
        QString error;
        if (!DesktopSession::startMonitor(&monitor, &error)) {
            printLine(stderr, QStringLiteral("vantage: ") + error);
            return 1;
        }
        if (monitor.server() && !monitor.server()->isRunning())
            printLine(stderr, QStringLiteral("vantage: web access off: %1; change it in Settings")
                                  .arg(monitor.server()->errorString()));
        const int code = runDesktop(monitor, instance);
        monitor.stop();
        return code;
    }
#endif
    if (!monitor.start()) {
        // A service that failed is stopped again by the time start() returns; its own warning
        // is above, and exit code 1 never comes without a line.
        const QString reason = monitor.errorString();
        printLine(stderr,
                  QStringLiteral("vantage: ") +
                      (reason.isEmpty() ? QStringLiteral("could not start (see above)") : reason));
        return 1;
    }
    int code = 0;
    if (options.snapshot) {
        code = printSnapshot(monitor);
    } else {
        // Under systemd (Type=notify): ready once serving, and a watchdog fed by the tick itself,
        // so a hung tick gets vantage restarted and a healthy one adds no wakeup of its own.
        if (notifier.watchdogEnabled()) {
            notifier.coverInterval(tickInterval(monitor));
            QObject::connect(monitor.metrics(), &MetricsService::snapshotReady, qApp,
                             [&notifier, &monitor] {
                                 notifier.coverInterval(tickInterval(monitor));
                                 notifier.pingWatchdog();
                             });
        }
        notifier.ready();
        code = QCoreApplication::exec();
    }
    monitor.stop();
    return code;
}

#include "services/processcontrol.h"

#include "collectors/processes/procstatparser.h"
#include "io/procfile.h"
#include "logging.h"

#include <QHash>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>

namespace {

const QHash<QString, int> &signalNumbers()
{
    static const QHash<QString, int> numbers = {
        {QStringLiteral("TERM"), SIGTERM}, {QStringLiteral("INT"), SIGINT},
        {QStringLiteral("HUP"), SIGHUP},   {QStringLiteral("KILL"), SIGKILL},
        {QStringLiteral("STOP"), SIGSTOP}, {QStringLiteral("CONT"), SIGCONT},
    };
    return numbers;
}

// btime of /proc/stat: the boot time in seconds since the epoch.
std::optional<qint64> bootTimeSeconds(const QString &procRoot)
{
    bool ok = false;
    const QByteArray text = ProcFile::readAll(procRoot + QStringLiteral("/stat"), &ok);
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("btime ")) {
            const qint64 seconds = QByteArrayView(line).sliced(6).trimmed().toLongLong(&ok);
            return ok ? std::optional(seconds) : std::nullopt;
        }
    }
    return std::nullopt;
}

ProcessControl::Outcome failure(const QString &code, const QString &message)
{
    return {false, code, message};
}

QString describe(const ProcessControl::Request &request)
{
    return request.action == u"renice"
               ? QStringLiteral("renice %1 to %2").arg(request.pid).arg(request.nice)
               : QStringLiteral("SIG%1 to %2").arg(request.signal).arg(request.pid);
}

} // namespace

const QStringList ProcessControl::Signals = {
    QStringLiteral("TERM"), QStringLiteral("INT"),  QStringLiteral("HUP"),
    QStringLiteral("KILL"), QStringLiteral("STOP"), QStringLiteral("CONT"),
};

ProcessControl::ProcessControl(QString procRoot, QObject *parent)
    : QObject(parent)
    , m_procRoot(std::move(procRoot))
{}

std::optional<qint64> ProcessControl::startTimeMs(int pid) const
{
    bool ok = false;
    const QByteArray text =
        ProcFile::readAll(m_procRoot + u'/' + QString::number(pid) + QStringLiteral("/stat"), &ok);
    const std::optional<ProcStat> stat = ok ? ProcStatParser::parse(text) : std::nullopt;
    const std::optional<qint64> boot = stat ? bootTimeSeconds(m_procRoot) : std::nullopt;
    if (!boot)
        return std::nullopt;
    // Rounded to whole milliseconds exactly as the process list rounds them, so that the start
    // time a client read there compares equal.
    const double ticksPerSecond = double(::sysconf(_SC_CLK_TCK));
    return *boot * 1000 + qint64(std::llround(double(stat->startTime) * 1000.0 / ticksPerSecond));
}

ProcessControl::Outcome ProcessControl::check(const Request &request) const
{
    const bool signal = request.action == u"signal";
    if (!signal && request.action != u"renice")
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("action must be \"signal\" or \"renice\""));
    if (request.pid <= 0)
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("pid must be a whole number above 0"));
    if (signal && !signalNumbers().contains(request.signal))
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("signal must be one of %1").arg(Signals.join(u", ")));
    if (!signal && (request.nice < -20 || request.nice > 19))
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("nice must be a whole number from -20 to 19"));
    // Stopping or killing init takes the machine down; acting on ourselves cuts the branch we
    // sit on (a STOP from the web could never be undone from the web).
    if (request.pid == 1 || request.pid == ::getpid())
        return failure(
            QStringLiteral("forbidden"),
            QStringLiteral("process %1 is %2 and is never signalled or reniced")
                .arg(request.pid)
                .arg(request.pid == 1 ? QStringLiteral("init") : QStringLiteral("Vantage itself")));
    // Checked just before the system call: the window left between the two is one system call,
    // against the seconds between the list the user looked at and the click.
    if (request.startTime && startTimeMs(request.pid) != request.startTime)
        return failure(QStringLiteral("not_found"),
                       QStringLiteral("process %1 is gone (its PID now belongs to another "
                                      "process)")
                           .arg(request.pid));
    return {true, {}, {}};
}

ProcessControl::Outcome ProcessControl::perform(const Request &request)
{
    Outcome outcome = check(request);
    if (outcome.ok) {
        const bool signal = request.action == u"signal";
        const int result = signal ? ::kill(request.pid, signalNumbers().value(request.signal))
                                  : ::setpriority(PRIO_PROCESS, id_t(request.pid), request.nice);
        const int error = result == 0 ? 0 : errno;
        if (error == EPERM)
            outcome = failure(
                QStringLiteral("forbidden"),
                QStringLiteral("not allowed: process %1 belongs to another user").arg(request.pid));
        else if (error == EACCES)
            outcome = failure(QStringLiteral("forbidden"),
                              QStringLiteral("not allowed: only root may lower the nice value of "
                                             "process %1")
                                  .arg(request.pid));
        else if (error == ESRCH)
            outcome = failure(QStringLiteral("not_found"),
                              QStringLiteral("process %1 is gone").arg(request.pid));
        else if (error != 0)
            outcome = failure(QStringLiteral("bad_request"),
                              QStringLiteral("process %1: %2")
                                  .arg(request.pid)
                                  .arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    // At warning level so that it reaches the journal with the default rules: an action on
    // another process is something the machine's owner must be able to find afterwards.
    if (outcome.ok)
        qCWarning(lcServices).noquote()
            << "process action by" << request.by << ":" << describe(request) << ": done";
    else
        qCWarning(lcServices).noquote() << "process action by" << request.by << ":"
                                        << describe(request) << ": refused:" << outcome.message;

    QJsonObject event{{QStringLiteral("pid"), request.pid},
                      {QStringLiteral("action"), request.action},
                      {QStringLiteral("by"), request.by},
                      {QStringLiteral("ok"), outcome.ok}};
    if (request.action == u"renice")
        event.insert(QStringLiteral("nice"), request.nice);
    else
        event.insert(QStringLiteral("signal"), request.signal);
    if (!outcome.ok)
        event.insert(QStringLiteral("error"), outcome.message);
    emit actionDone(event);
    return outcome;
}

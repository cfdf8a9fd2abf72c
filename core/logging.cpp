#include "logging.h"

#include <cstdio>
#include <sys/stat.h>

Q_LOGGING_CATEGORY(lcCollect, "vantage.collect", QtWarningMsg)
Q_LOGGING_CATEGORY(lcServices, "vantage.services", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "vantage.settings", QtWarningMsg)
Q_LOGGING_CATEGORY(lcServer, "vantage.server", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAlerts, "vantage.alerts", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHistory, "vantage.history", QtWarningMsg)

namespace {

void writeToJournal(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    const QByteArray prefix = Logging::journalPrefix(type);
    QByteArray out;
    // The journal splits a stream at newlines: each line carries the priority of its message.
    for (const QByteArray &line : qFormatLogMessage(type, context, text).toLocal8Bit().split('\n'))
        out += prefix + line + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stderr);
    std::fflush(stderr);
}

} // namespace

bool Logging::stderrIsJournal()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = stream.first(colon).toULongLong(&deviceOk);
    const qulonglong inode = stream.sliced(colon + 1).toULongLong(&inodeOk);
    struct stat status = {};
    return deviceOk && inodeOk && ::fstat(fileno(stderr), &status) == 0 &&
           qulonglong(status.st_dev) == device && qulonglong(status.st_ino) == inode;
}

QByteArray Logging::journalPrefix(QtMsgType type)
{
    // LOG_DEBUG 7, LOG_INFO 6, LOG_WARNING 4, LOG_ERR 3, LOG_CRIT 2 (syslog.h).
    switch (type) {
    case QtDebugMsg:
        return QByteArrayLiteral("<7>");
    case QtInfoMsg:
        return QByteArrayLiteral("<6>");
    case QtWarningMsg:
        return QByteArrayLiteral("<4>");
    case QtCriticalMsg:
        return QByteArrayLiteral("<3>");
    case QtFatalMsg:
        return QByteArrayLiteral("<2>");
    }
    return QByteArrayLiteral("<6>");
}

void Logging::useJournalPriorities()
{
    if (stderrIsJournal())
        qInstallMessageHandler(writeToJournal);
}

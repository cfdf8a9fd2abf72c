#include "collectors/system/hostinforeader.h"

#include "collectors/cpu/cpuinfoparser.h"
#include "collectors/cpu/cpustatparser.h"
#include "io/procfile.h"
#include "logging.h"

#include <QSysInfo>

namespace {
// The whole file, or an empty array (logged) when it cannot be read.
QByteArray readFile(const QString &path)
{
    bool ok = false;
    QByteArray text = ProcFile::readAll(path, &ok);
    if (!ok)
        qCWarning(lcCollect) << "host info incomplete: cannot read" << path;
    return text;
}

QString readLine(const QString &path)
{
    return QString::fromUtf8(readFile(path)).trimmed();
}

qint64 bootTimeMs(const SystemPaths &paths)
{
    const std::optional<CpuStat> stat =
        CpuStatParser::parse(readFile(paths.proc(QStringLiteral("stat"))));
    return stat ? stat->bootTime * 1000 : 0;
}
} // namespace

HostInfo HostInfoReader::read(const SystemPaths &paths)
{
    HostInfo info;
    info.hostname = readLine(paths.proc(QStringLiteral("sys/kernel/hostname")));
    info.kernel = readLine(paths.proc(QStringLiteral("sys/kernel/osrelease")));
    info.os = QSysInfo::prettyProductName();
    const CpuInfo cpu = CpuInfoParser::parse(readFile(paths.proc(QStringLiteral("cpuinfo"))));
    info.cpuModel = cpu.model;
    info.cpuCount = cpu.count;
    info.bootTime = bootTimeMs(paths);
    return info;
}

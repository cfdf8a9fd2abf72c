#include "snapshotjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonDocument>

#include <cmath>

namespace {

QJsonValue integer(quint64 value)
{
    return QJsonValue(double(value));
}

QJsonObject cpu(const CpuUsage &cpu)
{
    QJsonArray cores;
    for (double core : cpu.cores)
        cores.append(SnapshotJson::number(core));
    QJsonArray coreMhz;
    for (double mhz : cpu.coreMhz)
        coreMhz.append(SnapshotJson::number(mhz, 0));
    return {{QStringLiteral("total"), SnapshotJson::number(cpu.total)},
            {QStringLiteral("user"), SnapshotJson::number(cpu.user)},
            {QStringLiteral("system"), SnapshotJson::number(cpu.system)},
            {QStringLiteral("iowait"), SnapshotJson::number(cpu.iowait)},
            {QStringLiteral("steal"), SnapshotJson::number(cpu.steal)},
            {QStringLiteral("cores"), cores},
            {QStringLiteral("coreMhz"), coreMhz}};
}

QJsonObject memory(const MemoryUsage &mem)
{
    return {{QStringLiteral("total"), integer(mem.total)},
            {QStringLiteral("used"), integer(mem.used)},
            {QStringLiteral("available"), integer(mem.available)},
            {QStringLiteral("cached"), integer(mem.cached)},
            {QStringLiteral("buffers"), integer(mem.buffers)},
            {QStringLiteral("percent"), SnapshotJson::number(mem.percent)}};
}

QJsonObject swap(const SwapUsage &swap)
{
    return {{QStringLiteral("total"), integer(swap.total)},
            {QStringLiteral("used"), integer(swap.used)},
            {QStringLiteral("percent"), SnapshotJson::number(swap.percent)}};
}

QJsonArray disks(const QList<DiskUsage> &disks)
{
    QJsonArray result;
    for (const DiskUsage &d : disks) {
        result.append(QJsonObject{{QStringLiteral("mount"), d.mount},
                                  {QStringLiteral("device"), d.device},
                                  {QStringLiteral("fs"), d.fs},
                                  {QStringLiteral("total"), integer(d.total)},
                                  {QStringLiteral("used"), integer(d.used)},
                                  {QStringLiteral("percent"), SnapshotJson::number(d.percent)},
                                  {QStringLiteral("readBps"), SnapshotJson::number(d.readBps, 0)},
                                  {QStringLiteral("writeBps"), SnapshotJson::number(d.writeBps, 0)},
                                  {QStringLiteral("readTotal"), integer(d.readTotal)},
                                  {QStringLiteral("writeTotal"), integer(d.writeTotal)}});
    }
    return result;
}

QJsonArray network(const QList<NetUsage> &net)
{
    QJsonArray result;
    for (const NetUsage &n : net) {
        result.append(QJsonObject{{QStringLiteral("iface"), n.iface},
                                  {QStringLiteral("rxBps"), SnapshotJson::number(n.rxBps, 0)},
                                  {QStringLiteral("txBps"), SnapshotJson::number(n.txBps, 0)},
                                  {QStringLiteral("rxTotal"), integer(n.rxTotal)},
                                  {QStringLiteral("txTotal"), integer(n.txTotal)}});
    }
    return result;
}

QJsonObject processes(const ProcessSummary &procs)
{
    QJsonArray top;
    for (const ProcessUsage &p : procs.top) {
        top.append(QJsonObject{{QStringLiteral("pid"), p.pid},
                               {QStringLiteral("name"), p.name},
                               {QStringLiteral("cpu"), SnapshotJson::number(p.cpu)},
                               {QStringLiteral("rss"), integer(p.rss)}});
    }
    return {{QStringLiteral("count"), procs.count},
            {QStringLiteral("running"), procs.running},
            {QStringLiteral("threads"), procs.threads},
            {QStringLiteral("top"), top}};
}

QJsonArray temperatures(const QList<Temperature> &temps)
{
    QJsonArray result;
    for (const Temperature &t : temps) {
        result.append(
            QJsonObject{{QStringLiteral("label"), t.label},
                        {QStringLiteral("celsius"), SnapshotJson::number(t.celsius, 1)},
                        {QStringLiteral("high"), SnapshotJson::number(t.high, 1)},
                        {QStringLiteral("critical"), SnapshotJson::number(t.critical, 1)}});
    }
    return result;
}

// PSI as the kernel gives it; a resource or a "full" line the kernel lacks is left out.
QJsonObject stall(const PressureStall &stall)
{
    return {{QStringLiteral("avg10"), SnapshotJson::number(stall.avg10)},
            {QStringLiteral("avg60"), SnapshotJson::number(stall.avg60)},
            {QStringLiteral("totalUs"), integer(stall.totalUs)}};
}

QJsonObject pressure(const Pressure &pressure)
{
    QJsonObject result;
    const std::pair<const char *, const std::optional<PressureResource> *> resources[] = {
        {"cpu", &pressure.cpu}, {"memory", &pressure.memory}, {"io", &pressure.io}};
    for (const auto &resource : resources) {
        if (!*resource.second)
            continue;
        QJsonObject kinds{{QStringLiteral("some"), stall((*resource.second)->some)}};
        if ((*resource.second)->full)
            kinds.insert(QStringLiteral("full"), stall(*(*resource.second)->full));
        result.insert(QLatin1StringView(resource.first), kinds);
    }
    return result;
}

// A value the kernel does not report for that group (a controller not enabled there) is null.
QJsonArray cgroups(const QList<CgroupUsage> &groups)
{
    const auto optional = [](const auto &value, int decimals) {
        return value ? SnapshotJson::number(double(*value), decimals) : QJsonValue();
    };
    QJsonArray result;
    for (const CgroupUsage &g : groups) {
        result.append(QJsonObject{
            {QStringLiteral("name"), g.name},
            {QStringLiteral("kind"), g.kind},
            {QStringLiteral("runtime"), g.runtime.isEmpty() ? QJsonValue() : QJsonValue(g.runtime)},
            {QStringLiteral("path"), g.path},
            {QStringLiteral("cpu"), optional(g.cpu, 2)},
            {QStringLiteral("memory"), g.memory ? integer(*g.memory) : QJsonValue()},
            {QStringLiteral("memoryLimit"), g.memoryLimit ? integer(*g.memoryLimit) : QJsonValue()},
            {QStringLiteral("readBps"), optional(g.readBps, 0)},
            {QStringLiteral("writeBps"), optional(g.writeBps, 0)},
            {QStringLiteral("pids"), g.pids ? integer(*g.pids) : QJsonValue()}});
    }
    return result;
}

QJsonArray fans(const QList<Fan> &fans)
{
    QJsonArray result;
    for (const Fan &f : fans) {
        result.append(QJsonObject{{QStringLiteral("label"), f.label},
                                  {QStringLiteral("rpm"), SnapshotJson::number(f.rpm, 0)}});
    }
    return result;
}

QJsonArray powerSupplies(const QList<PowerSupply> &power)
{
    QJsonArray result;
    for (const PowerSupply &p : power) {
        result.append(QJsonObject{
            {QStringLiteral("name"), p.name},
            {QStringLiteral("type"), p.type},
            {QStringLiteral("capacity"), SnapshotJson::number(p.capacity, 0)},
            {QStringLiteral("status"), p.status.isEmpty() ? QJsonValue() : QJsonValue(p.status)},
            {QStringLiteral("watts"), SnapshotJson::number(p.watts)},
            {QStringLiteral("energyWh"), SnapshotJson::number(p.energyWh)},
            {QStringLiteral("energyFullWh"), SnapshotJson::number(p.energyFullWh)},
            {QStringLiteral("online"), p.online < 0 ? QJsonValue() : QJsonValue(p.online == 1)}});
    }
    return result;
}

// Every field always present; a value not read this tick is null.
QJsonArray gpus(const QList<GpuUsage> &gpus)
{
    const auto real = [](const std::optional<double> &value, int decimals) {
        return value ? SnapshotJson::number(*value, decimals) : QJsonValue();
    };
    const auto bytes = [](const std::optional<quint64> &value) {
        return value ? integer(*value) : QJsonValue();
    };
    QJsonArray result;
    for (const GpuUsage &g : gpus) {
        result.append(QJsonObject{{QStringLiteral("id"), g.id},
                                  {QStringLiteral("name"), g.name},
                                  {QStringLiteral("vendor"), g.vendor},
                                  {QStringLiteral("driver"), g.driver},
                                  {QStringLiteral("state"), g.state},
                                  {QStringLiteral("load"), real(g.load, 1)},
                                  {QStringLiteral("vramUsed"), bytes(g.vramUsed)},
                                  {QStringLiteral("vramTotal"), bytes(g.vramTotal)},
                                  {QStringLiteral("gttUsed"), bytes(g.gttUsed)},
                                  {QStringLiteral("gttTotal"), bytes(g.gttTotal)},
                                  {QStringLiteral("temp"), real(g.temp, 1)},
                                  {QStringLiteral("tempCritical"), real(g.tempCritical, 1)},
                                  {QStringLiteral("power"), real(g.power, 2)},
                                  {QStringLiteral("powerLimit"), real(g.powerLimit, 2)},
                                  {QStringLiteral("clock"), real(g.clock, 0)},
                                  {QStringLiteral("fan"), real(g.fan, 0)}});
    }
    return result;
}

QJsonObject self(const SelfHealth &self)
{
    return {{QStringLiteral("clients"), self.clients},
            {QStringLiteral("messagesSent"), integer(self.messagesSent)},
            {QStringLiteral("bytesSent"), integer(self.bytesSent)},
            {QStringLiteral("dropped"), integer(self.dropped)},
            {QStringLiteral("rejected"), integer(self.rejected)},
            {QStringLiteral("slowClosed"), integer(self.slowClosed)},
            {QStringLiteral("authFailures"), integer(self.authFailures)},
            {QStringLiteral("bannedAddresses"), self.bannedAddresses},
            {QStringLiteral("errors"), integer(self.errors)},
            {QStringLiteral("tickUs"), QJsonValue(double(self.tickUs))},
            {QStringLiteral("lateTicks"), integer(self.lateTicks)},
            {QStringLiteral("historyErrors"), integer(self.historyErrors)},
            {QStringLiteral("notifySent"), integer(self.notifySent)},
            {QStringLiteral("notifyFailed"), integer(self.notifyFailed)},
            {QStringLiteral("cpu"), SnapshotJson::number(self.cpu)},
            {QStringLiteral("rss"), integer(self.rss)}};
}

} // namespace

QJsonValue SnapshotJson::number(double value, int decimals)
{
    if (!std::isfinite(value))
        return QJsonValue::Null;
    const double scale = std::pow(10.0, decimals);
    // A number too large to scale has no decimals left to round (and would become infinite).
    if (!std::isfinite(value * scale))
        return value;
    return std::round(value * scale) / scale + 0.0; // + 0.0 turns -0 into 0
}

QJsonObject SnapshotJson::snapshot(const Snapshot &s)
{
    QJsonObject result{{QStringLiteral("seq"), integer(s.seq)},
                       {QStringLiteral("ts"), QJsonValue(double(s.ts))},
                       {QStringLiteral("cpu"), cpu(s.cpu)},
                       {QStringLiteral("load"),
                        QJsonArray{number(s.load[0]), number(s.load[1]), number(s.load[2])}},
                       {QStringLiteral("mem"), memory(s.mem)},
                       {QStringLiteral("swap"), swap(s.swap)},
                       {QStringLiteral("disks"), disks(s.disks)},
                       {QStringLiteral("net"), network(s.net)},
                       {QStringLiteral("procs"), processes(s.procs)},
                       {QStringLiteral("temps"), temperatures(s.temps)},
                       {QStringLiteral("fans"), fans(s.fans)},
                       {QStringLiteral("power"), powerSupplies(s.power)},
                       {QStringLiteral("gpus"), gpus(s.gpus)},
                       {QStringLiteral("uptime"), number(s.uptime, 0)},
                       {QStringLiteral("self"), self(s.self)}};
    if (s.pressure)
        result.insert(QStringLiteral("pressure"), pressure(*s.pressure));
    if (s.cgroups)
        result.insert(QStringLiteral("cgroups"), cgroups(*s.cgroups));
    return result;
}

QByteArray SnapshotJson::snapshotText(const Snapshot &s)
{
    return QJsonDocument(snapshot(s)).toJson(QJsonDocument::Compact);
}

QByteArray SnapshotJson::snapshotText(const Snapshot &s)
{
    return QJsonDocument(snapshot(s)).toJson(QJsonDocument::Compact);
}

QJsonObject SnapshotJson::host(const HostInfo &host)
{
    return {{QStringLiteral("hostname"), host.hostname},
            {QStringLiteral("kernel"), host.kernel},
            {QStringLiteral("os"), host.os},
            {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("model"), host.cpuModel},
                                                {QStringLiteral("count"), host.cpuCount}}},
            {QStringLiteral("bootTime"), QJsonValue(double(host.bootTime))}};
}

QJsonObject SnapshotJson::window(const History::Window &window)
{
    QJsonArray ts;
    for (qint64 t : window.ts)
        ts.append(double(t));
    QJsonObject series;
    for (const auto &[name, values] : window.series) {
        QJsonArray column;
        for (double v : values)
            column.append(number(v));
        series.insert(name, column);
    }
    return {{QStringLiteral("ts"), ts}, {QStringLiteral("series"), series}};
}

#include "snapshotjson.h"

#include <QJsonArray>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace {

// NaN and the infinities stay as they are: the writer sends them as null.
double rounded(double value, int decimals)
{
    if (!std::isfinite(value))
        return value;
    // 10^decimals, exact as pow gives it, without a pow call for each of a sample's numbers.
    static constexpr double Scales[] = {1, 10, 100};
    const double scale =
        decimals >= 0 && decimals < 3 ? Scales[decimals] : std::pow(10.0, decimals);
    // A number too large to scale has no decimals left to round (and would become infinite).
    if (!std::isfinite(value * scale))
        return value;
    return std::round(value * scale) / scale + 0.0; // + 0.0 turns -0 into 0
}

// A streaming writer with the sample's conventions, so that the text is the one QJsonDocument
// wrote from SnapshotJson's objects before: members in QJsonObject's order (sorted by name),
// unknown values null, counters through a double as QJsonValue takes them, and a double that is
// a whole number a double holds exactly (up to 2^53) written as an integer, as Qt writes it.
class SampleWriter
{
public:
    explicit SampleWriter(rapidjson::StringBuffer &buffer)
        : m_writer(buffer)
    {}

    template<std::size_t N>
    SampleWriter &key(const char (&name)[N])
    {
        m_writer.Key(name, N - 1);
        return *this;
    }
    void startObject() { m_writer.StartObject(); }
    void endObject() { m_writer.EndObject(); }
    void startArray() { m_writer.StartArray(); }
    void endArray() { m_writer.EndArray(); }

    void null() { m_writer.Null(); }
    void boolean(bool value) { m_writer.Bool(value); }
    void integer(int value) { m_writer.Int(value); }
    void real(double value)
    {
        constexpr double Exact = double(1ull << 53);
        if (!std::isfinite(value))
            m_writer.Null();
        else if (std::trunc(value) == value && std::fabs(value) <= Exact)
            m_writer.Int64(qint64(value));
        else
            m_writer.Double(value); // Grisu2: digits that read back to this very double
    }
    void number(double value, int decimals = 2) { real(rounded(value, decimals)); }
    // Bytes and counters: a double on the way, as in every JSON reader.
    void count(quint64 value) { real(double(value)); }
    void text(const QString &value)
    {
        const QByteArray utf8 = value.toUtf8();
        m_writer.String(utf8.constData(), rapidjson::SizeType(utf8.size()));
    }
    // An empty text is one the kernel did not give: null.
    void textOrNull(const QString &value) { value.isEmpty() ? null() : text(value); }
    void number(const std::optional<double> &value, int decimals)
    {
        value ? number(*value, decimals) : null();
    }
    void count(const std::optional<quint64> &value) { value ? count(*value) : null(); }

private:
    rapidjson::Writer<rapidjson::StringBuffer> m_writer;
};

void cpu(SampleWriter &w, const CpuUsage &cpu)
{
    w.startObject();
    w.key("coreMhz").startArray();
    for (double mhz : cpu.coreMhz)
        w.number(mhz, 0);
    w.endArray();
    w.key("cores").startArray();
    for (double core : cpu.cores)
        w.number(core);
    w.endArray();
    w.key("iowait").number(cpu.iowait);
    w.key("steal").number(cpu.steal);
    w.key("system").number(cpu.system);
    w.key("total").number(cpu.total);
    w.key("user").number(cpu.user);
    w.endObject();
}

void memory(SampleWriter &w, const MemoryUsage &mem)
{
    w.startObject();
    w.key("available").count(mem.available);
    w.key("buffers").count(mem.buffers);
    w.key("cached").count(mem.cached);
    w.key("percent").number(mem.percent);
    w.key("total").count(mem.total);
    w.key("used").count(mem.used);
    w.endObject();
}

void swap(SampleWriter &w, const SwapUsage &swap)
{
    w.startObject();
    w.key("percent").number(swap.percent);
    w.key("total").count(swap.total);
    w.key("used").count(swap.used);
    w.endObject();
}

void disks(SampleWriter &w, const QList<DiskUsage> &disks)
{
    w.startArray();
    for (const DiskUsage &d : disks) {
        w.startObject();
        w.key("device").text(d.device);
        w.key("fs").text(d.fs);
        w.key("mount").text(d.mount);
        w.key("percent").number(d.percent);
        w.key("readBps").number(d.readBps, 0);
        w.key("readTotal").count(d.readTotal);
        w.key("total").count(d.total);
        w.key("used").count(d.used);
        w.key("writeBps").number(d.writeBps, 0);
        w.key("writeTotal").count(d.writeTotal);
        w.endObject();
    }
    w.endArray();
}

void network(SampleWriter &w, const QList<NetUsage> &net)
{
    w.startArray();
    for (const NetUsage &n : net) {
        w.startObject();
        w.key("iface").text(n.iface);
        w.key("rxBps").number(n.rxBps, 0);
        w.key("rxTotal").count(n.rxTotal);
        w.key("txBps").number(n.txBps, 0);
        w.key("txTotal").count(n.txTotal);
        w.endObject();
    }
    w.endArray();
}

void processes(SampleWriter &w, const ProcessSummary &procs)
{
    w.startObject();
    w.key("count").integer(procs.count);
    w.key("running").integer(procs.running);
    w.key("threads").integer(procs.threads);
    w.key("top").startArray();
    for (const ProcessUsage &p : procs.top) {
        w.startObject();
        w.key("cpu").number(p.cpu);
        w.key("name").text(p.name);
        w.key("pid").integer(p.pid);
        w.key("rss").count(p.rss);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

void temperatures(SampleWriter &w, const QList<Temperature> &temps)
{
    w.startArray();
    for (const Temperature &t : temps) {
        w.startObject();
        w.key("celsius").number(t.celsius, 1);
        w.key("critical").number(t.critical, 1);
        w.key("high").number(t.high, 1);
        w.key("label").text(t.label);
        w.endObject();
    }
    w.endArray();
}

void fans(SampleWriter &w, const QList<Fan> &fans)
{
    w.startArray();
    for (const Fan &f : fans) {
        w.startObject();
        w.key("label").text(f.label);
        w.key("rpm").number(f.rpm, 0);
        w.endObject();
    }
    w.endArray();
}

void powerSupplies(SampleWriter &w, const QList<PowerSupply> &power)
{
    w.startArray();
    for (const PowerSupply &p : power) {
        w.startObject();
        w.key("capacity").number(p.capacity, 0);
        w.key("energyFullWh").number(p.energyFullWh);
        w.key("energyWh").number(p.energyWh);
        w.key("name").text(p.name);
        w.key("online");
        p.online < 0 ? w.null() : w.boolean(p.online == 1);
        w.key("status").textOrNull(p.status);
        w.key("type").text(p.type);
        w.key("watts").number(p.watts);
        w.endObject();
    }
    w.endArray();
}

// PSI as the kernel gives it (the stall rate is left to the client); a resource or a "full" line
// the kernel lacks is left out.
void stall(SampleWriter &w, const PressureStall &stall)
{
    w.startObject();
    w.key("avg10").number(stall.avg10);
    w.key("avg60").number(stall.avg60);
    w.key("totalUs").count(stall.totalUs);
    w.endObject();
}

void resource(SampleWriter &w, const PressureResource &resource)
{
    w.startObject();
    if (resource.full)
        stall(w.key("full"), *resource.full);
    stall(w.key("some"), resource.some);
    w.endObject();
}

void pressure(SampleWriter &w, const Pressure &pressure)
{
    w.startObject();
    if (pressure.cpu)
        resource(w.key("cpu"), *pressure.cpu);
    if (pressure.io)
        resource(w.key("io"), *pressure.io);
    if (pressure.memory)
        resource(w.key("memory"), *pressure.memory);
    w.endObject();
}

// A value the kernel does not report for that group (a controller not enabled there) is null.
void cgroups(SampleWriter &w, const QList<CgroupUsage> &groups)
{
    w.startArray();
    for (const CgroupUsage &g : groups) {
        w.startObject();
        w.key("cpu").number(g.cpu, 2);
        w.key("kind").text(g.kind);
        w.key("memory").count(g.memory);
        w.key("memoryLimit").count(g.memoryLimit);
        w.key("name").text(g.name);
        w.key("path").text(g.path);
        w.key("pids").count(g.pids);
        w.key("readBps").number(g.readBps, 0);
        w.key("runtime").textOrNull(g.runtime);
        w.key("writeBps").number(g.writeBps, 0);
        w.endObject();
    }
    w.endArray();
}

// Every field always present; a value not read this tick is null.
void gpus(SampleWriter &w, const QList<GpuUsage> &gpus)
{
    w.startArray();
    for (const GpuUsage &g : gpus) {
        w.startObject();
        w.key("clock").number(g.clock, 0);
        w.key("driver").text(g.driver);
        w.key("fan").number(g.fan, 0);
        w.key("gttTotal").count(g.gttTotal);
        w.key("gttUsed").count(g.gttUsed);
        w.key("id").text(g.id);
        w.key("load").number(g.load, 1);
        w.key("name").text(g.name);
        w.key("power").number(g.power, 2);
        w.key("powerLimit").number(g.powerLimit, 2);
        w.key("state").text(g.state);
        w.key("temp").number(g.temp, 1);
        w.key("tempCritical").number(g.tempCritical, 1);
        w.key("vendor").text(g.vendor);
        w.key("vramTotal").count(g.vramTotal);
        w.key("vramUsed").count(g.vramUsed);
        w.endObject();
    }
    w.endArray();
}

void self(SampleWriter &w, const SelfHealth &self)
{
    w.startObject();
    w.key("authFailures").count(self.authFailures);
    w.key("bannedAddresses").integer(self.bannedAddresses);
    w.key("bytesSent").count(self.bytesSent);
    w.key("clients").integer(self.clients);
    w.key("cpu").number(self.cpu);
    w.key("dropped").count(self.dropped);
    w.key("errors").count(self.errors);
    w.key("historyErrors").count(self.historyErrors);
    w.key("lateTicks").count(self.lateTicks);
    w.key("messagesSent").count(self.messagesSent);
    w.key("notifyFailed").count(self.notifyFailed);
    w.key("notifySent").count(self.notifySent);
    w.key("rejected").count(self.rejected);
    w.key("rss").count(self.rss);
    w.key("slowClosed").count(self.slowClosed);
    w.key("tickUs").real(double(self.tickUs));
    w.endObject();
}

} // namespace

QJsonValue SnapshotJson::number(double value, int decimals)
{
    const double result = rounded(value, decimals);
    return std::isfinite(result) ? QJsonValue(result) : QJsonValue(QJsonValue::Null);
}

QByteArray SnapshotJson::snapshotText(const Snapshot &s)
{
    rapidjson::StringBuffer buffer;
    SampleWriter w(buffer);
    w.startObject();
    if (s.cgroups)
        cgroups(w.key("cgroups"), *s.cgroups);
    cpu(w.key("cpu"), s.cpu);
    disks(w.key("disks"), s.disks);
    fans(w.key("fans"), s.fans);
    gpus(w.key("gpus"), s.gpus);
    w.key("load").startArray();
    for (double load : s.load)
        w.number(load);
    w.endArray();
    memory(w.key("mem"), s.mem);
    network(w.key("net"), s.net);
    powerSupplies(w.key("power"), s.power);
    if (s.pressure)
        pressure(w.key("pressure"), *s.pressure);
    processes(w.key("procs"), s.procs);
    self(w.key("self"), s.self);
    w.key("seq").count(s.seq);
    swap(w.key("swap"), s.swap);
    temperatures(w.key("temps"), s.temps);
    w.key("ts").real(double(s.ts));
    w.key("uptime").number(s.uptime, 0);
    w.endObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
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

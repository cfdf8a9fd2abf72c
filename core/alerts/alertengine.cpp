#include "alertengine.h"

#include "logging.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace {

QString key(const QString &rule, const QString &instance)
{
    return instance.isEmpty() ? rule : rule + u':' + instance;
}

double levelOf(const AlertRule &rule, AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? rule.critical : rule.warning;
}

} // namespace

AlertEngine::AlertEngine(Settings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    readRules();
    connect(m_settings, &Settings::changed, this, [this](const QStringList &keys) {
        const bool thresholds = std::any_of(keys.begin(), keys.end(), [](const QString &k) {
            return k.startsWith(u"thresholds/");
        });
        if (thresholds)
            readRules();
    });
}

void AlertEngine::readRules()
{
    const auto number = [this](const QString &rule, const char *field) {
        return m_settings
            ->value(QStringLiteral("thresholds/%1/%2").arg(rule, QLatin1StringView(field)))
            .toDouble();
    };
    for (const QString &rule : SettingsSchema::rules()) {
        m_rules.insert(rule, AlertRule{rule, number(rule, "warning"), number(rule, "critical"),
                                       number(rule, "for"), number(rule, "hysteresis")});
    }
    // A unit's own levels; a level it does not set reads as the shared one (Settings::value).
    m_unitLevels.clear();
    for (const QString &rule : SettingsSchema::unitRules()) {
        for (const QString &unit : m_settings->units(rule)) {
            const QString prefix = SettingsSchema::unitPrefix(rule, unit);
            const auto level = [this, &prefix](const char *field) {
                return m_settings->value(prefix + QLatin1StringView(field)).toDouble();
            };
            m_unitLevels.insert(key(rule, unit),
                                UnitLevels{AlertRule{rule, level("warning"), level("critical"),
                                                     level("for"), level("hysteresis")},
                                           m_settings->value(prefix + u"enabled").toBool()});
        }
    }
}

void AlertEngine::evaluate(const Snapshot &snapshot, qint64 nowMs)
{
    for (Entry &entry : m_entries)
        entry.seen = false;
    m_processes = snapshot.procs.top;
    evaluateOne(QStringLiteral("cpu"), {}, snapshot.cpu.total, m_rules.value(QStringLiteral("cpu")),
                nowMs);
    evaluateOne(QStringLiteral("memory"), {}, snapshot.mem.percent,
                m_rules.value(QStringLiteral("memory")), nowMs);
    // A machine without swap has no swap to fill: the rule does not apply there.
    if (snapshot.swap.total > 0)
        evaluateOne(QStringLiteral("swap"), {}, snapshot.swap.percent,
                    m_rules.value(QStringLiteral("swap")), nowMs);
    evaluateInstances(snapshot, nowMs);
    evaluateServer(snapshot, nowMs);
    retireUnseen(nowMs);
}

void AlertEngine::evaluateInstances(const Snapshot &snapshot, qint64 nowMs)
{
    for (const DiskUsage &disk : snapshot.disks)
        evaluateOne(QStringLiteral("disk"), disk.mount, disk.percent,
                    m_rules.value(QStringLiteral("disk")), nowMs);
    for (const Temperature &sensor : snapshot.temps)
        evaluateOne(QStringLiteral("temperature"), sensor.label, sensor.celsius,
                    temperatureRule(sensor), nowMs);
    // One instance per resource the kernel reports; where it has no PSI the rule never fires.
    if (snapshot.pressure) {
        const AlertRule pressure = m_rules.value(QStringLiteral("pressure"));
        const Pressure &p = *snapshot.pressure;
        if (p.cpu)
            evaluateOne(QStringLiteral("pressure"), QStringLiteral("cpu"), p.cpu->some.avg10,
                        pressure, nowMs);
        if (p.memory)
            evaluateOne(QStringLiteral("pressure"), QStringLiteral("memory"), p.memory->some.avg10,
                        pressure, nowMs);
        if (p.io)
            evaluateOne(QStringLiteral("pressure"), QStringLiteral("io"), p.io->some.avg10,
                        pressure, nowMs);
    }
    evaluateCgroups(snapshot, nowMs);
    evaluateGpus(snapshot, nowMs);
}

// CPU and memory per unit, session and container, named as the Services view names it; slices
// add up their members and would fire with them. A name met twice (a user manager's own
// dbus.service) is evaluated once, for the first in path order. Memory is in percent of the
// unit's limit, or of the machine's memory where it has none or one beyond it: a unit limited
// to more than the machine has fills up at the machine's size.
void AlertEngine::evaluateCgroups(const Snapshot &snapshot, qint64 nowMs)
{
    if (!snapshot.cgroups)
        return;
    const quint64 machine = snapshot.mem.total;
    QSet<QString> seen;
    for (const CgroupUsage &cgroup : *snapshot.cgroups) {
        if (cgroup.kind == u"slice" || seen.contains(cgroup.name))
            continue;
        seen.insert(cgroup.name);
        if (cgroup.cpu)
            evaluateUnit(QStringLiteral("cgroup"), cgroup.name, *cgroup.cpu, nowMs);
        quint64 limit = machine;
        if (cgroup.memoryLimit && *cgroup.memoryLimit > 0 &&
            (machine == 0 || *cgroup.memoryLimit < machine))
            limit = *cgroup.memoryLimit;
        if (cgroup.memory && limit > 0)
            evaluateUnit(QStringLiteral("cgroupMemory"), cgroup.name,
                         100.0 * double(*cgroup.memory) / double(limit), nowMs);
    }
}

// The unit's own levels where it has them, else the shared ones. A unit switched off for the
// rule is not evaluated: an alert it had resolves at once, as one whose unit went away does.
void AlertEngine::evaluateUnit(const QString &rule, const QString &unit, double value, qint64 nowMs)
{
    const auto own = m_unitLevels.constFind(key(rule, unit));
    if (own == m_unitLevels.cend()) {
        evaluateOne(rule, unit, value, m_rules.value(rule), nowMs);
    } else if (own->enabled) {
        evaluateOne(rule, unit, value, own->levels, nowMs);
    } else if (const auto entry = m_entries.find(key(rule, unit)); entry != m_entries.end()) {
        retire(entry, nowMs, QStringLiteral("%1 %2 is switched off").arg(rule, unit));
    }
}

// Temperature and VRAM in use per GPU, by PCI address. A value not read this tick (the GPU
// asleep, or a backend that cannot read it) is NaN: the instance stays, neither firing nor
// resolving, at the level it had. A GPU reported gone is left out, so retireUnseen resolves it.
void AlertEngine::evaluateGpus(const Snapshot &snapshot, qint64 nowMs)
{
    if (snapshot.gpus.isEmpty())
        return;
    const AlertRule temperature = m_rules.value(QStringLiteral("gpu"));
    const AlertRule memory = m_rules.value(QStringLiteral("gpuMemory"));
    for (const GpuUsage &gpu : snapshot.gpus) {
        if (gpu.state == u"gone")
            continue;
        evaluateOne(QStringLiteral("gpu"), gpu.id, gpu.temp.value_or(qQNaN()), temperature, nowMs);
        const bool sized = gpu.vramUsed && gpu.vramTotal && *gpu.vramTotal > 0;
        evaluateOne(QStringLiteral("gpuMemory"), gpu.id,
                    sized ? 100.0 * double(*gpu.vramUsed) / double(*gpu.vramTotal) : qQNaN(),
                    memory, nowMs);
    }
}

// The sensor's own high and critical marks win: they are what its maker rated it for. The
// settings' levels serve sensors that report none.
AlertRule AlertEngine::temperatureRule(const Temperature &sensor) const
{
    AlertRule rule = m_rules.value(QStringLiteral("temperature"));
    if (std::isfinite(sensor.high) && sensor.high > 0)
        rule.warning = sensor.high;
    if (std::isfinite(sensor.critical) && sensor.critical > 0)
        rule.critical = sensor.critical;
    rule.critical = std::max(rule.critical, rule.warning);
    return rule;
}

void AlertEngine::evaluateServer(const Snapshot &snapshot, qint64 nowMs)
{
    const SelfHealth &self = snapshot.self;
    evaluateOne(QStringLiteral("errors"), {}, m_errors.add(nowMs, self.errors),
                m_rules.value(QStringLiteral("errors")), nowMs);
    evaluateOne(QStringLiteral("connections"), {},
                m_connections.add(nowMs, self.rejected + self.slowClosed),
                m_rules.value(QStringLiteral("connections")), nowMs);
    evaluateOne(QStringLiteral("history"), {}, m_historyErrors.add(nowMs, self.historyErrors),
                m_rules.value(QStringLiteral("history")), nowMs);
    evaluateOne(QStringLiteral("tick"), {}, tickLoad(snapshot),
                m_rules.value(QStringLiteral("tick")), nowMs);
    for (const ChannelHealth &channel : self.notifyChannels)
        evaluateOne(QStringLiteral("notify"), channel.name, channel.failingMinutes,
                    m_rules.value(QStringLiteral("notify")), nowMs);
    for (const HostHealth &host : self.fleetHosts)
        evaluateOne(QStringLiteral("host"), host.name, host.silentSeconds,
                    m_rules.value(QStringLiteral("host")), nowMs);
}

// Collection time in percent of the interval; a tick that started late counts as a whole
// interval, since the machine could not keep the pace that tick.
double AlertEngine::tickLoad(const Snapshot &snapshot)
{
    const double intervalUs = m_settings->interval() * 1e6;
    double load = 100.0 * double(snapshot.self.tickUs) / intervalUs;
    if (snapshot.self.lateTicks > m_lastLateTicks)
        load = std::max(load, 100.0);
    m_lastLateTicks = snapshot.self.lateTicks;
    return load;
}

void AlertEngine::evaluateOne(const QString &rule, const QString &instance, double value,
                              const AlertRule &levels, qint64 nowMs)
{
    const QString id = key(rule, instance);
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        it = m_entries.insert(id, Entry{rule, instance, levels, {}, false, false, 0, false, {}});
    Entry &entry = *it;
    entry.seen = true;
    entry.restored = false;
    entry.levels = levels;
    const AlertSeverity before = entry.tracker.severity();
    const AlertTracker::Change change = entry.tracker.update(value, nowMs, levels);
    if (change == AlertTracker::Change::None)
        return;
    const AlertSeverity now = entry.tracker.severity();
    entry.changedAt = nowMs;
    if (change == AlertTracker::Change::Fired)
        ++m_firings[rule];
    // A new firing or an escalation is news again; calming down keeps the acknowledgement.
    // Its top processes are those of this moment: what was running when it fired.
    if (change == AlertTracker::Change::Fired || change == AlertTracker::Change::Escalated) {
        entry.acknowledged = false;
        entry.top = ProcessTop::of(m_processes);
    }
    if (change == AlertTracker::Change::Resolved) {
        const Alert alert = alertFor(entry, Alert::State::Resolved, before, nowMs);
        entry.acknowledged = false;
        emit alertChanged(alert);
        return;
    }
    emit alertChanged(alertFor(entry, Alert::State::Firing, now, nowMs));
}

// A mount unmounted or a sensor gone, or a restored alert whose metric this machine no longer
// has (swap switched off while Vantage was stopped): its alert resolves and its instance is
// dropped. It leaves before the event goes out, so active() no longer lists it by then.
void AlertEngine::retireUnseen(qint64 nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->seen || (it->instance.isEmpty() && !it->restored)) {
            ++it;
            continue;
        }
        it = retire(it, nowMs,
                    it->instance.isEmpty()
                        ? QStringLiteral("%1 is gone").arg(it->rule)
                        : QStringLiteral("%1 %2 is gone").arg(it->rule, it->instance));
    }
}

// Drops the instance; if it was firing, its alert resolves with why as the message.
QHash<QString, AlertEngine::Entry>::iterator AlertEngine::retire(QHash<QString, Entry>::iterator it,
                                                                 qint64 nowMs, const QString &why)
{
    const bool firing = it->tracker.severity() != AlertSeverity::None;
    Alert alert = alertFor(*it, Alert::State::Resolved, it->tracker.severity(), nowMs);
    it = m_entries.erase(it);
    if (firing) {
        alert.value = qQNaN();
        alert.message = why;
        emit alertChanged(alert);
    }
    return it;
}

void AlertEngine::restore(const QList<Alert> &alerts)
{
    for (const Alert &alert : alerts) {
        if (alert.state != Alert::State::Firing || alert.severity == AlertSeverity::None)
            continue;
        // Until the first evaluate() the alert reads as it did, with the level it fired at.
        AlertRule levels = m_rules.value(alert.rule, AlertRule{alert.rule});
        if (std::isfinite(alert.threshold))
            (alert.severity == AlertSeverity::Critical ? levels.critical : levels.warning) =
                alert.threshold;
        Entry entry{alert.rule, alert.instance, levels, {},       alert.acknowledged,
                    false,      alert.ts,       true,   alert.top};
        entry.tracker.restore(alert.severity, alert.since, alert.value);
        m_entries.insert(alert.id(), entry);
    }
}

Alert AlertEngine::alertFor(const Entry &entry, Alert::State state, AlertSeverity severity,
                            qint64 nowMs) const
{
    Alert alert;
    alert.rule = entry.rule;
    alert.instance = entry.instance;
    alert.severity = severity;
    alert.state = state;
    alert.value = entry.tracker.value();
    alert.threshold = levelOf(entry.levels, severity);
    alert.ts = nowMs;
    alert.since = entry.tracker.firedAt();
    alert.acknowledged = entry.acknowledged;
    alert.top = entry.top;
    alert.message = Alert::describe(
        entry.rule, entry.instance, alert.value,
        state == Alert::State::Resolved ? AlertSeverity::None : severity, alert.threshold);
    return alert;
}

QList<Alert> AlertEngine::active() const
{
    QList<Alert> result;
    for (const Entry &entry : m_entries) {
        const AlertSeverity severity = entry.tracker.severity();
        if (severity != AlertSeverity::None)
            result.append(alertFor(entry, Alert::State::Firing, severity, entry.changedAt));
    }
    std::sort(result.begin(), result.end(), [](const Alert &a, const Alert &b) {
        return a.severity != b.severity ? a.severity > b.severity : a.since < b.since;
    });
    return result;
}

QList<AlertEngine::InstanceState> AlertEngine::states() const
{
    QList<InstanceState> result;
    for (const Entry &entry : m_entries)
        result.append({entry.rule, entry.instance, entry.tracker.severity()});
    return result;
}

AlertSeverity AlertEngine::worst() const
{
    AlertSeverity worst = AlertSeverity::None;
    for (const Entry &entry : m_entries)
        worst = std::max(worst, entry.tracker.severity());
    return worst;
}

bool AlertEngine::acknowledge(const QString &id)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end() || it->tracker.severity() == AlertSeverity::None)
        return false;
    if (!it->acknowledged) {
        it->acknowledged = true;
        it->changedAt = QDateTime::currentMSecsSinceEpoch();
        emit alertChanged(
            alertFor(*it, Alert::State::Firing, it->tracker.severity(), it->changedAt));
    }
    return true;
}

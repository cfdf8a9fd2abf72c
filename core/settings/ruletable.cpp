#include "settings/ruletable.h"

#include <algorithm>
#include <iterator>

namespace {

const RuleDefaults Rules[] = {
    {"cpu", "a percentage", "total CPU use", 0, 100, 75, 90, 10, 5, "CPU", "%", true},
    {"memory", "a percentage", "memory in use (total minus available)", 0, 100, 80, 95, 10, 5,
     "Memory", "%", true},
    {"swap", "a percentage", "swap in use", 0, 100, 50, 80, 30, 5, "Swap", "%", true},
    {"disk", "a percentage", "space used on each filesystem", 0, 100, 90, 95, 60, 2, "Disk space",
     "%", true},
    {"temperature", "a temperature in degrees Celsius",
     "sensor temperature, for sensors that report no high/critical level", 0, 200, 80, 95, 10, 3,
     "Temperature", "°C", false},
    {"errors", "a number of errors per minute", "server errors per minute", 0, 1000000, 10, 60, 0,
     2, "Server errors", "/min", true},
    {"connections", "a number of clients per minute", "refused or dropped clients per minute", 0,
     1000000, 10, 50, 0, 2, "Refused clients", "/min", true},
    // Any failure fires (a full disk fails every flush); critical once a minute of flushes at
    // the default 10 s is lost.
    {"history", "a number of failures per minute", "history store failures per minute", 0, 1000000,
     1, 6, 0, 0.5, "History store", "/min", true},
    {"tick", "a percentage of the interval", "collection time of one tick", 1, 1000, 50, 100, 10,
     10, "Tick time", "% of interval", true},
    // PSI some avg10 per resource: a tenth of the time with a task waiting is felt, a quarter
    // is a machine short of that resource (docs/alerts.md).
    {"pressure", "a percentage", "share of time some task stalled on CPU, memory or I/O", 0, 100,
     10, 25, 30, 2, "Pressure", "%", true},
    // CPU per unit or container in percent of one core (docs/settings.md): a service holding a
    // core for a minute is worth a look; nearly two is a runaway.
    {"cgroup", "a percentage of one core", "CPU of each service, session or container", 0, 100000,
     90, 180, 60, 10, "Service CPU", "% of a core", true},
    // Memory per unit in percent of its own limit (memory.max), else of the machine's memory:
    // near its limit a unit is reclaimed hard and then killed, and one unit holding nine tenths
    // of an unlimited machine starves the rest. The machine-wide memory rule warns earlier.
    {"cgroupMemory", "a percentage", "memory of each service, session or container", 0, 100, 90, 98,
     60, 3, "Service memory", "%", true},
    // Per GPU (docs/alerts.md): most GPUs slow themselves down somewhere between 85 and 95 °C.
    // One level for every GPU: not every backend reports the maker's critical mark.
    {"gpu", "a temperature in degrees Celsius", "temperature of each GPU", 0, 200, 85, 95, 30, 3,
     "GPU temperature", "°C", false},
    // VRAM in use per GPU: a full card spills into system memory and slows down.
    {"gpuMemory", "a percentage", "video memory in use on each GPU", 0, 100, 90, 98, 60, 2,
     "GPU memory", "%", true},
    // A channel failing for a quarter of an hour is worth telling the others; an hour, urgent.
    {"notify", "a number of minutes", "minutes a notification channel has been failing", 0, 10080,
     15, 60, 0, 1, "Notifications", "min", true},
    // Seconds a fleet host has been silent once it is down (docs/fleet.md): the warning matches
    // the default fleet/downSeconds, so a closed connection warns as soon as a silent one would;
    // five minutes away is an outage. Back up, the value is 0 and the alert resolves.
    {"host", "a number of seconds", "seconds a fleet host has been silent", 0, 86400, 15, 300, 0, 1,
     "Fleet host", "s", true},
};

} // namespace

std::span<const RuleDefaults> ruleTable()
{
    return Rules;
}

const RuleDefaults *ruleDefaults(const QString &rule)
{
    const auto it =
        std::find_if(std::begin(Rules), std::end(Rules),
                     [&rule](const RuleDefaults &r) { return rule == QLatin1StringView(r.name); });
    return it == std::end(Rules) ? nullptr : &*it;
}

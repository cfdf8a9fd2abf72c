#include "drmclienttracker.h"

#include "io/procfile.h"

#include <QFile>

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <unistd.h>

namespace {

constexpr double MaxPercent = 100;

// The key a client is counted once by.
QByteArray clientKey(const DrmFdinfo &info)
{
    return info.pdev + '/' + QByteArray::number(*info.clientId);
}

double percent(double part, double whole)
{
    return std::clamp(part * MaxPercent / whole, 0.0, MaxPercent);
}

double rounded(double value)
{
    return std::round(value * 10) / 10;
}

// The delta of one counter, or nullopt when it stepped back.
std::optional<quint64> delta(quint64 now, quint64 before)
{
    return now >= before ? std::optional(now - before) : std::nullopt;
}

} // namespace

DrmClientTracker::DrmClientTracker(QString procRoot)
    : m_procRoot(std::move(procRoot))
{}

void DrmClientTracker::clear()
{
    m_processes.clear();
    m_clients.clear();
    m_use.clear();
    m_loadByDevice.clear();
    m_fullScanNs = 0;
    m_scanned = false;
}

std::vector<int> DrmClientTracker::drmFds(int pid) const
{
    std::vector<int> fds;
    const QByteArray dir =
        QFile::encodeName(m_procRoot + u'/' + QString::number(pid) + QStringLiteral("/fd/"));
    DIR *listing = ::opendir(dir.constData());
    if (!listing)
        return fds; // another user's process: EACCES
    char target[64];
    while (const dirent *entry = ::readdir(listing)) {
        if (entry->d_name[0] == '.')
            continue;
        const QByteArray link = dir + entry->d_name;
        const ssize_t length = ::readlink(link.constData(), target, sizeof target);
        if (length <= 0 || !QByteArrayView(target, length).startsWith("/dev/dri/"))
            continue;
        bool ok = false;
        const int fd = QByteArrayView(entry->d_name).toInt(&ok);
        if (ok)
            fds.push_back(fd);
    }
    ::closedir(listing);
    std::sort(fds.begin(), fds.end());
    return fds;
}

void DrmClientTracker::readClients(int pid, Process &process, QHash<QByteArray, Seen> &seen) const
{
    const QString dir = m_procRoot + u'/' + QString::number(pid) + QStringLiteral("/fdinfo/");
    std::vector<int> stillDrm;
    for (const int fd : process.drmFds) {
        bool ok = false;
        const QByteArray text = ProcFile::readAll(dir + QString::number(fd), &ok);
        const auto info = ok ? DrmFdinfoParser::parse(text) : std::nullopt;
        if (!info)
            continue; // closed, or now another file
        stillDrm.push_back(fd);
        if (!info->clientId)
            continue;
        const QByteArray key = clientKey(*info);
        const auto found = seen.find(key);
        if (found == seen.end())
            seen.insert(key, Seen{*info, pid});
        else
            found->owner = std::min(found->owner, pid);
    }
    process.drmFds = std::move(stillDrm);
}

void DrmClientTracker::update(qint64 nowNs, const std::vector<std::pair<int, quint64>> &processes)
{
    const bool full = !m_scanned || nowNs - m_fullScanNs >= fullRescanNs;
    if (full)
        m_fullScanNs = nowNs;
    m_scanned = true;
    std::unordered_map<int, Process> next;
    QHash<QByteArray, Seen> seen;
    for (const auto &entry : processes) {
        const int pid = entry.first;
        Process process{entry.second, {}};
        const auto known = m_processes.find(pid);
        if (full || known == m_processes.end() || known->second.startTicks != entry.second)
            process.drmFds = drmFds(pid);
        else
            process.drmFds = known->second.drmFds;
        if (!process.drmFds.empty())
            readClients(pid, process, seen);
        next.emplace(pid, std::move(process));
    }
    m_processes = std::move(next);

    QHash<QByteArray, Client> clients;
    QHash<QString, Utilisation> byDevice;
    m_use.clear();
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        const auto before = m_clients.constFind(it.key());
        const auto engines =
            utilisation(it->sample, before != m_clients.cend() ? &*before : nullptr, nowNs);
        account(*it, engines, byDevice);
        clients.insert(it.key(), Client{it->sample, nowNs});
    }
    m_clients = std::move(clients);

    m_loadByDevice.clear();
    for (auto it = byDevice.cbegin(); it != byDevice.cend(); ++it) {
        double busiest = 0;
        for (const double value : *it)
            busiest = std::max(busiest, value);
        m_loadByDevice.insert(it.key(), rounded(std::min(busiest, MaxPercent)));
    }
}

void DrmClientTracker::update(qint64 nowNs)
{
    std::vector<std::pair<int, quint64>> processes;
    DIR *listing = ::opendir(QFile::encodeName(m_procRoot).constData());
    if (listing) {
        while (const dirent *entry = ::readdir(listing)) {
            bool ok = false;
            const int pid = QByteArrayView(entry->d_name).toInt(&ok);
            if (ok && pid > 0)
                processes.emplace_back(pid, 0);
        }
        ::closedir(listing);
    }
    update(nowNs, processes);
}

std::optional<DrmClientTracker::Utilisation>
DrmClientTracker::utilisation(const DrmFdinfo &now, const Client *before, qint64 nowNs) const
{
    if (!before || nowNs <= before->sampleNs)
        return std::nullopt;
    const double wallNs = double(nowNs - before->sampleNs);
    Utilisation engines;
    for (auto it = now.engineNs.cbegin(); it != now.engineNs.cend(); ++it) {
        const auto then = before->sample.engineNs.constFind(it.key());
        if (then == before->sample.engineNs.cend())
            continue;
        const auto busy = delta(it.value(), then.value());
        if (!busy)
            return std::nullopt;
        engines.insert(it.key(), percent(double(*busy), wallNs *double(now.capacityOf(it.key()))));
    }
    for (auto it = now.cycles.cbegin(); it != now.cycles.cend(); ++it) {
        const auto then = before->sample.cycles.constFind(it.key());
        const auto total = now.totalCycles.constFind(it.key());
        const auto totalThen = before->sample.totalCycles.constFind(it.key());
        if (then == before->sample.cycles.cend() || total == now.totalCycles.cend() ||
            totalThen == before->sample.totalCycles.cend())
            continue;
        const auto busy = delta(it.value(), then.value());
        const auto elapsed = delta(total.value(), totalThen.value());
        if (!busy || !elapsed)
            return std::nullopt;
        if (*elapsed == 0)
            continue;
        engines.insert(it.key(),
                       percent(double(*busy), double(*elapsed) * double(now.capacityOf(it.key()))));
    }
    if (engines.isEmpty())
        return std::nullopt;
    return engines;
}

void DrmClientTracker::account(const Seen &seen, const std::optional<Utilisation> &engines,
                               QHash<QString, Utilisation> &byDevice)
{
    Use &use = m_use[seen.owner];
    if (const auto bytes = seen.sample.residentBytes())
        use.memory = use.memory.value_or(0) + *bytes;
    if (!engines)
        return;
    double busiest = 0;
    for (auto it = engines->cbegin(); it != engines->cend(); ++it)
        busiest = std::max(busiest, it.value());
    // A device that is not on PCI (an SoC's GPU) has no drm-pdev to be a GPU's load by.
    if (!seen.sample.pdev.isEmpty()) {
        Utilisation &device = byDevice[QString::fromUtf8(seen.sample.pdev)];
        for (auto it = engines->cbegin(); it != engines->cend(); ++it)
            device[it.key()] += it.value();
    }
    use.gpu = rounded(use.gpu.value_or(0) + busiest);
}

DrmClientTracker::Use DrmClientTracker::use(int pid) const
{
    const auto found = m_use.find(pid);
    return found != m_use.end() ? found->second : Use{};
}

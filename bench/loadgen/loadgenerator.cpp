#include "loadgenerator.h"

#include "collectors/processes/processtable.h"
#include "listenerlookup.h"

#include <arpa/inet.h>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr qint64 NsPerMs = 1'000'000;
constexpr qint64 NsPerSecond = 1'000'000'000;
constexpr qint64 HandshakeTimeoutNs = 10 * NsPerSecond;
constexpr qint64 ProbePeriodNs = NsPerSecond;
constexpr qsizetype ScratchBytes = 256 * 1024;
constexpr int RampPollMs = 5;
constexpr int MaxEvents = 512;

qint64 monotonicNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * NsPerSecond + now.tv_nsec;
}

// CPU time this process has used, user and system, in ns.
qint64 ownCpuNs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ns = [](const timeval &t) {
        return qint64(t.tv_sec) * NsPerSecond + t.tv_usec * 1000;
    };
    return ns(usage.ru_utime) + ns(usage.ru_stime);
}

} // namespace

LoadGenerator::LoadGenerator(const LoadGenOptions &options)
    : m_options(options)
    , m_scratch(size_t(ScratchBytes))
{}

LoadGenerator::~LoadGenerator()
{
    m_clients.clear();
    if (m_epollFd >= 0)
        ::close(m_epollFd);
}

int LoadGenerator::run()
{
    if (!setUp())
        return 1;
    ramp();
    if (m_tally.opened == 0) {
        std::fprintf(stderr, "vantage_loadgen: no client connected: %s\n",
                     m_tally.firstFailure.constData());
        return 1;
    }
    runFor(qint64(m_options.warmup * double(NsPerSecond)), false);
    measure();
    return 0;
}

bool LoadGenerator::setUp()
{
    ProcessTable::raiseFileLimit(); // a thousand sockets pass the usual soft limit of 1024
    m_server.sin_family = AF_INET;
    m_server.sin_port = htons(m_options.port);
    ::inet_pton(AF_INET, m_options.host.constData(), &m_server.sin_addr);
    const qint64 pid =
        m_options.serverPid ? m_options.serverPid : ListenerLookup::pidListeningOn(m_options.port);
    if (pid <= 0) {
        std::fprintf(stderr,
                     "vantage_loadgen: no process of ours listens on port %u; "
                     "give --server-pid\n",
                     unsigned(m_options.port));
        return false;
    }
    m_probe = std::make_unique<ServerProbe>(pid);
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    m_tally.latencies.reserve(qsizetype(double(m_options.clients) * m_options.seconds * 12));
    return m_epollFd >= 0;
}

void LoadGenerator::ramp()
{
    m_clients.reserve(size_t(m_options.clients));
    while (m_clients.size() < size_t(m_options.clients) || inFlight() > 0) {
        const qint64 now = monotonicNs();
        startClients(now);
        abandonSlowHandshakes(now);
        poll(RampPollMs);
    }
}

void LoadGenerator::startClients(qint64 nowNs)
{
    while (m_clients.size() < size_t(m_options.clients) && inFlight() < m_options.rampBatch) {
        m_clients.push_back(std::make_unique<WsClient>(&m_tally, m_epollFd));
        m_clients.back()->start(m_server, m_options.hostHeader, m_options.target,
                                m_options.subscribe, nowNs);
    }
}

void LoadGenerator::abandonSlowHandshakes(qint64 nowNs)
{
    for (const auto &client : m_clients) {
        if (!client->isSettled() && nowNs - client->startedNs() > HandshakeTimeoutNs)
            client->abandon("no handshake reply within 10 s");
    }
}

// Connections started whose handshake has not ended yet, one way or the other.
int LoadGenerator::inFlight() const
{
    return int(m_clients.size()) - m_tally.opened - m_tally.failed;
}

void LoadGenerator::runFor(qint64 durationNs, bool probing)
{
    const qint64 end = monotonicNs() + durationNs;
    qint64 nextProbe = monotonicNs() + ProbePeriodNs;
    for (qint64 now = monotonicNs(); now < end; now = monotonicNs()) {
        if (probing && now >= nextProbe) {
            m_probe->sample(now);
            nextProbe += ProbePeriodNs;
        }
        const qint64 wake = probing ? qMin(end, nextProbe) : end;
        poll(int((wake - now + NsPerMs - 1) / NsPerMs));
    }
}

void LoadGenerator::poll(int timeoutMs)
{
    epoll_event events[MaxEvents];
    const int ready = ::epoll_wait(m_epollFd, events, MaxEvents, timeoutMs);
    for (int i = 0; i < ready; ++i) {
        static_cast<WsClient *>(events[i].data.ptr)
            ->handle(events[i].events, m_scratch.data(), qsizetype(m_scratch.size()));
    }
}

void LoadGenerator::measure()
{
    const qint64 startNs = monotonicNs();
    const qint64 startCpuNs = ownCpuNs();
    if (!m_probe->restart(startNs))
        std::fputs("vantage_loadgen: cannot read the server's /proc files\n", stderr);
    m_tally.measuring = true;
    runFor(qint64(m_options.seconds * double(NsPerSecond)), true);
    m_tally.measuring = false;
    const qint64 endNs = monotonicNs();
    m_probe->sample(endNs);
    report(double(ownCpuNs() - startCpuNs) / double(endNs - startNs) * 100.0);
}

double LoadGenerator::earliestMedianMs() const
{
    LatencyRecorder earliest;
    earliest.reserve(qsizetype(m_tally.earliestUs.size()));
    for (const auto &[seq, latencyUs] : m_tally.earliestUs)
        earliest.add(latencyUs);
    return earliest.percentileMs(50);
}

qint64 LoadGenerator::minWindowSamples() const
{
    qint64 least = -1;
    for (const auto &client : m_clients) {
        if (client->state() == WsClient::State::Open)
            least = least < 0 ? client->windowSamples() : qMin(least, client->windowSamples());
    }
    return qMax<qint64>(least, 0);
}

// The fields the brief asks for, then diagnostics: the least samples any one client got, the
// median over ticks of the first client's latency, failed handshakes, the generator's own CPU.
void LoadGenerator::report(double loadgenCpuPercent)
{
    std::printf("clients=%d interval=%g samples=%lld p50_ms=%.3f p99_ms=%.3f max_ms=%.3f "
                "gaps=%lld closed=%d server_cpu_pct=%.1f server_rss_mib=%.1f (peak %.1f)",
                m_options.clients, double(m_tally.intervalMs) / 1000.0, qlonglong(m_tally.samples),
                m_tally.latencies.percentileMs(50), m_tally.latencies.percentileMs(99),
                m_tally.latencies.maxMs(), qlonglong(m_tally.gaps), m_tally.closed,
                m_probe->cpuPercent(), m_probe->meanRssMiB(), m_probe->peakRssMiB());
    std::printf(" min_client_samples=%lld first_p50_ms=%.3f failed=%d loadgen_cpu_pct=%.1f\n",
                qlonglong(minWindowSamples()), earliestMedianMs(), m_tally.failed,
                loadgenCpuPercent);
    std::fflush(stdout);
    if (!m_tally.firstFailure.isEmpty())
        std::fprintf(stderr, "first failure: %s\n", m_tally.firstFailure.constData());
    if (m_tally.unstampedReads > 0)
        std::fprintf(stderr,
                     "%lld reads had no kernel receive time; the time of recvmsg's return "
                     "was used for them\n",
                     qlonglong(m_tally.unstampedReads));
    if (!m_tally.firstClose.isEmpty())
        std::fprintf(stderr, "first close: %s\n", m_tally.firstClose.constData());
}

#pragma once

#include "loadgenoptions.h"
#include "runtally.h"
#include "serverprobe.h"
#include "wsclient.h"

#include <memory>
#include <vector>

#include <netinet/in.h>

// Runs one measurement: ramps the clients in (rampBatch handshakes at a time, so the server's
// accept path is not what is measured), lets them settle for the warm-up, then for the window
// records every sample's latency and probes the server once a second. One thread, one epoll set,
// level-triggered: the generator shares the machine with the server it measures and must cost
// far less than it.
class LoadGenerator
{
public:
    explicit LoadGenerator(const LoadGenOptions &options);
    ~LoadGenerator();

    // Runs the whole measurement and prints the result line on stdout. Returns the exit code:
    // 0 done, 1 the server could not be found or no client could connect.
    int run();

private:
    bool setUp();
    void ramp();
    void startClients(qint64 nowNs);
    void abandonSlowHandshakes(qint64 nowNs);
    int inFlight() const;
    void runFor(qint64 durationNs, bool probing);
    void poll(int timeoutMs);
    void measure();
    void report(double loadgenCpuPercent);
    qint64 minWindowSamples() const;
    double earliestMedianMs() const;

    LoadGenOptions m_options;
    sockaddr_in m_server{};
    int m_epollFd = -1;
    RunTally m_tally;
    std::vector<std::unique_ptr<WsClient>> m_clients;
    std::unique_ptr<ServerProbe> m_probe;
    std::vector<char> m_scratch; // one read buffer for every client
};

#pragma once

#include "latencyrecorder.h"

#include <QByteArray>

#include <unordered_map>

// What all clients of one run count together. The generator reads it at the end of the window.
struct RunTally
{
    LatencyRecorder latencies; // receive wall time - ts of each sample in the window, µs
    // Per seq in the window, the least latency any client saw, µs: what collecting and the
    // first write cost, before the fan-out to the other clients adds its share.
    std::unordered_map<qint64, qint64> earliestUs;
    bool measuring = false;    // true inside the measured window
    qint64 samples = 0;        // samples received in the window, all clients
    qint64 gaps = 0;           // seq numbers skipped in the window, all clients
    qint64 unstampedReads = 0; // reads without a kernel receive time (the time now was used)
    int opened = 0;            // connections whose handshake completed
    int closed = 0;            // opened connections lost since (server close, reset, EOF)
    int failed = 0;            // connections that never opened (refused, bad reply, timeout)
    qint64 intervalMs = 0;     // the server's tick interval from its hello message, ms
    QByteArray firstFailure;   // why the first connection failed, for stderr
    QByteArray firstClose;     // why the first opened connection was lost, for stderr
};

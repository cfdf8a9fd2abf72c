#pragma once

#include <QtGlobal>

// The server's running totals since start, reported in Snapshot.self and /metrics.
struct ServerStats
{
    quint64 messagesSent = 0; // WebSocket messages written to clients
    quint64 bytesSent = 0;    // WebSocket bytes written, frame headers included
    quint64 dropped = 0;      // samples skipped for clients that were behind
    quint64 rejected = 0;     // connections refused: caps, Origin, Host, token
    quint64 slowClosed = 0;   // clients closed for staying behind
    quint64 errors = 0;       // bad input of any kind: HTTP, WebSocket, protocol
};

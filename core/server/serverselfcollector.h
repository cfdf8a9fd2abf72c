#pragma once

#include "collectors/collector.h"

class ServerService;

// The server's part of Snapshot.self, read from its running totals once per tick: clients,
// messages and bytes sent, samples dropped, connections rejected, slow clients closed, errors,
// wrong tokens and banned addresses.
class ServerSelfCollector : public Collector
{
public:
    explicit ServerSelfCollector(const ServerService *server);

    void collect(Snapshot &snapshot, qint64 nowNs) override;

private:
    const ServerService *m_server;
};

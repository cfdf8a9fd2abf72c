#include "serverselfcollector.h"

#include "server/serverservice.h"

ServerSelfCollector::ServerSelfCollector(const ServerService *server)
    : m_server(server)
{}

void ServerSelfCollector::collect(Snapshot &snapshot, qint64)
{
    const ServerStats &stats = m_server->stats();
    SelfHealth &self = snapshot.self;
    self.clients = m_server->clients()->count();
    self.messagesSent = stats.messagesSent;
    self.bytesSent = stats.bytesSent;
    self.dropped = stats.dropped;
    self.rejected = stats.rejected;
    self.slowClosed = stats.slowClosed;
    self.errors = stats.errors;
    self.authFailures = m_server->tokens().failures();
    self.bannedAddresses = m_server->tokens().bannedAddresses();
}

#pragma once

#include "server/httprequest.h"
#include "server/httpresponse.h"

#include <QHostAddress>
#include <QList>
#include <QStringList>

#include <optional>

// The checks a request passes before anything is served: the name it is addressed to (Host,
// or an absolute target's authority) must be one this server is configured to answer to, so a
// page on another site cannot reach it through DNS rebinding; a browser's WebSocket Origin must
// be this server's own origin under one of those names, or an allowed one; and the token.
class RequestGuard
{
public:
    struct Policy
    {
        QHostAddress bind;
        quint16 port = 0; // the port actually bound
        bool tls = false;
        QStringList allowedOrigins; // exact origins, e.g. "https://monitor.example.org"
        QStringList publicNames;    // host or host:port each; "*" answers to any name
        QString token;              // empty: nobody is admin over the network
    };

    explicit RequestGuard(const Policy &policy);

    // A refusal (421) when the request names a host this server does not answer to.
    std::optional<HttpResponse> checkHost(const HttpRequest &request) const;
    // A refusal when a browser's Origin is neither our own origin nor an allowed one.
    std::optional<HttpResponse> checkOrigin(const HttpRequest &request) const;
    bool tokenMatches(QByteArrayView candidate) const;
    bool hasToken() const { return !m_token.isEmpty(); }

    // Compares in time that depends only on the lengths, never on where the first difference is.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    struct Name
    {
        QString host; // lower case; an address in QHostAddress's text form
        int port = 0; // 0: any port
    };
    bool answersTo(const QString &host, int port) const;
    bool isOwnAddress(const QString &host, int port) const;

    Policy m_policy;
    QByteArray m_token;
    bool m_anyName = false;
    QList<Name> m_names;             // publicNames and the hosts of allowedOrigins
    QList<QHostAddress> m_addresses; // the bound address, or every local one for a wildcard
};

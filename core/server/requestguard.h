#pragma once

#include "server/httprequest.h"
#include "server/httpresponse.h"

#include <QHostAddress>
#include <QStringList>

#include <optional>

// The checks a request passes before anything is served: the Host header when bound to
// loopback (so a page on another site cannot reach us through DNS rebinding), the WebSocket
// Origin (so another site's page cannot open our stream in the user's browser), and the token.
class RequestGuard
{
public:
    struct Policy
    {
        QHostAddress bind;
        quint16 port = 0; // the port actually bound
        bool tls = false;
        QStringList allowedOrigins; // exact origins, e.g. "https://monitor.example.org"
        QString token;              // empty: nobody is admin over the network
    };

    explicit RequestGuard(const Policy &policy);

    // A refusal when the Host header does not name this server (loopback bindings only).
    std::optional<HttpResponse> checkHost(const HttpRequest &request) const;
    // A refusal when a browser's Origin is neither our own origin nor an allowed one.
    std::optional<HttpResponse> checkOrigin(const HttpRequest &request) const;
    bool tokenMatches(QByteArrayView candidate) const;
    bool hasToken() const { return !m_token.isEmpty(); }

    // Compares in time that depends only on the lengths, never on where the first difference is.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    bool isLoopbackName(const QString &host) const;

    Policy m_policy;
    QByteArray m_token;
};

#include "requestguard.h"

#include <QNetworkInterface>
#include <QUrl>

namespace {

// Splits "name:port", "[v6]:port" or "name" into host and port (0 when absent).
std::optional<std::pair<QString, int>> splitAuthority(const QString &authority)
{
    const QUrl url(QStringLiteral("http://") + authority + u'/');
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.path() != u'/')
        return std::nullopt;
    return std::make_pair(url.host().toLower(), url.port(0));
}

bool isLoopbackName(const QString &host)
{
    if (host == u"localhost" || host.endsWith(u".localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isWildcard(const QHostAddress &address)
{
    return address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 ||
           address == QHostAddress::Any;
}

} // namespace

RequestGuard::RequestGuard(const Policy &policy)
    : m_policy(policy)
    , m_token(policy.token.toUtf8())
{
    for (const QString &name : policy.publicNames) {
        if (name == u"*")
            m_anyName = true;
        else if (const auto split = splitAuthority(name))
            m_names.append({split->first, split->second});
    }
    for (const QString &origin : policy.allowedOrigins) {
        const QUrl url(origin);
        m_names.append({url.host().toLower(), url.port(0)});
    }
    m_addresses = isWildcard(policy.bind) ? QNetworkInterface::allAddresses()
                                          : QList<QHostAddress>{policy.bind};
}

// A configured name matches on any port unless it names one; the server's own addresses (and
// loopback names, when it can be reached on loopback) only with the port it listens on, as a
// browser shows them.
bool RequestGuard::answersTo(const QString &host, int port) const
{
    for (const Name &name : m_names) {
        if (name.host == host && (name.port == 0 || name.port == port))
            return true;
    }
    return isOwnAddress(host, port);
}

bool RequestGuard::isOwnAddress(const QString &host, int port) const
{
    const int defaultPort = m_policy.tls ? 443 : 80;
    if (port != m_policy.port && !(port == 0 && m_policy.port == defaultPort))
        return false;
    const bool reachableOnLoopback = m_policy.bind.isLoopback() || isWildcard(m_policy.bind);
    if (reachableOnLoopback && isLoopbackName(host))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && m_addresses.contains(address);
}

std::optional<HttpResponse> RequestGuard::checkHost(const HttpRequest &request) const
{
    if (m_anyName)
        return std::nullopt;
    const auto host = splitAuthority(QString::fromLatin1(request.authority));
    if (host && answersTo(host->first, host->second))
        return std::nullopt;
    return HttpResponse::error(421, QStringLiteral("this server does not answer to the name "
                                                   "the request is addressed to; add it to "
                                                   "server/publicNames"));
}

// The Host has passed checkHost by now, so the page's own origin under that name is ours: it
// is not whatever an attacker's DNS name says, unless the admin opted out with "*".
std::optional<HttpResponse> RequestGuard::checkOrigin(const HttpRequest &request) const
{
    if (!request.hasHeader("origin"))
        return std::nullopt; // not a browser; the token rules still apply
    const QString origin = QString::fromLatin1(request.header("origin")).toLower();
    const QString own = (m_policy.tls ? QStringLiteral("https://") : QStringLiteral("http://")) +
                        QString::fromLatin1(request.authority).toLower();
    if (origin == own)
        return std::nullopt;
    for (const QString &allowed : m_policy.allowedOrigins) {
        if (origin == allowed.toLower())
            return std::nullopt;
    }
    return HttpResponse::error(403, QStringLiteral("WebSocket Origin %1 is not allowed; add it "
                                                   "to server/allowedOrigins")
                                        .arg(origin));
}

bool RequestGuard::tokenMatches(QByteArrayView candidate) const
{
    return !m_token.isEmpty() && constantTimeEquals(candidate, m_token);
}

bool RequestGuard::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    const qsizetype length = qMax(a.size(), b.size());
    unsigned difference = unsigned(a.size() ^ b.size());
    for (qsizetype i = 0; i < length; ++i) {
        const auto x = i < a.size() ? quint8(a[i]) : quint8(0);
        const auto y = i < b.size() ? quint8(b[i]) : quint8(0);
        difference |= unsigned(x ^ y);
    }
    return difference == 0;
}

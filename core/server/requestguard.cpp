#include "requestguard.h"

#include <QUrl>

namespace {

// Splits "name:port", "[v6]:port" or "name" into host and port (0 when absent).
std::optional<std::pair<QString, int>> splitHostHeader(const QByteArray &value)
{
    const QUrl url(QStringLiteral("http://") + QString::fromLatin1(value) + u'/');
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.path() != u'/')
        return std::nullopt;
    return std::make_pair(url.host().toLower(), url.port(0));
}

} // namespace

RequestGuard::RequestGuard(const Policy &policy)
    : m_policy(policy)
    , m_token(policy.token.toUtf8())
{}

bool RequestGuard::isLoopbackName(const QString &host) const
{
    if (host == u"localhost" || host.endsWith(u".localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<HttpResponse> RequestGuard::checkHost(const HttpRequest &request) const
{
    if (!m_policy.bind.isLoopback())
        return std::nullopt;
    const auto host = splitHostHeader(request.header("host"));
    const int defaultPort = m_policy.tls ? 443 : 80;
    const bool portMatches = host && (host->second == m_policy.port ||
                                      (host->second == 0 && m_policy.port == defaultPort));
    if (host && portMatches && isLoopbackName(host->first))
        return std::nullopt;
    return HttpResponse::error(421, QStringLiteral("this server answers only to its loopback "
                                                   "address; Host header refused"));
}

std::optional<HttpResponse> RequestGuard::checkOrigin(const HttpRequest &request) const
{
    if (!request.hasHeader("origin"))
        return std::nullopt; // not a browser; the token rules still apply
    const QString origin = QString::fromLatin1(request.header("origin")).toLower();
    const QString own = (m_policy.tls ? QStringLiteral("https://") : QStringLiteral("http://")) +
                        QString::fromLatin1(request.header("host")).toLower();
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

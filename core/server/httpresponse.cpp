#include "httpresponse.h"

#include <QJsonDocument>

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    return response;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &body)
{
    return json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::json(int status, const QByteArray &compactJson)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "application/json";
    response.body = compactJson;
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return json(status,
                QJsonObject{{QStringLiteral("error"), QString::fromLatin1(reasonPhrase(status))},
                            {QStringLiteral("status"), status},
                            {QStringLiteral("message"), message}});
}

QByteArray HttpResponse::serialize(bool keepAlive, bool headOnly) const
{
    QByteArray out;
    out.reserve(512 + (headOnly ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    // A 304 has no content: a Content-Length there would have to be the full file's (RFC 9110
    // 8.6), and a Content-Type could replace the cached file's own.
    if (status != 304) {
        out += "Content-Type: " + contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "X-Frame-Options: DENY\r\n"
           "Referrer-Policy: no-referrer\r\n";
    bool cacheControl = false;
    for (const auto &[name, value] : headers) {
        out += name + ": " + value + "\r\n";
        cacheControl = cacheControl || name.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    }
    // Live numbers, refusals and probes are never to be reused from a cache; an answer that
    // may be (the dashboard's files) says so itself.
    if (!cacheControl)
        out += "Cache-Control: no-store\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (!headOnly)
        out += body;
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 101:
        return "Switching Protocols";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 421:
        return "Misdirected Request";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

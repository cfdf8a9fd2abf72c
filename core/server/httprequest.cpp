#include "httprequest.h"

namespace {

bool listContains(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (header.first == name)
            return true;
    }
    return false;
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("connection");
    if (minorVersion == 0)
        return listContains(connection, "keep-alive");
    return !listContains(connection, "close");
}

bool HttpRequest::isWebSocketUpgrade() const
{
    return listContains(header("upgrade"), "websocket") &&
           listContains(header("connection"), "upgrade");
}

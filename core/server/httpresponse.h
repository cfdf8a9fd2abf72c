#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

// One HTTP answer. Every response carries the security headers of DESIGN.md (a CSP that allows
// only our own origin and no framing, nosniff, no referrer) and never a CORS header: other
// origins' scripts cannot read anything we serve.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers

    static HttpResponse text(int status, const QByteArray &body);
    static HttpResponse json(int status, const QJsonObject &body);
    static HttpResponse json(int status, const QByteArray &compactJson);
    // {"error": code, "message": message}, as every /api error answers.
    static HttpResponse error(int status, const QString &message);

    // The bytes on the wire. A HEAD answer has the headers of the GET without the body.
    QByteArray serialize(bool keepAlive, bool headOnly = false) const;
    static QByteArray reasonPhrase(int status);
};

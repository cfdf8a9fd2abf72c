#include "httprequestparser.h"

#include <QUrl>

namespace {

HttpRequestParser::Result failure(int status, const QString &message)
{
    HttpRequestParser::Result result;
    result.status = HttpRequestParser::Status::Error;
    result.errorStatus = status;
    result.errorMessage = message;
    return result;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// RFC 9112 5: a field value is visible characters, spaces, tabs and obs-text; never a control
// character (NUL, a bare CR or LF among them).
bool isFieldValue(QByteArrayView value)
{
    for (char c : value) {
        const auto u = quint8(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F)
            return false;
    }
    return true;
}

// Visible ASCII only: a request target has no spaces, controls or raw non-ASCII bytes.
bool isTargetText(QByteArrayView target)
{
    for (char c : target) {
        if (quint8(c) <= 0x20 || quint8(c) >= 0x7F)
            return false;
    }
    return true;
}

// RFC 9110 4.2.3 / 7.2: what a Host value may hold (uri-host [":" port]).
bool isHostValue(QByteArrayView value)
{
    for (char c : value) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || QByteArrayView("-._~!$&'()*+,;=%:[]").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// Every LF must end a CRLF, and every CR start one. A CR that is the last byte received may
// still get its LF.
bool hasBareLineEnd(QByteArrayView data)
{
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
            return true;
        if (data[i] == '\r' && i + 1 < data.size() && data[i + 1] != '\n')
            return true;
    }
    return false;
}

// RFC 9112 2.3: "HTTP/" DIGIT "." DIGIT.
bool isVersion(QByteArrayView version)
{
    return version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0' &&
           version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9';
}

bool isAsciiDigits(QByteArrayView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

HttpRequestParser::Result HttpRequestParser::parse(QByteArrayView data)
{
    // RFC 9112 2.2: empty lines before a request line are ignored (a client's stray CRLF
    // after an earlier body).
    qsizetype start = 0;
    while (data.sliced(start).startsWith("\r\n"))
        start += 2;
    const QByteArrayView rest = data.sliced(start);
    const qsizetype end = rest.indexOf("\r\n\r\n");
    if (hasBareLineEnd(end < 0 ? rest : rest.first(end + 4)))
        return failure(400, QStringLiteral("bare CR or LF in the request head"));
    if (end < 0) {
        if (data.size() > MaxHeadBytes)
            return failure(431,
                           QStringLiteral("request head larger than %1 bytes").arg(MaxHeadBytes));
        return {};
    }
    if (start + end + 4 > MaxHeadBytes)
        return failure(431, QStringLiteral("request head larger than %1 bytes").arg(MaxHeadBytes));
    Result result;
    const QByteArrayView head = rest.first(end);
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart <= head.size()) {
        qsizetype lineEnd = head.indexOf("\r\n", lineStart);
        if (lineEnd < 0)
            lineEnd = head.size();
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        const bool ok = first ? parseRequestLine(line, result) : parseHeaderLine(line, result);
        if (!ok)
            return result;
        first = false;
        lineStart = lineEnd + 2;
    }
    if (!checkFraming(result))
        return result;
    result.status = Status::Complete;
    result.consumed = start + end + 4;
    return result;
}

// method SP request-target SP HTTP-version, with exactly one space each (RFC 9112 3).
bool HttpRequestParser::parseRequestLine(QByteArrayView line, Result &result)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace) {
        result = failure(400, QStringLiteral("malformed request line"));
        return false;
    }
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method) || target.isEmpty() || !isTargetText(target) || !isVersion(version)) {
        result = failure(400, QStringLiteral("malformed request line"));
        return false;
    }
    result.request.method = method.toByteArray();
    result.request.target = target.toByteArray();
    if (!parseTarget(target, result))
        return false;
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        result = failure(505, QStringLiteral("only HTTP/1.0 and HTTP/1.1 are served"));
        return false;
    }
    result.request.minorVersion = version.back() - '0';
    return true;
}

// origin-form ("/path?query") or absolute-form ("http://host:port/path?query", which RFC 9112
// 3.2.2 says a server must accept); asterisk- and authority-form are for OPTIONS and CONNECT,
// which nothing here serves.
bool HttpRequestParser::parseTarget(QByteArrayView target, Result &result)
{
    HttpRequest &request = result.request;
    QByteArrayView pathAndQuery = target;
    if (!target.startsWith('/')) {
        const QUrl url(QString::fromLatin1(target), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty() ||
            !url.userInfo().isEmpty()) {
            result = failure(400, QStringLiteral("the request target must be a path or an "
                                                 "http(s) URL"));
            return false;
        }
        const qsizetype authorityStart = target.indexOf("//") + 2;
        qsizetype authorityEnd = authorityStart;
        while (authorityEnd < target.size() &&
               !QByteArrayView("/?#").contains(target[authorityEnd]))
            ++authorityEnd;
        request.authority =
            target.sliced(authorityStart, authorityEnd - authorityStart).toByteArray();
        pathAndQuery = target.sliced(authorityEnd);
        if (pathAndQuery.isEmpty() || pathAndQuery.startsWith('?'))
            request.path = "/";
    }
    const qsizetype question = pathAndQuery.indexOf('?');
    if (request.path.isEmpty())
        request.path =
            pathAndQuery.first(question < 0 ? pathAndQuery.size() : question).toByteArray();
    if (question >= 0)
        request.query.setQuery(QString::fromUtf8(pathAndQuery.sliced(question + 1)));
    return true;
}

bool HttpRequestParser::parseHeaderLine(QByteArrayView line, Result &result)
{
    // A line starting with whitespace continues the previous one (obs-fold): RFC 9112 5.2 lets
    // a server refuse it, and a proxy in front might have read it differently.
    if (line.startsWith(' ') || line.startsWith('\t')) {
        result = failure(400, QStringLiteral("folded header line"));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        result = failure(400, QStringLiteral("malformed header line"));
        return false;
    }
    const QByteArrayView value = line.sliced(colon + 1).trimmed();
    if (!isFieldValue(value)) {
        result = failure(400, QStringLiteral("control character in a header value"));
        return false;
    }
    if (result.request.headers.size() >= MaxHeaders) {
        result = failure(431, QStringLiteral("more than %1 header lines").arg(MaxHeaders));
        return false;
    }
    result.request.headers.emplaceBack(line.first(colon).toByteArray().toLower(),
                                       value.toByteArray());
    return true;
}

// The headers that decide where this request ends and whom it is for must be unambiguous
// (RFC 9112 3.2 and 6.3).
bool HttpRequestParser::checkFraming(Result &result)
{
    HttpRequest &request = result.request;
    qsizetype hosts = 0, lengths = 0;
    for (const auto &[name, value] : std::as_const(request.headers)) {
        hosts += name == "host";
        lengths += name == "content-length";
    }
    const QByteArray host = request.header("host");
    const QByteArray length = request.header("content-length");
    const bool chunked = request.hasHeader("transfer-encoding");
    QString error;
    if (hosts > 1)
        error = QStringLiteral("more than one Host header");
    else if (hosts == 1 && !isHostValue(host))
        error = QStringLiteral("invalid Host header");
    else if (request.minorVersion == 1 && hosts == 0)
        error = QStringLiteral("HTTP/1.1 request without Host");
    else if (lengths > 1)
        error = QStringLiteral("more than one Content-Length header");
    else if (lengths == 1 && !isAsciiDigits(length))
        error = QStringLiteral("Content-Length is not a number");
    else if (chunked && (lengths > 0 || request.minorVersion == 0))
        error = QStringLiteral("Transfer-Encoding with Content-Length, or in HTTP/1.0");
    if (!error.isEmpty()) {
        result = failure(400, error);
        return false;
    }
    if (request.authority.isEmpty())
        request.authority = host;
    request.hasBody = chunked || std::any_of(length.begin(), length.end(),
                                             [](char digit) { return digit != '0'; });
    return true;
}

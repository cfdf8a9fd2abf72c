#include "httprequestparser.h"

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

} // namespace

HttpRequestParser::Result HttpRequestParser::parse(QByteArrayView data)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0) {
        if (data.size() > MaxHeadBytes)
            return failure(431, QStringLiteral("request head larger than 16 KiB"));
        return {};
    }
    if (end + 4 > MaxHeadBytes)
        return failure(431, QStringLiteral("request head larger than 16 KiB"));
    Result result;
    const QByteArrayView head = data.first(end);
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
    if (!checkBody(result))
        return result;
    result.status = Status::Complete;
    result.consumed = end + 4;
    return result;
}

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
    if (!isToken(method) || target.isEmpty() || !target.startsWith('/') || target.contains(' ')) {
        result = failure(400, QStringLiteral("malformed request line"));
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        result = failure(505, QStringLiteral("only HTTP/1.0 and HTTP/1.1 are served"));
        return false;
    }
    result.request.method = method.toByteArray();
    result.request.target = target.toByteArray();
    result.request.minorVersion = version.back() - '0';
    const qsizetype question = target.indexOf('?');
    result.request.path = target.first(question < 0 ? target.size() : question).toByteArray();
    if (question >= 0)
        result.request.query.setQuery(QString::fromUtf8(target.sliced(question + 1)));
    return true;
}

bool HttpRequestParser::parseHeaderLine(QByteArrayView line, Result &result)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        result = failure(400, QStringLiteral("malformed header line"));
        return false;
    }
    if (result.request.headers.size() >= MaxHeaders) {
        result = failure(431, QStringLiteral("more than 100 header lines"));
        return false;
    }
    result.request.headers.emplaceBack(line.first(colon).toByteArray().toLower(),
                                       line.sliced(colon + 1).trimmed().toByteArray());
    return true;
}

bool HttpRequestParser::checkBody(Result &result)
{
    HttpRequest &request = result.request;
    const QByteArray length = request.header("content-length");
    request.hasBody =
        request.hasHeader("transfer-encoding") || (!length.isEmpty() && length != "0");
    if (request.minorVersion == 1 && !request.hasHeader("host")) {
        result = failure(400, QStringLiteral("HTTP/1.1 request without Host"));
        return false;
    }
    return true;
}

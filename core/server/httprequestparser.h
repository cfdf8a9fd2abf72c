#pragma once

#include "server/httprequest.h"

#include <QByteArrayView>
#include <QString>

// Parses one request head (request line and headers, up to the empty line) from the bytes
// received so far. Pure: no socket, so every limit is tested on plain bytes. Strict, as RFC 9112
// lets a server be where leniency lets two parsers read one request two ways: bare CR or LF,
// control characters, folded or duplicated framing headers and a second Host are refused with
// 400 (and the connection closed), as soon as the offending byte has arrived.
class HttpRequestParser
{
public:
    enum class Status { Incomplete, Complete, Error };
    struct Result
    {
        Status status = Status::Incomplete;
        HttpRequest request;
        qsizetype consumed = 0; // bytes of the head, including the empty line
        int errorStatus = 0;    // HTTP status to answer with on Error
        QString errorMessage;
    };

    static constexpr qsizetype MaxHeadBytes = 16 * 1024;
    static constexpr qsizetype MaxHeaders = 100;

    static Result parse(QByteArrayView data);

private:
    static bool parseRequestLine(QByteArrayView line, Result &result);
    static bool parseTarget(QByteArrayView target, Result &result);
    static bool parseHeaderLine(QByteArrayView line, Result &result);
    static bool checkFraming(Result &result);
};

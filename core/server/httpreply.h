#pragma once

#include "server/httpresponse.h"

#include <QFuture>

#include <variant>

// What the server answers a request with: a response now, or one that comes when a source has
// read it (a history range from the store on disk). The connection sends either in its turn.
using HttpReply = std::variant<HttpResponse, QFuture<HttpResponse>>;

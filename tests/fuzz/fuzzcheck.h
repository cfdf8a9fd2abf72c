#pragma once

#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

// A property the parser promises for every input (its header says so). A broken one aborts, which
// libFuzzer reports as a crash with the input that broke it.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__,             \
                         #condition);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

// Drops Qt's log messages: a warning per input (an unopened device, a refused client) would make
// the output and not the parser the cost of a run. qFatal still aborts.
inline void silenceQtMessages()
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

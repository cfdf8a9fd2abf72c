#pragma once

#include <QTest>

// A check this machine cannot make. Run by hand, the test skips and says why; under CI (the
// CI variable is set, as .ci/run's caller sets it) the same condition fails the test, because
// CI's machine can run every such test and a skip there would hide a regression.
#define VANTAGE_REQUIRE_OR_SKIP(condition, reason)                                                 \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            if (qEnvironmentVariableIsSet("CI"))                                                   \
                QFAIL("CI must run this, but: " reason);                                           \
            QSKIP(reason);                                                                         \
        }                                                                                          \
    } while (false)

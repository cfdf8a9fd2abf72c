// An answer of a Prometheus' HTTP API (/api/v1/query, /api/v1/query_range), which a hub reads
// with its own one-pass reader (docs/architecture.md).
#include "fleet/prometheusfleet.h"
#include "fuzzcheck.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<PrometheusFleet::Series> series;
    QString error;
    const bool ok = PrometheusFleet::parseAnswer(body, &series, &error);
    // A refusal always says why; an answer read has no reason against it.
    FUZZ_CHECK(ok == error.isEmpty());
    for (const PrometheusFleet::Series &one : std::as_const(series)) {
        // A value is a finite number or NaN (a gap): never an infinity a chart would draw.
        for (const auto &point : one.points)
            FUZZ_CHECK(std::isnan(point.second) || std::isfinite(point.second));
    }
    return 0;
}

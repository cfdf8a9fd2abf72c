#pragma once

#include "snapshot.h"

class MetricsService;

// Fills a History with a past of synthetic ticks before the first real one, so that every chart
// of the window starts with a full hour to draw. The ticks take the shape of a real Snapshot of
// this machine (its cores, interfaces, mounts and sensors) with values that move over time.
class HistorySeeder
{
public:
    explicit HistorySeeder(const Snapshot &shape);

    // Appends ticks one intervalMs apart, the last one intervalMs before endTs.
    void seed(MetricsService *metrics, int ticks, qint64 endTs, int intervalMs) const;
    // The tick at index i of the synthetic past.
    Snapshot tick(int i, qint64 ts) const;

private:
    Snapshot m_shape;
};

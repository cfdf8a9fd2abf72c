#pragma once

#include <QByteArray>

class MetricsSource;

// The latest tick's sample as JSON, built when the first consumer of that tick asks for it and
// shared by every other consumer of the same tick: the stream's frame and /api/v1/snapshot. A
// tick that nobody reads costs no JSON at all (docs/performance.md "Nothing done for nobody").
class SampleCache
{
public:
    explicit SampleCache(const MetricsSource *metrics);

    // The latest Snapshot as a compact JSON object; empty before the first tick.
    const QByteArray &text();
    // The stream's `sample` message for the same tick, as one WebSocket text frame.
    const QByteArray &frame();
    // How many ticks' JSON has been built since the start: a tick with no consumer adds none.
    quint64 builds() const { return m_builds; }

private:
    const MetricsSource *m_metrics;
    quint64 m_textSeq = 0;
    QByteArray m_text;
    quint64 m_frameSeq = 0;
    QByteArray m_frame;
    quint64 m_builds = 0;
};

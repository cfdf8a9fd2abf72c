#pragma once

#include <QJsonObject>

#include <deque>

// What a fleet tile charts of one host: CPU and memory in percent, its busiest disk and network
// interface in bytes per second, and its 1-minute load, one point per sample the host sent, for
// the last hour. Filled from the host's `history` message at each hello, then from its samples.
// A value the host did not send is NaN, a gap (null in JSON).
class HostSeries
{
public:
    struct Point
    {
        qint64 ts = 0; // ms since the epoch, the host's clock
        double cpu, mem, disk, net, load;
    };

    static constexpr qint64 KeepMs = 3600 * 1000;
    // Older than this, the series a new viewer gets is averaged per CoarseStepMs: a tile shows an
    // hour in about 500 points instead of 3,600.
    static constexpr qint64 FineMs = 300 * 1000;
    static constexpr qint64 CoarseStepMs = 15 * 1000;

    // Points of a `history` message ({"ts":[…],"series":{"cpu.total":[…],…}}) newer than the last
    // one held; the busiest disk and interface of each instant from the per-device series.
    void addHistory(const QJsonObject &history);
    void add(const Point &point);

    // {"ts":[…],"cpu":[…],"mem":[…],"disk":[…],"net":[…],"load":[…]} of the whole hour, the part
    // before FineMs averaged per CoarseStepMs.
    QJsonObject toJson() const;
    // The same of the points added since the last call, and forgets them as fresh.
    QJsonObject takeFresh();
    // Forgets the fresh points unsent: a viewer that comes later starts from toJson().
    void dropFresh() { m_fresh = 0; }

private:
    std::deque<Point> m_points;
    int m_fresh = 0;
};

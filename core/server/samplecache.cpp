#include "samplecache.h"

#include "protocol/protocolmessages.h"
#include "protocol/snapshotjson.h"
#include "server/websocketframe.h"
#include "services/metricssource.h"

SampleCache::SampleCache(const MetricsSource *metrics)
    : m_metrics(metrics)
{}

const QByteArray &SampleCache::text()
{
    const Snapshot &latest = m_metrics->latest();
    if (latest.seq != m_textSeq) {
        m_text = latest.seq == 0 ? QByteArray() : SnapshotJson::snapshotText(latest);
        m_textSeq = latest.seq;
        ++m_builds;
    }
    return m_text;
}

const QByteArray &SampleCache::frame()
{
    const quint64 seq = m_metrics->latest().seq;
    if (seq != m_frameSeq) {
        const QByteArray &body = text();
        m_frame = body.isEmpty() ? QByteArray()
                                 : WebSocketFrame::encode(WebSocketFrame::Text,
                                                          ProtocolMessages::sample(body));
        m_frameSeq = seq;
    }
    return m_frame;
}

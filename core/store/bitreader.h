#pragma once

#include <QByteArrayView>
#include <QtGlobal>

// Reads what BitWriter wrote, most significant bit first. Inline: a range query of the history
// store spends most of its time here.
class BitReader
{
public:
    explicit BitReader(QByteArrayView bytes)
        : m_bytes(bytes)
    {}
    // Up to 64 bits; a buffer of whole bytes keeps this to a shift and a mask per call, which
    // is most of what a range query costs.
    bool read(int bits, quint64 *value)
    {
        if (bits > 32) {
            quint64 high = 0, low = 0;
            if (!read(bits - 32, &high) || !read(32, &low))
                return false;
            *value = (high << 32) | low;
            return true;
        }
        while (m_count < bits) {
            if (m_next >= m_bytes.size())
                return false;
            m_buffer = (m_buffer << 8) | quint8(m_bytes[m_next++]);
            m_count += 8;
        }
        m_count -= bits;
        *value = (m_buffer >> m_count) & ((quint64(1) << bits) - 1);
        return true;
    }
    // Counts leading 1 bits, at most `most`: the prefix codes below.
    bool ones(int most, int *count)
    {
        *count = 0;
        quint64 bit = 0;
        while (*count < most) {
            if (!read(1, &bit))
                return false;
            if (!bit)
                return true;
            ++*count;
        }
        return true;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_next = 0; // the next byte to load
    quint64 m_buffer = 0; // loaded bits, the unread ones at the bottom
    int m_count = 0;      // unread bits in m_buffer
};

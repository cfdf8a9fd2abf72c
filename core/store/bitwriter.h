#pragma once

#include <QByteArray>

#include <algorithm>
#include <utility>

// Bits appended most significant first, for the history store's block codec (blockcodec.cpp).
class BitWriter
{
public:
    void write(quint64 value, int bits)
    {
        while (bits > 0) {
            if (m_used == 0)
                m_bytes.append('\0');
            const int take = std::min(8 - m_used, bits);
            const quint8 chunk = quint8((value >> (bits - take)) & ((1u << take) - 1));
            m_bytes.back() = char(quint8(m_bytes.back()) | quint8(chunk << (8 - m_used - take)));
            m_used = (m_used + take) % 8;
            bits -= take;
        }
    }
    QByteArray take() { return std::move(m_bytes); }

private:
    QByteArray m_bytes;
    int m_used = 0; // bits used in the last byte
};

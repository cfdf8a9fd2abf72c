#include "store/blockcodec.h"

#include "store/bitreader.h"
#include "store/bitwriter.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace {

// 1: every column float32 XOR; 2: a decimals byte per column (ScaledExact: float32 XOR).
constexpr quint8 FloatsOnlyVersion = 1;
constexpr quint8 FormatVersion = 2;
constexpr quint8 ScaledExact = 0xff;
constexpr int MostDecimals = 15;

quint64 zigzag(qint64 v)
{
    return (quint64(v) << 1) ^ quint64(v >> 63);
}

qint64 unzigzag(quint64 v)
{
    return qint64((v >> 1) ^ (0 - (v & 1)));
}

// Delta-of-delta classes: a prefix of n ones (then a zero, except the last) and a payload.
constexpr int DodBits[] = {0, 7, 9, 12, 64};

// Scaled columns start with the shift (6 bits), k (6 bits) and the mode (1 bit). Each value is
// then coded from zz, its zigzagged delta to the last value that was not NaN. In the repeat mode
// (for columns that mostly stand still) a 0 bit is a repeat and a 1 bit is followed by the code
// of zz - 1; in the other mode the code of zz itself. The code of u is Rice's: q = u >> k ones,
// a 0 and the k low bits of u while q < RiceCap; past that RiceCap ones, a 1, the bit width n of
// u less one in 6 bits and the n bits of u. RiceCap ones then a 0 is NaN.
constexpr int RiceCap = 8;

// Beyond 2^53 an integer no longer survives the double arithmetic of scaling.
constexpr double MostScaled = 9007199254740992.0;

double powerOfTen(int decimals)
{
    double p = 1;
    for (int i = 0; i < decimals; ++i)
        p *= 10;
    return p;
}

int bitWidth(quint64 v)
{
    return 64 - std::countl_zero(v);
}

quint32 bitsOf(float value)
{
    return std::bit_cast<quint32>(value);
}

void writeVarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char(quint8(value) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

bool readVarint(const QByteArray &in, qsizetype &pos, quint64 *value)
{
    *value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= in.size())
            return false;
        const quint8 byte = quint8(in[pos++]);
        *value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

// A length-prefixed part, as a view into `in` (skipping a series copies nothing).
bool readSized(const QByteArray &in, qsizetype &pos, QByteArrayView *out)
{
    quint64 size = 0;
    if (!readVarint(in, pos, &size) || size > quint64(in.size() - pos))
        return false;
    *out = QByteArrayView(in).sliced(pos, qsizetype(size));
    pos += qsizetype(size);
    return true;
}

} // namespace

QByteArray BlockCodec::encodeTimestamps(std::span<const qint64> ts)
{
    BitWriter out;
    if (ts.empty())
        return {};
    out.write(quint64(ts[0]), 64);
    // Unsigned arithmetic wraps where signed would overflow (a clock set back to 1970); the
    // decoder wraps the same way back.
    quint64 previousDelta = 0;
    for (size_t i = 1; i < ts.size(); ++i) {
        const quint64 delta = quint64(ts[i]) - quint64(ts[i - 1]);
        const quint64 dod = zigzag(qint64(delta - previousDelta));
        previousDelta = delta;
        int cls = 0;
        while (cls < 4 && (DodBits[cls] == 0 ? dod != 0 : dod >> DodBits[cls]))
            ++cls;
        // Class c is c ones then a zero; the last class (4) needs no closing zero.
        out.write((quint64(1) << cls) - 1, cls);
        if (cls < 4)
            out.write(0, 1);
        if (cls > 0)
            out.write(dod, DodBits[cls]);
    }
    return out.take();
}

bool BlockCodec::decodeTimestamps(QByteArrayView bytes, qsizetype count, QList<qint64> *ts)
{
    ts->clear();
    if (count == 0)
        return true;
    ts->reserve(count);
    BitReader in(bytes);
    quint64 first = 0;
    if (!in.read(64, &first))
        return false;
    ts->append(qint64(first));
    quint64 delta = 0;
    for (qsizetype i = 1; i < count; ++i) {
        int cls = 0;
        quint64 dod = 0;
        if (!in.ones(4, &cls) || (cls > 0 && !in.read(DodBits[cls], &dod)))
            return false;
        delta += quint64(unzigzag(dod));
        ts->append(qint64(quint64(ts->last()) + delta));
    }
    return true;
}

QByteArray BlockCodec::encodeFloats(std::span<const float> values)
{
    BitWriter out;
    if (values.empty())
        return {};
    quint32 previous = bitsOf(values[0]);
    out.write(previous, 32);
    int leading = -1, trailing = 0; // the window of meaningful bits last written
    for (size_t i = 1; i < values.size(); ++i) {
        const quint32 bits = bitsOf(values[i]);
        const quint32 x = bits ^ previous;
        previous = bits;
        if (x == 0) {
            out.write(0, 1);
            continue;
        }
        const int lead = std::countl_zero(x);
        const int trail = std::countr_zero(x);
        if (leading >= 0 && lead >= leading && trail >= trailing) {
            out.write(0b10, 2);
            out.write(x >> trailing, 32 - leading - trailing);
            continue;
        }
        leading = lead;
        trailing = trail;
        const int length = 32 - lead - trail; // 1..32, written as length - 1
        out.write(0b11, 2);
        out.write(quint64(lead), 5);
        out.write(quint64(length - 1), 5);
        out.write(x >> trail, length);
    }
    return out.take();
}

bool BlockCodec::decodeFloats(QByteArrayView bytes, qsizetype count, QList<float> *values)
{
    values->clear();
    if (count == 0)
        return true;
    values->reserve(count);
    BitReader in(bytes);
    quint64 word = 0;
    if (!in.read(32, &word))
        return false;
    quint32 previous = quint32(word);
    values->append(std::bit_cast<float>(previous));
    int leading = -1, trailing = 0;
    for (qsizetype i = 1; i < count; ++i) {
        int control = 0;
        if (!in.ones(2, &control))
            return false;
        if (control == 1) {
            if (leading < 0 || !in.read(32 - leading - trailing, &word))
                return false;
            previous ^= quint32(word) << trailing;
        } else if (control == 2) {
            quint64 lead = 0, length = 0;
            if (!in.read(5, &lead) || !in.read(5, &length))
                return false;
            ++length;
            if (lead + length > 32 || !in.read(int(length), &word))
                return false;
            leading = int(lead);
            trailing = 32 - int(lead) - int(length);
            previous ^= quint32(word) << trailing;
        }
        values->append(std::bit_cast<float>(previous));
    }
    return true;
}

bool BlockCodec::encodeScaled(std::span<const float> values, int decimals, QByteArray *out)
{
    out->clear();
    if (decimals < 0 || decimals > MostDecimals)
        return false;
    if (values.empty())
        return true;
    const double scale = powerOfTen(decimals);
    // The zigzagged deltas first (std::nullopt for NaN), to pick the shift, k and mode that make
    // the column shortest.
    QList<std::optional<qint64>> deltas;
    deltas.reserve(qsizetype(values.size()));
    qint64 previous = 0;
    int shift = 63;
    for (const float value : values) {
        if (std::isnan(value)) {
            deltas.append(std::nullopt);
            continue;
        }
        const double scaled = std::round(double(value) * scale);
        if (!(std::abs(scaled) <= MostScaled))
            return false;
        const qint64 delta = qint64(scaled) - previous;
        previous = qint64(scaled);
        deltas.append(delta);
        if (delta != 0)
            shift = std::min(shift, std::countr_zero(quint64(delta)));
    }
    if (shift == 63)
        shift = 0; // every delta is 0
    QList<std::optional<quint64>> zz;
    zz.reserve(deltas.size());
    for (const auto &delta : std::as_const(deltas))
        zz.append(delta ? std::optional(zigzag(*delta >> shift)) : std::nullopt);
    const auto riceBits = [](quint64 u, int k) {
        const quint64 q = u >> k;
        return q < RiceCap ? qint64(q) + 1 + k : RiceCap + 1 + 6 + bitWidth(u);
    };
    const auto cost = [&](int k, bool repeats) {
        qint64 bits = 0;
        for (const auto &v : std::as_const(zz)) {
            if (!v)
                bits += int(repeats) + RiceCap + 1;
            else if (!repeats)
                bits += riceBits(*v, k);
            else
                bits += *v == 0 ? 1 : 1 + riceBits(*v - 1, k);
        }
        return bits;
    };
    // Rice's best k is near log2 of the mean of what it codes; trying a few around it, in each
    // mode, keeps the encoder from trying all 63 at every flush.
    const auto around = [&](bool repeats) {
        double sum = 0;
        qsizetype n = 0;
        for (const auto &v : std::as_const(zz)) {
            if (v && (!repeats || *v != 0)) {
                sum += double(*v - quint64(repeats));
                ++n;
            }
        }
        const int center = n ? bitWidth(quint64(sum / double(n))) : 0;
        return std::pair(std::max(0, center - 3), std::min(62, center + 2));
    };
    int k = 0;
    bool repeats = false;
    qint64 best = cost(0, false);
    for (const bool mode : {false, true}) {
        const auto [from, to] = around(mode);
        for (int candidate = from; candidate <= to; ++candidate) {
            const qint64 bits = cost(candidate, mode);
            if (bits < best) {
                best = bits;
                k = candidate;
                repeats = mode;
            }
        }
    }
    BitWriter bits;
    bits.write(quint64(shift), 6);
    bits.write(quint64(k), 6);
    bits.write(repeats, 1);
    const auto rice = [&](quint64 u) {
        const quint64 q = u >> k;
        if (q < RiceCap) {
            bits.write((quint64(1) << q) - 1, int(q));
            bits.write(0, 1);
            bits.write(u & ((quint64(1) << k) - 1), k);
        } else {
            bits.write((1u << RiceCap) - 1, RiceCap);
            bits.write(1, 1);
            bits.write(quint64(bitWidth(u) - 1), 6);
            bits.write(u, bitWidth(u));
        }
    };
    for (const auto &v : std::as_const(zz)) {
        if (repeats)
            bits.write(!v || *v != 0, 1);
        if (!v) {
            bits.write((1u << RiceCap) - 1, RiceCap);
            bits.write(0, 1);
        } else if (!repeats) {
            rice(*v);
        } else if (*v != 0) {
            rice(*v - 1);
        }
    }
    *out = bits.take();
    return true;
}

bool BlockCodec::decodeScaled(QByteArrayView bytes, qsizetype count, int decimals,
                              QList<float> *values)
{
    values->clear();
    if (decimals < 0 || decimals > MostDecimals)
        return false;
    if (count == 0)
        return true;
    values->reserve(count);
    const double scale = powerOfTen(decimals);
    BitReader in(bytes);
    quint64 shift = 0, k = 0, repeats = 0;
    if (!in.read(6, &shift) || !in.read(6, &k) || !in.read(1, &repeats))
        return false;
    qint64 previous = 0;
    for (qsizetype i = 0; i < count; ++i) {
        quint64 changed = 1;
        if (repeats && !in.read(1, &changed))
            return false;
        quint64 v = 0;
        if (changed) {
            int q = 0;
            if (!in.ones(RiceCap, &q))
                return false;
            if (q < RiceCap) {
                quint64 low = 0;
                if (!in.read(int(k), &low))
                    return false;
                v = (quint64(q) << k) | low;
            } else {
                quint64 escape = 0, width = 0;
                if (!in.read(1, &escape))
                    return false;
                if (!escape) {
                    values->append(std::numeric_limits<float>::quiet_NaN());
                    continue;
                }
                if (!in.read(6, &width) || !in.read(int(width) + 1, &v))
                    return false;
            }
            v += repeats; // the repeat mode codes zz - 1
        }
        // Unsigned, so that a damaged block wraps instead of overflowing.
        previous = qint64(quint64(previous) + (quint64(unzigzag(v)) << shift));
        values->append(float(double(previous) / scale));
    }
    return true;
}

QByteArray BlockCodec::encode(const Block &block)
{
    QByteArray out;
    out.append(char(FormatVersion));
    out.append(char(block.columns));
    writeVarint(out, quint64(block.ts.size()));
    writeVarint(out, quint64(block.seriesIds.size()));
    const QByteArray ts = encodeTimestamps(block.ts);
    writeVarint(out, quint64(ts.size()));
    out.append(ts);
    for (qsizetype s = 0; s < block.seriesIds.size(); ++s) {
        const int decimals = s < block.decimals.size() ? block.decimals[s] : -1;
        QByteArray values;
        const bool scaled = encodeScaled(block.values[s], decimals, &values);
        if (!scaled)
            values = encodeFloats(block.values[s]);
        writeVarint(out, quint64(block.seriesIds[s]));
        out.append(char(scaled ? quint8(decimals) : ScaledExact));
        writeVarint(out, quint64(values.size()));
        out.append(values);
    }
    return out;
}

bool BlockCodec::decode(const QByteArray &bytes, Block *block, qint64 onlySeries)
{
    *block = Block();
    if (bytes.size() < 2)
        return false;
    const quint8 version = quint8(bytes[0]);
    if (version != FloatsOnlyVersion && version != FormatVersion)
        return false;
    block->columns = quint8(bytes[1]);
    qsizetype pos = 2;
    quint64 count = 0, seriesCount = 0;
    QByteArrayView part;
    if (block->columns < 1 || !readVarint(bytes, pos, &count) ||
        !readVarint(bytes, pos, &seriesCount) || count > quint64(bytes.size()) * 8 ||
        !readSized(bytes, pos, &part) || !decodeTimestamps(part, qsizetype(count), &block->ts))
        return false;
    const qsizetype values = qsizetype(count) * block->columns;
    for (quint64 s = 0; s < seriesCount; ++s) {
        quint64 id = 0;
        if (!readVarint(bytes, pos, &id))
            return false;
        int decimals = -1;
        if (version == FormatVersion) {
            if (pos >= bytes.size())
                return false;
            const quint8 byte = quint8(bytes[pos++]);
            decimals = byte == ScaledExact ? -1 : int(byte);
            if (decimals > MostDecimals)
                return false;
        }
        if (!readSized(bytes, pos, &part))
            return false;
        if (onlySeries >= 0 && qint64(id) != onlySeries)
            continue;
        QList<float> column;
        if (decimals < 0 ? !decodeFloats(part, values, &column)
                         : !decodeScaled(part, values, decimals, &column))
            return false;
        block->seriesIds.append(qint64(id));
        block->decimals.append(decimals);
        block->values.append(std::move(column));
    }
    return pos == bytes.size();
}

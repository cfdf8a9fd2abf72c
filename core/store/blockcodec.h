#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <span>

// The on-disk form of a block of the history store: the points of every series over one
// aligned window of one tier. Timestamps are shared by all series of the block and written once
// as delta-of-delta. A value column is either kept at the decimals the protocol sends the series
// with, as integer deltas (encodeScaled), or exact, float32 XOR-coded as in Facebook's Gorilla
// paper (encodeFloats). NaN gaps come back as NaN in both.
namespace BlockCodec {

// Timestamps in ms, ascending. A steady tick costs 1 bit, a jitter of a few ms 9 bits.
QByteArray encodeTimestamps(std::span<const qint64> ts);
// false if the bytes do not hold count timestamps.
bool decodeTimestamps(QByteArrayView bytes, qsizetype count, QList<qint64> *ts);

// Values as their float32 bits: a repeat costs 1 bit, a slow change about a dozen.
QByteArray encodeFloats(std::span<const float> values);
bool decodeFloats(QByteArrayView bytes, qsizetype count, QList<float> *values);

// Values at `decimals` decimals (0-15), as the integers value x 10^decimals: the deltas between
// successive ones, shifted right by the trailing zero bits they all share, zigzagged and Rice
// coded with the parameter that makes the column shortest (blockcodec.cpp has the layout). A
// repeat costs 1 bit, a noisy percentage about 8. false, with nothing written, when a value
// cannot be scaled (an infinity, or beyond 2^53 once scaled); such a column is kept exact.
bool encodeScaled(std::span<const float> values, int decimals, QByteArray *out);
// Each value comes back as float(integer / 10^decimals).
bool decodeScaled(QByteArrayView bytes, qsizetype count, int decimals, QList<float> *values);

// A whole block: `columns` values per series and point (1 in tier 0; min, avg, max above).
struct Block
{
    int columns = 1;
    QList<qint64> ts;
    QList<qint64> seriesIds;
    // Per series, column after column: values[s][c * ts.size() + i].
    QList<QList<float>> values;
    // Per series, the decimals its values are kept at (encodeScaled); -1, or none given, keeps
    // them exact. Blocks of format 1, written before this choice existed, decode as all -1.
    QList<int> decimals;
};

QByteArray encode(const Block &block);
// Reads a block; with onlySeries >= 0 only that series' values are decoded (the others are
// skipped by their length), which is what a range query of one series needs. false on bytes that
// are not a block of this format.
bool decode(const QByteArray &bytes, Block *block, qint64 onlySeries = -1);

} // namespace BlockCodec

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <span>

// The on-disk form of a block of the history store: the points of every series over one
// aligned window of one tier. Timestamps are shared by all series of the block and written once
// as delta-of-delta; each value column is float32 XOR-coded as in Facebook's Gorilla paper. Both
// are exact: a value comes back with the very bits it went in with, NaN gaps included.
namespace BlockCodec {

// Timestamps in ms, ascending. A steady tick costs 1 bit, a jitter of a few ms 9 bits.
QByteArray encodeTimestamps(std::span<const qint64> ts);
// false if the bytes do not hold count timestamps.
bool decodeTimestamps(QByteArrayView bytes, qsizetype count, QList<qint64> *ts);

// Values as their float32 bits: a repeat costs 1 bit, a slow change about a dozen.
QByteArray encodeFloats(std::span<const float> values);
bool decodeFloats(QByteArrayView bytes, qsizetype count, QList<float> *values);

// A whole block: `columns` values per series and point (1 in tier 0; min, avg, max above).
struct Block
{
    int columns = 1;
    QList<qint64> ts;
    QList<qint64> seriesIds;
    // Per series, column after column: values[s][c * ts.size() + i].
    QList<QList<float>> values;
};

QByteArray encode(const Block &block);
// Reads a block; with onlySeries >= 0 only that series' values are decoded (the others are
// skipped by their length), which is what a range query of one series needs. false on bytes that
// are not a block of this format.
bool decode(const QByteArray &bytes, Block *block, qint64 onlySeries = -1);

} // namespace BlockCodec

#include "store/blockcodec.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

// The codec must give back what it promises: a scaled column each value rounded to its decimals
// (what the protocol sends every client), an exact one every bit it was given; NaN gaps and
// counters that fall back to 0 included in both. Blocks written before scaled columns existed
// must still read.
class TestBlockCodec : public QObject
{
    Q_OBJECT

private:
    static quint32 bits(float v) { return std::bit_cast<quint32>(v); }

    void roundTripFloats(const QList<float> &values)
    {
        const QByteArray bytes = BlockCodec::encodeFloats(values);
        QList<float> back;
        QVERIFY(BlockCodec::decodeFloats(bytes, values.size(), &back));
        QCOMPARE(back.size(), values.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            QCOMPARE(bits(back[i]), bits(values[i]));
    }

    static QList<float> roundTripScaled(const QList<float> &values, int decimals)
    {
        QByteArray bytes;
        if (!BlockCodec::encodeScaled(values, decimals, &bytes))
            return {};
        QList<float> back;
        if (!BlockCodec::decodeScaled(bytes, values.size(), decimals, &back))
            return {};
        return back;
    }

    static void compareBits(const QList<float> &actual, const QList<float> &expected)
    {
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            if (std::isnan(expected[i]))
                QVERIFY2(std::isnan(actual[i]), qPrintable(QString::number(i)));
            else
                QCOMPARE(bits(actual[i]), bits(expected[i]));
        }
    }

private slots:
    void steadyTicksCostOneBitEach()
    {
        // 10 ticks 1000 ms apart: the first in 64 bits, the first delta (dod 1000, zigzag 2000,
        // needs 12 bits) as '1110' + 12 bits = 16, then 8 dods of 0 at 1 bit: 64 + 16 + 8 = 88
        // bits = 11 bytes.
        QList<qint64> ts;
        for (int i = 0; i < 10; ++i)
            ts.append(1'700'000'000'000 + i * 1000);
        const QByteArray bytes = BlockCodec::encodeTimestamps(ts);
        QCOMPARE(bytes.size(), 11);
        QList<qint64> back;
        QVERIFY(BlockCodec::decodeTimestamps(bytes, ts.size(), &back));
        QCOMPARE(back, ts);
    }

    void timestampsWithJitterGapsAndJumpsBack()
    {
        const QList<qint64> ts = {1'700'000'000'000,
                                  1'700'000'001'003,
                                  1'700'000'001'999,
                                  1'700'000'003'001,
                                  1'700'000'900'000,
                                  1'700'000'900'001,
                                  1'700'000'899'000,
                                  0,
                                  std::numeric_limits<qint64>::max()};
        QList<qint64> back;
        QVERIFY(BlockCodec::decodeTimestamps(BlockCodec::encodeTimestamps(ts), ts.size(), &back));
        QCOMPARE(back, ts);
    }

    void repeatedValuesCostOneBitEach()
    {
        // 32 bits for the first, 1 bit per repeat: 32 + 4 = 36 bits = 5 bytes.
        const QList<float> values(5, 42.5f);
        QCOMPARE(BlockCodec::encodeFloats(values).size(), 5);
        roundTripFloats(values);
    }

    void valuesComeBackExact()
    {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const float inf = std::numeric_limits<float>::infinity();
        roundTripFloats({12.5f, nan, nan, 13.25f, 0.0f, -0.0f, inf, -inf, nan, 1.0f});
        // Huge and tiny: the largest float, the smallest normal and a denormal.
        roundTripFloats({std::numeric_limits<float>::max(), std::numeric_limits<float>::min(),
                         std::numeric_limits<float>::denorm_min(), -3.0e38f, 1.0e-30f, 7.0f});
        // A byte counter rate that climbs and falls back to 0 when the counter resets.
        roundTripFloats({1.0e9f, 1.1e9f, 1.2e9f, 0.0f, 15.0f, 1.3e9f});
        // A NaN with a payload other than the default is a different bit pattern: kept too.
        roundTripFloats({std::bit_cast<float>(quint32(0x7fc00123)), nan, 3.0f});
        // Noisy percentages, as a CPU series is.
        QList<float> noisy;
        for (int i = 0; i < 200; ++i)
            noisy.append(float(50 + 40 * std::sin(i * 0.7)));
        roundTripFloats(noisy);
    }

    void scaledValuesComeBackRounded()
    {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        // Percentages at 2 decimals: 12.344 -> 12.34, 0.004 -> 0, 0.006 -> 0.01; a fall to 0 and
        // a negative value; NaN gaps, the first and the last value among them.
        compareBits(roundTripScaled({nan, 12.344f, 12.35f, nan, nan, 99.99f, 0.0f, -3.5f, 0.004f,
                                     0.006f, -0.0f, nan},
                                    2),
                    {nan, 12.34f, 12.35f, nan, nan, 99.99f, 0.0f, -3.5f, 0.0f, 0.01f, 0.0f, nan});
        // Rates at 0 decimals: 1e15 bytes/s (float 999999986991104, below 2^53) and a counter
        // reset to 0 between two of them; 123456.7 -> 123457.
        compareBits(roundTripScaled({1.0e15f, 0.0f, 1.0e15f, 123456.7f, nan, 1.0f}, 0),
                    {1.0e15f, 0.0f, 1.0e15f, 123457.0f, nan, 1.0f});
        // Temperatures at 1 decimal, below zero too.
        compareBits(roundTripScaled({-12.34f, 45.06f, 45.06f, 45.0f}, 1),
                    {-12.3f, 45.1f, 45.1f, 45.0f});
        // Only NaN, and nothing at all.
        compareBits(roundTripScaled({nan, nan}, 2), {nan, nan});
        QByteArray bytes;
        QVERIFY(BlockCodec::encodeScaled(QList<float>(), 2, &bytes));
        QVERIFY(bytes.isEmpty());
    }

    void unscalableValuesAreKeptExact()
    {
        // 1e17 at 2 decimals is 1e19, past 2^53; an infinity has no integer at all.
        QByteArray bytes;
        QVERIFY(!BlockCodec::encodeScaled(QList<float>{1.0f, 1.0e17f}, 2, &bytes));
        QVERIFY(!BlockCodec::encodeScaled(QList<float>{std::numeric_limits<float>::infinity()}, 0,
                                          &bytes));
        QVERIFY(!BlockCodec::encodeScaled(QList<float>{1.0f}, -1, &bytes));
        // In a block such a column falls back to exact floats, and says so.
        BlockCodec::Block block;
        block.ts = {1000, 2000};
        block.seriesIds = {3, 4};
        block.values = {{1.0f, 1.0e17f}, {12.344f, 7.0f}};
        block.decimals = {2, 2};
        BlockCodec::Block back;
        QVERIFY(BlockCodec::decode(BlockCodec::encode(block), &back));
        QCOMPARE(back.decimals, (QList<int>{-1, 2}));
        compareBits(back.values[0], {1.0f, 1.0e17f});
        compareBits(back.values[1], {12.34f, 7.0f});
    }

    void noisyPercentageCostsSevenBitsATick()
    {
        // Ten minutes at 1 s (one tier 0 block) of a percentage alternating 50.00, 50.50:
        // integers 5000, 5050, 5000...; deltas 5000 then +50 (300 times) and -50 (299 times).
        // They share one trailing zero bit (50 = 2 x 25), so the shift is 1: 2500, +-25, zigzag
        // 5000, 50, 49. With k = 5 each of 50 and 49 is q = 1: '10' + 5 bits = 7 bits; the first
        // (5000 >> 5 = 156, past the cap of 8) is escaped: 8 ones + 1 + 6 (width) + 13 (5000 <
        // 8192) = 28 bits. Header 6 + 6 + 1 = 13 bits. 13 + 28 + 599 x 7 = 4234 bits = 530 bytes
        // (k = 6 costs the same; any other k or the repeat mode costs more).
        QList<float> values;
        for (int i = 0; i < 600; ++i)
            values.append(i % 2 ? 50.5f : 50.0f);
        QByteArray bytes;
        QVERIFY(BlockCodec::encodeScaled(values, 2, &bytes));
        QVERIFY2(bytes.size() <= 530, qPrintable(QString::number(bytes.size())));
        compareBits(roundTripScaled(values, 2), values);
    }

    void steadyScaledValueCostsOneBitATick()
    {
        // 600 ticks of 42.5 at 2 decimals: 4250 (shift 1: 2125, zigzag 4250), then 599 deltas
        // of 0. The repeat mode with k = 12 is the shortest (11 and 13 tie): the first is '1' +
        // the code of 4249 (q = 4249 >> 12 = 1: '10' + 12 bits) = 15 bits, each repeat a '0'.
        // With the header's 13: 13 + 15 + 599 = 627 bits = 79 bytes. (Without the repeat mode,
        // k = 0: 13 + 28 + 599 = 640 bits = 80 bytes.)
        const QList<float> values(600, 42.5f);
        QByteArray bytes;
        QVERIFY(BlockCodec::encodeScaled(values, 2, &bytes));
        QVERIFY2(bytes.size() <= 79, qPrintable(QString::number(bytes.size())));
        compareBits(roundTripScaled(values, 2), values);
    }

    void blockOfTheFirstFormatStillReads()
    {
        // A block as the first format wrote it (every column float32 XOR), by hand:
        // 01 format 1, 01 one column, 02 two points, 01 one series, 0a ten bytes of timestamps:
        //   1000 in 64 bits (00 00 00 00 00 00 03 e8), then the delta 1000: dod 1000, zigzag
        //   2000, class 3: '1110' + 12 bits 0111 1101 0000 -> e7 d0;
        // 05 series id 5, 06 six bytes of values: 1.5f = 3f c0 00 00, then NaN (7fc00000):
        //   XOR 40000000, lead 1, length 1: '11' + 00001 + 00000 + '1' -> 1100 0010 0000 1(000)
        //   -> c2 08.
        const QByteArray old = QByteArray::fromHex("010102010a00000000000003e8e7d00506"
                                                   "3fc00000c208");
        BlockCodec::Block block;
        QVERIFY(BlockCodec::decode(old, &block));
        QCOMPARE(block.columns, 1);
        QCOMPARE(block.ts, (QList<qint64>{1000, 2000}));
        QCOMPARE(block.seriesIds, QList<qint64>{5});
        QCOMPARE(block.decimals, QList<int>{-1});
        QCOMPARE(block.values[0].size(), 2);
        QCOMPARE(bits(block.values[0][0]), bits(1.5f));
        QVERIFY(std::isnan(block.values[0][1]));
    }

    void blockKeepsEverySeriesAndCanReadOne()
    {
        BlockCodec::Block block;
        block.columns = 3;
        block.ts = {60'000, 120'000};
        block.seriesIds = {4, 9};
        // Series 4: (1, 2, 3) then (4, 5, 6); series 9 has a gap at its first point.
        const float nan = std::numeric_limits<float>::quiet_NaN();
        block.values = {{1, 2, 3, 4, 5, 6}, {nan, nan, nan, 7, 8, 9}};
        const QByteArray bytes = BlockCodec::encode(block);

        BlockCodec::Block all;
        QVERIFY(BlockCodec::decode(bytes, &all));
        QCOMPARE(all.columns, 3);
        QCOMPARE(all.ts, block.ts);
        QCOMPARE(all.seriesIds, block.seriesIds);
        QCOMPARE(all.values[0], block.values[0]);
        QVERIFY(std::isnan(all.values[1][0]));
        QCOMPARE(all.values[1][3], 7.0f);

        BlockCodec::Block one;
        QVERIFY(BlockCodec::decode(bytes, &one, 9));
        QCOMPARE(one.seriesIds, QList<qint64>{9});
        QCOMPARE(one.values[0].mid(3), (QList<float>{7, 8, 9}));
    }

    void damagedBytesAreRefused()
    {
        BlockCodec::Block block;
        block.ts = {1, 2, 3};
        block.seriesIds = {1};
        block.values = {{1, 2, 3}};
        block.decimals = {2};
        const QByteArray bytes = BlockCodec::encode(block);
        BlockCodec::Block back;
        QVERIFY(!BlockCodec::decode(bytes.first(bytes.size() - 1), &back));
        QVERIFY(!BlockCodec::decode(QByteArray("not a block"), &back));
        QVERIFY(!BlockCodec::decode(bytes + 'x', &back));
    }
};

QTEST_GUILESS_MAIN(TestBlockCodec)
#include "tst_blockcodec.moc"

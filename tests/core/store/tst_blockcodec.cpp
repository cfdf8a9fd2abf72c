#include "store/blockcodec.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

// The codec must give back every bit it was given: History keeps floats, and the store keeps
// exactly what History had, NaN gaps and counters that fall back to 0 included.
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
        const QByteArray bytes = BlockCodec::encode(block);
        BlockCodec::Block back;
        QVERIFY(!BlockCodec::decode(bytes.first(bytes.size() - 1), &back));
        QVERIFY(!BlockCodec::decode(QByteArray("not a block"), &back));
        QVERIFY(!BlockCodec::decode(bytes + 'x', &back));
    }
};

QTEST_GUILESS_MAIN(TestBlockCodec)
#include "tst_blockcodec.moc"

#include "history/ringbuffer.h"

#include <QTest>

class TestRingBuffer : public QObject
{
    Q_OBJECT

private slots:
    void keepsNewestInOrder_data();
    void keepsNewestInOrder();
    void zeroCapacityIgnoresPushes();
    void clearEmpties();
};

void TestRingBuffer::keepsNewestInOrder_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("pushes");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("not full") << 4 << 3 << QList<int>{1, 2, 3};
    QTest::newRow("exactly full") << 3 << 3 << QList<int>{1, 2, 3};
    QTest::newRow("wrapped once") << 3 << 5 << QList<int>{3, 4, 5};
    QTest::newRow("wrapped many times") << 2 << 11 << QList<int>{10, 11};
    QTest::newRow("capacity one") << 1 << 4 << QList<int>{4};
}

void TestRingBuffer::keepsNewestInOrder()
{
    QFETCH(int, capacity);
    QFETCH(int, pushes);
    QFETCH(QList<int>, expected);
    RingBuffer<int> ring(capacity);
    for (int i = 1; i <= pushes; ++i)
        ring.push(i);
    QList<int> actual;
    for (qsizetype i = 0; i < ring.size(); ++i)
        actual.append(ring.at(i));
    QCOMPARE(actual, expected);
    QCOMPARE(ring.last(), pushes);
    QCOMPARE(ring.capacity(), capacity);
}

void TestRingBuffer::zeroCapacityIgnoresPushes()
{
    RingBuffer<int> ring(0);
    ring.push(1);
    QVERIFY(ring.isEmpty());
}

void TestRingBuffer::clearEmpties()
{
    RingBuffer<int> ring(3);
    ring.push(1);
    ring.push(2);
    ring.clear();
    QCOMPARE(ring.size(), 0);
    ring.push(7);
    QCOMPARE(ring.at(0), 7);
}

QTEST_GUILESS_MAIN(TestRingBuffer)
#include "tst_ringbuffer.moc"

#include "colorstrip.h"

#include <QTest>

// Twice the signed area of the strip triangle ending at vertex last.
static qreal doubleArea(const QList<ColorStrip::Vertex> &v, qsizetype last)
{
    const ColorStrip::Vertex &a = v[last - 2];
    const ColorStrip::Vertex &b = v[last - 1];
    const ColorStrip::Vertex &c = v[last];
    return qreal(b.x - a.x) * (c.y - a.y) - qreal(c.x - a.x) * (b.y - a.y);
}

static QPointF pointOf(const ColorStrip::Vertex &vertex)
{
    return QPointF(vertex.x, vertex.y);
}

class TestColorStrip : public QObject
{
    Q_OBJECT

private slots:
    void rectIsFourVerticesInStripOrder();
    void colorIsPremultiplied_data();
    void colorIsPremultiplied();
    void piecesAreJoinedByZeroAreaTriangles();
    void segmentIsQuadAcrossTheLine();
    void zeroLengthSegmentAddsNothing();
    void clearStartsAfresh();
    void boundingRect();
};

// Top left, bottom left, top right, bottom right: the two triangles of a strip cover the rect.
void TestColorStrip::rectIsFourVerticesInStripOrder()
{
    ColorStrip strip;
    strip.addRect(QRectF(10, 20, 30, 40), Qt::red);
    const QList<ColorStrip::Vertex> &v = strip.vertices();
    QCOMPARE(v.size(), 4);
    QCOMPARE(pointOf(v[0]), QPointF(10, 20));
    QCOMPARE(pointOf(v[1]), QPointF(10, 60));
    QCOMPARE(pointOf(v[2]), QPointF(40, 20));
    QCOMPARE(pointOf(v[3]), QPointF(40, 60));
    // Both triangles have an area of 30 * 40 / 2 = 600 (doubled: 1200).
    QCOMPARE(qAbs(doubleArea(v, 2)), 1200.0);
    QCOMPARE(qAbs(doubleArea(v, 3)), 1200.0);
}

void TestColorStrip::colorIsPremultiplied_data()
{
    QTest::addColumn<QColor>("color");
    QTest::addColumn<QList<int>>("rgba");
    QTest::newRow("opaque") << QColor(10, 20, 30) << QList<int>{10, 20, 30, 255};
    // 200 * 51 / 255 = 40, 100 * 51 / 255 = 20.
    QTest::newRow("a fifth") << QColor(200, 100, 0, 51) << QList<int>{40, 20, 0, 51};
    QTest::newRow("transparent") << QColor(255, 255, 255, 0) << QList<int>{0, 0, 0, 0};
}

void TestColorStrip::colorIsPremultiplied()
{
    QFETCH(QColor, color);
    QFETCH(QList<int>, rgba);
    ColorStrip strip;
    strip.addRect(QRectF(0, 0, 1, 1), color);
    const ColorStrip::Vertex &v = strip.vertices().constFirst();
    QCOMPARE((QList<int>{v.r, v.g, v.b, v.a}), rgba);
}

// Two rects: 4 + 2 + 4 vertices. The join repeats the first rect's last vertex and the second
// rect's first, so the four triangles that span it (ending at vertices 4 to 7) are empty.
void TestColorStrip::piecesAreJoinedByZeroAreaTriangles()
{
    ColorStrip strip;
    strip.addRect(QRectF(0, 0, 10, 10), Qt::red);
    strip.addRect(QRectF(20, 0, 10, 10), Qt::blue);
    const QList<ColorStrip::Vertex> &v = strip.vertices();
    QCOMPARE(v.size(), 10);
    QCOMPARE(pointOf(v[4]), QPointF(10, 10));
    QCOMPARE(pointOf(v[5]), QPointF(20, 0));
    QCOMPARE(pointOf(v[6]), QPointF(20, 0));
    for (qsizetype last = 4; last <= 7; ++last)
        QCOMPARE(doubleArea(v, last), 0.0);
    QCOMPARE(qAbs(doubleArea(v, 8)), 100.0);
    QCOMPARE(qAbs(doubleArea(v, 9)), 100.0);
    QCOMPARE(v[9].b, uchar(255));
    QCOMPARE(v[3].r, uchar(255));
}

// (0, 0) to (10, 0), 2 wide: corners 1 px above and below each end, the start first.
void TestColorStrip::segmentIsQuadAcrossTheLine()
{
    ColorStrip strip;
    strip.beginPiece(Qt::red);
    strip.addSegment(QPointF(0, 0), QPointF(10, 0), 2);
    const QList<ColorStrip::Vertex> &v = strip.vertices();
    QCOMPARE(v.size(), 4);
    QCOMPARE(v[0].x, 0.f);
    QCOMPARE(v[1].x, 0.f);
    QCOMPARE(v[2].x, 10.f);
    QCOMPARE(v[3].x, 10.f);
    QCOMPARE(qAbs(v[0].y), 1.f);
    QCOMPARE(v[1].y, -v[0].y);
    QCOMPARE(v[2].y, v[0].y);
    QCOMPARE(v[3].y, -v[0].y);
}

void TestColorStrip::zeroLengthSegmentAddsNothing()
{
    ColorStrip strip;
    strip.beginPiece(Qt::red);
    strip.addSegment(QPointF(5, 5), QPointF(5, 5), 2);
    QVERIFY(strip.vertices().isEmpty());
}

void TestColorStrip::clearStartsAfresh()
{
    ColorStrip strip;
    strip.addRect(QRectF(0, 0, 10, 10), Qt::red);
    strip.clear();
    QVERIFY(strip.vertices().isEmpty());
    strip.addRect(QRectF(1, 1, 1, 1), Qt::red);
    QCOMPARE(strip.vertices().size(), 4);
}

void TestColorStrip::boundingRect()
{
    ColorStrip strip;
    QVERIFY(strip.boundingRect().isNull());
    strip.addRect(QRectF(10, 20, 5, 5), Qt::red);
    strip.addRect(QRectF(-3, 30, 2, 2), Qt::red);
    QCOMPARE(strip.boundingRect(), QRectF(QPointF(-3, 20), QPointF(15, 32)));
}

QTEST_APPLESS_MAIN(TestColorStrip)
#include "tst_colorstrip.moc"

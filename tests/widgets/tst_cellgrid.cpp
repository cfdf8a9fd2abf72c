#include "cellgrid.h"

#include <QTest>

class TestCellGrid : public QObject
{
    Q_OBJECT

private slots:
    void layout_data();
    void layout();
    void cellRect();
    void cellAt_data();
    void cellAt();
};

void TestCellGrid::layout_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QSizeF>("size");
    QTest::addColumn<qreal>("spacing");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("expectedColumns");
    QTest::addColumn<int>("expectedRows");
    QTest::addColumn<QSizeF>("cellSize");

    // One row: side min(50, 20) = 20 beats two rows' min(100, 10) = 10.
    QTest::newRow("one row") << 4 << QSizeF(200, 20) << 0.0 << 0 << 4 << 1 << QSizeF(50, 20);
    // Shorter side with 1..8 columns: 12.5 (one row), 14.3, 16.7, 20 (two rows of 25 x 20), 20
    // (two rows of 20 x 20, smaller cells), 13.3, 10, 10: four columns.
    QTest::newRow("wraps") << 8 << QSizeF(100, 40) << 0.0 << 0 << 4 << 2 << QSizeF(25, 20);
    // Four in 100 x 50: one row of 25 x 50 and two rows of 50 x 25 tie (side 25, same area);
    // the single row wins.
    QTest::newRow("tie") << 4 << QSizeF(100, 50) << 0.0 << 0 << 4 << 1 << QSizeF(25, 50);
    // A tall item: one column of four 100 x 250 cells (side 100) beats two (side 50).
    QTest::newRow("column") << 4 << QSizeF(100, 1000) << 0.0 << 0 << 1 << 4 << QSizeF(100, 250);
    // (200 - 3 * 4) / 4 = 47.
    QTest::newRow("spacing") << 4 << QSizeF(200, 20) << 4.0 << 0 << 4 << 1 << QSizeF(47, 20);
    QTest::newRow("fixed columns") << 8 << QSizeF(100, 40) << 0.0 << 2 << 2 << 4 << QSizeF(50, 10);
    // Eight columns kept for three cells: 100 / 8 = 12.5 wide, the rest of the row empty.
    QTest::newRow("more columns than cells")
        << 3 << QSizeF(100, 10) << 0.0 << 8 << 8 << 1 << QSizeF(12.5, 10);
    QTest::newRow("no cells") << 0 << QSizeF(100, 10) << 0.0 << 0 << 0 << 0 << QSizeF();
    // Spacing wider than the item: (2 - 4) / 2 < 0, clamped to nothing.
    QTest::newRow("no room") << 2 << QSizeF(2, 2) << 4.0 << 2 << 2 << 1 << QSizeF(0, 2);
}

void TestCellGrid::layout()
{
    QFETCH(int, count);
    QFETCH(QSizeF, size);
    QFETCH(qreal, spacing);
    QFETCH(int, columns);
    QFETCH(int, expectedColumns);
    QFETCH(int, expectedRows);
    QFETCH(QSizeF, cellSize);
    const CellGrid grid(count, size, spacing, columns);
    QCOMPARE(grid.count(), count);
    QCOMPARE(grid.columns(), expectedColumns);
    QCOMPARE(grid.rows(), expectedRows);
    QCOMPARE(grid.cellSize(), cellSize);
}

// Eight cells of 25 x 20 with spacing 2 in four columns: cell 5 is row 1, column 1, at
// (25 + 2, 20 + 2). The grid is laid out for (4 * 25 + 3 * 2) x (2 * 20 + 2) = 106 x 42.
void TestCellGrid::cellRect()
{
    const CellGrid grid(8, QSizeF(106, 42), 2, 4);
    QCOMPARE(grid.cellRect(0), QRectF(0, 0, 25, 20));
    QCOMPARE(grid.cellRect(5), QRectF(27, 22, 25, 20));
    QCOMPARE(grid.cellRect(7), QRectF(81, 22, 25, 20));
}

void TestCellGrid::cellAt_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addColumn<int>("cell");
    // The grid of cellRect(): columns at x 0..25, 27..52, 54..79, 81..106; rows at y 0..20,
    // 22..42; seven cells, so the last place (row 1, column 3) is empty.
    QTest::newRow("origin") << QPointF(0, 0) << 0;
    QTest::newRow("inside the first") << QPointF(24.9, 19.9) << 0;
    QTest::newRow("column gap") << QPointF(26, 10) << -1;
    QTest::newRow("row gap") << QPointF(10, 21) << -1;
    QTest::newRow("second row") << QPointF(30, 25) << 5;
    QTest::newRow("missing eighth") << QPointF(90, 30) << -1;
    QTest::newRow("left") << QPointF(-0.1, 5) << -1;
    QTest::newRow("right") << QPointF(107, 5) << -1;
    QTest::newRow("below") << QPointF(5, 43) << -1;
}

void TestCellGrid::cellAt()
{
    QFETCH(QPointF, point);
    QFETCH(int, cell);
    const CellGrid grid(7, QSizeF(106, 42), 2, 4);
    QCOMPARE(grid.cellAt(point), cell);
}

QTEST_APPLESS_MAIN(TestCellGrid)
#include "tst_cellgrid.moc"

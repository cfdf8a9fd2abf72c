#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

// The layout of equal cells filling a rectangle in rows, left to right then top to bottom, with
// a gap between neighbours. Pure geometry: used to draw cells and to find the cell under a point.
class CellGrid
{
public:
    // Lays count cells out over size (pixels), spacing pixels apart, in columns columns; with
    // columns 0 or less, picks the number of columns that gives the largest cells (the
    // shorter side of a cell, so they stay close to square).
    CellGrid(int count, QSizeF size, qreal spacing, int columns);

    // Number of cells.
    int count() const { return m_count; }
    // Number of columns, 0 when there are no cells.
    int columns() const { return m_columns; }
    // Number of rows, the last one possibly partly filled; 0 when there are no cells.
    int rows() const { return m_rows; }
    // Size of every cell in pixels; empty when the cells do not fit.
    QSizeF cellSize() const { return m_cellSize; }
    // The rectangle of cell index (0 to count - 1), in pixels from the top left.
    QRectF cellRect(int index) const;
    // The index of the cell holding point (pixels), or -1 in a gap or outside every cell.
    int cellAt(QPointF point) const;

private:
    static int bestColumns(int count, QSizeF size, qreal spacing);
    static QSizeF cellSizeFor(int count, QSizeF size, qreal spacing, int columns);
    static int rowsFor(int count, int columns);

    int m_count;
    int m_columns;
    int m_rows;
    qreal m_spacing;
    QSizeF m_cellSize;
};

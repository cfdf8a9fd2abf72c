#include "cellgrid.h"

#include <algorithm>
#include <utility>

CellGrid::CellGrid(int count, QSizeF size, qreal spacing, int columns)
    : m_count(std::max(count, 0))
    , m_columns(m_count == 0  ? 0
                : columns > 0 ? columns
                              : bestColumns(m_count, size, std::max(spacing, 0.0)))
    , m_rows(rowsFor(m_count, m_columns))
    , m_spacing(std::max(spacing, 0.0))
    , m_cellSize(cellSizeFor(m_count, size, m_spacing, m_columns))
{}

QRectF CellGrid::cellRect(int index) const
{
    const int row = index / m_columns;
    const int column = index % m_columns;
    const QPointF topLeft(column * (m_cellSize.width() + m_spacing),
                          row * (m_cellSize.height() + m_spacing));
    return QRectF(topLeft, m_cellSize);
}

int CellGrid::cellAt(QPointF point) const
{
    if (m_cellSize.isEmpty() || point.x() < 0 || point.y() < 0)
        return -1;
    const qreal pitchX = m_cellSize.width() + m_spacing;
    const qreal pitchY = m_cellSize.height() + m_spacing;
    const int column = int(point.x() / pitchX);
    const int row = int(point.y() / pitchY);
    const bool inGap = point.x() - column * pitchX >= m_cellSize.width() ||
                       point.y() - row * pitchY >= m_cellSize.height();
    const int index = row * m_columns + column;
    if (inGap || column >= m_columns || row >= m_rows || index >= m_count)
        return -1;
    return index;
}

// The score is the shorter side of a cell, then its area: among layouts with the same shorter
// side, the larger cells (fewer columns for the same rows, so a fuller last row) win. A full tie
// goes to more columns, since a strip of cores reads best as one row.
int CellGrid::bestColumns(int count, QSizeF size, qreal spacing)
{
    int best = 1;
    std::pair<qreal, qreal> bestScore(-1, -1);
    for (int columns = 1; columns <= count; ++columns) {
        const QSizeF cell = cellSizeFor(count, size, spacing, columns);
        const std::pair score(std::min(cell.width(), cell.height()), cell.width() * cell.height());
        if (score >= bestScore) {
            best = columns;
            bestScore = score;
        }
    }
    return best;
}

QSizeF CellGrid::cellSizeFor(int count, QSizeF size, qreal spacing, int columns)
{
    const int rows = rowsFor(count, columns);
    if (rows == 0)
        return {};
    const qreal width = (size.width() - (columns - 1) * spacing) / columns;
    const qreal height = (size.height() - (rows - 1) * spacing) / rows;
    return QSizeF(std::max(width, 0.0), std::max(height, 0.0));
}

int CellGrid::rowsFor(int count, int columns)
{
    return columns > 0 ? (count + columns - 1) / columns : 0;
}

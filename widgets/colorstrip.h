#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSGGeometry>

// A list of coloured vertices forming one triangle strip, in item coordinates. Shapes are added
// as separate pieces; pieces are joined by two repeated vertices, which make zero-area
// triangles, so a whole item draws with one geometry node. Pure: no scene graph state.
class ColorStrip
{
public:
    using Vertex = QSGGeometry::ColoredPoint2D;

    // Removes every vertex but keeps the allocated memory for the next build.
    void clear();

    // Starts a new piece drawn in color (stored premultiplied, as the vertex colour material
    // expects); the vertices added next belong to it.
    void beginPiece(const QColor &color);
    // Adds one vertex (item coordinates, pixels) to the current piece.
    void addVertex(QPointF point);
    // Adds rect as a piece of four vertices in color.
    void addRect(const QRectF &rect, const QColor &color);
    // Adds the segment from a to b, width pixels wide, as four vertices of the current piece.
    void addSegment(QPointF a, QPointF b, qreal width);

    // The vertices of the whole strip, joins included.
    const QList<Vertex> &vertices() const { return m_vertices; }
    // The smallest rectangle holding every vertex; empty when there are none.
    QRectF boundingRect() const;

private:
    QList<Vertex> m_vertices;
    Vertex m_color{};
    bool m_pieceStarted = false;
};

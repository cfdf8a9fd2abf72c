#include "colorstrip.h"

#include <QLineF>

#include <algorithm>

void ColorStrip::clear()
{
    m_vertices.clear();
    m_pieceStarted = false;
}

void ColorStrip::beginPiece(const QColor &color)
{
    const QRgb premultiplied = qPremultiply(color.rgba());
    m_color.set(0, 0, qRed(premultiplied), qGreen(premultiplied), qBlue(premultiplied),
                qAlpha(premultiplied));
    m_pieceStarted = true;
}

void ColorStrip::addVertex(QPointF point)
{
    Vertex vertex = m_color;
    vertex.x = float(point.x());
    vertex.y = float(point.y());
    // Repeating the previous piece's last vertex and this piece's first one gives four
    // zero-area triangles, so the strip jumps between pieces without drawing anything.
    if (m_pieceStarted && !m_vertices.isEmpty()) {
        m_vertices.append(m_vertices.constLast());
        m_vertices.append(vertex);
    }
    m_pieceStarted = false;
    m_vertices.append(vertex);
}

void ColorStrip::addRect(const QRectF &rect, const QColor &color)
{
    beginPiece(color);
    addVertex(rect.topLeft());
    addVertex(rect.bottomLeft());
    addVertex(rect.topRight());
    addVertex(rect.bottomRight());
}

void ColorStrip::addSegment(QPointF a, QPointF b, qreal width)
{
    const QLineF line(a, b);
    if (line.length() <= 0)
        return;
    const QLineF normal = line.normalVector().unitVector();
    const QPointF offset = (normal.p2() - normal.p1()) * (width / 2);
    addVertex(a + offset);
    addVertex(a - offset);
    addVertex(b + offset);
    addVertex(b - offset);
}

QRectF ColorStrip::boundingRect() const
{
    if (m_vertices.isEmpty())
        return {};
    const auto [minX, maxX] =
        std::minmax_element(m_vertices.cbegin(), m_vertices.cend(),
                            [](const Vertex &a, const Vertex &b) { return a.x < b.x; });
    const auto [minY, maxY] =
        std::minmax_element(m_vertices.cbegin(), m_vertices.cend(),
                            [](const Vertex &a, const Vertex &b) { return a.y < b.y; });
    return QRectF(QPointF(minX->x, minY->y), QPointF(maxX->x, maxY->y));
}

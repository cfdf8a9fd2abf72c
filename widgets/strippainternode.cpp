#include "strippainternode.h"

#include <QPainter>
#include <QPainterPath>
#include <QQuickWindow>
#include <QSGRendererInterface>

static QPointF pointOf(const ColorStrip::Vertex &vertex)
{
    return QPointF(vertex.x, vertex.y);
}

static QColor colorOf(const ColorStrip::Vertex &vertex)
{
    return QColor::fromRgba(qUnpremultiply(qRgba(vertex.r, vertex.g, vertex.b, vertex.a)));
}

// Twice the signed area of the triangle; zero for the joins between pieces.
static qreal doubleArea(QPointF a, QPointF b, QPointF c)
{
    return (b.x() - a.x()) * (c.y() - a.y()) - (c.x() - a.x()) * (b.y() - a.y());
}

StripPainterNode::StripPainterNode(QQuickWindow *window)
    : m_window(window)
{}

void StripPainterNode::setStrip(const ColorStrip &strip)
{
    m_vertices = strip.vertices();
    m_rect = strip.boundingRect();
    markDirty(QSGNode::DirtyMaterial);
}

void StripPainterNode::render(const RenderState *state)
{
    auto *painter = static_cast<QPainter *>(m_window->rendererInterface()->getResource(
        m_window, QSGRendererInterface::PainterResource));
    if (!painter)
        return;
    // The clip region is in device coordinates, so it goes in before the item's transform.
    const QRegion *clip = state->clipRegion();
    if (clip && !clip->isEmpty())
        painter->setClipRegion(*clip, Qt::ReplaceClip);
    painter->setTransform(matrix()->toTransform());
    painter->setOpacity(inheritedOpacity());
    painter->setPen(Qt::NoPen);
    painter->setRenderHint(QPainter::Antialiasing);
    fillTriangles(painter);
}

static bool sameColor(const ColorStrip::Vertex &a, const ColorStrip::Vertex &b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

// Adds the triangle ending at vertex last, all turned the same way round so that the non-zero rule
// unites overlapping triangles at joints instead of punching holes; skips zero-area joins.
static void addTriangle(QPainterPath &path, const QList<ColorStrip::Vertex> &vertices,
                        qsizetype last)
{
    const QPointF a = pointOf(vertices[last - 2]);
    const QPointF b = pointOf(vertices[last - 1]);
    const QPointF c = pointOf(vertices[last]);
    const qreal area = doubleArea(a, b, c);
    if (area != 0)
        path.addPolygon(area > 0 ? QPolygonF{a, b, c, a} : QPolygonF{a, c, b, a});
}

// Consecutive triangles of one colour are filled as one path, so a translucent area is blended
// once even where its triangles overlap.
void StripPainterNode::fillTriangles(QPainter *painter) const
{
    qsizetype i = 2;
    while (i < m_vertices.size()) {
        const ColorStrip::Vertex &first = m_vertices[i];
        QPainterPath path;
        path.setFillRule(Qt::WindingFill);
        for (; i < m_vertices.size() && sameColor(m_vertices[i], first); ++i)
            addTriangle(path, m_vertices, i);
        painter->fillPath(path, colorOf(first));
    }
}

QSGRenderNode::StateFlags StripPainterNode::changedStates() const
{
    return {};
}

QSGRenderNode::RenderingFlags StripPainterNode::flags() const
{
    return BoundedRectRendering;
}

QRectF StripPainterNode::rect() const
{
    return m_rect;
}

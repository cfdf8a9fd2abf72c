#pragma once

#include "colorstrip.h"

#include <QList>
#include <QRectF>
#include <QSGRenderNode>

class QPainter;
class QQuickWindow;

// Draws a ColorStrip on the software scene graph backend, which ignores geometry nodes: Qt
// picks it where no GPU driver works, and the Quick tests run on it. It fills the strip's
// triangles with the window's own painter, so it paints only when the scene graph repaints.
class StripPainterNode : public QSGRenderNode
{
public:
    explicit StripPainterNode(QQuickWindow *window);

    // Takes a copy of the strip to paint and marks the node dirty.
    void setStrip(const ColorStrip &strip);

    void render(const RenderState *state) override;
    StateFlags changedStates() const override;
    RenderingFlags flags() const override;
    QRectF rect() const override;

private:
    void fillTriangles(QPainter *painter) const;

    QQuickWindow *m_window;
    QList<ColorStrip::Vertex> m_vertices;
    QRectF m_rect;
};

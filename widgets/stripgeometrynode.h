#pragma once

#include "colorstrip.h"

#include <QSGGeometry>
#include <QSGGeometryNode>
#include <QSGVertexColorMaterial>

// Draws a ColorStrip on the hardware (RHI) scene graph backends. The vertex buffer only grows:
// a shorter strip pads the rest with copies of its last vertex, which draw nothing, so a
// steady stream of updates allocates nothing.
class StripGeometryNode : public QSGGeometryNode
{
public:
    StripGeometryNode();

    // Copies the strip's vertices into the geometry and marks it dirty.
    void setStrip(const ColorStrip &strip);

private:
    QSGGeometry m_geometry;
    QSGVertexColorMaterial m_material;
};

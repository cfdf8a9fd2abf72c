#include "stripgeometrynode.h"

#include <algorithm>

StripGeometryNode::StripGeometryNode()
    : m_geometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0)
{
    m_geometry.setDrawingMode(QSGGeometry::DrawTriangleStrip);
    setGeometry(&m_geometry);
    setMaterial(&m_material);
}

void StripGeometryNode::setStrip(const ColorStrip &strip)
{
    const QList<ColorStrip::Vertex> &vertices = strip.vertices();
    if (vertices.size() > m_geometry.vertexCount())
        m_geometry.allocate(int(vertices.size()));
    ColorStrip::Vertex *data = m_geometry.vertexDataAsColoredPoint2D();
    std::copy(vertices.cbegin(), vertices.cend(), data);
    const ColorStrip::Vertex padding = vertices.isEmpty() ? ColorStrip::Vertex{} : vertices.last();
    std::fill(data + vertices.size(), data + m_geometry.vertexCount(), padding);
    markDirty(QSGNode::DirtyGeometry);
}

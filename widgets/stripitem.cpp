#include "stripitem.h"

#include "stripgeometrynode.h"
#include "strippainternode.h"

#include <QQuickWindow>
#include <QSGRendererInterface>

#include <cmath>

StripItem::StripItem(QQuickItem *parent)
    : QQuickItem(parent)
{
    setFlag(ItemHasContents);
}

void StripItem::invalidateStrip()
{
    m_stripDirty = true;
    update();
}

bool StripItem::changeProperty(qreal &member, qreal value)
{
    if (member == value || (std::isnan(member) && std::isnan(value)))
        return false;
    member = value;
    invalidateStrip();
    return true;
}

// Creates the node on first use; a new node always gets the strip, an old one only when it changed.
template<typename Node, typename... Args>
static Node *syncNode(QSGNode *oldNode, bool stripChanged, const ColorStrip &strip, Args... args)
{
    auto *node = static_cast<Node *>(oldNode);
    if (!node)
        node = new Node(args...);
    if (!oldNode || stripChanged)
        node->setStrip(strip);
    return node;
}

// Runs on the render thread while the GUI thread waits, so reading the properties is safe.
QSGNode *StripItem::updatePaintNode(QSGNode *oldNode, UpdatePaintNodeData *)
{
    const bool stripChanged = m_stripDirty;
    if (stripChanged) {
        m_strip.clear();
        buildStrip(m_strip);
        m_stripDirty = false;
    }
    if (usesSoftwareBackend())
        return syncNode<StripPainterNode>(oldNode, stripChanged, m_strip, window());
    return syncNode<StripGeometryNode>(oldNode, stripChanged, m_strip);
}

void StripItem::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        invalidateStrip();
}

bool StripItem::usesSoftwareBackend() const
{
    return window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
}

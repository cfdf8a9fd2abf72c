#pragma once

#include "colorstrip.h"

#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

// Base of the items that draw one ColorStrip: it rebuilds the strip only after a property or the
// size changed, and hands it to a geometry node (hardware backends) or a painter node (software
// backend). Subclasses say what to draw in buildStrip() and call changeProperty() in setters.
class StripItem : public QQuickItem
{
    Q_OBJECT
    QML_ANONYMOUS

public:
    explicit StripItem(QQuickItem *parent = nullptr);

protected:
    // Appends the item's shapes, in item coordinates, to an empty strip.
    virtual void buildStrip(ColorStrip &strip) const = 0;

    // Asks for a rebuild and a repaint on the next frame.
    void invalidateStrip();

    // Stores value in member and invalidates the strip; false when nothing changed.
    template<typename T>
    bool changeProperty(T &member, const T &value)
    {
        if (member == value)
            return false;
        member = value;
        invalidateStrip();
        return true;
    }
    // As above for reals, where NaN (not shown, a gap) equals NaN.
    bool changeProperty(qreal &member, qreal value);

    QSGNode *updatePaintNode(QSGNode *oldNode, UpdatePaintNodeData *data) override;
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;

private:
    bool usesSoftwareBackend() const;

    ColorStrip m_strip;
    bool m_stripDirty = true;
};

#pragma once

#include "cellgrid.h"
#include "stripitem.h"

#include <QColor>
#include <QList>
#include <QRectF>
#include <QtQml/qqmlregistration.h>

// One cell per CPU core, coloured from lowColor (idle) to highColor (busy); the cells wrap into
// rows when the item is too narrow for one row of square-ish cells.
class HeatStrip : public StripItem
{
    Q_OBJECT
    QML_ELEMENT
    // Load of each core in percent (0 to 100, clamped), one cell each in this order; NaN marks
    // an offline core, drawn grey.
    Q_PROPERTY(QList<qreal> values READ values WRITE setValues NOTIFY valuesChanged)
    // Number of columns; 0 (the default) picks the count that gives the largest cells.
    Q_PROPERTY(int columns READ columns WRITE setColumns NOTIFY columnsChanged)
    // Colour of a cell at 0 percent; cells in between mix lowColor and highColor linearly.
    Q_PROPERTY(QColor lowColor READ lowColor WRITE setLowColor NOTIFY lowColorChanged)
    // Colour of a cell at 100 percent.
    Q_PROPERTY(QColor highColor READ highColor WRITE setHighColor NOTIFY highColorChanged)
    // Gap between neighbouring cells in pixels; 2 by default.
    Q_PROPERTY(qreal spacing READ spacing WRITE setSpacing NOTIFY spacingChanged)

public:
    explicit HeatStrip(QQuickItem *parent = nullptr);

    QList<qreal> values() const { return m_values; }
    void setValues(const QList<qreal> &values);
    int columns() const { return m_columns; }
    void setColumns(int columns);
    QColor lowColor() const { return m_lowColor; }
    void setLowColor(const QColor &color);
    QColor highColor() const { return m_highColor; }
    void setHighColor(const QColor &color);
    qreal spacing() const { return m_spacing; }
    void setSpacing(qreal spacing);

    // The index of the cell (core) under the point x, y in item pixels, or -1 where there is no
    // cell (a gap, outside the cells); for tooltips.
    Q_INVOKABLE int cellAt(qreal x, qreal y) const;
    // The rectangle of cell index in item pixels (empty for no such cell or when the cells do
    // not fit); for labels placed on the cells.
    Q_INVOKABLE QRectF cellRect(int index) const;
    // The colour cell index is drawn in (transparent for no such cell); labels pick their contrast
    // from it.
    Q_INVOKABLE QColor colorAt(int index) const;

signals:
    void valuesChanged();
    void columnsChanged();
    void lowColorChanged();
    void highColorChanged();
    void spacingChanged();

protected:
    void buildStrip(ColorStrip &strip) const override;

private:
    CellGrid grid() const;
    QColor cellColor(qreal percent) const;

    QList<qreal> m_values;
    int m_columns = 0;
    QColor m_lowColor = QColor(0x3d, 0xae, 0xe9);
    QColor m_highColor = QColor(0xda, 0x44, 0x53);
    qreal m_spacing = 2;
};

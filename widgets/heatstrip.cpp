#include "heatstrip.h"

#include <algorithm>
#include <cmath>

// Offline cores are grey whatever the palette, so they never read as idle or busy.
static const QColor OfflineColor(0x80, 0x80, 0x80);

HeatStrip::HeatStrip(QQuickItem *parent)
    : StripItem(parent)
{
    setImplicitSize(160, 24);
}

void HeatStrip::setValues(const QList<qreal> &values)
{
    if (changeProperty(m_values, values))
        emit valuesChanged();
}

void HeatStrip::setColumns(int columns)
{
    if (changeProperty(m_columns, std::max(columns, 0)))
        emit columnsChanged();
}

void HeatStrip::setLowColor(const QColor &color)
{
    if (changeProperty(m_lowColor, color))
        emit lowColorChanged();
}

void HeatStrip::setHighColor(const QColor &color)
{
    if (changeProperty(m_highColor, color))
        emit highColorChanged();
}

void HeatStrip::setSpacing(qreal spacing)
{
    if (changeProperty(m_spacing, std::max(spacing, 0.0)))
        emit spacingChanged();
}

int HeatStrip::cellAt(qreal x, qreal y) const
{
    return grid().cellAt(QPointF(x, y));
}

QRectF HeatStrip::cellRect(int index) const
{
    const CellGrid cells = grid();
    if (index < 0 || index >= cells.count() || cells.cellSize().isEmpty())
        return {};
    return cells.cellRect(index);
}

QColor HeatStrip::colorAt(int index) const
{
    if (index < 0 || index >= m_values.size())
        return Qt::transparent;
    return cellColor(m_values[index]);
}

void HeatStrip::buildStrip(ColorStrip &strip) const
{
    const CellGrid cells = grid();
    if (cells.cellSize().isEmpty())
        return;
    for (int i = 0; i < cells.count(); ++i)
        strip.addRect(cells.cellRect(i), cellColor(m_values[i]));
}

CellGrid HeatStrip::grid() const
{
    return CellGrid(int(m_values.size()), size(), m_spacing, m_columns);
}

// Mixes the two colours channel by channel, alpha included.
QColor HeatStrip::cellColor(qreal percent) const
{
    if (std::isnan(percent))
        return OfflineColor;
    const float t = float(std::clamp(percent, 0.0, 100.0) / 100);
    const auto mix = [t](float low, float high) { return low + (high - low) * t; };
    return QColor::fromRgbF(mix(m_lowColor.redF(), m_highColor.redF()),
                            mix(m_lowColor.greenF(), m_highColor.greenF()),
                            mix(m_lowColor.blueF(), m_highColor.blueF()),
                            mix(m_lowColor.alphaF(), m_highColor.alphaF()));
}

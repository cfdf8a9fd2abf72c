#pragma once

#include "stripitem.h"

#include <QColor>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include <optional>

// A small line chart of recent samples, without axes or text, for dashboards and table cells.
class Sparkline : public StripItem
{
    Q_OBJECT
    QML_ELEMENT
    // The samples, oldest first, spread evenly from the left to the right edge; a NaN (or
    // infinite) sample is a gap where the line breaks. Unit: whatever the caller plots.
    Q_PROPERTY(QList<qreal> values READ values WRITE setValues NOTIFY valuesChanged)
    // The value drawn at the bottom edge, in the unit of values; 0 by default.
    Q_PROPERTY(qreal minimum READ minimum WRITE setMinimum NOTIFY minimumChanged)
    // The value drawn at the top edge; when it is not above minimum (the default, 0), the range
    // follows the data instead, from minimum (or the lowest sample) to the highest sample: a
    // series that stays at minimum is a flat line along the bottom.
    Q_PROPERTY(qreal maximum READ maximum WRITE setMaximum NOTIFY maximumChanged)
    // Colour of the line and of the area fill.
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY colorChanged)
    // Width of the line in pixels; 1.5 by default, 0 draws no line.
    Q_PROPERTY(qreal lineWidth READ lineWidth WRITE setLineWidth NOTIFY lineWidthChanged)
    // Opacity (0 to 1) of the area under the line, filled with color; 0 by default: no fill.
    Q_PROPERTY(qreal fillOpacity READ fillOpacity WRITE setFillOpacity NOTIFY fillOpacityChanged)
    // Number of samples in values.
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit Sparkline(QQuickItem *parent = nullptr);

    QList<qreal> values() const { return m_values; }
    void setValues(const QList<qreal> &values);
    qreal minimum() const { return m_minimum; }
    void setMinimum(qreal minimum);
    qreal maximum() const { return m_maximum; }
    void setMaximum(qreal maximum);
    QColor color() const { return m_color; }
    void setColor(const QColor &color);
    qreal lineWidth() const { return m_lineWidth; }
    void setLineWidth(qreal lineWidth);
    qreal fillOpacity() const { return m_fillOpacity; }
    void setFillOpacity(qreal fillOpacity);
    int count() const { return int(m_values.size()); }

    // Appends one sample and drops the oldest ones beyond maxCount (no limit when maxCount is 0
    // or less); cheaper than assigning values for a stream, since QML copies no list.
    Q_INVOKABLE void append(qreal value, int maxCount);

signals:
    void valuesChanged();
    void minimumChanged();
    void maximumChanged();
    void colorChanged();
    void lineWidthChanged();
    void fillOpacityChanged();
    void countChanged();

protected:
    void buildStrip(ColorStrip &strip) const override;

private:
    struct PlotMapping;

    void valuesReplaced(qsizetype oldCount);
    std::optional<PlotMapping> plotMapping() const;
    void addFill(ColorStrip &strip, const PlotMapping &mapping, qsizetype begin, qsizetype end,
                 const QColor &color) const;
    void addLine(ColorStrip &strip, const PlotMapping &mapping, qsizetype begin,
                 qsizetype end) const;

    QList<qreal> m_values;
    qreal m_minimum = 0;
    qreal m_maximum = 0;
    QColor m_color = QColor(0x3d, 0xae, 0xe9);
    qreal m_lineWidth = 1.5;
    qreal m_fillOpacity = 0;
};

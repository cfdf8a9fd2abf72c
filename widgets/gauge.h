#pragma once

#include "stripitem.h"

#include <QColor>
#include <QtQml/qqmlregistration.h>

#include <limits>

// A 240 degree arc gauge (open at the bottom) for one value in a range, with optional warning and
// critical marks. It draws no text: put a Text in its middle for the value and unit.
class Gauge : public StripItem
{
    Q_OBJECT
    QML_ELEMENT
    // The value shown, in the unit of minimum and maximum; NaN shows the empty track.
    Q_PROPERTY(qreal value READ value WRITE setValue NOTIFY valueChanged)
    // The value at the start of the arc (lower left); 0 by default.
    Q_PROPERTY(qreal minimum READ minimum WRITE setMinimum NOTIFY minimumChanged)
    // The value at the end of the arc (lower right); 100 by default.
    Q_PROPERTY(qreal maximum READ maximum WRITE setMaximum NOTIFY maximumChanged)
    // Warning level, in the unit of value: marked with a tick, and from there on the arc takes
    // warningColor; NaN (the default) or not above minimum: no warning level.
    Q_PROPERTY(qreal warning READ warning WRITE setWarning NOTIFY warningChanged)
    // Critical level, as warning but with criticalColor; NaN by default.
    Q_PROPERTY(qreal critical READ critical WRITE setCritical NOTIFY criticalChanged)
    // Colour of the value arc below the warning level.
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY colorChanged)
    // Colour of the value arc at or above warning, and of the warning tick.
    Q_PROPERTY(
        QColor warningColor READ warningColor WRITE setWarningColor NOTIFY warningColorChanged)
    // Colour of the value arc at or above critical, and of the critical tick.
    Q_PROPERTY(
        QColor criticalColor READ criticalColor WRITE setCriticalColor NOTIFY criticalColorChanged)
    // Colour of the whole 240 degree track behind the value arc.
    Q_PROPERTY(QColor trackColor READ trackColor WRITE setTrackColor NOTIFY trackColorChanged)
    // Radial thickness of the arc in pixels (at most the radius); 10 by default.
    Q_PROPERTY(qreal thickness READ thickness WRITE setThickness NOTIFY thicknessChanged)

public:
    explicit Gauge(QQuickItem *parent = nullptr);

    qreal value() const { return m_value; }
    void setValue(qreal value);
    qreal minimum() const { return m_minimum; }
    void setMinimum(qreal minimum);
    qreal maximum() const { return m_maximum; }
    void setMaximum(qreal maximum);
    qreal warning() const { return m_warning; }
    void setWarning(qreal warning);
    qreal critical() const { return m_critical; }
    void setCritical(qreal critical);
    QColor color() const { return m_color; }
    void setColor(const QColor &color);
    QColor warningColor() const { return m_warningColor; }
    void setWarningColor(const QColor &color);
    QColor criticalColor() const { return m_criticalColor; }
    void setCriticalColor(const QColor &color);
    QColor trackColor() const { return m_trackColor; }
    void setTrackColor(const QColor &color);
    qreal thickness() const { return m_thickness; }
    void setThickness(qreal thickness);

signals:
    void valueChanged();
    void minimumChanged();
    void maximumChanged();
    void warningChanged();
    void criticalChanged();
    void colorChanged();
    void warningColorChanged();
    void criticalColorChanged();
    void trackColorChanged();
    void thicknessChanged();

protected:
    void buildStrip(ColorStrip &strip) const override;

private:
    struct Ring;

    Ring ring() const;
    qreal fractionOf(qreal level) const;
    bool levelActive(qreal level) const;
    QColor valueColor() const;
    void addArc(ColorStrip &strip, const Ring &ring, qreal toFraction, const QColor &color) const;
    void addTick(ColorStrip &strip, const Ring &ring, qreal level, const QColor &color) const;

    qreal m_value = 0;
    qreal m_minimum = 0;
    qreal m_maximum = 100;
    qreal m_warning = std::numeric_limits<qreal>::quiet_NaN();
    qreal m_critical = std::numeric_limits<qreal>::quiet_NaN();
    QColor m_color = QColor(0x3d, 0xae, 0xe9);
    QColor m_warningColor = QColor(0xf6, 0x74, 0x00);
    QColor m_criticalColor = QColor(0xda, 0x44, 0x53);
    QColor m_trackColor = QColor(0x80, 0x80, 0x80, 0x40);
    qreal m_thickness = 10;
};

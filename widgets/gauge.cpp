#include "gauge.h"

#include <algorithm>
#include <cmath>
#include <numbers>

// The arc runs clockwise from 120 degrees left of twelve o'clock to 120 degrees right of it.
static constexpr qreal StartDegrees = -120;
static constexpr qreal SweepDegrees = 240;
// Short enough that the chords of the arc look round even at a 200 pixel radius.
static constexpr qreal MaxStepDegrees = 2;

// The circle the arc sits on: centred in the item, as large as fits.
struct Gauge::Ring
{
    QPointF centre; // item coordinates, pixels
    qreal outer;    // outer radius, pixels
    qreal inner;    // inner radius, pixels

    // The point at radius pixels from the centre, fraction (0 to 1) of the way along the arc.
    QPointF at(qreal fraction, qreal radius) const
    {
        const qreal radians = (StartDegrees + SweepDegrees * fraction) * std::numbers::pi / 180;
        return centre + QPointF(radius * std::sin(radians), -radius * std::cos(radians));
    }
};

Gauge::Gauge(QQuickItem *parent)
    : StripItem(parent)
{
    setImplicitSize(120, 120);
}

void Gauge::setValue(qreal value)
{
    if (changeProperty(m_value, value))
        emit valueChanged();
}

void Gauge::setMinimum(qreal minimum)
{
    if (changeProperty(m_minimum, minimum))
        emit minimumChanged();
}

void Gauge::setMaximum(qreal maximum)
{
    if (changeProperty(m_maximum, maximum))
        emit maximumChanged();
}

void Gauge::setWarning(qreal warning)
{
    if (changeProperty(m_warning, warning))
        emit warningChanged();
}

void Gauge::setCritical(qreal critical)
{
    if (changeProperty(m_critical, critical))
        emit criticalChanged();
}

void Gauge::setColor(const QColor &color)
{
    if (changeProperty(m_color, color))
        emit colorChanged();
}

void Gauge::setWarningColor(const QColor &color)
{
    if (changeProperty(m_warningColor, color))
        emit warningColorChanged();
}

void Gauge::setCriticalColor(const QColor &color)
{
    if (changeProperty(m_criticalColor, color))
        emit criticalColorChanged();
}

void Gauge::setTrackColor(const QColor &color)
{
    if (changeProperty(m_trackColor, color))
        emit trackColorChanged();
}

void Gauge::setThickness(qreal thickness)
{
    if (changeProperty(m_thickness, std::max(thickness, 0.0)))
        emit thicknessChanged();
}

// The value arc is drawn over the full track, and the ticks over both.
void Gauge::buildStrip(ColorStrip &strip) const
{
    const Ring shape = ring();
    if (shape.outer <= shape.inner)
        return;
    addArc(strip, shape, 1, m_trackColor);
    const qreal fraction = fractionOf(m_value);
    if (fraction > 0)
        addArc(strip, shape, fraction, valueColor());
    addTick(strip, shape, m_warning, m_warningColor);
    addTick(strip, shape, m_critical, m_criticalColor);
}

Gauge::Ring Gauge::ring() const
{
    const qreal outer = std::min(width(), height()) / 2;
    const qreal inner = outer - std::min(m_thickness, outer);
    return Ring{QPointF(width() / 2, height() / 2), outer, inner};
}

// How far along the arc level lies, 0 to 1; NaN for NaN, 0 for an empty range.
qreal Gauge::fractionOf(qreal level) const
{
    if (m_maximum <= m_minimum)
        return 0;
    return std::clamp((level - m_minimum) / (m_maximum - m_minimum), 0.0, 1.0);
}

bool Gauge::levelActive(qreal level) const
{
    return std::isfinite(level) && level > m_minimum;
}

QColor Gauge::valueColor() const
{
    if (levelActive(m_critical) && m_value >= m_critical)
        return m_criticalColor;
    if (levelActive(m_warning) && m_value >= m_warning)
        return m_warningColor;
    return m_color;
}

// The arc from the start to toFraction, as pairs of outer and inner points.
void Gauge::addArc(ColorStrip &strip, const Ring &ring, qreal toFraction, const QColor &color) const
{
    const int steps = std::max(1, int(std::ceil(SweepDegrees * toFraction / MaxStepDegrees)));
    strip.beginPiece(color);
    for (int step = 0; step <= steps; ++step) {
        const qreal fraction = toFraction * step / steps;
        strip.addVertex(ring.at(fraction, ring.outer));
        strip.addVertex(ring.at(fraction, ring.inner));
    }
}

// A radial mark just inside the track at level; none for a level off the scale.
void Gauge::addTick(ColorStrip &strip, const Ring &ring, qreal level, const QColor &color) const
{
    if (!levelActive(level) || level > m_maximum)
        return;
    const qreal thickness = ring.outer - ring.inner;
    const qreal length = std::min(std::max(3.0, thickness * 0.6), ring.inner);
    const qreal fraction = fractionOf(level);
    strip.beginPiece(color);
    strip.addSegment(ring.at(fraction, ring.inner - length), ring.at(fraction, ring.inner),
                     std::max(1.5, thickness * 0.2));
}

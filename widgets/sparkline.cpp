#include "sparkline.h"

#include <algorithm>
#include <cmath>
#include <optional>

// Maps sample index and value to item coordinates.
struct Sparkline::PlotMapping
{
    qreal xStep;   // pixels from one sample to the next
    qreal xOffset; // x of the first sample, pixels
    qreal low;     // value drawn at the bottom of the plot
    qreal high;    // value drawn at the top of the plot
    qreal top;     // y of high, pixels
    qreal height;  // pixels from high down to low

    QPointF map(qsizetype index, qreal value) const
    {
        const qreal fraction = std::clamp((value - low) / (high - low), 0.0, 1.0);
        return QPointF(xOffset + xStep * qreal(index), top + (1 - fraction) * height);
    }
};

namespace {

// Calls visit(begin, end) for each run of consecutive finite samples.
template<typename Visit>
void forEachRun(const QList<qreal> &values, Visit visit)
{
    qsizetype begin = 0;
    while (begin < values.size()) {
        qsizetype end = begin;
        while (end < values.size() && std::isfinite(values[end]))
            ++end;
        if (end > begin)
            visit(begin, end);
        begin = end + 1;
    }
}

// The autoscaled range: from minimum (or the lowest finite sample, when lower) up to the largest
// finite sample. A flat series gets a range of one above its lowest value, so a series that sits
// at minimum (a rate of zero) is a line along the bottom, never a band across the middle.
// Nullopt when no sample is finite.
std::optional<std::pair<qreal, qreal>> dataRange(const QList<qreal> &values, qreal minimum)
{
    std::optional<std::pair<qreal, qreal>> range;
    for (qreal value : values) {
        if (!std::isfinite(value))
            continue;
        range = range ? std::pair(std::min(range->first, value), std::max(range->second, value))
                      : std::pair(std::min(minimum, value), value);
    }
    if (range && range->first == range->second)
        range->second = range->first + 1;
    return range;
}

} // namespace

Sparkline::Sparkline(QQuickItem *parent)
    : StripItem(parent)
{
    setImplicitSize(120, 24);
}

void Sparkline::setValues(const QList<qreal> &values)
{
    if (values == m_values)
        return;
    const qsizetype oldCount = m_values.size();
    m_values = values;
    valuesReplaced(oldCount);
}

void Sparkline::setMinimum(qreal minimum)
{
    if (changeProperty(m_minimum, minimum))
        emit minimumChanged();
}

void Sparkline::setMaximum(qreal maximum)
{
    if (changeProperty(m_maximum, maximum))
        emit maximumChanged();
}

void Sparkline::setColor(const QColor &color)
{
    if (changeProperty(m_color, color))
        emit colorChanged();
}

void Sparkline::setLineWidth(qreal lineWidth)
{
    if (changeProperty(m_lineWidth, std::max(lineWidth, 0.0)))
        emit lineWidthChanged();
}

void Sparkline::setFillOpacity(qreal fillOpacity)
{
    if (changeProperty(m_fillOpacity, std::clamp(fillOpacity, 0.0, 1.0)))
        emit fillOpacityChanged();
}

void Sparkline::append(qreal value, int maxCount)
{
    const qsizetype oldCount = m_values.size();
    m_values.append(value);
    // Qt 6 lists erase at the front by moving their start, so this copies nothing.
    if (maxCount > 0 && m_values.size() > maxCount)
        m_values.remove(0, m_values.size() - maxCount);
    valuesReplaced(oldCount);
}

void Sparkline::valuesReplaced(qsizetype oldCount)
{
    invalidateStrip();
    emit valuesChanged();
    if (m_values.size() != oldCount)
        emit countChanged();
}

// The fill of every run goes first, so that no fill covers a line.
void Sparkline::buildStrip(ColorStrip &strip) const
{
    const std::optional<PlotMapping> mapping = plotMapping();
    if (!mapping)
        return;
    if (m_fillOpacity > 0) {
        QColor fill = m_color;
        fill.setAlphaF(m_color.alphaF() * float(m_fillOpacity));
        forEachRun(m_values, [&](qsizetype begin, qsizetype end) {
            addFill(strip, *mapping, begin, end, fill);
        });
    }
    if (m_lineWidth > 0) {
        forEachRun(m_values,
                   [&](qsizetype begin, qsizetype end) { addLine(strip, *mapping, begin, end); });
    }
}

// The line's half width is kept inside the top and bottom edges, so extremes are not clipped.
std::optional<Sparkline::PlotMapping> Sparkline::plotMapping() const
{
    std::optional<std::pair<qreal, qreal>> range = std::pair(m_minimum, m_maximum);
    if (m_maximum <= m_minimum)
        range = dataRange(m_values, m_minimum);
    if (!range || m_values.isEmpty())
        return std::nullopt;
    const qsizetype last = m_values.size() - 1;
    const qreal xStep = last > 0 ? width() / qreal(last) : 0;
    const qreal xOffset = last > 0 ? 0 : width() / 2;
    const qreal top = std::min(m_lineWidth, height()) / 2;
    return PlotMapping{xStep, xOffset, range->first, range->second, top, height() - 2 * top};
}

// The area between the samples of one run and the bottom edge, as pairs of vertices.
void Sparkline::addFill(ColorStrip &strip, const PlotMapping &mapping, qsizetype begin,
                        qsizetype end, const QColor &color) const
{
    if (end - begin < 2)
        return;
    strip.beginPiece(color);
    for (qsizetype i = begin; i < end; ++i) {
        const QPointF point = mapping.map(i, m_values[i]);
        strip.addVertex(point);
        strip.addVertex(QPointF(point.x(), height()));
    }
}

// One run's line as a quad per segment; a lone sample becomes a square dot so it stays visible.
void Sparkline::addLine(ColorStrip &strip, const PlotMapping &mapping, qsizetype begin,
                        qsizetype end) const
{
    strip.beginPiece(m_color);
    if (end - begin == 1) {
        const QPointF point = mapping.map(begin, m_values[begin]);
        const QPointF halfWidth(m_lineWidth / 2, 0);
        strip.addSegment(point - halfWidth, point + halfWidth, m_lineWidth);
        return;
    }
    for (qsizetype i = begin + 1; i < end; ++i)
        strip.addSegment(mapping.map(i - 1, m_values[i - 1]), mapping.map(i, m_values[i]),
                         m_lineWidth);
}

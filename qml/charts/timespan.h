#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

// The time span every chart of the window shows, as the web page's TimeSpan (timespan.js): live
// (it ends at the newest tick and moves with it) or fixed in the past after a drag to zoom or a
// pan, when ticks still arrive but the charts stay put. One instance, Backend.span, is followed
// by every chart of every view, so switching views keeps the span.
class TimeSpan : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    // Length of the span in ms.
    Q_PROPERTY(double windowMs READ windowMsValue NOTIFY changed)
    // True while the span ends at the newest tick.
    Q_PROPERTY(bool live READ isLive NOTIFY changed)
    // End of a fixed span in ms since the epoch; 0 while live.
    Q_PROPERTY(double endMs READ endMsValue NOTIFY changed)

public:
    // A zoom narrower than this is a slip of the pointer rather than a span to look at.
    static constexpr qint64 MinZoomMs = 5000;

    explicit TimeSpan(QObject *parent = nullptr);

    qint64 windowMs() const { return m_windowMs; }
    bool isLive() const { return m_endMs == 0; }
    qint64 endMs() const { return m_endMs; }
    // The span [from, to] (ms) to draw when the newest tick is at newestMs.
    qint64 from(qint64 newestMs) const { return to(newestMs) - m_windowMs; }
    qint64 to(qint64 newestMs) const { return isLive() ? newestMs : m_endMs; }

    // A window choice: its length, ending where the span ends now (live stays live).
    Q_INVOKABLE void choose(double windowMs);
    // Zooms into the span between two times, in either order; false, changing nothing, for a
    // span under MinZoomMs.
    Q_INVOKABLE bool zoom(double aMs, double bMs);
    // Moves the span by fraction of its length (negative: into the past); it never passes the
    // newest tick, and a live span moved forward stays live.
    Q_INVOKABLE void pan(double fraction, double newestMs);
    // Back to now, following the ticks.
    Q_INVOKABLE void goLive();

signals:
    void changed();

private:
    double windowMsValue() const { return double(m_windowMs); }
    double endMsValue() const { return double(m_endMs); }
    void set(qint64 windowMs, qint64 endMs);

    qint64 m_windowMs = 300000;
    qint64 m_endMs = 0; // 0: live
};

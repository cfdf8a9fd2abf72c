#pragma once

#include <QColor>
#include <QJsonObject>
#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// The colour and number-format table both front ends read: resources/web/assets/style.json,
// which the web page imports as it is and the desktop carries compiled in (:/vantage/style.json).
// Theme.qml takes its colours from here (the core's ValueFormat reads the number rules), so the
// window and the page cannot drift apart. Colours are "#rrggbb" or "#rrggbbaa" with the alpha
// last, as CSS writes them.
class StyleTable : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    // The light scheme: {ui: {name: color}, series: {name: color}, devices: [color], heat: {low,
    // high}}, the table's layout with every colour a QColor.
    Q_PROPERTY(QVariantMap light READ light CONSTANT)
    // The dark scheme, laid out as light.
    Q_PROPERTY(QVariantMap dark READ dark CONSTANT)

public:
    explicit StyleTable(QObject *parent = nullptr);

    QVariantMap light() const;
    QVariantMap dark() const;

    // The whole table, read once; an unreadable table is a build error, so it aborts.
    static const QJsonObject &table();
    // A colour of the table: "#rrggbb" or "#rrggbbaa" (alpha last); invalid for anything else.
    static QColor colour(const QString &text);
};

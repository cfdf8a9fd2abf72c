#include "styletable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

QVariantMap colourMap(const QJsonObject &colours)
{
    QVariantMap map;
    for (auto it = colours.begin(); it != colours.end(); ++it)
        map.insert(it.key(), StyleTable::colour(it.value().toString()));
    return map;
}

QVariantList colourList(const QJsonArray &colours)
{
    QVariantList list;
    for (const QJsonValue &value : colours)
        list.append(StyleTable::colour(value.toString()));
    return list;
}

QVariantMap scheme(const QString &name)
{
    const QJsonObject scheme = StyleTable::table().value(name).toObject();
    return {{QStringLiteral("ui"), colourMap(scheme.value(u"ui").toObject())},
            {QStringLiteral("series"), colourMap(scheme.value(u"series").toObject())},
            {QStringLiteral("devices"), colourList(scheme.value(u"devices").toArray())},
            {QStringLiteral("heat"), colourMap(scheme.value(u"heat").toObject())}};
}

} // namespace

StyleTable::StyleTable(QObject *parent)
    : QObject(parent)
{}

QVariantMap StyleTable::light() const
{
    return scheme(QStringLiteral("light"));
}

QVariantMap StyleTable::dark() const
{
    return scheme(QStringLiteral("dark"));
}

const QJsonObject &StyleTable::table()
{
    static const QJsonObject table = [] {
        QFile file(QStringLiteral(":/vantage/style.json"));
        QJsonParseError error{};
        const QJsonDocument document = file.open(QIODevice::ReadOnly)
                                           ? QJsonDocument::fromJson(file.readAll(), &error)
                                           : QJsonDocument();
        if (!document.isObject())
            qFatal("The colour and format table :/vantage/style.json is unreadable: %s",
                   qPrintable(error.errorString()));
        return document.object();
    }();
    return table;
}

QColor StyleTable::colour(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^#([0-9a-f]{6})([0-9a-f]{2})?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    QColor colour = QColor::fromString(u'#' + match.captured(1));
    if (match.hasCaptured(2))
        colour.setAlpha(match.captured(2).toInt(nullptr, 16));
    return colour;
}

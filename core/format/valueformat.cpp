#include "valueformat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QStringList>

#include <cmath>
#include <utility>

namespace {

// The "format" rules of the colour and format table, which format.js follows too.
struct Rules
{
    QString separator; // between a number and its unit
    QString unknown;
    QString percentUnit;
    double percentDecimalBelow = 0;
    QString celsiusUnit;
    double celsiusDecimalBelow = 0;
    QString wattUnit;
    QString wattHourUnit;
    int wattDecimals = 2;
    QStringList byteUnits;
    double byteStep = 1024;
    double bytesDecimalBelow = 0;
    QString per;
    QList<std::pair<QString, qint64>> durationUnits; // largest first
    qsizetype durationParts = 2;
};

// The table as the dashboard serves it (resources/CMakeLists.txt compiles it into the core);
// an unreadable table is a build error, so it aborts.
QJsonObject table()
{
    QFile file(QStringLiteral(":/web/assets/style.json"));
    QJsonParseError error{};
    const QJsonDocument document = file.open(QIODevice::ReadOnly)
                                       ? QJsonDocument::fromJson(file.readAll(), &error)
                                       : QJsonDocument();
    if (!document.isObject())
        qFatal("The colour and format table :/web/assets/style.json is unreadable: %s",
               qPrintable(error.errorString()));
    return document.object();
}

Rules readRules()
{
    const QJsonObject format = table().value(u"format").toObject();
    const QJsonObject percent = format.value(u"percent").toObject();
    const QJsonObject celsius = format.value(u"celsius").toObject();
    const QJsonObject watts = format.value(u"watts").toObject();
    const QJsonObject bytes = format.value(u"bytes").toObject();
    const QJsonObject duration = format.value(u"duration").toObject();
    Rules rules;
    rules.separator = format.value(u"separator").toString();
    rules.unknown = format.value(u"unknown").toString();
    rules.percentUnit = percent.value(u"unit").toString();
    rules.percentDecimalBelow = percent.value(u"oneDecimalBelow").toDouble();
    rules.celsiusUnit = celsius.value(u"unit").toString();
    rules.celsiusDecimalBelow = celsius.value(u"oneDecimalBelow").toDouble();
    rules.wattUnit = watts.value(u"unit").toString();
    rules.wattHourUnit = watts.value(u"energyUnit").toString();
    rules.wattDecimals = watts.value(u"mostDecimals").toInt();
    for (const QJsonValue &unit : bytes.value(u"units").toArray())
        rules.byteUnits.append(unit.toString());
    rules.byteStep = bytes.value(u"step").toDouble();
    rules.bytesDecimalBelow = bytes.value(u"oneDecimalBelow").toDouble();
    rules.per = format.value(u"rate").toObject().value(u"per").toString();
    for (const QJsonValue &unit : duration.value(u"units").toArray()) {
        const QJsonArray pair = unit.toArray();
        rules.durationUnits.append({pair.at(0).toString(), qint64(pair.at(1).toDouble())});
    }
    rules.durationParts = duration.value(u"parts").toInt();
    return rules;
}

const Rules &rules()
{
    static const Rules rules = readRules();
    return rules;
}

// One decimal below the threshold, none from it up; a negative zero reads as 0, as in format.js.
QString number(double value, double oneDecimalBelow)
{
    return QString::number(value == 0 ? 0.0 : value, 'f',
                           std::abs(value) < oneDecimalBelow ? 1 : 0);
}

// At most `decimals` decimals, the zeros at the end dropped ("9.87", "15", "0.5"), as format.js
// writes Number(value.toFixed(decimals)); a value that rounds to zero reads as 0, never -0.
QString trimmedNumber(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.'))
            text.chop(1);
    }
    return text == u"-0" ? QStringLiteral("0") : text;
}

} // namespace

QString ValueFormat::unknown()
{
    return rules().unknown;
}

QString ValueFormat::bytes(double bytes)
{
    if (!std::isfinite(bytes))
        return unknown();
    double value = std::abs(bytes);
    qsizetype unit = 0;
    while (value >= rules().byteStep && unit + 1 < rules().byteUnits.size()) {
        value /= rules().byteStep;
        ++unit;
    }
    // Whole bytes have no fraction; a larger unit follows the table.
    const QString text = number(value, unit == 0 ? 0 : rules().bytesDecimalBelow);
    return (bytes < 0 ? u"-" : u"") + text + rules().separator + rules().byteUnits.at(unit);
}

QString ValueFormat::rate(double bytesPerSecond)
{
    if (!std::isfinite(bytesPerSecond))
        return unknown();
    return bytes(bytesPerSecond) + rules().per;
}

QString ValueFormat::percent(double percent)
{
    if (!std::isfinite(percent))
        return unknown();
    return number(percent, rules().percentDecimalBelow) + rules().separator + rules().percentUnit;
}

QString ValueFormat::celsius(double celsius)
{
    if (!std::isfinite(celsius))
        return unknown();
    return number(celsius, rules().celsiusDecimalBelow) + rules().separator + rules().celsiusUnit;
}

QString ValueFormat::wattNumber(double value)
{
    if (!std::isfinite(value))
        return unknown();
    return trimmedNumber(value, rules().wattDecimals);
}

QString ValueFormat::watts(double watts)
{
    if (!std::isfinite(watts))
        return unknown();
    return wattNumber(watts) + rules().separator + rules().wattUnit;
}

QString ValueFormat::wattHours(double wattHours)
{
    if (!std::isfinite(wattHours))
        return unknown();
    return wattNumber(wattHours) + rules().separator + rules().wattHourUnit;
}

QString ValueFormat::duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return unknown();
    qint64 left = qint64(seconds);
    QStringList parts;
    for (const auto &[name, size] : rules().durationUnits) {
        const qint64 amount = left / size;
        left %= size;
        // Once a unit is shown, the next one is too, even at 0: "1 h 0 min", never "1 h".
        if (amount > 0 || !parts.isEmpty())
            parts.append(QString::number(amount) + rules().separator + name);
        if (parts.size() == rules().durationParts)
            break;
    }
    if (parts.isEmpty())
        return u'0' + rules().separator + rules().durationUnits.constLast().first;
    return parts.join(u' ');
}

QString ValueFormat::count(double count)
{
    if (!std::isfinite(count))
        return unknown();
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(qint64(std::llround(count)));
}

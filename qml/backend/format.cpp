#include "format.h"

#include "unitscale.h"

#include <QLocale>

#include <array>
#include <cmath>

Format::Format(QObject *parent)
    : QObject(parent)
{}

QString Format::unknown()
{
    return QStringLiteral("—");
}

QString Format::bytes(double bytes)
{
    if (!std::isfinite(bytes))
        return unknown();
    const UnitScale scale = UnitScale::forLargest(UnitScale::Unit::Bytes, std::abs(bytes));
    // Whole bytes have no fraction; scaled values keep one decimal, as df -h does.
    const int decimals = scale.divisor == 1 ? 0 : 1;
    return QString::number(bytes / scale.divisor, 'f', decimals) + u' ' + scale.suffix;
}

QString Format::rate(double bytesPerSecond)
{
    if (!std::isfinite(bytesPerSecond))
        return unknown();
    return bytes(bytesPerSecond) + QStringLiteral("/s");
}

QString Format::percent(double percent)
{
    if (!std::isfinite(percent))
        return unknown();
    return QString::number(percent, 'f', 1) + u'%';
}

QString Format::celsius(double celsius)
{
    if (!std::isfinite(celsius))
        return unknown();
    return QString::number(celsius, 'f', 1) + QStringLiteral(" °C");
}

QString Format::duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return unknown();
    struct Unit
    {
        qint64 seconds;
        const char *name;
    };
    static const std::array<Unit, 4> Units = {{{86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}}};
    qint64 left = qint64(seconds);
    QStringList parts;
    for (const Unit &unit : Units) {
        const qint64 amount = left / unit.seconds;
        left %= unit.seconds;
        if (amount > 0 || (!parts.isEmpty() && parts.size() < 2))
            parts.append(QString::number(amount) + u' ' + QLatin1StringView(unit.name));
        if (parts.size() == 2)
            break;
    }
    return parts.isEmpty() ? QStringLiteral("0 s") : parts.join(u' ');
}

QString Format::count(double count)
{
    if (!std::isfinite(count))
        return unknown();
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(qint64(std::llround(count)));
}

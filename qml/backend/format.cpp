#include "format.h"

#include "format/valueformat.h"

Format::Format(QObject *parent)
    : QObject(parent)
{}

QString Format::unknown()
{
    return ValueFormat::unknown();
}

QString Format::bytes(double bytes)
{
    return ValueFormat::bytes(bytes);
}

QString Format::rate(double bytesPerSecond)
{
    return ValueFormat::rate(bytesPerSecond);
}

QString Format::percent(double percent)
{
    return ValueFormat::percent(percent);
}

QString Format::celsius(double celsius)
{
    return ValueFormat::celsius(celsius);
}

QString Format::watts(double watts)
{
    return ValueFormat::watts(watts);
}

QString Format::wattHours(double wattHours)
{
    return ValueFormat::wattHours(wattHours);
}

QString Format::wattNumber(double value)
{
    return ValueFormat::wattNumber(value);
}

QString Format::duration(double seconds)
{
    return ValueFormat::duration(seconds);
}

QString Format::count(double count)
{
    return ValueFormat::count(count);
}

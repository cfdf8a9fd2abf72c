#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

// Parses the text of a hwmon, thermal, cpufreq or power_supply sysfs attribute. Pure: text in,
// number out.
class SensorReadingParser
{
public:
    // One decimal integer ("45000\n", "-1500") with nothing else but surrounding whitespace;
    // nullopt otherwise, or when it does not fit 64 bits.
    static std::optional<qint64> integer(QByteArrayView text);

    // A reading in millidegrees Celsius ("45000\n") as degrees Celsius (45.0); nullopt when
    // the text is not one integer.
    static std::optional<double> celsius(QByteArrayView millidegrees);
};

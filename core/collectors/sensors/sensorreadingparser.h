#pragma once

#include <QByteArrayView>

#include <optional>

// Parses the text of a hwmon or thermal sysfs temperature file. Pure: text in, number out.
class SensorReadingParser
{
public:
    // A reading in millidegrees Celsius ("45000\n") as degrees Celsius (45.0); nullopt when
    // the text is not one integer.
    static std::optional<double> celsius(QByteArrayView millidegrees);
};

#pragma once

#include <QLoggingCategory>

// One category per area. Warnings and errors reach stderr by default; --verbose or
// QT_LOGGING_RULES turn on the rest.
Q_DECLARE_LOGGING_CATEGORY(lcCollect)
Q_DECLARE_LOGGING_CATEGORY(lcServices)
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcAlerts)
Q_DECLARE_LOGGING_CATEGORY(lcHistory)

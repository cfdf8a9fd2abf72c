#include "logging.h"

Q_LOGGING_CATEGORY(lcCollect, "vantage.collect", QtWarningMsg)
Q_LOGGING_CATEGORY(lcServices, "vantage.services", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "vantage.settings", QtWarningMsg)
Q_LOGGING_CATEGORY(lcServer, "vantage.server", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAlerts, "vantage.alerts", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHistory, "vantage.history", QtWarningMsg)

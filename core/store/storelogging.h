#pragma once

#include <QLoggingCategory>

// The history store's own category: its one line per problem is a warning, on by default.
Q_DECLARE_LOGGING_CATEGORY(lcStore)

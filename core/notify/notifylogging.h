#pragma once

#include <QLoggingCategory>

// Notifications' own category: one warning per failed delivery, never with a URL or a secret.
Q_DECLARE_LOGGING_CATEGORY(lcNotify)

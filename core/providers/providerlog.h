#pragma once

#include <QLoggingCategory>

// Provider traffic: requests, statuses, retries. Never contains keys or Authorization headers
// (requests are logged by method, redacted URL and status only).
Q_DECLARE_LOGGING_CATEGORY(lcProviders)

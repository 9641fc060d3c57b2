#include "providerlog.h"

Q_LOGGING_CATEGORY(lcProviders, "captioneer.providers", QtInfoMsg)

#pragma once

#include <QStringList>

namespace cli {
// captioneer info FILE... [--json]
int runInfo(const QStringList &arguments);
} // namespace cli

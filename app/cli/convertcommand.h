#pragma once

#include <QStringList>

namespace cli {
// captioneer convert IN OUT [--from F] [--to F] [--encoding E] [--output-encoding E] [--strict]
//                    [--preset P] [--resegment]
int runConvert(const QStringList &arguments);
} // namespace cli

#pragma once

#include "rulepreset.h"

#include <QStringList>

#include <optional>

namespace cli {
// captioneer check FILE [--preset P] [--json] [--from F] [--encoding E] [--min-confidence C]
// Lists the readability violations of a subtitle file; exit status 1 when there is any.
int runCheck(const QStringList &arguments);

// The rule preset named on the command line (--preset). For an unknown name, prints an error
// that lists the known names and returns nullopt (the caller exits with Usage).
std::optional<RulePreset> presetFromOption(const QString &name);
} // namespace cli

#pragma once

#include <QStringList>

namespace cli {
// captioneer providers [--json]: the transcription and speech profiles and what each can do.
int runProviders(const QStringList &arguments);
} // namespace cli

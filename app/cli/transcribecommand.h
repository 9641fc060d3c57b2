#pragma once

#include <QStringList>

namespace cli {
// captioneer transcribe FILE... [--provider ID] [--model M] [--base-url URL] [--language L]
//   [--prompt TEXT] [--temperature T] [--format srt|vtt|json|txt|captioneer] [-o OUT]
//   [--concurrency N] [--translate] [--preset P]
int runTranscribe(const QStringList &arguments);
} // namespace cli

#pragma once

#include <QStringList>

namespace cli {
// captioneer speak TEXT | --file F [--provider ID] [--voice V] [--speed S] [--format F]
//                  (-o OUT | --play)
int runSpeak(const QStringList &arguments);
} // namespace cli

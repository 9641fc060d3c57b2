#pragma once

#include <QList>
#include <QString>

#include <optional>

// One recognised word. Times are integer milliseconds from the start of the media.
// `text` is what the provider returned for the word including any leading space or following
// punctuation it attached; Cue text is the display form (see cuetext.h for the mapping).
struct Word {
    qint64 start = 0;
    qint64 end = 0;
    QString text;
    std::optional<float> confidence; // 0..1 when the provider gives one
    QString speaker;                 // empty: unknown

    bool operator==(const Word &) const = default;
};

using Words = QList<Word>;

#pragma once

#include "word.h"

#include <QList>
#include <QString>

#include <optional>

// What a recogniser returned, normalised. Times are milliseconds from the start of the media.
struct TranscriptSegment {
    qint64 start = 0;
    qint64 end = 0;
    QString text;
    Words words; // empty when the provider gave segment timing only
    QString speaker;
    QString language; // per-segment language when the provider reports it
    QString emotion;
    std::optional<double> avgLogprob;   // Whisper-style confidence hint
    std::optional<double> noSpeechProb; // Whisper-style "was this speech at all" hint

    bool operator==(const TranscriptSegment &) const = default;
};

struct Transcript {
    QString language; // as reported ("en", "english", "zh")
    qint64 duration = 0;
    QString text;
    QList<TranscriptSegment> segments;
    bool approximateTiming = false; // times were estimated (text-only provider, no words)

    QString provider; // profile id that produced it
    QString model;
    QString requestId; // provider request id(s), for support questions

    bool isEmpty() const { return segments.isEmpty() && text.isEmpty(); }
    bool hasWords() const;
    bool operator==(const Transcript &) const = default;
};

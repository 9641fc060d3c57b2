#pragma once

#include "cue.h"
#include "rulepreset.h"

#include <QHash>
#include <QList>
#include <QString>

// Checks cues against a rule preset (SUBTITLE-RULES.md, "The checker"). Pure functions.

enum class Rule {
    LineTooLong,   // value: visible characters of the longest line; limit: maxCharsPerLine
    TooManyLines,  // value: lines; limit: maxLines
    CpsTooHigh,    // value: characters per second (+inf for a zero-length cue); limit: maxCps
    TooShort,      // value: duration ms; limit: minDuration
    TooLong,       // value: duration ms; limit: maxDuration
    GapTooSmall,   // value: gap ms to the next cue (0 <= value < limit); limit: minGap
    Overlap,       // value: ms this cue overlaps a later one; limit: 0
    EmptyText,     // value: 0; limit: 0 (no visible text)
    LowConfidence, // value: lowest word confidence; limit: the threshold
};

struct Violation {
    CueId cue = 0;
    Rule rule = Rule::EmptyText;
    double value = 0;
    double limit = 0;
    QString message; // translated, one sentence

    bool operator==(const Violation &) const = default;
};

struct CheckOptions {
    // Words with a confidence below this are reported (one LowConfidence per cue); <= 0 disables
    // the check. Confidence scales differ between providers: see confidenceThreshold().
    double minConfidence = 0.5;
};

// The low-confidence threshold for words from `provider` (a profile id or provider kind): the
// entry in `overrides` when there is one (user settings), else a built-in default. Whisper-style
// word probabilities (OpenAI-compatible servers) cluster high, so their threshold is higher than
// for providers that report calibrated word confidences.
double confidenceThreshold(const QString &provider, const QHash<QString, double> &overrides = {});

// Violations of the cues in time order (the input need not be sorted). Gap and overlap are
// reported on the earlier cue of the pair, the one whose end would move. A cue with empty text
// gets only EmptyText and timing rules.
QList<Violation> checkCues(const Cues &cues, const RulePreset &preset,
                           const CheckOptions &options = {});
// Violations of one cue that do not depend on its neighbours (text, duration, confidence).
QList<Violation> checkCue(const Cue &cue, const RulePreset &preset,
                          const CheckOptions &options = {});

// Stable machine name of a rule for JSON and the command line ("line-too-long", ...).
QString ruleName(Rule rule);
// Translated short title of a rule for the user interface ("Line too long").
QString ruleTitle(Rule rule);

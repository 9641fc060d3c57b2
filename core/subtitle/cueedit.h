#pragma once

#include "cue.h"
#include "result.h"

#include <utility>

// Pure operations on cue values, shared by Track (which applies them atomically) and the undo
// commands (which record before/after values). Times are milliseconds.

// Splits `cue` at `at` (start < at < end). Words go to the side holding their midpoint; the text is
// cut before the first word of the right side, or proportionally when the cue has no words.
// The right cue has id 0 (the track assigns one).
Result<std::pair<Cue, Cue>> splitCue(const Cue &cue, qint64 at);

// Splits before word `wordIndex` (1 <= wordIndex < words.size()) at that word's start time.
Result<std::pair<Cue, Cue>> splitCueAtWord(const Cue &cue, int wordIndex);

// `first` and `second` as one cue keeping `first`'s id: the union of their spans, the texts
// joined (see joinTexts), the words concatenated, the speaker kept only when both agree.
Cue mergeCues(const Cue &first, const Cue &second);

// Sets the cue's times. Moving the cue without changing its duration moves its words with it;
// changing the duration keeps words where they were spoken, clamped into the new span.
// Fails when start < 0 or end < start.
Result<Cue> retimeCue(const Cue &cue, qint64 start, qint64 end);

// A linear map of times t' = round(t * scale + offset): a shift, a two-point synchronisation
// (t1 -> t1', t2 -> t2') or a frame-rate change.
struct TimeMap {
    double scale = 1.0;
    double offset = 0.0;

    qint64 apply(qint64 t) const;

    static TimeMap shift(qint64 deltaMs);
    // Fails when t1 == t2 or the map would reverse time order.
    static Result<TimeMap> twoPoint(qint64 t1, qint64 t1New, qint64 t2, qint64 t2New);
    // Subtitles timed for `fromFps` video played at `toFps`: t' = t * fromFps / toFps.
    static Result<TimeMap> frameRate(double fromFps, double toFps);
};

// Applies `map` to the cue and its words. Fails (naming the cue) when a time would become negative.
Result<Cue> mapCue(const Cue &cue, const TimeMap &map);

#include "cueedit.h"

#include "cuetext.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CueEdit)
};

Cue rightHalfTemplate(const Cue &cue)
{
    Cue right;
    right.speaker = cue.speaker;
    right.vttSettings = cue.vttSettings;
    right.vttVoiceClasses = cue.vttVoiceClasses;
    right.vttVoiceClosed = cue.vttVoiceClosed;
    return right;
}

std::pair<Cue, Cue> cutAt(const Cue &cue, qint64 at, int firstRightWord, qsizetype textOffset)
{
    Cue left = cue;
    Cue right = rightHalfTemplate(cue);
    left.end = at;
    right.start = at;
    right.end = cue.end;
    left.words = cue.words.mid(0, firstRightWord);
    right.words = cue.words.mid(firstRightWord);
    std::tie(left.text, right.text) = splitTextAt(cue.text, textOffset);
    return {left, right};
}

} // namespace

Result<std::pair<Cue, Cue>> splitCue(const Cue &cue, qint64 at)
{
    if (at <= cue.start || at >= cue.end)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("The split point must lie inside the cue."));
    int firstRight = 0;
    while (firstRight < cue.words.size()) {
        const Word &w = cue.words[firstRight];
        if ((w.start + w.end) / 2 >= at)
            break;
        ++firstRight;
    }
    qsizetype offset;
    if (!cue.words.isEmpty()) {
        offset = textOffsetBeforeWord(cue.text, cue.words, firstRight);
    } else {
        const double fraction = double(at - cue.start) / double(cue.end - cue.start);
        offset = textOffsetAtFraction(cue.text, fraction);
    }
    return cutAt(cue, at, firstRight, offset);
}

Result<std::pair<Cue, Cue>> splitCueAtWord(const Cue &cue, int wordIndex)
{
    if (wordIndex < 1 || wordIndex >= cue.words.size())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("A cue can only be split between two of its words."));
    const qint64 at = std::clamp(cue.words[wordIndex].start, cue.start, cue.end);
    return cutAt(cue, at, wordIndex, textOffsetBeforeWord(cue.text, cue.words, wordIndex));
}

Cue mergeCues(const Cue &first, const Cue &second)
{
    Cue merged = first;
    merged.start = std::min(first.start, second.start);
    merged.end = std::max(first.end, second.end);
    merged.text = joinTexts(first.text, second.text);
    merged.words = first.words + second.words;
    if (first.speaker != second.speaker)
        merged.speaker.clear();
    return merged;
}

Result<Cue> retimeCue(const Cue &cue, qint64 start, qint64 end)
{
    if (start < 0 || end < start)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("A cue must start at or after 0 and end at or after its start."));
    Cue out = cue;
    out.start = start;
    out.end = end;
    if (end - start == cue.end - cue.start) {
        const qint64 delta = start - cue.start;
        for (Word &w : out.words) {
            w.start += delta;
            w.end += delta;
        }
    } else {
        for (Word &w : out.words) {
            w.start = std::clamp(w.start, start, end);
            w.end = std::clamp(w.end, w.start, end);
        }
    }
    return out;
}

qint64 TimeMap::apply(qint64 t) const
{
    return qint64(std::llround(double(t) * scale + offset));
}

TimeMap TimeMap::shift(qint64 deltaMs)
{
    return TimeMap{1.0, double(deltaMs)};
}

Result<TimeMap> TimeMap::twoPoint(qint64 t1, qint64 t1New, qint64 t2, qint64 t2New)
{
    if (t1 == t2)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("The two synchronisation points must be at different times."));
    const double scale = double(t2New - t1New) / double(t2 - t1);
    if (scale <= 0.0)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("The synchronisation points would reverse the order of the cues."));
    return TimeMap{scale, double(t1New) - double(t1) * scale};
}

Result<TimeMap> TimeMap::frameRate(double fromFps, double toFps)
{
    if (!(fromFps > 0.0) || !(toFps > 0.0) || !std::isfinite(fromFps) || !std::isfinite(toFps))
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("Frame rates must be positive numbers."));
    return TimeMap{fromFps / toFps, 0.0};
}

Result<Cue> mapCue(const Cue &cue, const TimeMap &map)
{
    Cue out = cue;
    out.start = map.apply(cue.start);
    out.end = std::max(out.start, map.apply(cue.end));
    for (Word &w : out.words) {
        w.start = map.apply(w.start);
        w.end = std::max(w.start, map.apply(w.end));
    }
    if (out.start < 0)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("The change would move a cue before the start of the media."));
    return out;
}

#include "segmenter.h"

#include "document.h"
#include "linebreak.h"
#include "textmetrics.h"
#include "track.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Cost model (see docs/architecture-notes.md, "Segmentation"). Units: one cue = 1.
constexpr double kPerCue = 1.0;       // fewer, well-filled cues
constexpr double kBreakClause = 0.7;  // ending a cue after , ; : — 、，；：
constexpr double kBreakPause = 1.1;   // ending a cue at a pause of kPause or more
constexpr double kBreakPlain = 2.4;   // ending a cue between two words ...
constexpr double kGapBonus = 0.9;     // ... minus this much for a gap approaching kPause
constexpr double kDangling = 1.5;     // ending a cue after an article/preposition/conjunction
constexpr double kViolation = 4.0;    // a cue that cannot meet the CPS or minimum duration
constexpr double kFill = 0.1;         // times (characters / cue capacity)^2
constexpr qint64 kPause = 300;        // ms, SUBTITLE-RULES.md
constexpr qint64 kLongInnerGap = 700; // ms; longer silences inside a cue cost per 500 ms
constexpr double kInfeasible = 1e6;   // for bestSplitPoint: a part breaking a hard limit

constexpr qint64 kNoLimit = std::numeric_limits<qint64>::max() / 4;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Segmenter)
};

// Visible characters a non-glued unit brings to a line together with the glued units after it,
// so a line is never filled up to a word whose comma would overflow it.
QList<int> atomLengths(std::span<const SegmentUnit> units)
{
    QList<int> atom(qsizetype(units.size()), 0);
    int tail = 0;
    for (qsizetype k = qsizetype(units.size()) - 1; k >= 0; --k) {
        const SegmentUnit &u = units[size_t(k)];
        const int own = u.length + (u.spaceBefore && k > 0 ? 1 : 0);
        if (u.glued && k > 0) {
            tail += own;
        } else {
            atom[k] = own + tail;
            tail = 0;
        }
    }
    return atom;
}

// pre[k]: visible characters of units [0, k) with the spaces before them, so that the length of
// units [a, b) on one line is pre[b] - pre[a] - (space before a).
QList<int> prefixLengths(std::span<const SegmentUnit> units)
{
    QList<int> pre(qsizetype(units.size()) + 1, 0);
    for (size_t k = 0; k < units.size(); ++k)
        pre[k + 1] = pre[k] + units[k].length + (units[k].spaceBefore ? 1 : 0);
    return pre;
}

// True when a two-line cue [a, b) can only be broken after a function word (English).
bool forcedDangling(std::span<const SegmentUnit> units, const QList<int> &pre, int a, int b,
                    int limit)
{
    const auto len = [&](int x, int y) {
        return pre[y] - pre[x] - (units[size_t(x)].spaceBefore ? 1 : 0);
    };
    bool any = false;
    for (int k = a + 1; k < b; ++k) {
        if (units[size_t(k)].glued || len(a, k) > limit || len(k, b) > limit)
            continue;
        if (!units[size_t(k - 1)].functionWord)
            return false;
        any = true;
    }
    return any;
}

// The state of a candidate cue [first, last] grown one unit at a time.
struct Range {
    int first = 0;
    int lines = 1;
    int lineLen = 0;
    int chars = 0;
    int atoms = 0;
    bool overflow = false;
    bool mixedSpeakers = false;
    qint64 spanEnd = 0;
    double innerGaps = 0;

    void add(std::span<const SegmentUnit> units, const QList<int> &atom, int k, int limit)
    {
        const SegmentUnit &u = units[size_t(k)];
        const bool startsAtom = k == first || !u.glued;
        if (k == first) {
            lineLen = atom[k] - (u.spaceBefore && k > 0 ? 1 : 0);
            chars = u.length;
            spanEnd = u.end;
        } else {
            const int add = u.length + (u.spaceBefore ? 1 : 0);
            if (startsAtom && lineLen + atom[k] > limit) {
                ++lines;
                lineLen = atom[k] - (u.spaceBefore ? 1 : 0);
            } else if (startsAtom) {
                lineLen += atom[k];
            }
            chars += add;
            const qint64 gap = u.start - units[size_t(k - 1)].end;
            innerGaps += double(std::max<qint64>(0, gap - kLongInnerGap)) / 500.0;
            spanEnd = std::max(spanEnd, u.end);
            if (startsAtom && u.speaker != units[size_t(first)].speaker)
                mixedSpeakers = true;
        }
        if (startsAtom)
            ++atoms;
        overflow = overflow || lineLen > limit;
    }

    // A cue of several words must fit the line limits, the maximum duration and one speaker.
    bool feasible(std::span<const SegmentUnit> units, const RulePreset &p) const
    {
        if (atoms < 2)
            return true;
        return !mixedSpeakers && !overflow && lines <= p.maxLines &&
               spanEnd - units[size_t(first)].start <= p.maxDuration;
    }
};

// Cost of ending a cue before unit `j` (SUBTITLE-RULES.md priority 2).
double breakCost(std::span<const SegmentUnit> units, int j)
{
    if (j >= int(units.size()))
        return 0;
    const SegmentUnit &last = units[size_t(j - 1)];
    const SegmentUnit &next = units[size_t(j)];
    if (next.speaker != last.speaker)
        return 0;
    const qint64 gap = next.start - last.end;
    double c = 0;
    if (last.mark == BreakMark::Clause)
        c = gap >= kPause ? kBreakClause * 0.5 : kBreakClause;
    else if (last.mark == BreakMark::None)
        c = gap >= kPause ? kBreakPause
                          : kBreakPlain - kGapBonus * double(std::clamp<qint64>(gap, 0, kPause)) /
                                              double(kPause);
    if (last.functionWord)
        c += kDangling;
    return c;
}

// Cost of cue [r.first, j): break quality, silences inside, and whether the silence after it
// allows the minimum duration and the CPS limit.
double rangeCost(std::span<const SegmentUnit> units, const QList<int> &pre, const Range &r, int j,
                 const RulePreset &p, qint64 endLimit)
{
    const qint64 start = units[size_t(r.first)].start;
    const qint64 span = r.spanEnd - start;
    qint64 limit = kNoLimit;
    if (j < int(units.size()))
        limit = units[size_t(j)].start - p.minGap;
    else if (endLimit >= 0)
        limit = endLimit;
    const qint64 available = std::max(span, std::min(limit - start, p.maxDuration));
    // The convex fill term prefers evenly filled cues among segmentations of equal cost.
    const double fill = double(r.chars) / double(std::max(1, p.maxCharsPerLine * p.maxLines));
    double c = kPerCue + kFill * fill * fill + breakCost(units, j) + r.innerGaps;
    const double cps = available > 0 ? r.chars * 1000.0 / double(available)
                                     : std::numeric_limits<double>::infinity();
    if (cps > p.maxCps)
        c += kViolation + std::min(10.0, 4.0 * (cps / p.maxCps - 1.0));
    if (available < p.minDuration)
        c += kViolation;
    // SUBTITLE-RULES.md priority 3: when the only two-line layouts leave an article, preposition
    // or conjunction at the end of line one, prefer another cue boundary.
    if (r.lines == 2 && p.maxLines >= 2 &&
        forcedDangling(units, pre, r.first, j, std::max(1, p.maxCharsPerLine)))
        c += kDangling;
    return c;
}

// Cue values for the ranges [bounds[k], bounds[k+1]): text with line breaks, words, timing.
Cues buildCues(const UnitSequence &seq, const QList<int> &bounds, const RulePreset &p,
               qint64 endLimit)
{
    const std::span<const SegmentUnit> units(seq.units.constData(), size_t(seq.units.size()));
    Cues cues;
    cues.reserve(bounds.size() - 1);
    QList<int> chars;
    QList<qint64> lastEnds;
    for (qsizetype k = 0; k + 1 < bounds.size(); ++k) {
        const int a = bounds[k], b = bounds[k + 1];
        const std::span<const SegmentUnit> part = units.subspan(size_t(a), size_t(b - a));
        const QList<int> starts = chooseLineBreaks(part, p.maxCharsPerLine, p.maxLines);
        Cue c;
        c.text = renderUnits(part, starts);
        c.speaker = units[size_t(a)].speaker;
        c.start = units[size_t(a)].start;
        qint64 lastEnd = c.start;
        for (const SegmentUnit &u : part) {
            lastEnd = std::max(lastEnd, u.end);
            if (u.word >= 0)
                c.words.append(seq.words[u.word]);
        }
        int visible = 0;
        for (int l = 0; l <= starts.size(); ++l)
            visible += unitsLength(part, l == 0 ? 0 : starts[l - 1],
                                   l < starts.size() ? starts[l] : int(part.size()));
        chars.append(visible);
        lastEnds.append(lastEnd);
        cues.append(std::move(c));
    }
    // Timing (SUBTITLE-RULES.md priority 4): from the first word to the last, extended into the
    // silence up to the minimum duration and the CPS limit, never closer than the minimum gap to
    // the next cue, never past the maximum duration unless one word is longer. Starts are
    // non-decreasing, so end <= max(start, next start - gap) <= next start: no overlap.
    for (qsizetype k = 0; k < cues.size(); ++k) {
        Cue &c = cues[k];
        qint64 limit = kNoLimit;
        if (k + 1 < cues.size())
            limit = cues[k + 1].start - p.minGap;
        else if (endLimit >= 0)
            limit = endLimit;
        const auto forCps = qint64(std::ceil(chars[k] * 1000.0 / std::max(0.1, p.maxCps)));
        const qint64 desired = std::max({lastEnds[k], c.start + p.minDuration, c.start + forCps});
        const qint64 cap = std::max(c.start + p.maxDuration, lastEnds[k]);
        c.end = std::max(c.start, std::min({desired, cap, limit}));
    }
    return cues;
}

} // namespace

Segmentation segmentUnits(const UnitSequence &seq, const RulePreset &preset, qint64 endLimit)
{
    const int n = int(seq.units.size());
    Segmentation result;
    result.approximate = seq.approximate;
    if (n == 0)
        return result;
    const std::span<const SegmentUnit> units(seq.units.constData(), size_t(n));
    const QList<int> atom = atomLengths(units);
    const QList<int> pre = prefixLengths(units);
    const int limit = std::max(1, preset.maxCharsPerLine);
    // Dynamic programming over break positions: best[j] is the cheapest segmentation of units
    // [0, j). A candidate cue grows until it breaks a hard limit, so each start looks at a
    // bounded window (about two lines of text) and the whole pass is linear in the words.
    constexpr double inf = std::numeric_limits<double>::infinity();
    QList<double> best(n + 1, inf);
    QList<int> from(n + 1, -1);
    best[0] = 0;
    for (int i = 0; i < n; ++i) {
        if (best[i] == inf)
            continue;
        Range r;
        r.first = i;
        for (int j = i + 1; j <= n; ++j) {
            r.add(units, atom, j - 1, limit);
            if (!r.feasible(units, preset))
                break;
            if (j < n && units[size_t(j)].glued)
                continue;
            const double c = best[i] + rangeCost(units, pre, r, j, preset, endLimit);
            if (c < best[j]) {
                best[j] = c;
                from[j] = i;
            }
        }
    }
    QList<int> bounds;
    for (int j = n; j > 0; j = from[j])
        bounds.prepend(j);
    bounds.prepend(0);
    result.cues = buildCues(seq, bounds, preset, endLimit);
    return result;
}

int bestSplitPoint(std::span<const SegmentUnit> units, const RulePreset &preset)
{
    const int n = int(units.size());
    const QList<int> atom = atomLengths(units);
    const QList<int> pre = prefixLengths(units);
    const int limit = std::max(1, preset.maxCharsPerLine);
    int best = -1;
    double bestCost = std::numeric_limits<double>::infinity();
    for (int k = 1; k < n; ++k) {
        if (units[size_t(k)].glued)
            continue;
        Range left, right;
        left.first = 0;
        right.first = k;
        for (int m = 0; m < k; ++m)
            left.add(units, atom, m, limit);
        for (int m = k; m < n; ++m)
            right.add(units, atom, m, limit);
        double c = rangeCost(units, pre, left, k, preset, -1) +
                   rangeCost(units, pre, right, n, preset, -1);
        c += (left.feasible(units, preset) ? 0 : kInfeasible) +
             (right.feasible(units, preset) ? 0 : kInfeasible);
        // Between equally good places, the one that halves the text.
        c += 0.01 * std::abs(left.chars - right.chars);
        if (c < bestCost) {
            bestCost = c;
            best = k;
        }
    }
    return best;
}

Segmentation segmentTranscript(const Transcript &transcript, const RulePreset &preset)
{
    return segmentUnits(unitsFromTranscript(transcript), preset);
}

Segmentation segmentTranscript(const Transcript &transcript)
{
    QString sample = transcript.text.left(2000);
    for (qsizetype i = 0; i < transcript.segments.size() && sample.size() < 2000; ++i)
        sample += transcript.segments[i].text;
    return segmentTranscript(transcript, defaultPresetFor(transcript.language, sample));
}

Segmentation resegmentCues(const Cues &cues, const RulePreset &preset, QStringView language,
                           qint64 endLimit)
{
    return segmentUnits(unitsFromCues(cues, language), preset, endLimit);
}

Result<QList<CueId>> reflowCues(Document &document, const QList<CueId> &ids,
                                const RulePreset &preset)
{
    const Track *track = document.track();
    Cues cues;
    int lastRow = -1;
    qint64 lastEnd = 0;
    for (CueId id : ids) {
        const int row = track->rowOf(id);
        if (row < 0)
            return makeError(ErrorCode::NotFound, Tr::tr("There is no cue with id %1.").arg(id));
        cues.append(track->at(row));
        lastRow = std::max(lastRow, row);
        lastEnd = std::max(lastEnd, track->at(row).end);
    }
    if (cues.isEmpty())
        return QList<CueId>{};
    std::stable_sort(cues.begin(), cues.end(), [](const Cue &a, const Cue &b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    // The cue after the range bounds the last new cue (minimum gap when there is room for it).
    qint64 endLimit = -1;
    if (lastRow + 1 < track->count() && !ids.contains(track->at(lastRow + 1).id)) {
        const qint64 nextStart = track->at(lastRow + 1).start;
        endLimit = std::max(nextStart - preset.minGap, std::min(lastEnd, nextStart));
    }
    const Segmentation s = resegmentCues(cues, preset, document.transcript().language, endLimit);
    return document.replaceCues(ids, s.cues, Tr::tr("Re-flow"));
}

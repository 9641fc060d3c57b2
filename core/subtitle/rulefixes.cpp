#include "rulefixes.h"

#include "cueedit.h"
#include "cuetext.h"
#include "document.h"
#include "linebreak.h"
#include "segmenter.h"
#include "segmentunits.h"
#include "textmetrics.h"
#include "track.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// A trim that cuts no word by more than this (ms) keeps the words inside the cue.
constexpr qint64 kWordTolerance = 100;
// Without words, a trim up to this (ms) is considered harmless.
constexpr qint64 kBlindTrim = 250;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RuleFixes)
};

int visibleChars(const QString &text)
{
    int n = 0;
    for (const QString &line : visibleLines(text))
        n += visibleLength(line);
    return n;
}

qint64 lastWordEnd(const Cue &c)
{
    qint64 end = std::numeric_limits<qint64>::min();
    for (const Word &w : c.words)
        end = std::max(end, w.end);
    return end;
}

// True when shortening the cue to `end` keeps its words (within the tolerance), or, for a cue
// without words, removes little.
bool trimKeepsWords(const Cue &c, qint64 end)
{
    if (c.words.isEmpty())
        return c.end - end <= kBlindTrim;
    return lastWordEnd(c) <= end + kWordTolerance;
}

bool isDialogue(const QString &text)
{
    const QStringList lines = visibleLines(text);
    return lines.size() > 1 && std::all_of(lines.cbegin(), lines.cend(), [](const QString &l) {
               return l.startsWith(u'-') || l.startsWith(u'–') || l.startsWith(u'—');
           });
}

bool fitsLines(const QString &text, const RulePreset &p)
{
    const QStringList lines = visibleLines(text);
    if (lines.size() > p.maxLines)
        return false;
    return std::all_of(lines.cbegin(), lines.cend(),
                       [&](const QString &l) { return visibleLength(l) <= p.maxCharsPerLine; });
}

// The text re-broken into balanced lines (markup kept).
QString relined(const QString &text, const RulePreset &p, QStringView language)
{
    UnitSequence seq;
    appendTextUnits(seq, text, 0, 0, QString(), isEnglishLike(language));
    const std::span<const SegmentUnit> units(seq.units.constData(), size_t(seq.units.size()));
    return renderUnits(units, chooseLineBreaks(units, p.maxCharsPerLine, p.maxLines));
}

Fix makeFix(FixKind kind, const QString &name, Cues before, Cues after, bool safe)
{
    return Fix{kind, name, std::move(before), std::move(after), safe};
}

} // namespace

std::optional<Fix> extendIntoSilence(const Cues &cues, int row, const RulePreset &p)
{
    const Cue &c = cues.at(row);
    const auto forCps = qint64(std::ceil(visibleChars(c.text) * 1000.0 / std::max(0.1, p.maxCps)));
    const qint64 need = std::min(std::max(p.minDuration, forCps), p.maxDuration);
    if (c.duration() >= need)
        return std::nullopt;
    qint64 endLimit = std::numeric_limits<qint64>::max() / 4;
    if (row + 1 < cues.size())
        endLimit = cues[row + 1].start - p.minGap;
    const qint64 end = std::max(c.end, std::min(c.start + need, endLimit));
    qint64 start = c.start;
    if (end - start < need) {
        // Not enough silence after: appear earlier, after the previous cue and its gap.
        const qint64 startLimit = row > 0 ? cues[row - 1].end + p.minGap : 0;
        start = std::min(c.start, std::max({startLimit, end - need, qint64(0)}));
    }
    if (start == c.start && end == c.end)
        return std::nullopt;
    const Result<Cue> after = retimeCue(c, start, end);
    if (!after)
        return std::nullopt;
    return makeFix(FixKind::Extend, Tr::tr("Extend into silence"), {c}, {*after}, true);
}

std::optional<Fix> trimToMaximum(const Cues &cues, int row, const RulePreset &p)
{
    const Cue &c = cues.at(row);
    if (c.duration() <= p.maxDuration)
        return std::nullopt;
    const qint64 end = c.start + p.maxDuration;
    const Result<Cue> after = retimeCue(c, c.start, end);
    if (!after)
        return std::nullopt;
    return makeFix(FixKind::Trim, Tr::tr("Shorten to the maximum duration"), {c}, {*after},
                   !c.words.isEmpty() && trimKeepsWords(c, end));
}

std::optional<Fix> closeGap(const Cues &cues, int row, const RulePreset &p)
{
    if (row + 1 >= cues.size())
        return std::nullopt;
    const Cue &c = cues.at(row);
    const Cue &next = cues.at(row + 1);
    const qint64 target = next.start - p.minGap;
    if (c.end <= target)
        return std::nullopt;
    if (target > c.start) {
        const Result<Cue> after = retimeCue(c, c.start, target);
        if (!after)
            return std::nullopt;
        const bool safe = trimKeepsWords(c, target) && target - c.start >= p.minDuration;
        return makeFix(FixKind::CloseGap, Tr::tr("Close the gap"), {c}, {*after}, safe);
    }
    // The next cue starts too early to shorten this one: start it later instead.
    const qint64 nextStart = c.end + p.minGap;
    if (nextStart > next.end)
        return std::nullopt;
    const Result<Cue> after = retimeCue(next, nextStart, next.end);
    if (!after)
        return std::nullopt;
    return makeFix(FixKind::CloseGap, Tr::tr("Close the gap"), {next}, {*after}, false);
}

std::optional<Fix> rebalanceLines(const Cue &c, const RulePreset &p, QStringView language)
{
    if (isDialogue(c.text))
        return std::nullopt; // "- A\n- B" keeps one speaker per line
    Cue after = c;
    after.text = relined(c.text, p, language);
    if (after.text == c.text)
        return std::nullopt;
    return makeFix(FixKind::Rebalance, Tr::tr("Rebalance lines"), {c}, {after},
                   fitsLines(after.text, p));
}

std::optional<Fix> splitAtBestWord(const Cues &cues, int row, const RulePreset &p,
                                   QStringView language)
{
    const Cue &c = cues.at(row);
    std::pair<Cue, Cue> parts;
    if (!c.words.isEmpty()) {
        const UnitSequence seq = unitsFromCues({c}, language);
        const int k = bestSplitPoint({seq.units.constData(), size_t(seq.units.size())}, p);
        if (k < 1)
            return std::nullopt;
        Result<std::pair<Cue, Cue>> split = ::splitCueAtWord(c, k);
        if (!split)
            return std::nullopt;
        parts = std::move(split).value();
    } else {
        UnitSequence seq;
        appendTextUnits(seq, c.text, c.start, c.end, c.speaker, isEnglishLike(language));
        const std::span<const SegmentUnit> units(seq.units.constData(), size_t(seq.units.size()));
        const int k = bestSplitPoint(units, p);
        if (k < 1)
            return std::nullopt;
        // Cut the one-line text before token k; splitTextAt closes and reopens <i>/<b>/<u>.
        const QString line = renderUnits(units, {});
        const QString left = renderUnits(units.first(size_t(k)), {});
        const auto [a, b] = splitTextAt(line, left.size());
        parts.first = c;
        parts.second = c;
        parts.second.id = 0;
        parts.second.identifier.clear();
        parts.first.text = a;
        parts.second.text = b;
        parts.first.end = units[size_t(k)].start;
        parts.second.start = units[size_t(k)].start;
    }
    Cue &left = parts.first;
    Cue &right = parts.second;
    left.end = std::max(left.start, std::min(left.end, right.start - p.minGap));
    left.text = relined(left.text, p, language);
    right.text = relined(right.text, p, language);
    return makeFix(FixKind::Split, Tr::tr("Split cue"), {c}, {left, right}, false);
}

std::optional<Fix> mergeWithNeighbour(const Cues &cues, int row, const RulePreset &p,
                                      QStringView language)
{
    std::optional<Fix> best;
    qsizetype bestScore = std::numeric_limits<qsizetype>::max();
    for (int other : {row - 1, row + 1}) {
        if (other < 0 || other >= cues.size())
            continue;
        const Cue &first = cues.at(std::min(row, other));
        const Cue &second = cues.at(std::max(row, other));
        if (!first.speaker.isEmpty() && !second.speaker.isEmpty() &&
            first.speaker != second.speaker)
            continue; // one speaker per cue
        Cue merged = mergeCues(first, second);
        merged.text = relined(merged.text, p, language);
        // Fewer violations first, then the closer neighbour.
        const qint64 gap = std::max<qint64>(0, second.start - first.end);
        const qsizetype score =
            checkCue(merged, p).size() * 1000000 + std::min<qint64>(gap, 999999);
        if (score < bestScore) {
            bestScore = score;
            best = makeFix(FixKind::Merge, Tr::tr("Merge cues"), {first, second}, {merged}, false);
        }
    }
    return best;
}

QList<Fix> fixesFor(const Cues &cues, const Violation &v, const RulePreset &p, QStringView language)
{
    const auto it =
        std::find_if(cues.cbegin(), cues.cend(), [&](const Cue &c) { return c.id == v.cue; });
    if (it == cues.cend())
        return {};
    const int row = int(it - cues.cbegin());
    QList<std::optional<Fix>> candidates;
    switch (v.rule) {
    case Rule::LineTooLong:
    case Rule::TooManyLines:
        candidates = {rebalanceLines(*it, p, language), splitAtBestWord(cues, row, p, language)};
        break;
    case Rule::CpsTooHigh:
        candidates = {extendIntoSilence(cues, row, p), mergeWithNeighbour(cues, row, p, language)};
        break;
    case Rule::TooShort:
        candidates = {extendIntoSilence(cues, row, p), mergeWithNeighbour(cues, row, p, language)};
        break;
    case Rule::TooLong:
        candidates = {trimToMaximum(cues, row, p), splitAtBestWord(cues, row, p, language)};
        break;
    case Rule::GapTooSmall:
    case Rule::Overlap:
        candidates = {closeGap(cues, row, p), mergeWithNeighbour(cues, row, p, language)};
        break;
    case Rule::EmptyText:
    case Rule::LowConfidence:
        break;
    }
    QList<Fix> out;
    for (std::optional<Fix> &f : candidates) {
        if (f)
            out.append(std::move(*f));
    }
    // Safe fixes first; otherwise the order above (the usual remedy first).
    std::stable_sort(out.begin(), out.end(),
                     [](const Fix &a, const Fix &b) { return a.safe && !b.safe; });
    return out;
}

Cues applySafeFixes(const Cues &cues, const RulePreset &p, QStringView language, int *changed)
{
    Cues work = cues;
    const auto apply = [&](const std::optional<Fix> &f) {
        if (!f || !f->safe)
            return;
        for (const Cue &after : f->after) {
            for (Cue &w : work) {
                if (w.id == after.id) {
                    w = after;
                    break;
                }
            }
        }
    };
    for (int row = 0; row < work.size(); ++row) {
        // Only violations are fixed: a cue whose lines fit keeps its line breaks. Text first,
        // then the end (gap, overlap), then the duration.
        if (!fitsLines(work[row].text, p))
            apply(rebalanceLines(work[row], p, language));
        apply(closeGap(work, row, p));
        apply(trimToMaximum(work, row, p));
        apply(extendIntoSilence(work, row, p));
    }
    if (changed) {
        *changed = 0;
        for (qsizetype i = 0; i < work.size(); ++i)
            *changed += work[i] == cues[i] ? 0 : 1;
    }
    return work;
}

Result<QList<CueId>> applyFix(Document &document, const Fix &fix)
{
    const Track *track = document.track();
    QList<CueId> ids;
    for (const Cue &c : fix.before) {
        const Cue *current = track->find(c.id);
        if (!current || !(*current == c))
            return makeError(ErrorCode::InvalidArgument,
                             Tr::tr("The fix no longer applies: the cues have changed."));
        ids.append(c.id);
    }
    return document.replaceCues(ids, fix.after, fix.name);
}

Result<int> fixAll(Document &document, const RulePreset &preset)
{
    const Cues cues = document.track()->cues();
    int changed = 0;
    const Cues after = applySafeFixes(cues, preset, document.transcript().language, &changed);
    if (changed == 0)
        return 0;
    Cues before, edited;
    for (qsizetype i = 0; i < cues.size(); ++i) {
        if (!(after[i] == cues[i])) {
            before.append(cues[i]);
            edited.append(after[i]);
        }
    }
    if (auto r = document.applyEdit(Tr::tr("Fix all"), before, edited); !r)
        return r.error();
    return changed;
}

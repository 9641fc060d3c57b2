#include "rulechecker.h"

#include "textmetrics.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RuleChecker)
};

Violation violation(const Cue &cue, Rule rule, double value, double limit, QString message)
{
    return Violation{cue.id, rule, value, limit, std::move(message)};
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

} // namespace

double confidenceThreshold(const QString &provider, const QHash<QString, double> &overrides)
{
    if (const auto it = overrides.constFind(provider); it != overrides.cend())
        return *it;
    const QString p = provider.toLower();
    // Whisper word probabilities and exp(avg_logprob) sit around 0.8-0.99 for clear speech.
    if (p.contains(u"openai") || p.contains(u"whisper") || p.contains(u"groq") ||
        p.contains(u"siliconflow"))
        return 0.6;
    return 0.5;
}

QList<Violation> checkCue(const Cue &cue, const RulePreset &p, const CheckOptions &options)
{
    QList<Violation> out;
    const QStringList lines = visibleLines(cue.text.trimmed());
    const qint64 duration = cue.duration();
    int chars = 0, longest = 0;
    for (const QString &line : lines) {
        const int n = visibleLength(line);
        chars += n;
        longest = std::max(longest, n);
    }
    const bool empty = std::all_of(lines.cbegin(), lines.cend(),
                                   [](const QString &l) { return l.trimmed().isEmpty(); });
    if (empty) {
        out.append(violation(cue, Rule::EmptyText, 0, 0, Tr::tr("The cue has no visible text.")));
    } else {
        if (longest > p.maxCharsPerLine)
            out.append(violation(cue, Rule::LineTooLong, longest, p.maxCharsPerLine,
                                 Tr::tr("A line has %1 characters (at most %2).")
                                     .arg(longest)
                                     .arg(p.maxCharsPerLine)));
        if (lines.size() > p.maxLines)
            out.append(violation(
                cue, Rule::TooManyLines, double(lines.size()), p.maxLines,
                Tr::tr("The cue has %1 lines (at most %2).").arg(lines.size()).arg(p.maxLines)));
        const double cps = charactersPerSecond(cue.text, duration);
        if (cps > p.maxCps)
            out.append(violation(cue, Rule::CpsTooHigh, cps, p.maxCps,
                                 std::isinf(cps) ? Tr::tr("The cue has text but no duration.")
                                                 : Tr::tr("%1 characters per second (at most %2).")
                                                       .arg(cps, 0, 'f', 1)
                                                       .arg(p.maxCps, 0, 'f', 1)));
    }
    if (duration < p.minDuration)
        out.append(violation(cue, Rule::TooShort, double(duration), double(p.minDuration),
                             Tr::tr("The cue lasts %1 s (at least %2 s).")
                                 .arg(seconds(duration), seconds(p.minDuration))));
    if (duration > p.maxDuration)
        out.append(violation(cue, Rule::TooLong, double(duration), double(p.maxDuration),
                             Tr::tr("The cue lasts %1 s (at most %2 s).")
                                 .arg(seconds(duration), seconds(p.maxDuration))));
    if (options.minConfidence > 0) {
        int low = 0;
        double lowest = 1.0;
        for (const Word &w : cue.words) {
            if (w.confidence && *w.confidence < options.minConfidence) {
                ++low;
                lowest = std::min(lowest, double(*w.confidence));
            }
        }
        if (low > 0)
            out.append(violation(cue, Rule::LowConfidence, lowest, options.minConfidence,
                                 QCoreApplication::translate(
                                     "RuleChecker",
                                     "%n word(s) recognised with low confidence (lowest %1).",
                                     nullptr, low)
                                     .arg(lowest, 0, 'f', 2)));
    }
    return out;
}

QList<Violation> checkCues(const Cues &cues, const RulePreset &p, const CheckOptions &options)
{
    QList<qsizetype> order(cues.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return cues[a].start != cues[b].start ? cues[a].start < cues[b].start
                                              : cues[a].end < cues[b].end;
    });
    QList<Violation> out;
    qsizetype latest = -1; // the cue ending last so far: an overlap is with it
    for (qsizetype k = 0; k < order.size(); ++k) {
        const Cue &c = cues[order[k]];
        out.append(checkCue(c, p, options));
        if (k + 1 < order.size()) {
            const Cue &next = cues[order[k + 1]];
            const qint64 gap = next.start - c.end;
            if (gap >= 0 && gap < p.minGap)
                out.append(violation(c, Rule::GapTooSmall, double(gap), double(p.minGap),
                                     Tr::tr("The gap to the next cue is %1 ms (at least %2 ms).")
                                         .arg(gap)
                                         .arg(p.minGap)));
        }
        if (latest >= 0 && c.start < cues[latest].end) {
            const Cue &earlier = cues[latest];
            const qint64 overlap = earlier.end - c.start;
            out.append(violation(earlier, Rule::Overlap, double(overlap), 0,
                                 Tr::tr("The cue overlaps the next one by %1 ms.").arg(overlap)));
        }
        if (latest < 0 || c.end > cues[latest].end)
            latest = order[k];
    }
    return out;
}

QString ruleName(Rule rule)
{
    switch (rule) {
    case Rule::LineTooLong:
        return u"line-too-long"_s;
    case Rule::TooManyLines:
        return u"too-many-lines"_s;
    case Rule::CpsTooHigh:
        return u"cps-too-high"_s;
    case Rule::TooShort:
        return u"too-short"_s;
    case Rule::TooLong:
        return u"too-long"_s;
    case Rule::GapTooSmall:
        return u"gap-too-small"_s;
    case Rule::Overlap:
        return u"overlap"_s;
    case Rule::EmptyText:
        return u"empty-text"_s;
    case Rule::LowConfidence:
        return u"low-confidence"_s;
    }
    return {};
}

QString ruleTitle(Rule rule)
{
    switch (rule) {
    case Rule::LineTooLong:
        return Tr::tr("Line too long");
    case Rule::TooManyLines:
        return Tr::tr("Too many lines");
    case Rule::CpsTooHigh:
        return Tr::tr("Reading speed too high");
    case Rule::TooShort:
        return Tr::tr("Too short");
    case Rule::TooLong:
        return Tr::tr("Too long");
    case Rule::GapTooSmall:
        return Tr::tr("Gap too small");
    case Rule::Overlap:
        return Tr::tr("Overlap");
    case Rule::EmptyText:
        return Tr::tr("Empty text");
    case Rule::LowConfidence:
        return Tr::tr("Low confidence");
    }
    return {};
}

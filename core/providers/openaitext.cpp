#include "openaitext.h"

#include <algorithm>
#include <cmath>

namespace {

// Scripts written without spaces between words.
bool unspaced(QChar c)
{
    switch (c.script()) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Thai:
    case QChar::Script_Lao:
    case QChar::Script_Khmer:
    case QChar::Script_Myanmar:
        return true;
    default:
        return false;
    }
}

// Unspaced scripts plus CJK punctuation and full-width forms ("。", "，").
bool wide(QChar c)
{
    const char16_t u = c.unicode();
    return unspaced(c) || (u >= 0x3000 && u < 0x3040) || (u >= 0xFF00 && u <= 0xFFEF);
}

bool startsEarlier(const TranscriptSegment &a, const TranscriptSegment &b)
{
    return a.start < b.start;
}

} // namespace

QString joinTranscriptPieces(const QStringList &pieces)
{
    QString out;
    for (const QString &piece : pieces) {
        if (piece.isEmpty())
            continue;
        if (!out.isEmpty()) {
            const QChar last = out.back();
            const QChar next = piece.front();
            const QChar::Category cat = next.category();
            const bool closing = cat == QChar::Punctuation_Close ||
                                 cat == QChar::Punctuation_FinalQuote ||
                                 (cat == QChar::Punctuation_Other && next != u'¿' && next != u'¡');
            if (!last.isSpace() && !next.isSpace() && !closing && !(wide(last) && wide(next)))
                out += u' ';
        }
        out += piece;
    }
    return out.trimmed();
}

QString joinWordTexts(const Words &words)
{
    QStringList pieces;
    for (const Word &w : words)
        pieces.append(w.text);
    return joinTranscriptPieces(pieces);
}

QString joinSegmentTexts(const QList<TranscriptSegment> &segments)
{
    QStringList pieces;
    for (const TranscriptSegment &s : segments)
        pieces.append(s.text);
    return joinTranscriptPieces(pieces);
}

void placeWordsInSegments(QList<TranscriptSegment> &segments, Words words)
{
    std::stable_sort(segments.begin(), segments.end(), startsEarlier);
    std::stable_sort(words.begin(), words.end(),
                     [](const Word &a, const Word &b) { return a.start < b.start; });
    QList<TranscriptSegment> runs;
    qsizetype runSlot = -2;
    for (Word &w : words) {
        const qint64 mid = w.start + (w.end - w.start) / 2;
        // Index of the last segment starting at or before the midpoint (-1: none).
        const qsizetype slot =
            std::upper_bound(segments.cbegin(), segments.cend(), mid,
                             [](qint64 t, const TranscriptSegment &s) { return t < s.start; }) -
            segments.cbegin() - 1;
        qsizetype home = -1;
        if (slot >= 0 && segments[slot].end >= mid)
            home = slot;
        else if (slot >= 1 && segments[slot - 1].end >= mid) // overlapping segments
            home = slot - 1;
        if (home >= 0) {
            TranscriptSegment &s = segments[home];
            if (!w.confidence && s.avgLogprob)
                w.confidence = float(std::clamp(std::exp(*s.avgLogprob), 0.0, 1.0));
            s.words.append(w);
            continue;
        }
        if (runs.isEmpty() || runSlot != slot) {
            runs.append(TranscriptSegment{});
            runs.back().start = w.start;
            runSlot = slot;
        }
        runs.back().words.append(w);
        runs.back().end = std::max(runs.back().end, w.end);
    }
    for (TranscriptSegment &run : runs)
        run.text = joinWordTexts(run.words);
    segments.append(runs);
    std::stable_sort(segments.begin(), segments.end(), startsEarlier);
}

namespace {

bool isSpaceAt(QStringView text, qsizetype i)
{
    return i >= text.size() || text[i].isSpace();
}

bool isCloser(QChar c)
{
    const QChar::Category cat = c.category();
    return c == u'"' || c == u'\'' || cat == QChar::Punctuation_Close ||
           cat == QChar::Punctuation_FinalQuote;
}

// The position after the last break of the given kind inside `window` (a prefix of `rest`), or 0.
// `spaced` marks break characters that count only before white space ("3.5", "1,000").
qsizetype lastBreak(QStringView rest, qsizetype window, QStringView spaced, QStringView unspaced)
{
    for (qsizetype i = window - 1; i >= 0; --i) {
        const QChar c = rest[i];
        if (unspaced.contains(c))
            return i + 1;
        if (!spaced.contains(c))
            continue;
        qsizetype end = i + 1;
        while (end < window && isCloser(rest[end]))
            ++end;
        if (isSpaceAt(rest, end))
            return end;
    }
    return 0;
}

} // namespace

QStringList splitSpeechText(QStringView text, qsizetype maxChars)
{
    QStringList parts;
    maxChars = std::max<qsizetype>(maxChars, 2);
    QStringView rest = text.trimmed();
    while (rest.size() > maxChars) {
        qsizetype cut = lastBreak(rest, maxChars, u".!?", u"。！？");
        if (cut == 0)
            cut = lastBreak(rest, maxChars, u",;", u"，、；");
        if (cut == 0) {
            for (qsizetype i = maxChars; i > 0 && cut == 0; --i) {
                if (rest[i].isSpace())
                    cut = i;
            }
        }
        if (cut == 0)
            cut = rest[maxChars - 1].isHighSurrogate() ? maxChars - 1 : maxChars;
        const QStringView piece = rest.left(cut).trimmed();
        if (!piece.isEmpty())
            parts.append(piece.toString());
        rest = rest.mid(cut).trimmed();
    }
    if (!rest.isEmpty())
        parts.append(rest.toString());
    return parts;
}

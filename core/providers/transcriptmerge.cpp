// mergeChunkTranscripts: per-chunk results (times relative to their chunk) joined into one
// transcript in media time. Pure.
#include "transcriptionpipeline.h"

#include <QStringList>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

// Words (or word-less segments) from different chunks with the same normalised text starting this
// close are one word recognised twice at a seam.
constexpr qint64 kSeamDuplicateMs = 300;

bool isCjk(QChar c)
{
    const QChar::Script s = c.script();
    return s == QChar::Script_Han || s == QChar::Script_Hiragana || s == QChar::Script_Katakana;
}

// Joins two pieces of text with a space, except where the script is written without spaces or
// `b` already starts with one or with closing punctuation.
QString joinText(const QString &a, const QString &b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    const QChar first = b.front();
    if (first.isSpace() || a.back().isSpace() || (isCjk(a.back()) && isCjk(first)) ||
        first.category() == QChar::Punctuation_Close || first == u',' || first == u'.' ||
        first == u'!' || first == u'?' || first == u';' || first == u':')
        return a % b;
    return a % u' ' % b;
}

// Case, spacing and punctuation do not make two recognitions of a word different.
QString normalized(const QString &text)
{
    QString out;
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            out.append(c.toCaseFolded());
    }
    return out.isEmpty() ? text.trimmed() : out;
}

QString textOf(const Transcript &t)
{
    if (!t.text.trimmed().isEmpty())
        return t.text.trimmed();
    QString text;
    for (const TranscriptSegment &s : t.segments)
        text = joinText(text, s.text.trimmed());
    return text;
}

struct Piece {
    TranscriptSegment segment;
    int chunk = 0;
};

// What has been kept so far, for the seam check: recent words (or word-less segments).
struct Emitted {
    qint64 start = 0;
    QString text; // normalised
    int chunk = 0;
};

bool isSeamDuplicate(const QList<Emitted> &emitted, qint64 start, const QString &text, int chunk)
{
    // Only the tail can be near `start`: pieces arrive sorted by start and words in order.
    constexpr qsizetype kLookBack = 32;
    for (qsizetype i = emitted.size() - 1; i >= 0 && i >= emitted.size() - kLookBack; --i) {
        const Emitted &e = emitted[i];
        if (e.chunk != chunk && std::abs(e.start - start) <= kSeamDuplicateMs && e.text == text)
            return true;
    }
    return false;
}

void shift(TranscriptSegment &s, qint64 offset, qint64 lo, qint64 hi)
{
    auto place = [&](qint64 t) { return std::clamp(t + offset, lo, std::max(lo, hi)); };
    s.start = place(s.start);
    s.end = std::max(s.start, place(s.end));
    for (Word &w : s.words) {
        w.start = place(w.start);
        w.end = std::max(w.start, place(w.end));
    }
}

} // namespace

Transcript mergeChunkTranscripts(const QList<TranscriptionPlan::Chunk> &chunks,
                                 const QList<std::optional<Transcript>> &results,
                                 bool timedBySpeech)
{
    Transcript out;
    out.approximateTiming = timedBySpeech;
    QStringList requestIds;
    for (const std::optional<Transcript> &r : results) {
        if (!r)
            continue;
        if (out.language.isEmpty())
            out.language = r->language;
        if (out.provider.isEmpty())
            out.provider = r->provider;
        if (out.model.isEmpty())
            out.model = r->model;
        for (const QString &id : r->requestId.split(u", "_s, Qt::SkipEmptyParts)) {
            if (!requestIds.contains(id))
                requestIds.append(id);
        }
    }
    out.requestId = requestIds.join(u", "_s);
    out.duration = chunks.isEmpty() ? 0 : chunks.last().endMs;

    QList<Piece> pieces;
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!results[i])
            continue;
        const Transcript &t = *results[i];
        const TranscriptionPlan::Chunk chunk =
            i < chunks.size() ? chunks[i] : TranscriptionPlan::Chunk{0, out.duration};
        const QString language = t.language != out.language ? t.language : QString();
        if (timedBySpeech || t.segments.isEmpty()) {
            // Text only: the chunk's span is the best timing there is.
            const QString text = textOf(t);
            if (text.isEmpty())
                continue;
            TranscriptSegment s;
            s.start = chunk.startMs;
            s.end = chunk.endMs;
            s.text = text;
            s.language = language;
            // Speaker and emotion hold for the span only when every segment agrees; several
            // in one span: unknown.
            if (!t.segments.isEmpty()) {
                s.speaker = t.segments.first().speaker;
                s.emotion = t.segments.first().emotion;
                for (const TranscriptSegment &ts : t.segments) {
                    if (ts.speaker != s.speaker)
                        s.speaker.clear();
                    if (ts.emotion != s.emotion)
                        s.emotion.clear();
                }
            }
            pieces.append({s, int(i)});
            out.approximateTiming = true;
            continue;
        }
        out.approximateTiming = out.approximateTiming || t.approximateTiming;
        for (TranscriptSegment s : t.segments) {
            shift(s, chunk.startMs, chunk.startMs, chunk.endMs);
            if (s.language.isEmpty())
                s.language = language;
            pieces.append({std::move(s), int(i)});
        }
    }
    // Stable: equal starts keep chunk order, and within a chunk the provider's order.
    std::stable_sort(pieces.begin(), pieces.end(), [](const Piece &a, const Piece &b) {
        return a.segment.start < b.segment.start;
    });

    QList<Emitted> emitted;
    for (Piece &p : pieces) {
        TranscriptSegment &s = p.segment;
        if (s.words.isEmpty()) {
            const QString key = normalized(s.text);
            if (key.isEmpty() || isSeamDuplicate(emitted, s.start, key, p.chunk))
                continue;
            emitted.append({s.start, key, p.chunk});
            out.segments.append(std::move(s));
            continue;
        }
        Words kept;
        for (const Word &w : std::as_const(s.words)) {
            const QString key = normalized(w.text);
            if (isSeamDuplicate(emitted, w.start, key, p.chunk))
                continue;
            emitted.append({w.start, key, p.chunk});
            kept.append(w);
        }
        if (kept.isEmpty())
            continue;
        if (kept.size() != s.words.size()) {
            // Rebuild the text from the words that remain (the provider's text had the
            // duplicate in it).
            s.text.clear();
            for (const Word &w : std::as_const(kept))
                s.text = joinText(s.text, w.text);
            s.text = s.text.trimmed();
            s.start = std::max(s.start, kept.first().start);
        }
        s.words = std::move(kept);
        out.segments.append(std::move(s));
    }

    // Monotonic starts: segments, and words across the whole transcript; ends never before starts.
    qint64 segmentFloor = 0, wordFloor = 0;
    for (TranscriptSegment &s : out.segments) {
        s.start = std::max(s.start, segmentFloor);
        s.end = std::max(s.end, s.start);
        segmentFloor = s.start;
        for (Word &w : s.words) {
            w.start = std::max({w.start, wordFloor, s.start});
            w.end = std::max(w.end, w.start);
            wordFloor = w.start;
        }
        out.text = joinText(out.text, s.text.trimmed());
    }
    return out;
}

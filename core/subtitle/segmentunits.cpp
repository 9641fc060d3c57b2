#include "segmentunits.h"

#include "cuetext.h"
#include "textmetrics.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// How far ahead of the previous match a word is looked for in the reference text (characters).
constexpr qsizetype kSearchWindow = 80;
// Share of the words that must be found in a segment's text to take display text from it.
constexpr double kMinLocatedShare = 0.9;

// Written without spaces between words: CJK (textmetrics.h) except Hangul, which Korean spaces
// like Latin text (it still counts characters for line length).
bool isUnspaced(char32_t c)
{
    return isCjk(c) && !(c >= 0xAC00 && c <= 0xD7AF);
}

// An unspaced character that is a letter, not punctuation: a place to break between words.
bool isCjkLetter(char32_t c)
{
    return isUnspaced(c) && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF20) &&
           !(c >= 0xFF3B && c <= 0xFF40) && !(c >= 0xFF5B && c <= 0xFF65);
}

bool isCjkChar(QChar c)
{
    return !c.isSurrogate() && isUnspaced(c.unicode());
}

// Punctuation that opens (a quote or bracket before a word) rather than closes.
bool isOpening(char32_t c)
{
    const auto cat = QChar::category(c);
    return cat == QChar::Punctuation_Open || cat == QChar::Punctuation_InitialQuote || c == u'"' ||
           c == u'\'' || c == u'¿' || c == u'¡';
}

// Punctuation that must not start a line: commas, stops, closing quotes and brackets.
bool isClosing(char32_t c)
{
    const auto cat = QChar::category(c);
    if (cat == QChar::Punctuation_Close || cat == QChar::Punctuation_FinalQuote)
        return true;
    return cat == QChar::Punctuation_Other && !isOpening(c) && c != u'#' && c != u'@' &&
           c != u'*' && c != u'&' && c != u'/' && c != u'\\' && c != u'%';
}

bool isAbbreviation(QStringView core)
{
    static const QSet<QString> known = {u"mr"_s,   u"mrs"_s, u"ms"_s, u"dr"_s,  u"st"_s,  u"vs"_s,
                                        u"prof"_s, u"jr"_s,  u"sr"_s, u"e.g"_s, u"i.e"_s, u"mt"_s};
    if (core.size() == 1 && core[0].isUpper() && core[0] != u'I' && core[0] != u'A')
        return true; // an initial: "J. R. R. Tolkien"
    return known.contains(core.toString().toLower());
}

bool isFunctionWord(QStringView core)
{
    // Articles, prepositions and conjunctions that read badly at the end of a line.
    static const QSet<QString> words = {
        u"a"_s,       u"an"_s,     u"the"_s,     u"and"_s,     u"but"_s,     u"or"_s,
        u"nor"_s,     u"so"_s,     u"yet"_s,     u"for"_s,     u"of"_s,      u"to"_s,
        u"in"_s,      u"on"_s,     u"at"_s,      u"by"_s,      u"with"_s,    u"from"_s,
        u"into"_s,    u"onto"_s,   u"upon"_s,    u"about"_s,   u"over"_s,    u"under"_s,
        u"after"_s,   u"before"_s, u"through"_s, u"between"_s, u"without"_s, u"against"_s,
        u"during"_s,  u"as"_s,     u"than"_s,    u"if"_s,      u"because"_s, u"although"_s,
        u"though"_s,  u"while"_s,  u"when"_s,    u"that"_s,    u"unless"_s,  u"until"_s,
        u"whether"_s, u"since"_s,  u"my"_s,      u"your"_s,    u"his"_s,     u"her"_s,
        u"its"_s,     u"our"_s,    u"their"_s};
    return core.size() <= 8 && words.contains(core.toString().toLower()); // "although": 8
}

QStringView letterCore(QStringView s)
{
    qsizetype b = 0, e = s.size();
    while (b < e && !s[b].isLetterOrNumber())
        ++b;
    while (e > b && !s[e - 1].isLetterOrNumber() && s[e - 1] != u'.')
        --e;
    while (e > b && s[e - 1] == u'.')
        --e;
    return s.mid(b, e - b);
}

int textLength(const QString &text)
{
    for (QChar c : text) {
        // Below U+0300 every code unit is one grapheme; anything else takes the exact path.
        if (c.unicode() >= 0x300 || c == u'<' || c == u'{')
            return visibleLength(visibleText(text));
    }
    return int(text.size());
}

BreakMark markOf(const QString &text)
{
    QStringView v(text);
    QString visible;
    if (text.contains(u'<') || text.contains(u'{')) {
        visible = visibleText(text);
        v = visible;
    }
    qsizetype e = v.size();
    while (e > 0) {
        const char32_t c = v[e - 1].unicode();
        const auto cat = QChar::category(c);
        if (cat == QChar::Punctuation_Close || cat == QChar::Punctuation_FinalQuote || c == u'"' ||
            c == u'\'' || v[e - 1].isSpace())
            --e;
        else
            break;
    }
    if (e == 0)
        return BreakMark::None;
    const QChar last = v[e - 1];
    static const QString sentence = u".!?…。！？．‼⁇"_s;
    static const QString clause = u",;:—–、，；：﹐"_s;
    if (sentence.contains(last)) {
        if (last == u'.' && isAbbreviation(letterCore(v.first(e))) && !(e >= 2 && v[e - 2] == u'.'))
            return BreakMark::None;
        return BreakMark::Sentence;
    }
    return clause.contains(last) ? BreakMark::Clause : BreakMark::None;
}

SegmentUnit makeUnit(qint64 start, qint64 end, const QString &raw, bool spaceBefore,
                     const QString &speaker, bool english)
{
    SegmentUnit u;
    u.start = start;
    u.end = std::max(start, end);
    u.text = raw.trimmed();
    u.length = textLength(u.text);
    u.spaceBefore = spaceBefore && !u.text.isEmpty();
    u.mark = markOf(u.text);
    u.functionWord = english && u.mark == BreakMark::None && isFunctionWord(letterCore(u.text));
    u.speaker = speaker;
    return u;
}

bool boundaryOk(QStringView ref, qsizetype at, qsizetype end)
{
    const auto joins = [](QChar a, QChar b) {
        return a.isLetterOrNumber() && b.isLetterOrNumber() && !isCjkChar(a) && !isCjkChar(b);
    };
    if (at > 0 && joins(ref[at - 1], ref[at]))
        return false;
    return !(end < ref.size() && joins(ref[end - 1], ref[end]));
}

// Finds `needle` in ref[from, from + window) at word boundaries; -1 if absent.
qsizetype findAt(QStringView ref, QStringView needle, qsizetype from, Qt::CaseSensitivity cs)
{
    if (needle.isEmpty())
        return -1;
    const qsizetype limit = std::min(ref.size(), from + kSearchWindow + needle.size());
    qsizetype at = from;
    while (at < limit) {
        at = ref.first(limit).indexOf(needle, at, cs);
        if (at < 0)
            return -1;
        if (boundaryOk(ref, at, at + needle.size()))
            return at;
        ++at;
    }
    return -1;
}

// Start offset of each word in `ref` (-1: not found), matched in order.
QList<qsizetype> placeWords(QStringView ref, const Words &words, qsizetype *found)
{
    QList<qsizetype> starts(words.size(), -1);
    qsizetype from = 0;
    *found = 0;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QStringView t = QStringView(words[i].text).trimmed();
        qsizetype at = findAt(ref, t, from, Qt::CaseSensitive);
        qsizetype len = t.size();
        if (at < 0) {
            const QStringView core = letterCore(t);
            at = findAt(ref, core, from, Qt::CaseInsensitive);
            len = core.size();
        }
        if (at < 0)
            continue;
        ++*found;
        qsizetype b = at;
        while (b > from && !ref[b - 1].isSpace() && isOpening(ref[b - 1].unicode()))
            --b;
        starts[i] = b;
        from = at + len;
    }
    return starts;
}

void appendUnit(UnitSequence &seq, SegmentUnit u, const Word *word)
{
    u.glued = u.text.isEmpty() || isClosing(u.text.front().unicode());
    if (!seq.units.isEmpty()) {
        const SegmentUnit &prev = seq.units.constLast();
        // Written together without a space (Latin): parts of one word, like "John" + "'s".
        if (!u.spaceBefore && !u.text.isEmpty() && !prev.text.isEmpty() &&
            !isCjkChar(prev.text.back()) && !isCjkChar(u.text.front()))
            u.glued = true;
        // Time order: overlapping segments or words are clamped forward (the words stay as given).
        if (u.start < prev.start) {
            u.end = std::max(u.end, prev.start);
            u.start = prev.start;
        }
    }
    if (word) {
        u.word = int(seq.words.size());
        seq.words.append(*word);
    }
    seq.units.append(std::move(u));
}

// Line breaks become spaces, or nothing between two CJK characters. Markup is kept.
QString joinedLines(const QString &text)
{
    QString v = text;
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] != u'\n')
            continue;
        const bool cjk = i > 0 && i + 1 < v.size() && isCjkChar(v[i - 1]) && isCjkChar(v[i + 1]);
        if (cjk)
            v.remove(i--, 1);
        else
            v[i] = u' ';
    }
    return v;
}

// Length of a markup tag starting at `i` (as visibleText recognises them), or 0.
qsizetype tagLength(QStringView text, qsizetype i)
{
    if (text[i] == u'<' && i + 1 < text.size() &&
        (text[i + 1].isLetter() || text[i + 1] == u'/' || text[i + 1].isDigit())) {
        const qsizetype close = text.indexOf(u'>', i + 1);
        const qsizetype nl = text.indexOf(u'\n', i + 1);
        if (close > i + 1 && (nl < 0 || close < nl))
            return close - i + 1;
    } else if (text[i] == u'{' && i + 1 < text.size() && text[i + 1] == u'\\') {
        const qsizetype close = text.indexOf(u'}', i + 2);
        if (close > 0)
            return close - i + 1;
    }
    return 0;
}

} // namespace

bool isEnglishLike(QStringView language)
{
    const QString l = language.trimmed().toString().toLower();
    return l.isEmpty() || l == u"en" || l.startsWith(u"en-") || l.startsWith(u"en_") ||
           l == u"english" || l == u"eng";
}

void appendWordUnits(UnitSequence &seq, const QString &reference, const Words &words,
                     const QString &speaker, bool english)
{
    if (words.isEmpty())
        return;
    QString ref = reference.trimmed();
    qsizetype found = 0;
    QList<qsizetype> starts = placeWords(ref, words, &found);
    if (double(found) < kMinLocatedShare * double(words.size())) {
        ref = textOfWords(words);
        starts = placeWords(ref, words, &found);
    }
    // Piece i is ref[b_i, b_{i+1}): text before the first found word goes to word 0, text
    // between found words to the earlier one, and a word not found gets an empty (glued) piece.
    const qsizetype n = words.size();
    QList<qsizetype> bounds(n + 1, ref.size());
    for (qsizetype i = n - 1; i >= 1; --i)
        bounds[i] = starts[i] >= 0 ? starts[i] : bounds[i + 1];
    bounds[0] = 0;
    const bool joinPrevious = !seq.units.isEmpty();
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype b = std::min(bounds[i], bounds[i + 1]);
        const QString raw = ref.mid(b, std::max<qsizetype>(0, bounds[i + 1] - b));
        bool space = (b > 0 && ref[b - 1].isSpace()) || (!raw.isEmpty() && raw.front().isSpace());
        if (i == 0 && joinPrevious) {
            // Across segments: a space unless both sides are CJK.
            const QString &prev = seq.units.constLast().text;
            const QString t = raw.trimmed();
            space = !t.isEmpty() && !isClosing(t.front().unicode()) &&
                    !(!prev.isEmpty() && isCjkChar(prev.back()) && isCjkChar(t.front()));
        }
        const QString &sp = words[i].speaker.isEmpty() ? speaker : words[i].speaker;
        appendUnit(seq, makeUnit(words[i].start, words[i].end, raw, space, sp, english), &words[i]);
    }
}

void appendTextUnits(UnitSequence &seq, const QString &text, qint64 start, qint64 end,
                     const QString &speaker, bool english)
{
    struct Token {
        QString text;
        bool space = false;
    };
    QList<Token> tokens;
    QString cur;
    bool curSpace = false, pendingSpace = false, onlyOpening = true;
    char32_t last = 0;
    const auto flush = [&] {
        if (!cur.isEmpty())
            tokens.append({cur, curSpace});
        cur.clear();
    };
    const QString v = joinedLines(text);
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (const qsizetype tag = tagLength(v, i); tag > 0) {
            // Markup stays whole and with the word it touches.
            if (cur.isEmpty()) {
                flush();
                curSpace = pendingSpace;
                onlyOpening = true;
            }
            cur += QStringView(v).mid(i, tag);
            i += tag - 1;
            pendingSpace = false;
            continue;
        }
        char32_t c = v[i].unicode();
        if (v[i].isHighSurrogate() && i + 1 < v.size() && v[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(v[i], v[i + 1]);
            ++i;
        }
        if (QChar::isSpace(c)) {
            flush();
            pendingSpace = true;
            continue;
        }
        bool startNew = cur.isEmpty();
        if (!startNew && !onlyOpening && !isClosing(c) &&
            QChar::category(c) != QChar::Mark_NonSpacing)
            startNew = isCjkLetter(c) || isCjkLetter(last);
        if (startNew) {
            flush();
            curSpace = pendingSpace;
            onlyOpening = true;
        }
        cur += QString::fromUcs4(&c, 1);
        onlyOpening = onlyOpening && isOpening(c);
        pendingSpace = false;
        last = c;
    }
    flush();
    if (tokens.isEmpty())
        return;
    if (!seq.units.isEmpty()) {
        // Across cues or segments: a space unless both sides are CJK.
        const QString &prev = seq.units.constLast().text;
        tokens[0].space =
            !(!prev.isEmpty() && isCjkChar(prev.back()) && isCjkChar(tokens[0].text.front()));
    }
    seq.approximate = true;
    double total = 0;
    QList<double> weights;
    for (const Token &t : std::as_const(tokens)) {
        weights.append(std::max(1, textLength(t.text)) + (t.space ? 1 : 0));
        total += weights.back();
    }
    const double span = double(std::max<qint64>(0, end - start));
    double at = 0;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const auto t0 = start + qint64(std::llround(span * at / total));
        at += weights[i];
        const auto t1 = start + qint64(std::llround(span * at / total));
        appendUnit(seq, makeUnit(t0, t1, tokens[i].text, tokens[i].space, speaker, english),
                   nullptr);
    }
}

UnitSequence unitsFromTranscript(const Transcript &transcript)
{
    UnitSequence seq;
    seq.approximate = transcript.approximateTiming;
    const bool english = isEnglishLike(transcript.language);
    QList<TranscriptSegment> segments = transcript.segments;
    std::stable_sort(
        segments.begin(), segments.end(),
        [](const TranscriptSegment &a, const TranscriptSegment &b) { return a.start < b.start; });
    qsizetype wordCount = 0;
    for (const TranscriptSegment &s : std::as_const(segments))
        wordCount += s.words.size();
    seq.units.reserve(wordCount);
    seq.words.reserve(wordCount);
    for (const TranscriptSegment &s : std::as_const(segments)) {
        if (!s.words.isEmpty())
            appendWordUnits(seq, s.text, s.words, s.speaker, english);
        else
            appendTextUnits(seq, s.text, s.start, std::max(s.start, s.end), s.speaker, english);
    }
    if (segments.isEmpty() && !transcript.text.trimmed().isEmpty()) {
        // Text without any timing: spread it over the media, or read it at 12 characters/s.
        const qint64 end = transcript.duration > 0
                               ? transcript.duration
                               : qint64(visibleLength(transcript.text)) * 1000 / 12;
        appendTextUnits(seq, transcript.text, 0, end, QString(), english);
    }
    return seq;
}

UnitSequence unitsFromCues(const Cues &cues, QStringView language)
{
    UnitSequence seq;
    const bool english = isEnglishLike(language);
    for (const Cue &c : cues) {
        if (c.words.isEmpty()) {
            appendTextUnits(seq, visibleText(c.text), c.start, c.end, c.speaker, english);
            continue;
        }
        Words clamped = c.words;
        for (Word &w : clamped) {
            w.start = std::clamp(w.start, c.start, c.end);
            w.end = std::clamp(w.end, w.start, c.end);
        }
        const qsizetype first = seq.units.size();
        appendWordUnits(seq, joinedLines(visibleText(c.text)), clamped, c.speaker, english);
        // The cue keeps its original words (times included); only unit timing is clamped.
        for (qsizetype i = first; i < seq.units.size(); ++i)
            seq.words[seq.units[i].word] = c.words[i - first];
    }
    return seq;
}

#pragma once

#include "cue.h"
#include "transcript.h"
#include "word.h"

#include <QList>
#include <QString>
#include <QStringView>

// The units the segmenter, the line breaker and the fixes work on: one per word (or, for input
// without word timings, one per text token), with everything those algorithms ask about a word
// computed once. Pure functions over values.

// Punctuation that ends a unit's text, as a place to break.
enum class BreakMark : quint8 { None, Clause, Sentence };

struct SegmentUnit {
    qint64 start = 0; // ms; never before the previous unit's start (see unitsFromTranscript)
    qint64 end = 0;   // ms, >= start
    QString text;     // display text, trimmed: the word with the punctuation around it
    int length = 0;   // visible characters of `text` (grapheme clusters, markup excluded)
    bool spaceBefore = false;  // separated from the previous unit by a space on the same line
    bool glued = false;        // no line or cue may start here (empty text, closing punctuation)
    bool functionWord = false; // English article, preposition or conjunction without punctuation
    BreakMark mark = BreakMark::None;
    QString speaker;
    int word = -1; // index into UnitSequence::words; -1 for a token of text without words
};

struct UnitSequence {
    QList<SegmentUnit> units;
    Words words;              // the words the units refer to, in unit order, unchanged
    bool approximate = false; // some units were timed by distributing time over characters
};

// Units of a transcript. Segments are taken in start order and their words in their order;
// each word's display text comes from the segment text when the words can be found in it (so
// punctuation that a provider gives only in segment text, like OpenAI's, is kept), otherwise
// from the words themselves (textOfWords spacing: leading spaces, separate punctuation). Unit
// start times are made non-decreasing (overlapping segments or words are clamped forward; the
// words themselves are kept unchanged). Segments without words are split into text tokens timed
// proportionally to their characters, and the sequence is marked approximate.
UnitSequence unitsFromTranscript(const Transcript &transcript);

// Units of cues for re-flow: a cue's words placed in its visible text (markup is dropped, line
// breaks become spaces), or its text tokens over its span when it has no words. Unit times are
// clamped into their cue's span.
UnitSequence unitsFromCues(const Cues &cues, QStringView language);

// Appends the units of `words` whose display text is `reference` (see unitsFromTranscript).
void appendWordUnits(UnitSequence &seq, const QString &reference, const Words &words,
                     const QString &speaker, bool english);
// Appends the tokens of `text` (split at spaces and between CJK characters; punctuation and markup
// tags stay with their word; line breaks count as spaces) timed over [start, end] in proportion to
// their characters. Marks the sequence approximate.
void appendTextUnits(UnitSequence &seq, const QString &text, qint64 start, qint64 end,
                     const QString &speaker, bool english);

// True when the function-word rule of SUBTITLE-RULES.md applies (English or unknown language).
bool isEnglishLike(QStringView language);

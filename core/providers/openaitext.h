#pragma once

#include "transcript.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// Pure text and timing helpers of the OpenAI-compatible parsers (openaiparsers.h) and the speech
// client (openaiclient.h). No network, no globals.

// Joins word or segment texts: a space between two pieces unless one side already has white
// space, the next piece starts with closing punctuation (",", ".", ")", "”"), or both sides are
// characters of scripts written without spaces (Han, kana, Thai, ...) or CJK punctuation and
// full-width forms. Empty pieces are skipped; the result is trimmed.
QString joinTranscriptPieces(const QStringList &pieces);
QString joinWordTexts(const Words &words);
QString joinSegmentTexts(const QList<TranscriptSegment> &segments);

// Puts each word into the segment that contains its midpoint (segments ordered by start time;
// with overlapping segments, the later-starting one that still contains it, else the one
// before). Runs of consecutive words outside every segment (before the first, in a gap, after
// the last, or all of them when there are no segments) become one new segment per run, spanning
// the run, its text joined from the words. A word without confidence inside a segment with
// avg_logprob gets exp(avg_logprob), the geometric-mean token probability, clamped to 0..1.
// Segments end up sorted by start (stable).
void placeWordsInSegments(QList<TranscriptSegment> &segments, Words words);

// Splits text for a speech service that accepts at most `maxChars` (UTF-16 units, which never
// undercounts characters) per request: each part ends at the last sentence end that fits (. ! ?
// followed by white space or the end, with closing quotes or brackets kept; 。！？ anywhere), else
// at the last comma (, ; followed by white space; ，、；), else at the last white space, else
// hard (never inside a surrogate pair). Parts are trimmed; empty parts are dropped.
QStringList splitSpeechText(QStringView text, qsizetype maxChars);

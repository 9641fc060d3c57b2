#pragma once

#include "result.h"
#include "subtitledata.h"

#include <QString>
#include <QStringView>

// SubRip (.srt). Pure functions over text; file I/O and encodings live in subtitlefile.h.
//
// Reading is lenient about what real files contain: BOM (already removed by decoding), any line
// ends, missing or wrong indices, '.' or ':' instead of ',' before milliseconds, one-digit hours
// and fields, 1-3 digit fractions (read as decimal fractions), extra blank lines, text lines
// that look like numbers, tags kept verbatim, trailing garbage. A new cue starts at a timing line
// (optionally preceded by an index line), so a blank line is not required between cues.
// Lines that belong to no cue are skipped and reported. Strict mode turns the first report into
// the error. Fails when text has content but no cue at all.
Result<SubtitleData> readSrt(QStringView text, ParseMode mode = ParseMode::Lenient);

// Canonical SubRip: cues renumbered from 1, "HH:MM:SS,mmm --> HH:MM:SS,mmm", LF line ends.
// Blank lines inside a cue's text are dropped (they would end the cue); a text line that reads as
// a timing line gets a leading U+2060 WORD JOINER (invisible) so it stays text when read again.
QString writeSrt(const Cues &cues);

// Parses "H:MM:SS,mmm --> H:MM:SS,mmm[ anything]" leniently; false if it is not a timing line.
bool parseSrtTimingLine(QStringView line, qint64 *start, qint64 *end);

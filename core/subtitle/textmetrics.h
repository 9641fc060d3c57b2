#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

// Reading metrics of cue text, as SUBTITLE-RULES.md defines them. Pure functions.

// The text a viewer sees: markup tags (<i>, </font>, <v Bob>, {\an8}) removed, lines kept.
QString visibleText(QStringView text);

// Visible characters of one line: user-perceived characters (grapheme clusters), so CJK and
// full-width punctuation count one each and combining marks do not count separately.
int visibleLength(QStringView line);

// Visible lines of a cue text (markup removed), split at '\n'.
QStringList visibleLines(QStringView text);

// Characters per second over all lines, line breaks excluded. 0 for an empty text; for a
// zero-length cue with text, returns +infinity.
double charactersPerSecond(QStringView text, qint64 durationMs);

// True for characters written without spaces between words (Han, kana, Hangul syllables are
// treated as CJK for line-length purposes; Hangul uses spaces but counts characters the same way).
bool isCjk(char32_t c);

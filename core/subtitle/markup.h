#pragma once

#include <QString>
#include <QStringView>

// Markup inside cue text, shared by the SRT and WebVTT writers. Pure functions.

// Length of the tag starting at text[i] == '<': '<' followed by a letter, digit or '/', up to the
// next '>' on the same line that is not part of "-->". 0 when the '<' is a literal character.
qsizetype markupTagLength(QStringView text, qsizetype i);

// Text for a SubRip file: tags SubRip players understand (<i> <b> <u> <font>) are kept, WebVTT-only
// tags (<c.x>, <v Name>, <ruby>, <rt>, <lang>, <00:00:01.000>) are removed with their content kept.
QString srtMarkup(QStringView text);

// SubRip/ASS "{\anN}" alignment <-> WebVTT cue settings. A cue text starting with {\anN} maps to
// the settings below (an2, bottom centre, is the WebVTT default and maps to none):
//   an1 align:start | an3 align:end | an4 line:50% align:start | an5 line:50% | an6 line:50%
//   align:end an7 line:0 align:start | an8 line:0 | an9 line:0 align:end
// Returns the settings ("" for none) and removes every {\...} override block from `text`.
// hasAssOverride() is the cheap test for whether there is anything to take.
bool hasAssOverride(QStringView text);
QString takeAssAlignment(QString *text);
// The {\anN} prefix for settings written in exactly one of the forms above, else "".
QString assAlignmentFor(QStringView vttSettings);

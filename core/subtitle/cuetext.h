#pragma once

#include "word.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

// How a cue's display text relates to its words. Pure functions.

// Offset in `text` where each word begins, found in order (the word's trimmed text, or its
// letters/digits core when punctuation differs); -1 for a word that cannot be found, e.g.
// after the user rewrote the text.
QList<qsizetype> locateWords(QStringView text, const Words &words);

// Where to cut `text` so that words [0, wordIndex) stay left: the located offset of the word, or
// a proportional estimate snapped to whitespace when the text no longer matches the words.
qsizetype textOffsetBeforeWord(const QString &text, const Words &words, int wordIndex);

// Where to cut a text with no usable words at `fraction` (0..1) of its length: a line break
// when the text has exactly two lines, else the whitespace nearest the proportional position,
// else (CJK, one long word) the proportional position itself.
qsizetype textOffsetAtFraction(const QString &text, double fraction);

// Cuts `text` at `offset`: whitespace at the cut is dropped, and simple <i>/<b>/<u> spans that are
// open at the cut are closed on the left and reopened on the right.
std::pair<QString, QString> splitTextAt(const QString &text, qsizetype offset);

// Joins two cue texts: two single lines become two lines; otherwise the last line of `first`
// continues with `second` (a space between words, none between CJK characters).
QString joinTexts(const QString &first, const QString &second);

// The display text of a word sequence: provider spacing is honoured (leading spaces, separate
// punctuation), CJK words are joined without spaces, Latin words with one space.
QString textOfWords(const Words &words);

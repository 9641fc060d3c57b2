#pragma once

#include "cue.h"
#include "result.h"

#include <QRegularExpression>

// Find and replace over cue texts. Pure functions.
struct FindOptions {
    QString pattern;
    bool regex = false; // pattern is a QRegularExpression (Perl syntax); else literal text
    bool matchCase = false;
    bool wholeWords = false;
};

// The expression that `options` describe; an error (with the pattern's error position) when
// the pattern is empty or not a valid expression.
Result<QRegularExpression> findExpression(const FindOptions &options);

struct TextMatch {
    int row = -1;          // index into the searched cues
    qsizetype offset = -1; // in the cue text
    qsizetype length = 0;
};

// The first match at or after (row, offset), wrapping around to the start once; row -1 when
// there is none.
TextMatch findNext(const Cues &cues, const QRegularExpression &expression, int row,
                   qsizetype offset);

// Replaces every match in the cues' texts ("\\1" / "$1" refer to groups in regex mode) and returns
// only the cues that changed, with their new text. `count` receives the number of replacements.
Cues replaceAll(const Cues &cues, const QRegularExpression &expression, const QString &replacement,
                bool regex, int *count = nullptr);
// The text of one match after replacement (for "Replace" one at a time).
QString replacementFor(const QRegularExpressionMatch &match, const QString &replacement,
                       bool regex);

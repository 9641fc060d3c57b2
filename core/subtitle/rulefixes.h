#pragma once

#include "cue.h"
#include "result.h"
#include "rulechecker.h"
#include "rulepreset.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

class Document;

// One-step fixes for checker violations (SUBTITLE-RULES.md, "The checker"). The builders are pure:
// they take the cues in time order (Track::cues()) and a row, and return the before and after
// values of the cues they change, or nullopt when they do not apply or would change nothing.
// applyFix and fixAll push exactly one undo command.

enum class FixKind {
    Extend,    // extend the cue into the silence around it (min duration, CPS)
    Trim,      // shorten a cue longer than the maximum duration
    CloseGap,  // end the cue the minimum gap before the next one (gap too small, overlap)
    Rebalance, // re-break the lines of the text (line length, line count)
    Split,     // split at the best word boundary
    Merge,     // merge with the neighbour that gives the better cue
};

struct Fix {
    FixKind kind = FixKind::Extend;
    QString name;      // translated, used as the undo command's name
    Cues before;       // current values of the cues the fix changes
    Cues after;        // new values; a cue missing here is removed, a cue with id 0 is new
    bool safe = false; // keeps every word inside its cue and creates no new violation: "fix all"
};

// Builders. `row` indexes `cues` (time order). `language` selects the English line rules.
std::optional<Fix> extendIntoSilence(const Cues &cues, int row, const RulePreset &preset);
std::optional<Fix> trimToMaximum(const Cues &cues, int row, const RulePreset &preset);
std::optional<Fix> closeGap(const Cues &cues, int row, const RulePreset &preset);
std::optional<Fix> rebalanceLines(const Cue &cue, const RulePreset &preset, QStringView language);
std::optional<Fix> splitAtBestWord(const Cues &cues, int row, const RulePreset &preset,
                                   QStringView language);
std::optional<Fix> mergeWithNeighbour(const Cues &cues, int row, const RulePreset &preset,
                                      QStringView language);

// The fixes that address `violation`, best first (empty when none exists, e.g. low confidence).
QList<Fix> fixesFor(const Cues &cues, const Violation &violation, const RulePreset &preset,
                    QStringView language = {});

// The cues after applying every safe fix in time order (same ids, same count); `changed` counts the
// cues whose values changed.
Cues applySafeFixes(const Cues &cues, const RulePreset &preset, QStringView language,
                    int *changed = nullptr);

// Applies `fix` to the document as one undo step named fix.name. Fails, changing nothing, when
// the cues no longer hold the values in fix.before (the track changed since the fix was built).
// Returns the ids of the cues in fix.after (new ones assigned).
Result<QList<CueId>> applyFix(Document &document, const Fix &fix);
// Applies every safe fix to the whole track as one undo step ("Fix all"); returns how many cues
// changed (0 pushes nothing).
Result<int> fixAll(Document &document, const RulePreset &preset);

#pragma once

#include "segmentunits.h"

#include <QList>
#include <QString>

#include <span>

// Line breaking of a cue's units (SUBTITLE-RULES.md priority 3). Pure functions.

// Visible characters of units [from, to) on one line (spaces between them included).
int unitsLength(std::span<const SegmentUnit> units, int from, int to);

// Where to break units into at most `maxLines` lines of `maxCharsPerLine` characters: the
// indices of the units that start lines 2, 3, ... (empty for one line). Lines are as balanced
// as possible, a bottom-heavy two-line cue is preferred to a top-heavy one, breaks after a
// sentence or clause mark or a pause are preferred, and an English function word is not left at
// the end of a line when a nearby alternative exists. Never breaks before a glued unit. When
// the units cannot fit, the overflow is spread over `maxLines` lines.
QList<int> chooseLineBreaks(std::span<const SegmentUnit> units, int maxCharsPerLine, int maxLines);

// The cue text of the units: lines start at `lineStarts` and are joined with '\n'; units on a
// line are joined with a space where spaceBefore says so.
QString renderUnits(std::span<const SegmentUnit> units, const QList<int> &lineStarts);

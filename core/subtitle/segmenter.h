#pragma once

#include "cue.h"
#include "result.h"
#include "rulepreset.h"
#include "segmentunits.h"
#include "transcript.h"

#include <QList>
#include <QStringView>

#include <span>

class Document;

// Turns words into readable cues under a rule preset (SUBTITLE-RULES.md). Pure functions over
// values, except reflowCues, which edits a Document. The cost model and the dialogue choice are
// described in docs/architecture-notes.md ("Segmentation").

struct Segmentation {
    Cues cues;                // ids 0, in time order, never overlapping
    bool approximate = false; // some timing was estimated by distributing time over characters
};

// Cues for a transcript: every word is in exactly one cue, in order; a speaker change starts a
// new cue; each cue fits the preset's line limits unless a single word is longer; timing follows
// SUBTITLE-RULES.md ("Timing"). Segments without words are split by text and timed in proportion
// to their characters (`approximate` is set). The transcript need not be sorted.
Segmentation segmentTranscript(const Transcript &transcript, const RulePreset &preset);
// The same with the default preset for the transcript's language (see defaultPresetFor).
Segmentation segmentTranscript(const Transcript &transcript);

// Re-segments cues (time order) from their words, or from their text when they have none
// (`approximate` is set). New cues stay within the cues' first start and `endLimit` (ms; < 0: no
// limit beyond the last word), so they do not run into cues that follow.
Segmentation resegmentCues(const Cues &cues, const RulePreset &preset, QStringView language,
                           qint64 endLimit = -1);

// Lower level, shared with the fixes: cues from units (see segmentunits.h).
Segmentation segmentUnits(const UnitSequence &seq, const RulePreset &preset, qint64 endLimit = -1);

// The best place to split units in two under the segmenter's cost: an index 1..size-1 (the right
// part starts there), or -1 when no split is possible (one unit, or only glued units).
int bestSplitPoint(std::span<const SegmentUnit> units, const RulePreset &preset);

// Re-segments the cues `ids` of the document from their words under `preset` as one undo step
// ("Re-flow"); the transcript language decides the English line rules. Returns the new ids.
// Fails, changing nothing, when an id does not exist.
Result<QList<CueId>> reflowCues(Document &document, const QList<CueId> &ids,
                                const RulePreset &preset);

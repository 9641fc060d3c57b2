#pragma once

#include "word.h"

#include <QList>
#include <QString>

using CueId = qint64; // stable within a document, never reused; 0 means "not assigned yet"

// A subtitle cue. Times are integer milliseconds, start <= end. Text lines are separated by
// '\n'; markup (<i>, <b>, <font>, {\an8}) is kept verbatim. Words stay attached through edits.
struct Cue {
    CueId id = 0;
    qint64 start = 0;
    qint64 end = 0;
    QString text;
    Words words;
    QString speaker;

    // WebVTT details kept verbatim so a VTT file round-trips.
    QString identifier;          // cue identifier line
    QString vttSettings;         // cue settings after the end timestamp ("line:0 align:start")
    QString vttVoiceClasses;     // ".loud.quiet" classes of a <v.classes Speaker> span
    bool vttVoiceClosed = false; // the voice span had an explicit </v>

    qint64 duration() const { return end - start; }
    bool operator==(const Cue &) const = default;
};

using Cues = QList<Cue>;

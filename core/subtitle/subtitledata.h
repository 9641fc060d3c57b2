#pragma once

#include "cue.h"

#include <QList>
#include <QString>

// Format details that are not cues but must survive a round trip.
struct VttBlock {
    enum class Kind { Note, Style, Region };
    Kind kind = Kind::Note;
    QString text;      // the whole block verbatim, including the NOTE/STYLE/REGION keyword
    int beforeCue = 0; // index of the cue the block preceded in the file (cue count for the end)

    bool operator==(const VttBlock &) const = default;
};

struct SubtitleMeta {
    QString vttHeader; // text after "WEBVTT" on the first line plus header lines, verbatim
    QList<VttBlock> vttBlocks;

    bool operator==(const SubtitleMeta &) const = default;
};

// A problem found while reading. In lenient mode readers skip what they cannot use and report it
// here; in strict mode the first diagnostic becomes the error.
struct Diagnostic {
    int line = 0; // 1-based
    QString message;

    bool operator==(const Diagnostic &) const = default;
};

struct SubtitleData {
    Cues cues;
    SubtitleMeta meta;
    QList<Diagnostic> diagnostics;
};

enum class ParseMode { Lenient, Strict };

#pragma once

#include "result.h"
#include "subtitledata.h"

#include <QString>
#include <QStringView>

// WebVTT (.vtt), following the W3C WebVTT file parsing algorithm. Pure functions.
//
// Reading: the "WEBVTT" signature is required (else an error); header text, NOTE blocks anywhere,
// and STYLE/REGION blocks before the first cue are kept in SubtitleMeta verbatim; cue identifiers
// and settings are kept verbatim. Timestamps are [hh+:]mm:ss.ttt exactly as the algorithm demands;
// a cue with bad timings is skipped and reported, as browsers skip it. A line containing "-->"
// inside cue text ends that cue and starts the next one, as in the algorithm. A cue whose whole
// text is one voice span <v[.classes] Name>... gets speaker = Name. Character references are
// decoded into the cue text (&amp; -> &); tags stay verbatim.
Result<SubtitleData> readVtt(QStringView text, ParseMode mode = ParseMode::Lenient);

// Writes a valid WebVTT file: timestamps always hh:mm:ss.ttt, LF line ends, header and blocks
// restored, speakers written as <v Name>. Cue text is escaped so the file means what the text
// says: & < > outside tags become &amp; &lt; &gt;, no-break space and direction marks become
// &nbsp; &lrm; &rlm;. The writer never emits a blank line or "-->" inside a cue.
QString writeVtt(const Cues &cues, const SubtitleMeta &meta = {});

// The cue text for a WebVTT cue payload (references decoded, tags kept) and back.
QString vttPayloadToText(QStringView payload);
QString textToVttPayload(QStringView text);

#pragma once

#include "fuzzcheck.h"

#include "subtitlefile.h"
#include "track.h"

// Invariants of every subtitle reader, shared by the srt, vtt and project targets.

// Every cue starts at or after 0 and ends at or after its start.
inline void checkCueTimes(const Cues &cues)
{
    for (const Cue &c : cues) {
        FUZZ_CHECK(c.start >= 0);
        FUZZ_CHECK(c.end >= c.start);
    }
}

// `again` (a written and re-read copy) has the cues of `read` with the same times.
inline void checkSameTimes(const Cues &read, const Cues &again)
{
    FUZZ_CHECK(again.size() == read.size());
    for (qsizetype i = 0; i < read.size(); ++i) {
        FUZZ_CHECK(again[i].start == read[i].start);
        FUZZ_CHECK(again[i].end == read[i].end);
    }
}

// parseSubtitles() on the whole file: valid cues, or an error that names the file.
inline void checkParsedFile(const QByteArray &bytes, const SubtitleReadOptions &options,
                            const QString &fileName)
{
    const Result<LoadedSubtitles> loaded = parseSubtitles(bytes, options, fileName);
    if (loaded)
        checkCueTimes(loaded->data.cues);
    else
        FUZZ_CHECK(loaded.error().file == fileName);
}

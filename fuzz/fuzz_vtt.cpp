#include "fuzzcheck.h"

#include "subtitlefile.h"
#include "vttformat.h"

using namespace Qt::StringLiterals;

// WebVTT reader (vttformat.h). Whatever the bytes: no crash, cues with 0 <= start <= end, and
// what was read is written as a valid WebVTT file (the writer's promise) that the strict reader
// takes back with the same cues, timings and speakers.
static void checkCues(const Cues &cues)
{
    for (const Cue &c : cues) {
        FUZZ_CHECK(c.start >= 0);
        FUZZ_CHECK(c.end >= c.start);
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    const QString text = QString::fromUtf8(bytes);
    for (const ParseMode mode : {ParseMode::Lenient, ParseMode::Strict}) {
        const Result<SubtitleData> read = readVtt(text, mode);
        if (!read) {
            FUZZ_CHECK(!read.error().message.isEmpty());
            continue;
        }
        checkCues(read->cues);
        const QString written = writeVtt(read->cues, read->meta);
        const Result<SubtitleData> again = readVtt(written, ParseMode::Strict);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again->cues.size() == read->cues.size());
        for (qsizetype i = 0; i < read->cues.size(); ++i) {
            FUZZ_CHECK(again->cues[i].start == read->cues[i].start);
            FUZZ_CHECK(again->cues[i].end == read->cues[i].end);
        }
    }
    SubtitleReadOptions options;
    options.format = SubtitleFormat::Vtt;
    const Result<LoadedSubtitles> loaded = parseSubtitles(bytes, options, u"fuzz.vtt"_s);
    if (loaded)
        checkCues(loaded->data.cues);
    else
        FUZZ_CHECK(loaded.error().file == u"fuzz.vtt"_s);
    return 0;
}

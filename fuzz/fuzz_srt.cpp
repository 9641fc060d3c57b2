#include "fuzzcheck.h"

#include "srtformat.h"
#include "subtitlefile.h"

using namespace Qt::StringLiterals;

// SubRip reader (srtformat.h) and the file path in front of it (encoding detection). Whatever
// the bytes: no crash, cues with 0 <= start <= end, and what was read is written as canonical
// SubRip that the strict reader takes back with the same cues and timings.
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
        const Result<SubtitleData> read = readSrt(text, mode);
        if (!read) {
            FUZZ_CHECK(!read.error().message.isEmpty());
            continue;
        }
        checkCues(read->cues);
        const Result<SubtitleData> again = readSrt(writeSrt(read->cues), ParseMode::Strict);
        if (read->cues.isEmpty())
            continue;
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again->cues.size() == read->cues.size());
        for (qsizetype i = 0; i < read->cues.size(); ++i) {
            FUZZ_CHECK(again->cues[i].start == read->cues[i].start);
            FUZZ_CHECK(again->cues[i].end == read->cues[i].end);
        }
    }
    SubtitleReadOptions options;
    options.format = SubtitleFormat::Srt;
    const Result<LoadedSubtitles> loaded = parseSubtitles(bytes, options, u"fuzz.srt"_s);
    if (loaded)
        checkCues(loaded->data.cues);
    else
        FUZZ_CHECK(loaded.error().file == u"fuzz.srt"_s);
    return 0;
}

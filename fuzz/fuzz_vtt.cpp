#include "fuzzcues.h"

#include "subtitlefile.h"
#include "vttformat.h"

using namespace Qt::StringLiterals;

// WebVTT reader (vttformat.h). Whatever the bytes: no crash, cues with 0 <= start <= end, and
// what was read is written as a valid WebVTT file (the writer's promise) that the strict reader
// takes back with the same cues and timings.
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
        checkCueTimes(read->cues);
        const QString written = writeVtt(read->cues, read->meta);
        const Result<SubtitleData> again = readVtt(written, ParseMode::Strict);
        FUZZ_CHECK(again.ok());
        checkSameTimes(read->cues, again->cues);
    }
    SubtitleReadOptions options;
    options.format = SubtitleFormat::Vtt;
    checkParsedFile(bytes, options, u"fuzz.vtt"_s);
    return 0;
}

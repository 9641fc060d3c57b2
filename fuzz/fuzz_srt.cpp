#include "fuzzcues.h"

#include "srtformat.h"
#include "subtitlefile.h"

using namespace Qt::StringLiterals;

// SubRip reader (srtformat.h) and the file path in front of it (encoding detection). Whatever
// the bytes: no crash, cues with 0 <= start <= end, and what was read is written as canonical
// SubRip that the strict reader takes back with the same cues and timings.
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
        checkCueTimes(read->cues);
        const Result<SubtitleData> again = readSrt(writeSrt(read->cues), ParseMode::Strict);
        if (read->cues.isEmpty())
            continue;
        FUZZ_CHECK(again.ok());
        checkSameTimes(read->cues, again->cues);
    }
    SubtitleReadOptions options;
    options.format = SubtitleFormat::Srt;
    checkParsedFile(bytes, options, u"fuzz.srt"_s);
    return 0;
}

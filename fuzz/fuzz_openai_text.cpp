#include "fuzzcheck.h"

#include "openaiparsers.h"

// The text answers of OpenAI-compatible /audio/transcriptions (openaiparsers.h): text, srt and
// vtt (read with the project's subtitle readers; JSON sent anyway is read as JSON). Whatever the
// bytes: no crash, an error with a message or segments with 0 <= start <= end.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzzBytes(data, size);
    for (const OpenAiResponseFormat format :
         {OpenAiResponseFormat::Text, OpenAiResponseFormat::Srt, OpenAiResponseFormat::Vtt}) {
        const Result<Transcript> t = parseOpenAiTranscription(body, format);
        if (!t) {
            FUZZ_CHECK(!t.error().message.isEmpty());
            continue;
        }
        for (const TranscriptSegment &s : t->segments)
            FUZZ_CHECK(s.start >= 0 && s.end >= s.start);
    }
    return 0;
}

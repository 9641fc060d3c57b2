#include "fuzzcheck.h"

#include "openaiparsers.h"

// The JSON answers of OpenAI-compatible /audio/transcriptions (openaiparsers.h): json,
// verbose_json and diarized_json. Whatever the bytes: no crash, an error with a message or a
// transcript whose segments and words have 0 <= start <= end.
static void checkTranscript(const Result<Transcript> &t)
{
    if (!t) {
        FUZZ_CHECK(!t.error().message.isEmpty());
        return;
    }
    for (const TranscriptSegment &s : t->segments) {
        FUZZ_CHECK(s.start >= 0 && s.end >= s.start);
        for (const Word &w : s.words) {
            FUZZ_CHECK(w.start >= 0 && w.end >= w.start);
            FUZZ_CHECK(!w.confidence || (*w.confidence >= 0 && *w.confidence <= 1));
        }
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzzBytes(data, size);
    for (const OpenAiResponseFormat format :
         {OpenAiResponseFormat::Json, OpenAiResponseFormat::VerboseJson,
          OpenAiResponseFormat::DiarizedJson})
        checkTranscript(parseOpenAiTranscription(body, format));
    return 0;
}

#include "fuzzcheck.h"

#include "dashscopeparsers.h"

// The transcription JSON behind DashScope's transcription_url, both variants (Fun-ASR/Paraformer
// and Qwen3-ASR-Flash-Filetrans). Whatever the bytes: no crash, an error with a message or
// segments ordered by start with 0 <= start <= end, words likewise.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<Transcript> t = parseDashScopeTranscription(fuzzBytes(data, size));
    if (!t) {
        FUZZ_CHECK(t.error().code == ErrorCode::ParseError);
        FUZZ_CHECK(!t.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(t->duration >= 0);
    qint64 previous = 0;
    for (const TranscriptSegment &s : t->segments) {
        FUZZ_CHECK(s.start >= previous);
        FUZZ_CHECK(s.end >= s.start);
        previous = s.start;
        for (const Word &w : s.words)
            FUZZ_CHECK(w.start >= 0 && w.end >= w.start);
    }
    return 0;
}

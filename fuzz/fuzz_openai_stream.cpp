#include "fuzzcheck.h"

#include "openaiparsers.h"

// The streamed OpenAI transcription (stream=true: server-sent events with transcript.text.delta,
// .segment, .done and error events) through OpenAiTranscriptStream and its SseParser. Whatever
// the bytes: no crash, and the same result whether the body arrives at once or in small pieces
// (the header's promise: "split anywhere").
struct Outcome {
    QString text;
    bool done = false;
    bool complete = false;
    bool ok = false;
    Transcript transcript;
    ErrorCode code = ErrorCode::Internal;
};

static Outcome outcomeOf(const OpenAiTranscriptStream &s)
{
    Outcome o;
    o.text = s.textSoFar();
    o.done = s.done();
    o.complete = s.complete();
    const Result<Transcript> r = s.result();
    o.ok = r.ok();
    if (r) {
        o.transcript = *r;
        for (const TranscriptSegment &seg : r->segments)
            FUZZ_CHECK(seg.start >= 0 && seg.end >= seg.start);
    } else {
        o.code = r.error().code;
        FUZZ_CHECK(!r.error().message.isEmpty());
    }
    return o;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzzBytes(data, size);
    OpenAiTranscriptStream whole;
    whole.feed(body);
    whole.finish();
    OpenAiTranscriptStream pieces;
    feedInPieces(body, [&](const QByteArray &piece) { pieces.feed(piece); });
    pieces.finish();
    const Outcome a = outcomeOf(whole);
    const Outcome b = outcomeOf(pieces);
    FUZZ_CHECK(a.text == b.text);
    FUZZ_CHECK(a.done == b.done);
    FUZZ_CHECK(a.complete == b.complete);
    FUZZ_CHECK(a.ok == b.ok);
    FUZZ_CHECK(a.transcript == b.transcript);
    FUZZ_CHECK(a.code == b.code);
    return 0;
}

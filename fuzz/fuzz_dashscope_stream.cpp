#include "fuzzcheck.h"

#include "dashscopeparsers.h"
#include "sseparser.h"

// Streamed Qwen3-ASR-Flash / Qwen-Omni replies (DashScopeAsrStream, native event:result/error/done
// with ":HTTP_STATUS/NNN" comments and compatible-mode chunks ending in [DONE]) and the SSE parser
// under them. Whatever the bytes: no crash, and the same events and results whether the stream
// arrives at once or in small pieces.
static QList<SseEvent> sseEvents(const QByteArray &bytes, bool inPieces)
{
    SseParser parser;
    QList<SseEvent> events;
    if (inPieces)
        feedInPieces(bytes, [&](const QByteArray &piece) { parser.feed(piece, &events); });
    else
        parser.feed(bytes, &events);
    parser.finish(&events);
    return events;
}

static void compareStreams(const QByteArray &bytes, DashScopeAsrStream::Mode mode)
{
    DashScopeAsrStream whole(mode);
    whole.feed(bytes);
    whole.finish();
    DashScopeAsrStream pieces(mode);
    feedInPieces(bytes, [&](const QByteArray &piece) { pieces.feed(piece); });
    pieces.finish();
    FUZZ_CHECK(whole.textSoFar() == pieces.textSoFar());
    FUZZ_CHECK(whole.events() == pieces.events());
    FUZZ_CHECK(whole.done() == pieces.done());
    FUZZ_CHECK(whole.result().language == pieces.result().language);
    FUZZ_CHECK(whole.result().finishReason == pieces.result().finishReason);
    FUZZ_CHECK(whole.error().has_value() == pieces.error().has_value());
    if (whole.error()) {
        FUZZ_CHECK(whole.error()->httpStatus == pieces.error()->httpStatus);
        FUZZ_CHECK(whole.error()->data == pieces.error()->data);
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    FUZZ_CHECK(sseEvents(bytes, false) == sseEvents(bytes, true));
    compareStreams(bytes, DashScopeAsrStream::Mode::Native);
    compareStreams(bytes, DashScopeAsrStream::Mode::Compatible);
    return 0;
}

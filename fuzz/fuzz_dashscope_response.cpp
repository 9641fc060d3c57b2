#include "fuzzcheck.h"

#include "dashscopeparsers.h"

// Qwen3-ASR-Flash / Qwen-Omni non-streamed replies (dashscopeparsers.h): the native
// multimodal-generation answer and the OpenAI-compatible chat completion. Whatever the bytes: no
// crash, an error with a message or text without surrounding white space.
static void check(const Result<DashScopeAsrText> &r)
{
    if (!r) {
        FUZZ_CHECK(!r.error().message.isEmpty());
        return;
    }
    FUZZ_CHECK(r->text == r->text.trimmed());
    FUZZ_CHECK(r->seconds >= 0);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzzBytes(data, size);
    check(parseDashScopeNativeResponse(body));
    check(parseDashScopeCompatibleResponse(body));
    return 0;
}

#pragma once

#include "transcriptionclient.h"

#include <QNetworkAccessManager>
#include <QPointer>

// DashScope's synchronous speech recognisers, one request per audio file of at most 10 MB as a
// Base64 data URL (PROTOCOLS C.3, C.4):
//  - "dashscope-qwen-asr": Qwen3-ASR-Flash on the native API (POST {native}/services/aigc/
//    multimodal-generation/generation; context text as a system message, asr_options language and
//    enable_itn); streamed with X-DashScope-SSE and incremental_output when the caller wants
//    partial text (TranscriptionProgress::onPartialText; option "stream": false turns it off);
//  - "dashscope-qwen-asr-compatible": the same model through {compatible}/chat/completions
//    (input_audio, top-level asr_options, stream or not as above);
//  - "dashscope-omni": Qwen-Omni (qwen3-omni-flash) through compatible mode, always streamed,
//    modalities ["text"], a system prompt asking for a verbatim transcript of human speech only
//    plus the user's domain context.
// An audioPath that is an http(s):// or oss:// URL is passed by reference instead (oss:// with
// X-DashScope-OssResourceResolve). The result is text only (language and emotion from the
// annotations): one segment spanning the request's audio, so the pipeline times results by the
// speech segments it sends. An event:error inside a 200 stream, or an {"error"} chunk, is an
// error, and so is a stream that ends without its last event (no finish_reason, [DONE] or
// event:done: cut short); a 401 names the region (withDashScopeRegionHint).
//
// Lifetime: members are copied before the first co_await; the client may be destroyed while a
// request runs, the QNetworkAccessManager too (the request then ends with Cancelled). GUI thread.
class DashScopeQwenAsrClient : public TranscriptionClient {
public:
    DashScopeQwenAsrClient(QNetworkAccessManager *nam, ProviderProfile profile, QByteArray apiKey,
                           RetryPolicy retry = {});
    ProviderCapabilities capabilities() const override;
    QCoro::Task<Result<Transcript>> transcribe(TranscriptionRequest request,
                                               std::shared_ptr<HttpControl> control,
                                               TranscriptionProgress progress) override;

private:
    QPointer<QNetworkAccessManager> m_nam;
    ProviderProfile m_profile;
    QByteArray m_apiKey;
    RetryPolicy m_retry;
};

// Largest Base64 data URL DashScope accepts for these models: 10 MB after encoding.
inline constexpr qint64 kDashScopeMaxDataUrlBytes = 10LL * 1024 * 1024;

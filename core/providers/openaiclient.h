#pragma once

#include "transcriptionclient.h"

#include <QNetworkAccessManager>
#include <QPointer>

// OpenAI-compatible speech-to-text (POST {base}/audio/transcriptions and /audio/translations,
// multipart streamed from disk) for OpenAI, LLMProvider, SiliconFlow and self-hosted servers
// (whisper.cpp, LocalAI, vLLM). The response format follows the profile's capabilities:
// verbose_json with word and segment timestamps where supported, json otherwise; srt, vtt and
// text responses are parsed too (see openaiparsers.h). A streamed answer counts only when it
// ends with transcript.text.done or [DONE]; errors name the provider. GUI thread only.
//
// Lifetime: the caller keeps the client alive until a transcribe() task has finished (member
// coroutines); the client copies what it needs from its members before its first co_await, and
// the QNetworkAccessManager may go away meanwhile (the request then ends with Cancelled).
// Profile options read: "response_format" (overrides the choice above), "array_field_style"
// ("brackets": timestamp_granularities[], the default; "plain": timestamp_granularities) and
// "transfer_timeout_ms" (abort when nothing moves this long; default 600 s).
class OpenAiTranscriptionClient : public TranscriptionClient {
public:
    OpenAiTranscriptionClient(QNetworkAccessManager *nam, ProviderProfile profile,
                              QByteArray apiKey, RetryPolicy retry = {});
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

// OpenAI-compatible text to speech (POST {base}/audio/speech, JSON in, audio bytes out).
// Text over 4096 characters is split at sentence ends and the audio joined. Voice, speed
// (0.25-4.0) and format are checked before any request. GUI thread only; the same lifetime
// contract as above. Profile options read: "speech_model" (else the profile's model), "voice"
// (default voice), "pcm_sample_rate" (rate of raw "pcm" answers, default 24000) and
// "transfer_timeout_ms".
class OpenAiSpeechClient : public SpeechClient {
public:
    OpenAiSpeechClient(QNetworkAccessManager *nam, ProviderProfile profile, QByteArray apiKey,
                       RetryPolicy retry = {});
    QCoro::Task<Result<SynthesizedSpeech>>
    synthesize(SpeechRequest request, std::shared_ptr<HttpControl> control) override;

private:
    QPointer<QNetworkAccessManager> m_nam;
    ProviderProfile m_profile;
    QByteArray m_apiKey;
    RetryPolicy m_retry;
};

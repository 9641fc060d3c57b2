#pragma once

#include "transcriptionclient.h"

#include <QNetworkAccessManager>
#include <QPointer>

// OpenAI-compatible speech-to-text (POST {base}/audio/transcriptions and /audio/translations,
// multipart streamed from disk) for OpenAI, LLMProvider, SiliconFlow and self-hosted servers
// (whisper.cpp, LocalAI, vLLM). The response format follows the profile's capabilities:
// verbose_json with word and segment timestamps where supported, json otherwise; srt, vtt and
// text responses are parsed too (see openaiparsers.h). GUI thread only.
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
// (0.25-4.0) and format are checked before any request. GUI thread only.
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

#pragma once

#include "httpcall.h"
#include "providerprofile.h"
#include "result.h"
#include "transcript.h"

#include <QCoroTask>

#include <functional>
#include <memory>
#include <optional>

// One request to a speech recogniser: a file already in a format and size the provider accepts.
struct TranscriptionRequest {
    QString audioPath;
    QString mimeType;      // of audioPath ("audio/flac")
    qint64 durationMs = 0; // of audioPath, when known
    QString language;      // ISO-639-1, empty: automatic
    QString prompt;        // context or style hint, when supported
    std::optional<double> temperature;
    bool translateToEnglish = false;
};

// What a request reports while it runs. Callbacks are invoked on the GUI thread; all optional.
struct TranscriptionProgress {
    enum class Stage { Uploading, Waiting, Receiving };
    std::function<void(Stage stage, double fraction)> onStage;   // fraction 0..1 or -1 (unknown)
    std::function<void(const QString &textSoFar)> onPartialText; // streaming providers
};

// A speech-to-text service. Times in the returned transcript are relative to the request's file.
// GUI thread only; the caller owns `control` and cancels through it.
class TranscriptionClient {
public:
    virtual ~TranscriptionClient() = default;
    virtual ProviderCapabilities capabilities() const = 0;
    virtual QCoro::Task<Result<Transcript>> transcribe(TranscriptionRequest request,
                                                       std::shared_ptr<HttpControl> control,
                                                       TranscriptionProgress progress) = 0;
};

// Text to speech.
struct SpeechRequest {
    QString text;  // any length: clients split at sentence ends where the service has a limit
    QString voice; // service voice name; empty: the profile's default
    double speed = 1.0;
    QString format; // service response format ("mp3", "wav", "pcm"); empty: client default
};

struct SynthesizedSpeech {
    std::vector<float> samples; // mono, [-1, 1]
    int sampleRate = 0;
    QByteArray encoded; // what the service returned (one part per request, concatenated)
    QString format;     // of `encoded`
    qint64 durationMs() const
    {
        return sampleRate > 0 ? qint64(samples.size()) * 1000 / sampleRate : 0;
    }
};

class SpeechClient {
public:
    virtual ~SpeechClient() = default;
    virtual QCoro::Task<Result<SynthesizedSpeech>>
    synthesize(SpeechRequest request, std::shared_ptr<HttpControl> control) = 0;
};

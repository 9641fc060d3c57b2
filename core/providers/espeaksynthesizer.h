#pragma once

#include "result.h"
#include "transcriptionclient.h"

#include <QStringList>

#include <atomic>

// Offline text to speech with eSpeak NG, synthesised to PCM in memory (synchronous mode with a
// callback) and played through the app's own player. eSpeak NG keeps global state, so every call
// is serialised process-wide; run it off the GUI thread.
struct EspeakVoice {
    QString name;     // "English (America)"
    QString language; // "en-us": what `voice` accepts
};

// The voices eSpeak NG has (about 100 languages). Empty with an error when it cannot start.
Result<QList<EspeakVoice>> espeakVoices();

// Synthesises `text` with the voice for `voice` (a language like "en", "en-us", "zh", "de", or a
// voice name; empty: "en"). `speed` 0.25-4.0 maps to words per minute (175 x speed within
// eSpeak's 80-450; the rest by pitch-preserving time stretching). Fails for empty text, an
// unknown voice or a speed out of range; ErrorCode::Cancelled when `cancel` is set. Blocking.
Result<SynthesizedSpeech> espeakSynthesize(const QString &text, const QString &voice, double speed,
                                           const std::atomic_bool *cancel = nullptr);

// The `local` speech provider behind the SpeechClient interface (runs on the thread pool).
class LocalSpeechClient : public SpeechClient {
public:
    QCoro::Task<Result<SynthesizedSpeech>>
    synthesize(SpeechRequest request, std::shared_ptr<HttpControl> control) override;
};

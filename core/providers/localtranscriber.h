#pragma once

#include "sphinxrecognizer.h"
#include "transcript.h"
#include "transcriptionclient.h"
#include "voiceactivity.h"

#include <QFuture>

#include <atomic>
#include <functional>

// Offline transcription with PocketSphinx: the media is decoded to 16 kHz mono, split at
// silences into utterances, and the utterances are recognised in parallel, one decoder per
// worker (each worker seeks its own AudioDecoder to its utterances, so memory stays small).
struct LocalTranscriptionOptions {
    SphinxModel model = SphinxModel::debianDefault();
    int workers = 0; // 0: one per core
    int streamIndex = -1;
    qint64 rangeStartMs = 0;
    qint64 rangeEndMs = -1; // -1: to the end
    qint64 maxUtteranceMs = 15000;
};

// Utterances for recognition from voice activity: speech segments padded, joined across short
// pauses and capped at `maxUtteranceMs` (longer speech is cut at its quietest frame). Pure.
QList<SpeechSegment> utterancesFromSpeech(const VadResult &vad, qint64 maxUtteranceMs);

// Blocking; any thread (use from the thread pool). `progress` gets 0..1 (may be empty).
Result<Transcript> transcribeLocally(const QString &path, const LocalTranscriptionOptions &options,
                                     const std::atomic_bool *cancel,
                                     const std::function<void(double)> &progress = {});

// The `local` provider: transcribeLocally on the thread pool behind the TranscriptionClient
// interface. Cancelling the control stops the workers promptly.
class LocalTranscriptionClient : public TranscriptionClient {
public:
    explicit LocalTranscriptionClient(LocalTranscriptionOptions options = {});
    ProviderCapabilities capabilities() const override;
    QCoro::Task<Result<Transcript>> transcribe(TranscriptionRequest request,
                                               std::shared_ptr<HttpControl> control,
                                               TranscriptionProgress progress) override;

private:
    LocalTranscriptionOptions m_options;
};

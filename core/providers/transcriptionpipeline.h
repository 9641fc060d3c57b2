#pragma once

#include "chunkencoder.h"
#include "transcriptionclient.h"
#include "voiceactivity.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

// How a media file will be sent to a provider, decided before anything is uploaded (shown to the
// user: "transcoded to FLAC, cut into 7 chunks of at most 5 min"). Pure data.
struct TranscriptionPlan {
    struct Chunk {
        qint64 startMs = 0; // in the media
        qint64 endMs = 0;
    };
    bool sendOriginal = false;  // the file is sent as is (format and limits fit)
    EncodeOptions encode;       // else each chunk is encoded like this
    QList<Chunk> chunks;        // in media time order; one chunk for the whole range if it fits
    bool timedBySpeech = false; // text-only provider: chunks are speech segments of a few seconds
    qint64 estimatedUploadBytes = 0;
    QString summary() const; // translated one-line description for the UI and CLI
};

struct PipelineOptions {
    int concurrency = 4;       // chunk requests in flight (capped by the provider's capability)
    qint64 rangeStartMs = 0;   // transcribe only [rangeStart, rangeEnd) of the media
    qint64 rangeEndMs = -1;    // -1: to the end
    int streamIndex = -1;      // audio stream; -1: best
    TranscriptionRequest base; // language, prompt, temperature, translate (audioPath is ignored)
    qint64 speechSegmentMaxMs = 8000; // text-only providers: speech segment length target
    QString workDirectory;            // where chunk files go (a temporary directory by default)
};

// Decides the plan for a media file and a provider. Pure except for reading `info`/`vad`.
// `vad` is needed when the provider has a duration/size limit the file exceeds or is text-only.
TranscriptionPlan planTranscription(const struct MediaInfo &info, const ProviderCapabilities &caps,
                                    const PipelineOptions &options, const VadResult *vad);

// Joins per-chunk transcripts (times relative to each chunk) into one transcript in media time:
// offsets applied, segments in order, words that repeat across a seam (same text within 300 ms)
// de-duplicated, timestamps made monotonic. Text-only chunk results become one segment spanning
// their chunk, flagged approximateTiming. Pure.
Transcript mergeChunkTranscripts(const QList<TranscriptionPlan::Chunk> &chunks,
                                 const QList<std::optional<Transcript>> &results,
                                 bool timedBySpeech);

// Runs a transcription of a media file through a provider: probe, plan (voice activity when the
// plan needs it), encode chunks on the thread pool, send them with bounded concurrency, merge.
// Finished chunks are kept when others fail; retryFailed() re-runs only the failed ones. Cancel at
// any point. GUI thread only; the pipeline owns its requests and cancels them when destroyed.
class TranscriptionPipeline : public QObject {
    Q_OBJECT
public:
    enum class Stage { Preparing, Uploading, Waiting, Receiving, Finished, Failed, Cancelled };
    Q_ENUM(Stage)
    enum class ChunkState { Pending, Encoding, Uploading, Waiting, Receiving, Done, Failed };
    Q_ENUM(ChunkState)

    TranscriptionPipeline(TranscriptionClient *client, QObject *parent = nullptr);
    ~TranscriptionPipeline() override;

    // Starts (or restarts) the job for `mediaPath`. Results arrive through the signals.
    void start(const QString &mediaPath, const PipelineOptions &options);
    void retryFailed();
    void cancel();

    Stage stage() const;
    const TranscriptionPlan &plan() const;
    int chunkCount() const;
    ChunkState chunkState(int index) const;
    QString chunkError(int index) const;
    double progress() const; // 0..1 over all chunks
    // Everything finished so far, merged, in media time (partial while running).
    Transcript transcript() const;

Q_SIGNALS:
    void planned(const TranscriptionPlan &plan);
    void stageChanged(TranscriptionPipeline::Stage stage);
    void chunkChanged(int index, TranscriptionPipeline::ChunkState state, double fraction);
    void partialText(int index, const QString &text); // streaming providers
    void partialTranscript(const Transcript &soFar);  // after each finished chunk
    void finished(const Transcript &transcript);      // all chunks done
    void failed(const QString &message);              // some chunks failed (others are kept)

private:
    struct Private;
    std::unique_ptr<Private> d;
};

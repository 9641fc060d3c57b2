#pragma once

// Private to the transcription pipeline (transcriptionpipeline.cpp, transcriptionrun.cpp).
#include "transcriptionpipeline.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QList>
#include <QTemporaryDir>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// Voice activity of [fromMs, toMs) of the media, times relative to fromMs.
using VadWindowAnalyser = std::function<Result<VadResult>(qint64 fromMs, qint64 toMs)>;

// planTranscription for a timed provider whose limit forces cuts, analysing only the windows in
// which the cuts are searched (at most 30 s before each chunk's limit) instead of the whole file:
// a 1-hour file cut every 5 minutes needs 6.5 minutes of audio decoded, not 60. Gives the cuts a
// whole-file analysis would (chooseSplitPoints on the same windows); other plans are
// planTranscription's without voice activity (the caller analyses the whole file for those).
Result<TranscriptionPlan> planTranscriptionWindowed(const struct MediaInfo &info,
                                                    const ProviderCapabilities &caps,
                                                    const PipelineOptions &options,
                                                    const VadWindowAnalyser &analyse);

// One run (start() to its end). Coroutines and callbacks hold it and check `active` after every
// co_await or emitted signal: false once the run was cancelled, restarted or the pipeline
// destroyed, and then they touch nothing else. Worker jobs stop on `cancel`.
struct PipelineRunToken {
    bool active = true; // GUI thread only
    std::atomic_bool cancel = false;
};

// A chunk's progress through encoding and its request.
struct PipelineChunk {
    TranscriptionPipeline::ChunkState state = TranscriptionPipeline::ChunkState::Pending;
    double fraction = 0.0;
    QString error;
    bool ready = false; // `file` holds the chunk as it is sent
    bool encoding = false;
    QString file;
    std::optional<Transcript> result;
    std::shared_ptr<HttpControl> control; // while the request runs
};

// The pipeline's state, shared by transcriptionpipeline.cpp (public API, state changes) and
// transcriptionrun.cpp (preparing, encoding, requests, scheduling, completion). GUI thread only,
// except `pool` jobs, which see only copies and the run token.
struct TranscriptionPipeline::Private {
    TranscriptionPipeline *q = nullptr;
    TranscriptionClient *client = nullptr;
    ProviderCapabilities caps;
    QString mediaPath;
    PipelineOptions options;
    TranscriptionPlan plan;
    bool planned = false;
    Stage stage = Stage::Preparing;
    QList<PipelineChunk> chunks;
    std::shared_ptr<PipelineRunToken> run;
    QThreadPool pool;
    std::unique_ptr<QTemporaryDir> chunkDir;
    int inFlight = 0;
    int encodesRunning = 0;
    bool stopLaunching = false;
    bool scheduling = false, rescheduled = false;
    bool rateTimerArmed = false;
    QElapsedTimer clock;
    qint64 lastRequestAtMs = -1;

    // Requests in flight at most: the options' concurrency, capped by the provider's.
    int limit() const
    {
        const int cap = caps.maxConcurrency > 0 ? caps.maxConcurrency : options.concurrency;
        return std::max(1, std::min(options.concurrency, cap));
    }
    void stopRun();
    void setStage(Stage s);
    void setChunk(int i, ChunkState state, double fraction);
    void updateStage();
    QCoro::Task<> prepare(std::shared_ptr<PipelineRunToken> run);
    QCoro::Task<> encodeChunk(int i, std::shared_ptr<PipelineRunToken> run);
    QCoro::Task<> requestChunk(int i, std::shared_ptr<PipelineRunToken> run);
    void schedule();
    void scheduleOnce(const std::shared_ptr<PipelineRunToken> &run);
    void maybeComplete(const std::shared_ptr<PipelineRunToken> &run);
    void fail(const QString &message);
};

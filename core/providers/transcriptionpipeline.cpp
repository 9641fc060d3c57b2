// TranscriptionPipeline: public API and state changes. The running part (prepare, encode,
// requests, scheduling) is in transcriptionrun.cpp.
#include "transcriptionpipeline_p.h"

#include <QThread>

#include <algorithm>
#include <utility>

using Stage = TranscriptionPipeline::Stage;
using ChunkState = TranscriptionPipeline::ChunkState;
using RunToken = PipelineRunToken;
using ChunkRun = PipelineChunk;

namespace {

constexpr int kMaxEncodeThreads = 2; // encoding is CPU-bound; leave the GUI thread a core

} // namespace

// Ends the current run without signals: nothing of it runs or reports afterwards. Encoders and
// voice activity check the cancel flag per block, so waiting for the pool takes milliseconds.
void TranscriptionPipeline::Private::stopRun()
{
    if (run) {
        run->active = false;
        run->cancel = true;
    }
    QList<std::shared_ptr<HttpControl>> controls;
    for (ChunkRun &c : chunks) {
        if (c.control)
            controls.append(std::exchange(c.control, {}));
        if (c.state != ChunkState::Done && c.state != ChunkState::Failed)
            c.state = ChunkState::Pending;
        c.encoding = false;
    }
    for (const std::shared_ptr<HttpControl> &control : std::as_const(controls))
        control->cancel(); // may resume request coroutines right here; they see !active
    pool.waitForDone();
    chunkDir.reset(); // removes the chunk files
    for (ChunkRun &c : chunks) {
        if (c.file != mediaPath)
            c.ready = false;
    }
    inFlight = encodesRunning = 0;
    scheduling = rescheduled = rateTimerArmed = false;
}

void TranscriptionPipeline::Private::setStage(Stage s)
{
    if (stage == s)
        return;
    stage = s;
    Q_EMIT q->stageChanged(s);
}

void TranscriptionPipeline::Private::setChunk(int i, ChunkState state, double fraction)
{
    chunks[i].state = state;
    chunks[i].fraction = fraction;
    Q_EMIT q->chunkChanged(i, state, fraction);
}

// The overall stage while chunks run: uploading wins (its percentage is what people watch), then
// receiving, then waiting; Preparing while only encoding (or waiting for a rate-limit slot).
void TranscriptionPipeline::Private::updateStage()
{
    if (stage == Stage::Finished || stage == Stage::Failed || stage == Stage::Cancelled)
        return;
    bool uploading = false, receiving = false, waiting = false;
    for (const ChunkRun &c : std::as_const(chunks)) {
        uploading = uploading || c.state == ChunkState::Uploading;
        receiving = receiving || c.state == ChunkState::Receiving;
        waiting = waiting || c.state == ChunkState::Waiting;
    }
    setStage(uploading   ? Stage::Uploading
             : receiving ? Stage::Receiving
             : waiting   ? Stage::Waiting
                         : Stage::Preparing);
}

TranscriptionPipeline::TranscriptionPipeline(TranscriptionClient *client, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->client = client;
    d->pool.setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 1, kMaxEncodeThreads));
    d->clock.start();
}

// Cancels requests and encoders without signals; request coroutines still suspended in the client
// resume later, see their run inactive and end without touching this object.
TranscriptionPipeline::~TranscriptionPipeline()
{
    d->stopRun();
}

void TranscriptionPipeline::start(const QString &mediaPath, const PipelineOptions &options)
{
    d->stopRun();
    d->run = std::make_shared<RunToken>();
    d->caps = d->client->capabilities();
    d->mediaPath = mediaPath;
    d->options = options;
    d->plan = {};
    d->planned = false;
    d->chunks.clear();
    d->stopLaunching = false;
    d->lastRequestAtMs = -1;
    d->stage = Stage::Preparing;
    Q_EMIT stageChanged(Stage::Preparing);
    (void)d->prepare(d->run);
}

void TranscriptionPipeline::retryFailed()
{
    if (d->stage != Stage::Failed || !d->run || !d->run->active)
        return;
    if (!d->planned) { // probing or planning failed: start over
        start(d->mediaPath, d->options);
        return;
    }
    for (ChunkRun &c : d->chunks) {
        if (c.state == ChunkState::Failed || c.state == ChunkState::Pending) {
            c.state = ChunkState::Pending;
            c.error.clear();
        }
    }
    d->stopLaunching = false;
    d->setStage(Stage::Preparing);
    if (d->run->active)
        d->schedule();
}

void TranscriptionPipeline::cancel()
{
    if (!d->run || !d->run->active || d->stage == Stage::Finished || d->stage == Stage::Cancelled)
        return;
    d->stopRun();
    d->setStage(Stage::Cancelled);
}

TranscriptionPipeline::Stage TranscriptionPipeline::stage() const
{
    return d->stage;
}

const TranscriptionPlan &TranscriptionPipeline::plan() const
{
    return d->plan;
}

int TranscriptionPipeline::chunkCount() const
{
    return int(d->chunks.size());
}

TranscriptionPipeline::ChunkState TranscriptionPipeline::chunkState(int index) const
{
    return index >= 0 && index < d->chunks.size() ? d->chunks[index].state : ChunkState::Pending;
}

QString TranscriptionPipeline::chunkError(int index) const
{
    return index >= 0 && index < d->chunks.size() ? d->chunks[index].error : QString();
}

// Weighted by chunk length: encoding is the first 10% of a chunk, uploading up to 40%, waiting
// up to 90% (when the client reports a fraction), receiving the rest.
double TranscriptionPipeline::progress() const
{
    if (d->stage == Stage::Finished)
        return 1.0; // also when there was nothing to send (no speech)
    double done = 0.0, total = 0.0;
    for (qsizetype i = 0; i < d->chunks.size(); ++i) {
        const ChunkRun &c = d->chunks[i];
        const double weight =
            double(std::max<qint64>(1, d->plan.chunks[i].endMs - d->plan.chunks[i].startMs));
        const double f = std::clamp(c.fraction, 0.0, 1.0);
        double p = 0.0;
        switch (c.state) {
        case ChunkState::Pending:
            p = c.ready && !d->plan.sendOriginal ? 0.1 : 0.0;
            break;
        case ChunkState::Encoding:
            p = 0.1 * f;
            break;
        case ChunkState::Uploading:
            p = 0.1 + 0.3 * f;
            break;
        case ChunkState::Waiting:
            p = 0.4 + 0.5 * f;
            break;
        case ChunkState::Receiving:
            p = 0.9 + 0.1 * f;
            break;
        case ChunkState::Done:
            p = 1.0;
            break;
        case ChunkState::Failed:
            break;
        }
        done += weight * p;
        total += weight;
    }
    return total > 0 ? done / total : 0.0;
}

Transcript TranscriptionPipeline::transcript() const
{
    QList<std::optional<Transcript>> results;
    results.reserve(d->chunks.size());
    for (const ChunkRun &c : std::as_const(d->chunks))
        results.append(c.result);
    return mergeChunkTranscripts(d->plan.chunks, results, d->plan.timedBySpeech);
}

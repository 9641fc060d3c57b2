// The running part of TranscriptionPipeline: probe and plan on the thread pool, encode chunks
// ahead on the thread pool, send them with bounded concurrency as coroutines on the GUI thread,
// merge as they finish, and decide when the run has finished or failed.
#include "audiodecoder.h"
#include "mediainfo.h"
#include "transcriptionpipeline_p.h"

#include <QCoroFuture>
#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QTimer>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using Stage = TranscriptionPipeline::Stage;
using ChunkState = TranscriptionPipeline::ChunkState;
using RunToken = PipelineRunToken;
using ChunkRun = PipelineChunk;

namespace {

constexpr double kProgressStep = 0.05; // encode progress is posted in steps of this

struct Prepared {
    MediaInfo info;
    TranscriptionPlan plan;
};

// Whether a failure means every other request would fail the same way (key, billing, quota):
// then no further chunks are started.
bool stopsEverything(const Error &e)
{
    return e.httpStatus == 401 || e.httpStatus == 402 || e.httpStatus == 403 ||
           (e.httpStatus == 429 && !e.retryable);
}

// Voice activity of parts of a file, for planTranscriptionWindowed: one decoder, seeking to each
// window (sample accurate) and analysing just it. Worker thread.
class WindowAnalyser {
public:
    WindowAnalyser(QString path, int streamIndex, const std::atomic_bool *cancel)
        : m_path(std::move(path))
        , m_streamIndex(streamIndex)
        , m_cancel(cancel)
    {}

    Result<VadResult> analyse(qint64 fromMs, qint64 toMs)
    {
        constexpr int kRate = 16000;
        if (!m_decoder) {
            Result<std::unique_ptr<AudioDecoder>> opened =
                AudioDecoder::open(m_path, DecodeOptions{m_streamIndex, kRate, -1}, m_cancel);
            if (!opened)
                return opened.error();
            m_decoder = std::move(*opened);
        }
        if (Result<void> r = m_decoder->seek(fromMs); !r)
            return r.error();
        VoiceActivityDetector detector(kRate);
        const qint64 wanted = (toMs - fromMs) * kRate / 1000;
        std::vector<float> block;
        for (qint64 fed = 0; fed < wanted;) {
            block.clear();
            const Result<qint64> got = m_decoder->read(block);
            if (!got)
                return got.error();
            if (*got == 0)
                break;
            const qint64 n = std::min<qint64>(qint64(block.size()), wanted - fed);
            detector.feed(block.data(), n);
            fed += n;
            if (m_cancel && m_cancel->load(std::memory_order_relaxed))
                return makeError(ErrorCode::Cancelled,
                                 TranscriptionPipeline::tr("Speech detection was cancelled."));
        }
        return detector.finish();
    }

private:
    QString m_path;
    int m_streamIndex;
    const std::atomic_bool *m_cancel;
    std::unique_ptr<AudioDecoder> m_decoder;
};

} // namespace

QCoro::Task<> TranscriptionPipeline::Private::prepare(std::shared_ptr<RunToken> run)
{
    const QString path = mediaPath;
    const PipelineOptions opts = options;
    const ProviderCapabilities c = caps;
    // Futures and tasks are named before co_await: GCC 12 mishandles lambda temporaries in a
    // co_await operand (captures destroyed twice).
    QFuture<Result<Prepared>> job =
        QtConcurrent::run(&pool, [path, opts, c, run]() -> Result<Prepared> {
            Result<MediaInfo> info = probeMedia(path);
            if (!info)
                return info.error();
            Prepared p{*info, planTranscription(*info, c, opts, nullptr)};
            if (p.info.durationMs >= 0 && !p.plan.timedBySpeech && p.plan.chunks.size() > 1) {
                // Cuts at silences: only the windows where cuts are searched are analysed.
                WindowAnalyser analyser(path, opts.streamIndex, &run->cancel);
                Result<TranscriptionPlan> plan =
                    planTranscriptionWindowed(p.info, c, opts, [&analyser](qint64 from, qint64 to) {
                        return analyser.analyse(from, to);
                    });
                if (!plan)
                    return plan.error();
                p.plan = *plan;
            } else if (p.plan.timedBySpeech || p.info.durationMs < 0) {
                // Timing text by speech needs all of it; so does a container that does not state
                // its duration.
                Result<VadResult> vad =
                    detectSpeechInFile(path, opts.streamIndex, VadOptions{}, &run->cancel);
                if (!vad)
                    return vad.error();
                if (p.info.durationMs < 0)
                    p.info.durationMs = vad->durationMs;
                p.plan = planTranscription(p.info, c, opts, &*vad);
            }
            return p;
        });
    Result<Prepared> prepared = co_await job;
    if (!run->active)
        co_return;
    if (!prepared) {
        fail(prepared.error().message);
        co_return;
    }
    plan = prepared->plan;
    planned = true;
    if (plan.chunks.isEmpty() && !plan.timedBySpeech) { // (text only: no speech, no chunks)
        fail(tr("The selected range is empty."));
        co_return;
    }
    if (!plan.sendOriginal) {
        const QString base =
            options.workDirectory.isEmpty() ? QDir::tempPath() : options.workDirectory;
        QDir().mkpath(base);
        chunkDir = std::make_unique<QTemporaryDir>(base + u"/captioneer-chunks-XXXXXX"_s);
        if (!chunkDir->isValid()) {
            fail(tr("Cannot create a folder for the audio chunks in %1: %2")
                     .arg(QDir::toNativeSeparators(base), chunkDir->errorString()));
            co_return;
        }
    }
    chunks = QList<ChunkRun>(plan.chunks.size());
    if (plan.sendOriginal) {
        chunks[0].ready = true;
        chunks[0].file = mediaPath;
    }
    Q_EMIT q->planned(plan);
    if (run->active)
        schedule();
}

QCoro::Task<> TranscriptionPipeline::Private::encodeChunk(int i, std::shared_ptr<RunToken> run)
{
    ChunkRun &c = chunks[i];
    c.encoding = true;
    ++encodesRunning;
    const QString out = chunkDir->filePath(
        u"chunk-%1.%2"_s.arg(i, 5, 10, QLatin1Char('0')).arg(chunkExtension(plan.encode.format)));
    const TranscriptionPlan::Chunk span = plan.chunks[i];
    const QString path = mediaPath;
    const int stream = options.streamIndex;
    const EncodeOptions encode = plan.encode;
    TranscriptionPipeline *pipeline = q;
    setChunk(i, ChunkState::Encoding, 0.0);
    if (!run->active)
        co_return;
    // Progress is posted to the GUI thread; the destructor waits for the pool, so `pipeline`
    // outlives every post, and a post is dropped when the run has ended.
    QFuture<Result<void>> job = QtConcurrent::run(&pool, [=, this] {
        double posted = 0.0;
        auto progress = [&](double f) {
            if (f - posted < kProgressStep || run->cancel)
                return;
            posted = f;
            QMetaObject::invokeMethod(
                pipeline,
                [this, run, i, f] {
                    if (run->active && chunks[i].state == ChunkState::Encoding)
                        setChunk(i, ChunkState::Encoding, f);
                },
                Qt::QueuedConnection);
        };
        return encodeRangeToFile(path, stream, span.startMs, span.endMs, encode, out, &run->cancel,
                                 progress);
    });
    Result<void> r = co_await job;
    if (!run->active)
        co_return;
    --encodesRunning;
    chunks[i].encoding = false;
    if (r) {
        chunks[i].ready = true;
        chunks[i].file = out;
        setChunk(i, ChunkState::Pending, 0.0);
    } else {
        chunks[i].error = r.error().toString(); // with the provider's words and status
        setChunk(i, ChunkState::Failed, 0.0);
    }
    if (run->active)
        schedule();
}

QCoro::Task<> TranscriptionPipeline::Private::requestChunk(int i, std::shared_ptr<RunToken> run)
{
    auto control = std::make_shared<HttpControl>();
    chunks[i].control = control;
    chunks[i].error.clear();
    ++inFlight;
    lastRequestAtMs = clock.elapsed();
    const TranscriptionPlan::Chunk span = plan.chunks[i];
    TranscriptionRequest request = options.base;
    request.audioPath = chunks[i].file;
    request.mimeType = plan.sendOriginal ? QMimeDatabase().mimeTypeForFile(mediaPath).name()
                                         : chunkMimeType(plan.encode.format);
    request.durationMs = span.endMs - span.startMs;
    TranscriptionProgress progress;
    // Callbacks of this request only while it is the chunk's current one (a late call after it
    // ended, or from an earlier attempt, is ignored).
    HttpControl *current = control.get();
    progress.onStage = [this, run, i, current](TranscriptionProgress::Stage s, double fraction) {
        if (!run->active || chunks[i].control.get() != current)
            return;
        setChunk(i,
                 s == TranscriptionProgress::Stage::Uploading ? ChunkState::Uploading
                 : s == TranscriptionProgress::Stage::Waiting ? ChunkState::Waiting
                                                              : ChunkState::Receiving,
                 fraction);
        if (run->active)
            updateStage();
    };
    progress.onPartialText = [this, run, i, current](const QString &text) {
        if (run->active && chunks[i].control.get() == current)
            Q_EMIT q->partialText(i, text);
    };
    setChunk(i, ChunkState::Uploading, 0.0);
    if (!run->active)
        co_return;
    updateStage();
    if (!run->active)
        co_return;
    QCoro::Task<Result<Transcript>> task =
        client->transcribe(std::move(request), control, std::move(progress));
    Result<Transcript> r = co_await task;
    if (!run->active)
        co_return;
    --inFlight;
    chunks[i].control.reset();
    if (r) {
        chunks[i].result = std::move(r.value());
        if (chunks[i].file != mediaPath)
            QFile::remove(chunks[i].file); // not needed again
        chunks[i].ready = false;
        setChunk(i, ChunkState::Done, 1.0);
        if (!run->active)
            co_return;
        Q_EMIT q->partialTranscript(q->transcript());
    } else {
        chunks[i].error = r.error().toString(); // with the provider's words and status
        stopLaunching = stopLaunching || stopsEverything(r.error());
        setChunk(i, ChunkState::Failed, 0.0);
    }
    if (run->active)
        schedule();
}

// Re-entrant calls (a signal handler or a synchronously finished request calling back) only mark
// that another pass is due.
void TranscriptionPipeline::Private::schedule()
{
    if (scheduling) {
        rescheduled = true;
        return;
    }
    const std::shared_ptr<RunToken> run = this->run;
    scheduling = true;
    do {
        rescheduled = false;
        scheduleOnce(run);
        if (!run->active)
            return; // the run ended inside (maybe with this object): touch nothing
    } while (rescheduled);
    scheduling = false;
}

void TranscriptionPipeline::Private::scheduleOnce(const std::shared_ptr<RunToken> &run)
{
    if (stage == Stage::Finished || stage == Stage::Failed || stage == Stage::Cancelled)
        return;
    const int n = int(chunks.size());
    // Requests first (whatever is ready), so the encode-ahead below refills behind them.
    while (inFlight < limit() && !stopLaunching) {
        int next = -1;
        for (int i = 0; i < n && next < 0; ++i) {
            if (chunks[i].state == ChunkState::Pending && chunks[i].ready)
                next = i;
        }
        if (next < 0)
            break;
        if (caps.requestsPerMinute > 0 && lastRequestAtMs >= 0) {
            // Simple spacing: one request start per 60/rpm seconds.
            const qint64 due = lastRequestAtMs + 60000 / caps.requestsPerMinute;
            if (clock.elapsed() < due) {
                if (!rateTimerArmed) {
                    rateTimerArmed = true;
                    QTimer::singleShot(due - clock.elapsed(), q, [this, run] {
                        if (!run->active)
                            return;
                        rateTimerArmed = false;
                        schedule();
                    });
                }
                break;
            }
        }
        (void)requestChunk(next, run);
        if (!run->active)
            return;
    }
    if (!stopLaunching && !plan.sendOriginal) {
        // Then encode ahead, up to `limit` chunks ready or being encoded, so a request slot that
        // frees up rarely waits for the encoder.
        int queued = encodesRunning;
        for (const ChunkRun &c : std::as_const(chunks))
            queued += c.state == ChunkState::Pending && c.ready ? 1 : 0;
        for (int i = 0; i < n && queued < limit(); ++i) {
            if (chunks[i].state != ChunkState::Pending || chunks[i].ready || chunks[i].encoding)
                continue;
            (void)encodeChunk(i, run); // runs detached; ends by itself
            if (!run->active)
                return;
            ++queued;
        }
    }
    updateStage();
    if (run->active)
        maybeComplete(run);
}

// Finished when every chunk is done; failed when nothing runs any more and some chunk failed (or
// was not started after a failure that would repeat).
void TranscriptionPipeline::Private::maybeComplete(const std::shared_ptr<RunToken> &run)
{
    if (inFlight > 0 || encodesRunning > 0)
        return;
    int failedCount = 0, pendingCount = 0;
    QString firstError;
    for (const ChunkRun &c : std::as_const(chunks)) {
        if (c.state == ChunkState::Failed && firstError.isEmpty())
            firstError = c.error;
        failedCount += c.state == ChunkState::Failed ? 1 : 0;
        pendingCount += c.state == ChunkState::Pending ? 1 : 0;
    }
    if (pendingCount > 0 && !stopLaunching)
        return; // waiting for a rate-limit slot
    if (failedCount == 0 && pendingCount == 0) {
        chunkDir.reset();
        setStage(Stage::Finished);
        if (run->active)
            Q_EMIT q->finished(q->transcript());
        return;
    }
    const int missing = failedCount + pendingCount;
    if (chunks.size() == 1)
        fail(firstError);
    else
        fail(tr("%1 of %n chunk(s) could not be transcribed (the finished ones are kept): %2",
                nullptr, int(chunks.size()))
                 .arg(missing)
                 .arg(firstError));
}

void TranscriptionPipeline::Private::fail(const QString &message)
{
    const std::shared_ptr<RunToken> token = run;
    setStage(Stage::Failed);
    if (token->active)
        Q_EMIT q->failed(message);
}

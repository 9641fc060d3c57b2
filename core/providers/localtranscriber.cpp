#include "localtranscriber.h"

#include "audiodecoder.h"
#include "providerprofile.h"

#include <QCoreApplication>
#include <QCoroFuture>
#include <QPointer>
#include <QThread>
#include <QtConcurrent>

#include <cmath>
#include <mutex>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LocalTranscriber)
};

constexpr qint64 kJoinPauseMs = 400; // pauses shorter than this stay inside one utterance
constexpr qint64 kPaddingMs = 150;   // silence kept around an utterance helps the recogniser

// Cuts [start, end) into pieces of at most `maxMs` at the quietest frames.
void appendCapped(const VadResult &vad, qint64 start, qint64 end, qint64 maxMs,
                  QList<SpeechSegment> *out)
{
    while (end - start > maxMs) {
        // The quietest frame in the last third of the allowed span.
        const qint64 from = start + maxMs * 2 / 3, to = start + maxMs;
        qint64 cut = to;
        float quietest = std::numeric_limits<float>::max();
        for (qint64 t = from; t < to; t += vad.frameMs) {
            const size_t f = size_t(t / vad.frameMs);
            if (f < vad.frameEnergyDb.size() && vad.frameEnergyDb[f] < quietest) {
                quietest = vad.frameEnergyDb[f];
                cut = t;
            }
        }
        out->append({start, cut});
        start = cut;
    }
    out->append({start, end});
}

QString displayWord(QString w, bool sentenceStart)
{
    if (w == u"i" || w.startsWith(u"i'"))
        w[0] = u'I';
    if (sentenceStart && !w.isEmpty())
        w[0] = w[0].toUpper();
    return w;
}

} // namespace

QList<SpeechSegment> utterancesFromSpeech(const VadResult &vad, qint64 maxUtteranceMs)
{
    QList<SpeechSegment> joined;
    for (const SpeechSegment &s : vad.speech) {
        if (!joined.isEmpty() && s.start - joined.last().end < kJoinPauseMs &&
            s.end - joined.last().start <= maxUtteranceMs)
            joined.last().end = s.end;
        else
            joined.append(s);
    }
    QList<SpeechSegment> out;
    for (const SpeechSegment &s : std::as_const(joined)) {
        const qint64 start = std::max<qint64>(0, s.start - kPaddingMs);
        const qint64 end =
            vad.durationMs > 0 ? std::min(vad.durationMs, s.end + kPaddingMs) : s.end + kPaddingMs;
        appendCapped(vad, out.isEmpty() ? start : std::max(start, out.last().end), end,
                     maxUtteranceMs, &out);
    }
    return out;
}

Result<Transcript> transcribeLocally(const QString &path, const LocalTranscriptionOptions &options,
                                     const std::atomic_bool *cancel,
                                     const std::function<void(double)> &progress)
{
    if (auto ok = options.model.check(); !ok)
        return ok.error();
    // 1. Where is speech? (streams through the file; a tenth of the work)
    VadOptions vadOptions;
    vadOptions.minSilenceMs = 300;
    auto vad = detectSpeechInFile(path, options.streamIndex, vadOptions, cancel, [&](qint64 ms) {
        if (progress && vadOptions.frameMs > 0)
            progress(0.0); // decoding for VAD: progress starts once recognition runs
        Q_UNUSED(ms);
    });
    if (!vad)
        return vad.error();
    QList<SpeechSegment> utterances = utterancesFromSpeech(*vad, options.maxUtteranceMs);
    const qint64 rangeEnd = options.rangeEndMs < 0 ? vad->durationMs : options.rangeEndMs;
    utterances.removeIf([&](const SpeechSegment &u) {
        return u.end <= options.rangeStartMs || u.start >= rangeEnd;
    });
    for (SpeechSegment &u : utterances) {
        u.start = std::max(u.start, options.rangeStartMs);
        u.end = std::min(u.end, rangeEnd);
    }

    // 2. Recognise utterances in parallel; each worker owns a decoder and an AudioDecoder.
    const int workers =
        std::clamp(options.workers > 0 ? options.workers : QThread::idealThreadCount(), 1,
                   std::max<int>(1, int(utterances.size())));
    std::vector<std::optional<Words>> results(size_t(utterances.size()));
    std::atomic_int next = 0;
    std::atomic<qint64> doneMs = 0;
    qint64 totalMs = 0;
    for (const SpeechSegment &u : std::as_const(utterances))
        totalMs += u.end - u.start;
    std::mutex errorMutex;
    std::optional<Error> firstError;
    std::atomic_bool stop = false;
    auto worker = [&] {
        auto recognizer = SphinxRecognizer::create(options.model);
        auto decoder =
            AudioDecoder::open(path, DecodeOptions{options.streamIndex, 16000, -1}, cancel);
        if (!recognizer || !decoder) {
            std::lock_guard lock(errorMutex);
            firstError = !recognizer ? recognizer.error() : decoder.error();
            stop = true;
            return;
        }
        std::vector<float> floats;
        std::vector<qint16> pcm;
        for (int i = next++; i < utterances.size() && !stop && !(cancel && *cancel); i = next++) {
            const SpeechSegment u = utterances[i];
            floats.clear();
            auto sought = (*decoder)->seek(u.start);
            const qint64 wanted = (u.end - u.start) * 16;
            while (sought && qint64(floats.size()) < wanted) {
                auto n = (*decoder)->read(floats);
                if (!n || *n == 0)
                    break;
            }
            floats.resize(size_t(std::min<qint64>(wanted, qint64(floats.size()))));
            pcm.resize(floats.size());
            for (size_t k = 0; k < floats.size(); ++k)
                pcm[k] = qint16(std::lrint(std::clamp(floats[k], -1.0f, 1.0f) * 32767.0f));
            auto words = (*recognizer)->recognize(pcm.data(), qint64(pcm.size()), u.start, cancel);
            if (!words) {
                std::lock_guard lock(errorMutex);
                if (!firstError)
                    firstError = words.error();
                stop = true;
                return;
            }
            results[size_t(i)] = std::move(words).value();
            const qint64 done = doneMs += u.end - u.start;
            if (progress && totalMs > 0)
                progress(double(done) / double(totalMs));
        }
    };
    QList<QFuture<void>> running;
    for (int w = 1; w < workers; ++w)
        running.append(QtConcurrent::run(worker));
    worker(); // this thread is a worker too
    for (QFuture<void> &f : running)
        f.waitForFinished();
    if (cancel && *cancel)
        return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
    if (firstError)
        return *firstError;

    // 3. Utterances become segments.
    Transcript t;
    t.language = QStringLiteral("en");
    t.duration = vad->durationMs;
    t.provider = QStringLiteral("local");
    t.model = QStringLiteral("pocketsphinx-en-us");
    for (int i = 0; i < utterances.size(); ++i) {
        const Words &words = *results[size_t(i)];
        if (words.isEmpty())
            continue;
        TranscriptSegment seg;
        seg.start = words.first().start;
        seg.end = words.last().end;
        QStringList texts;
        for (int k = 0; k < words.size(); ++k) {
            Word w = words[k];
            w.text = displayWord(w.text, k == 0);
            texts.append(w.text);
            seg.words.append(w);
        }
        seg.text = texts.join(u' ');
        t.segments.append(seg);
    }
    QStringList all;
    for (const TranscriptSegment &s : std::as_const(t.segments))
        all.append(s.text);
    t.text = all.join(u' ');
    return t;
}

LocalTranscriptionClient::LocalTranscriptionClient(LocalTranscriptionOptions options)
    : m_options(std::move(options))
{}

ProviderCapabilities LocalTranscriptionClient::capabilities() const
{
    return builtInProfile(QStringLiteral("local")).capabilities();
}

QCoro::Task<Result<Transcript>>
LocalTranscriptionClient::transcribe(TranscriptionRequest request,
                                     std::shared_ptr<HttpControl> control,
                                     TranscriptionProgress progress)
{
    // The worker reads the cancel flag; the control (GUI thread) sets it.
    auto cancel = std::make_shared<std::atomic_bool>(false);
    QObject::connect(control.get(), &HttpControl::cancelled, control.get(),
                     [cancel] { *cancel = true; });
    if (control->isCancelled())
        *cancel = true;
    const LocalTranscriptionOptions options = m_options;
    QPointer<HttpControl> guard = control.get();
    auto report = [guard, onStage = progress.onStage](double fraction) {
        if (!onStage)
            return;
        QMetaObject::invokeMethod(guard.data(), [guard, onStage, fraction] {
            if (guard)
                onStage(TranscriptionProgress::Stage::Receiving, fraction);
        });
    };
    QFuture<Result<Transcript>> future = QtConcurrent::run([request, options, cancel, report] {
        return transcribeLocally(request.audioPath, options, cancel.get(), report);
    });
    co_return co_await future;
}

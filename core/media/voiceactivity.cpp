#include "voiceactivity.h"

#include "audiodecoder.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <utility>

namespace {

constexpr double kDigitalSilenceDb = -120.0;
constexpr qint64 kProgressStepMs = 250; // decoded audio between progress reports
constexpr double kExcluded = std::numeric_limits<double>::infinity();

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(VoiceActivity)
};

// Sample at which frame `index` ends. Frames are exactly frameMs long on average (their sample
// counts alternate when sampleRate * frameMs is not a multiple of 1000), so frame i always covers
// [i * frameMs, (i + 1) * frameMs) and long files do not drift.
qint64 frameEndSample(qint64 index, int frameMs, int sampleRate)
{
    return (index + 1) * frameMs * sampleRate / 1000;
}

// Noise floor per frame, computed with hindsight once all energies are known:
//   floor[i] = min over j of (e[j] + rise * |i - j|)
// i.e. the highest curve that never exceeds the energy and changes by at most `rise` dB per frame.
// The forward pass alone is the classic causal tracker (falls immediately, rises slowly); the
// backward pass gives the start of a file the floor of its first pause instead of whatever level
// it starts with (speech at t = 0 would otherwise be taken as background). A windowed percentile
// would need a window length tuned to pause lengths; this has no parameter beyond the rise rate.
// Frames below absoluteSilenceDb (digital silence, dropouts) are left out: they are silence
// anyway, and would drag the floor far below the real background for many seconds around them.
// Consequence: a stationary sound (hum, constant tone) is background however loud it is, except
// for (level - floor - offsetDb) / floorRiseDbPerSec seconds after its start and before its end.
std::vector<double> noiseFloor(const std::vector<float> &energyDb, const VadOptions &o)
{
    const double rise = std::max(0.0, o.floorRiseDbPerSec) * o.frameMs / 1000.0;
    const size_t n = energyDb.size();
    std::vector<double> floor(n);
    double f = kExcluded;
    for (size_t i = 0; i < n; ++i) {
        const double e = energyDb[i] < o.absoluteSilenceDb ? kExcluded : double(energyDb[i]);
        f = std::min(e, f + rise);
        floor[i] = f;
    }
    f = kExcluded;
    for (size_t i = n; i-- > 0;) {
        const double e = energyDb[i] < o.absoluteSilenceDb ? kExcluded : double(energyDb[i]);
        f = std::min(e, f + rise);
        floor[i] = std::min(floor[i], f);
    }
    return floor;
}

// Hysteresis applied in both directions (possible with hindsight): a segment is a maximal run of
// frames at or above floor + offsetDb that contains at least one frame above floor + onsetDb, so
// onsets and offsets are both placed at the lower threshold.
QList<SpeechSegment> classify(const std::vector<float> &energyDb, const VadOptions &o,
                              qint64 durationMs)
{
    const std::vector<double> floor = noiseFloor(energyDb, o);
    QList<SpeechSegment> runs;
    const qint64 n = qint64(energyDb.size());
    qint64 runStart = -1;
    bool hasOnset = false;
    for (qint64 i = 0; i <= n; ++i) {
        bool sustain = false;
        if (i < n && energyDb[size_t(i)] >= o.absoluteSilenceDb) {
            const double e = energyDb[size_t(i)];
            const bool onset = e > floor[size_t(i)] + o.onsetDb;
            sustain = onset || e >= floor[size_t(i)] + o.offsetDb;
            hasOnset = hasOnset || onset;
        }
        if (sustain && runStart < 0)
            runStart = i;
        if (!sustain && runStart >= 0) {
            if (hasOnset)
                runs.append({runStart * o.frameMs, std::min(i * o.frameMs, durationMs)});
            runStart = -1;
            hasOnset = false;
        }
    }

    QList<SpeechSegment> bridged; // pauses shorter than minSilenceMs are part of the speech
    for (const SpeechSegment &s : std::as_const(runs)) {
        if (!bridged.isEmpty() && s.start - bridged.last().end < o.minSilenceMs)
            bridged.last().end = s.end;
        else
            bridged.append(s);
    }

    QList<SpeechSegment> result;
    for (const SpeechSegment &s : std::as_const(bridged)) {
        if (s.end - s.start < o.minSpeechMs)
            continue;
        const qint64 start = std::max<qint64>(0, s.start - o.paddingMs);
        const qint64 end = std::min(durationMs, s.end + o.paddingMs);
        if (!result.isEmpty() && start <= result.last().end)
            result.last().end = end;
        else
            result.append({start, end});
    }
    return result;
}

} // namespace

VoiceActivityDetector::VoiceActivityDetector(int sampleRate, const VadOptions &options)
    : m_sampleRate(std::max(1, sampleRate))
    , m_options(options)
{
    // Every frame needs at least one sample.
    m_options.frameMs = std::max(options.frameMs, (1000 + m_sampleRate - 1) / m_sampleRate);
    m_frameSamples = frameEndSample(0, m_options.frameMs, m_sampleRate);
}

void VoiceActivityDetector::feed(const float *samples, qint64 count)
{
    for (qint64 i = 0; i < count; ++i) {
        const double s = samples[i];
        m_sumSquares += s * s;
        if (++m_inFrame == m_frameSamples)
            endFrame();
    }
}

void VoiceActivityDetector::endFrame()
{
    const double meanSquare = m_inFrame > 0 ? m_sumSquares / double(m_inFrame) : 0.0;
    const double db = meanSquare > 0.0 ? 10.0 * std::log10(meanSquare) : kDigitalSilenceDb;
    m_energyDb.push_back(float(std::max(kDigitalSilenceDb, db)));
    const qint64 index = qint64(m_energyDb.size());
    m_frameSamples = frameEndSample(index, m_options.frameMs, m_sampleRate) -
                     frameEndSample(index - 1, m_options.frameMs, m_sampleRate);
    m_inFrame = 0;
    m_sumSquares = 0.0;
}

VadResult VoiceActivityDetector::finish()
{
    const qint64 whole = qint64(m_energyDb.size());
    const qint64 samples =
        (whole > 0 ? frameEndSample(whole - 1, m_options.frameMs, m_sampleRate) : 0) + m_inFrame;
    if (m_inFrame > 0) // a last, partial frame
        endFrame();
    VadResult r;
    r.frameMs = m_options.frameMs;
    r.durationMs = samples * 1000 / m_sampleRate;
    r.frameEnergyDb = std::move(m_energyDb);
    r.speech = classify(r.frameEnergyDb, m_options, r.durationMs);

    m_energyDb = {}; // ready for another stream
    m_inFrame = 0;
    m_sumSquares = 0.0;
    m_frameSamples = frameEndSample(0, m_options.frameMs, m_sampleRate);
    return r;
}

VadResult detectSpeech(const float *samples, qint64 count, int sampleRate,
                       const VadOptions &options)
{
    VoiceActivityDetector d(sampleRate, options);
    d.feed(samples, count);
    return d.finish();
}

Result<VadResult> detectSpeechInFile(const QString &path, int streamIndex,
                                     const VadOptions &options, const std::atomic_bool *cancel,
                                     const std::function<void(qint64)> &progress)
{
    constexpr int kRate = 16000;
    Result<std::unique_ptr<AudioDecoder>> opened =
        AudioDecoder::open(path, DecodeOptions{streamIndex, kRate, -1}, cancel);
    if (!opened)
        return opened.error();
    AudioDecoder &decoder = **opened;
    VoiceActivityDetector detector(kRate, options);
    std::vector<float> block;
    qint64 reported = 0;
    for (;;) {
        block.clear();
        const Result<qint64> got = decoder.read(block);
        if (!got)
            return got.error();
        if (*got == 0)
            break;
        detector.feed(block.data(), qint64(block.size()));
        const qint64 position = decoder.positionMs();
        if (progress && position - reported >= kProgressStepMs) {
            reported = position;
            progress(position);
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            Error e = makeError(ErrorCode::Cancelled, Tr::tr("Speech detection was cancelled."));
            e.file = path;
            return e;
        }
    }
    if (progress && decoder.positionMs() > reported)
        progress(decoder.positionMs());
    return detector.finish();
}

// Greedy: each chunk ends at the best cut in the window [lo, hi] before its limit. Both window
// ends only move forward, so the longest silence fully inside the window and the quietest frame
// are kept in sliding-window deques (amortised O(1) per cut); the two silences cut by the window
// edges are checked directly. Total cost O(segments + frames).
QList<qint64> chooseSplitPoints(const VadResult &vad, const SplitOptions &options)
{
    const qint64 maxChunk = options.maxChunkMs;
    const qint64 duration = vad.durationMs;
    if (maxChunk <= 0 || duration <= maxChunk)
        return {};
    const qint64 searchWindow = std::max<qint64>(0, options.searchWindowMs);
    const qint64 minStep = std::clamp<qint64>(options.minChunkMs, 1, maxChunk);
    const qint64 frameMs = std::max(1, vad.frameMs);
    const qint64 frames = qint64(vad.frameEnergyDb.size());

    std::vector<SpeechSegment> silences; // leading, between segments, trailing
    qint64 previousEnd = 0;
    for (const SpeechSegment &s : vad.speech) {
        if (s.start > previousEnd)
            silences.push_back({previousEnd, std::min(s.start, duration)});
        previousEnd = std::max(previousEnd, s.end);
    }
    if (duration > previousEnd)
        silences.push_back({previousEnd, duration});
    const qint64 silenceCount = qint64(silences.size());
    auto length = [&](qint64 i) { return silences[size_t(i)].end - silences[size_t(i)].start; };

    std::deque<qint64> inside; // silences fully in the window, decreasing length (ties: later)
    std::deque<qint64> quiet;  // frames in the window, increasing energy (ties: later)
    qint64 nextSilence = 0, firstOverlapping = 0, nextFrame = 0;
    QList<qint64> cuts;
    for (qint64 start = 0; duration - start > maxChunk;) {
        const qint64 hi = start + maxChunk;
        const qint64 lo = std::max(hi - searchWindow, start + minStep);

        for (; nextSilence < silenceCount && silences[size_t(nextSilence)].end <= hi;
             ++nextSilence) {
            while (!inside.empty() && length(inside.back()) <= length(nextSilence))
                inside.pop_back();
            inside.push_back(nextSilence);
        }
        while (!inside.empty() && silences[size_t(inside.front())].start < lo)
            inside.pop_front();
        while (firstOverlapping < silenceCount && silences[size_t(firstOverlapping)].end <= lo)
            ++firstOverlapping;

        // Candidates in time order, so a later one wins ties.
        qint64 bestFrom = 0, bestTo = 0;
        auto consider = [&](qint64 index) {
            if (index < 0 || index >= silenceCount)
                return;
            const qint64 from = std::max(silences[size_t(index)].start, lo);
            const qint64 to = std::min(silences[size_t(index)].end, hi);
            if (to > from && to - from >= bestTo - bestFrom) {
                bestFrom = from;
                bestTo = to;
            }
        };
        consider(firstOverlapping);
        consider(inside.empty() ? -1 : inside.front());
        consider(nextSilence);

        qint64 cut = hi;
        if (bestTo > bestFrom) {
            cut = bestFrom + (bestTo - bestFrom) / 2;
        } else {
            const qint64 firstFrame = (lo + frameMs - 1) / frameMs;
            const qint64 lastFrame = std::min(frames, hi / frameMs) - 1;
            for (; nextFrame <= lastFrame; ++nextFrame) {
                const float e = vad.frameEnergyDb[size_t(nextFrame)];
                while (!quiet.empty() && vad.frameEnergyDb[size_t(quiet.back())] >= e)
                    quiet.pop_back();
                quiet.push_back(nextFrame);
            }
            while (!quiet.empty() && quiet.front() < firstFrame)
                quiet.pop_front();
            if (!quiet.empty())
                cut = quiet.front() * frameMs + frameMs / 2;
        }
        cuts.append(cut);
        start = cut;
    }
    return cuts;
}

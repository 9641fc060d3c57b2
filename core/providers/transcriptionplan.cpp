// planTranscription and TranscriptionPlan::summary: how a media file goes to a provider (as is, one
// encoded chunk, chunks cut at silences, or speech segments for text-only providers). Pure.
#include "mediainfo.h"
#include "transcriptionpipeline_p.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TranscriptionPipeline)
};

// Encoded sizes are estimates (FLAC's is an upper bound for speech, Opus/MP3 are close to exact)
// and the multipart request adds headers: keep 5% of the provider's byte limit free.
constexpr qint64 kUploadSafetyPercent = 95;
// Cuts are searched for in this window before each chunk's length limit (at most half the limit,
// so a chunk is never much shorter than it needs to be).
constexpr qint64 kSplitSearchWindowMs = 30000;
constexpr qint64 kMinChunkMs = 1000;
// Text-only providers: neighbouring speech segments closer than this are sent in one request
// (fewer requests; the timing stays close because the gap is short).
constexpr qint64 kSpeechBridgeMs = 1500;
constexpr qint64 kMinSpeechSegmentMaxMs = 1000;

bool accepts(const ProviderCapabilities &caps, const QString &extension)
{
    return caps.acceptedFormats.contains(u"*"_s) ||
           caps.acceptedFormats.contains(extension, Qt::CaseInsensitive);
}

bool accepts(const ProviderCapabilities &caps, ChunkFormat format)
{
    return accepts(caps, chunkExtension(format)) ||
           (format == ChunkFormat::Opus && accepts(caps, u"opus"_s));
}

qint64 uploadBudget(const ProviderCapabilities &caps)
{
    return caps.maxUploadBytes > 0 ? caps.maxUploadBytes * kUploadSafetyPercent / 100 : 0;
}

bool fits(qint64 durationMs, const EncodeOptions &encode, qint64 budget)
{
    return budget <= 0 || estimateEncodedBytes(durationMs, encode) <= budget;
}

// The longest duration up to `upToMs` whose estimate fits `budget` (estimates grow with the
// duration, so a binary search finds it).
qint64 longestFitting(const EncodeOptions &encode, qint64 budget, qint64 upToMs)
{
    if (fits(upToMs, encode, budget))
        return upToMs;
    qint64 lo = 0, hi = upToMs;
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        (fits(mid, encode, budget) ? lo : hi) = mid;
    }
    return lo;
}

struct Encoding {
    EncodeOptions encode;
    qint64 maxChunkMs = 0;
};

// Lossless (FLAC, else WAV) when a chunk of `targetMs` fits the byte limit that way; else compact
// (Opus at 24 kbit/s, else MP3 at 32 kbit/s) with chunks as long as the limit allows. Only formats
// the provider accepts are considered (FLAC when it names none of ours).
Encoding chooseEncoding(const ProviderCapabilities &caps, qint64 targetMs)
{
    const qint64 budget = uploadBudget(caps);
    std::optional<ChunkFormat> lossless, compact;
    for (ChunkFormat f : {ChunkFormat::Flac, ChunkFormat::Wav}) {
        if (!lossless && accepts(caps, f))
            lossless = f;
    }
    for (ChunkFormat f : {ChunkFormat::Opus, ChunkFormat::Mp3}) {
        if (!compact && accepts(caps, f))
            compact = f;
    }
    Encoding e;
    e.encode.format = lossless.value_or(compact.value_or(ChunkFormat::Flac));
    if (fits(targetMs, e.encode, budget) || !compact) {
        e.maxChunkMs = longestFitting(e.encode, budget, targetMs);
        return e;
    }
    e.encode.format = *compact;
    e.maxChunkMs = longestFitting(e.encode, budget, targetMs);
    return e;
}

// The part of `vad` inside [start, end), shifted to start at 0.
VadResult subRange(const VadResult &vad, qint64 start, qint64 end)
{
    VadResult r;
    r.frameMs = std::max(1, vad.frameMs);
    r.durationMs = end - start;
    for (const SpeechSegment &s : vad.speech) {
        const qint64 from = std::max(s.start, start), to = std::min(s.end, end);
        if (to > from)
            r.speech.append({from - start, to - start});
    }
    const auto frames = qint64(vad.frameEnergyDb.size());
    const qint64 first = std::clamp<qint64>(start / r.frameMs, 0, frames);
    const qint64 last = std::clamp<qint64>((end + r.frameMs - 1) / r.frameMs, first, frames);
    r.frameEnergyDb.assign(vad.frameEnergyDb.begin() + first, vad.frameEnergyDb.begin() + last);
    return r;
}

SplitOptions splitOptions(qint64 maxChunkMs)
{
    SplitOptions split;
    split.maxChunkMs = maxChunkMs;
    split.searchWindowMs = std::min(kSplitSearchWindowMs, maxChunkMs / 2);
    split.minChunkMs = std::min(kMinChunkMs, maxChunkMs);
    return split;
}

// What chooseSplitPoints needs to find the cut after `from`: the analysed window [lo, hi) as is,
// everything before it and after it as (loud) speech, so the cut falls inside the window.
VadResult windowContext(const VadResult &window, qint64 from, qint64 lo, qint64 hi)
{
    VadResult v;
    v.frameMs = std::max(1, window.frameMs);
    v.durationMs = hi - from + v.frameMs; // just over the limit: exactly one cut
    if (lo > from)
        v.speech.append({0, lo - from});
    for (const SpeechSegment &s : window.speech) {
        const qint64 a = s.start + lo - from, b = std::min(s.end + lo - from, hi - from);
        if (b > a)
            v.speech.append({a, b});
    }
    v.speech.append({hi - from, v.durationMs});
    v.frameEnergyDb.assign(size_t(v.durationMs / v.frameMs), 0.0f);
    const auto offset = size_t((lo - from) / v.frameMs);
    for (size_t i = 0; i < window.frameEnergyDb.size() && offset + i < v.frameEnergyDb.size(); ++i)
        v.frameEnergyDb[offset + i] = window.frameEnergyDb[i];
    return v;
}

// Chunks of at most `maxChunkMs` covering [start, end): cut at silences when `vad` is given, at
// fixed intervals otherwise.
QList<TranscriptionPlan::Chunk> cutRange(qint64 start, qint64 end, qint64 maxChunkMs,
                                         const VadResult *vad)
{
    QList<qint64> cuts;
    if (end - start > maxChunkMs) {
        if (vad) {
            for (qint64 cut :
                 chooseSplitPoints(subRange(*vad, start, end), splitOptions(maxChunkMs)))
                cuts.append(start + cut);
        } else {
            for (qint64 t = start + maxChunkMs; t < end; t += maxChunkMs)
                cuts.append(t);
        }
    }
    QList<TranscriptionPlan::Chunk> chunks;
    qint64 from = start;
    for (qint64 cut : std::as_const(cuts)) {
        chunks.append({from, cut});
        from = cut;
    }
    chunks.append({from, end});
    return chunks;
}

// Text-only providers: the speech in [start, end), long segments split (at their quietest
// points), neighbours closer than kSpeechBridgeMs joined while the result stays within
// `maxMs`. Without voice activity, fixed windows.
QList<TranscriptionPlan::Chunk> speechChunks(qint64 start, qint64 end, qint64 maxMs,
                                             const VadResult *vad)
{
    if (!vad)
        return cutRange(start, end, maxMs, nullptr);
    QList<TranscriptionPlan::Chunk> pieces;
    for (const SpeechSegment &s : vad->speech) {
        const qint64 from = std::max(s.start, start), to = std::min(s.end, end);
        if (to > from)
            pieces.append(cutRange(from, to, maxMs, vad));
    }
    QList<TranscriptionPlan::Chunk> chunks;
    for (const TranscriptionPlan::Chunk &p : std::as_const(pieces)) {
        if (!chunks.isEmpty() && p.startMs - chunks.last().endMs <= kSpeechBridgeMs &&
            p.endMs - chunks.last().startMs <= maxMs)
            chunks.last().endMs = p.endMs;
        else
            chunks.append(p);
    }
    return chunks;
}

QString formatName(const EncodeOptions &encode)
{
    const int kbps = encode.bitrate > 0 ? encode.bitrate / 1000 : 0;
    switch (encode.format) {
    case ChunkFormat::Wav:
        return u"WAV"_s;
    case ChunkFormat::Flac:
        return u"FLAC"_s;
    case ChunkFormat::Mp3:
        return Tr::tr("MP3 at %1 kbit/s").arg(kbps > 0 ? kbps : 32);
    case ChunkFormat::Opus:
        break;
    }
    return Tr::tr("Opus at %1 kbit/s").arg(kbps > 0 ? kbps : 24);
}

QString formatDuration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return Tr::tr("%1 s").arg(s);
    return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TranscriptionPlan planTranscription(const MediaInfo &info, const ProviderCapabilities &caps,
                                    const PipelineOptions &options, const VadResult *vad)
{
    TranscriptionPlan plan;
    const qint64 duration = info.durationMs >= 0 ? info.durationMs : (vad ? vad->durationMs : 0);
    const qint64 start = std::clamp<qint64>(options.rangeStartMs, 0, duration);
    const qint64 end =
        options.rangeEndMs < 0 ? duration : std::clamp<qint64>(options.rangeEndMs, start, duration);
    if (end <= start)
        return plan; // nothing to transcribe
    const qint64 span = end - start;
    const qint64 target = caps.maxDurationMs > 0 ? std::min(span, caps.maxDurationMs) : span;

    if (!caps.timed()) {
        // Text only: the timing comes from the speech segments we send.
        plan.timedBySpeech = true;
        const Encoding e = chooseEncoding(
            caps, std::min(target, std::max(kMinSpeechSegmentMaxMs, options.speechSegmentMaxMs)));
        plan.encode = e.encode;
        plan.chunks = speechChunks(start, end, std::max<qint64>(1, e.maxChunkMs), vad);
    } else {
        const bool wholeFile = start == 0 && end == duration;
        // A video track is upload weight a remote provider does not need; with several audio
        // streams a remote service may not pick the one we would (a local engine picks the same
        // best stream as we do).
        const bool local = caps.acceptedFormats.contains(u"*"_s);
        const bool audioOnly = !info.hasVideo || local;
        const bool oneStream = info.audioStreams.size() <= 1 || (local && options.streamIndex < 0);
        if (wholeFile && audioOnly && oneStream && accepts(caps, QFileInfo(info.path).suffix()) &&
            (caps.maxUploadBytes <= 0 || info.fileSize <= caps.maxUploadBytes) &&
            (caps.maxDurationMs <= 0 || duration <= caps.maxDurationMs)) {
            plan.sendOriginal = true;
            plan.chunks = {{0, duration}};
            plan.estimatedUploadBytes = info.fileSize;
            return plan;
        }
        const Encoding e = chooseEncoding(caps, target);
        plan.encode = e.encode;
        plan.chunks = cutRange(start, end, std::max<qint64>(1, e.maxChunkMs), vad);
    }
    for (const TranscriptionPlan::Chunk &c : std::as_const(plan.chunks))
        plan.estimatedUploadBytes += estimateEncodedBytes(c.endMs - c.startMs, plan.encode);
    return plan;
}

QString TranscriptionPlan::summary() const
{
    const QString size = QLocale().formattedDataSize(estimatedUploadBytes);
    if (chunks.isEmpty())
        return Tr::tr("Nothing to transcribe.");
    if (sendOriginal)
        return Tr::tr("The file is sent as is in one request (%1).").arg(size);
    qint64 longest = 0;
    for (const Chunk &c : chunks)
        longest = std::max(longest, c.endMs - c.startMs);
    const int n = int(chunks.size());
    if (timedBySpeech)
        return Tr::tr(
                   "Transcoded to %1, sent as %n speech segment(s) of at most %2 and timed by them "
                   "(about %3).",
                   nullptr, n)
            .arg(formatName(encode), formatDuration(longest), size);
    if (n == 1)
        return Tr::tr("Transcoded to %1 (16 kHz mono), sent in one request (about %2).")
            .arg(formatName(encode), size);
    return Tr::tr("Transcoded to %1 (16 kHz mono), cut at silences into %n chunk(s) of at most %2 "
                  "(about %3).",
                  nullptr, n)
        .arg(formatName(encode), formatDuration(longest), size);
}

Result<TranscriptionPlan> planTranscriptionWindowed(const MediaInfo &info,
                                                    const ProviderCapabilities &caps,
                                                    const PipelineOptions &options,
                                                    const VadWindowAnalyser &analyse)
{
    TranscriptionPlan plan = planTranscription(info, caps, options, nullptr);
    if (plan.sendOriginal || plan.timedBySpeech || plan.chunks.size() < 2)
        return plan;
    // Without voice activity the cuts are at the limit: the first chunk is as long as allowed.
    const qint64 maxChunk = plan.chunks.first().endMs - plan.chunks.first().startMs;
    const qint64 end = plan.chunks.last().endMs;
    const SplitOptions split = splitOptions(maxChunk);
    QList<TranscriptionPlan::Chunk> chunks;
    qint64 from = plan.chunks.first().startMs;
    while (end - from > maxChunk) {
        // The same window chooseSplitPoints searches with a whole-file analysis.
        const qint64 hi = from + maxChunk;
        const qint64 lo = std::max(hi - split.searchWindowMs, from + split.minChunkMs);
        Result<VadResult> window = analyse(lo, hi);
        if (!window)
            return window.error();
        const QList<qint64> cuts = chooseSplitPoints(windowContext(*window, from, lo, hi), split);
        const qint64 cut = cuts.isEmpty() ? hi : from + cuts.first();
        chunks.append({from, cut});
        from = cut;
    }
    chunks.append({from, end});
    plan.chunks = chunks;
    plan.estimatedUploadBytes = 0;
    for (const TranscriptionPlan::Chunk &c : std::as_const(plan.chunks))
        plan.estimatedUploadBytes += estimateEncodedBytes(c.endMs - c.startMs, plan.encode);
    return plan;
}

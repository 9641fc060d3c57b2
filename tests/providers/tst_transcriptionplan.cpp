#include "mediainfo.h"
#include "transcriptionpipeline_p.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kHour = 60 * kMinute;

// Speech with varied lengths and pauses (some segments longer than a text-only request, some
// pauses shorter than the bridging gap), so cuts and speech segments have real choices to make.
VadResult syntheticVad(qint64 durationMs)
{
    static const qint64 speech[] = {2000, 5000, 12000, 800, 3500};
    static const qint64 pauses[] = {400, 2500, 900, 3000, 1200, 6000};
    VadResult v;
    v.frameMs = 10;
    v.durationMs = durationMs;
    qint64 t = 500;
    for (int i = 0; t < durationMs; ++i) {
        const qint64 end = std::min(durationMs, t + speech[i % 5]);
        v.speech.append({t, end});
        t = end + pauses[i % 6];
    }
    v.frameEnergyDb.assign(size_t(durationMs / v.frameMs), -70.0f);
    for (const SpeechSegment &s : std::as_const(v.speech)) {
        for (qint64 f = s.start / v.frameMs; f < s.end / v.frameMs; ++f)
            v.frameEnergyDb[size_t(f)] = -20.0f - float(f % 7); // a little texture to cut in
    }
    return v;
}

bool inSpeech(const VadResult &vad, qint64 t)
{
    for (const SpeechSegment &s : vad.speech) {
        if (t > s.start && t < s.end)
            return true;
    }
    return false;
}

// The analysis of [from, to) a decoder would give for the synthetic speech.
VadResult slice(const VadResult &vad, qint64 from, qint64 to)
{
    VadResult r;
    r.frameMs = vad.frameMs;
    r.durationMs = to - from;
    for (const SpeechSegment &s : vad.speech) {
        const qint64 a = std::max(s.start, from), b = std::min(s.end, to);
        if (b > a)
            r.speech.append({a - from, b - from});
    }
    r.frameEnergyDb.assign(vad.frameEnergyDb.begin() + from / vad.frameMs,
                           vad.frameEnergyDb.begin() + to / vad.frameMs);
    return r;
}

QList<qint64> bounds(const TranscriptionPlan &plan)
{
    QList<qint64> out;
    for (const TranscriptionPlan::Chunk &c : plan.chunks)
        out << c.startMs << c.endMs;
    return out;
}

ProviderCapabilities capsFor(const QString &kind, const QString &model = u"whisper-1"_s)
{
    ProviderProfile p;
    p.kind = kind;
    p.model = model;
    return p.capabilities();
}

} // namespace

Q_DECLARE_METATYPE(ProviderCapabilities)

// planTranscription: when the file goes as is, which format, how it is cut. Pure.
class TestTranscriptionPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plans_data();
    void plans();
    void windowedAnalysisCutsLikeWholeFile_data();
    void windowedAnalysisCutsLikeWholeFile();
    void windowedAnalysisReportsErrors();
    void emptyRangeHasNoChunks();
    void summaryDescribesThePlan();
};

void TestTranscriptionPlan::plans_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<qint64>("fileSize");
    QTest::addColumn<bool>("hasVideo");
    QTest::addColumn<int>("audioStreams");
    QTest::addColumn<ProviderCapabilities>("caps");
    QTest::addColumn<qint64>("rangeStart");
    QTest::addColumn<qint64>("rangeEnd");
    QTest::addColumn<bool>("sendOriginal");
    QTest::addColumn<bool>("timedBySpeech");
    QTest::addColumn<QList<int>>("formats"); // acceptable ChunkFormat values
    QTest::addColumn<int>("minChunks");
    QTest::addColumn<int>("maxChunks");

    const ProviderCapabilities openai = capsFor(u"openai"_s);
    const QList<int> flac{int(ChunkFormat::Flac)};
    const QList<int> compact{int(ChunkFormat::Opus), int(ChunkFormat::Mp3)};
    ProviderCapabilities fiveMinutes = capsFor(u"openai-compatible"_s);
    fiveMinutes.maxDurationMs = 5 * kMinute;

    QTest::newRow("fits: sent as is")
        << u"/m/talk.mp3"_s << 10 * kMinute << 9'000'000LL << false << 1 << openai << 0LL << -1LL
        << true << false << flac << 1 << 1;
    QTest::newRow("mkv for OpenAI: one encoded chunk")
        << u"/m/talk.mkv"_s << 10 * kMinute << 9'000'000LL << false << 1 << openai << 0LL << -1LL
        << false << false << flac << 1 << 1;
    QTest::newRow("video for OpenAI: audio only is uploaded")
        << u"/m/talk.mp4"_s << 10 * kMinute << 20'000'000LL << true << 1 << openai << 0LL << -1LL
        << false << false << flac << 1 << 1;
    QTest::newRow("two audio streams: the chosen one is encoded")
        << u"/m/talk.mp4"_s << 10 * kMinute << 9'000'000LL << false << 2 << openai << 0LL << -1LL
        << false << false << flac << 1 << 1;
    QTest::newRow("2 h, 25 MB: compact format")
        << u"/m/talk.wav"_s << 2 * kHour << 230'000'000LL << false << 1 << openai << 0LL << -1LL
        << false << false << compact << 1 << 2;
    QTest::newRow("6 h, 25 MB: compact chunks")
        << u"/m/talk.wav"_s << 6 * kHour << 690'000'000LL << false << 1 << openai << 0LL << -1LL
        << false << false << compact << 3 << 4;
    QTest::newRow("1 h, 5 min limit: FLAC chunks at silences")
        << u"/m/talk.flac"_s << kHour << 60'000'000LL << false << 1 << fiveMinutes << 0LL << -1LL
        << false << false << flac << 12 << 14;
    QTest::newRow("1 h SiliconFlow (text only): speech segments")
        << u"/m/talk.mp3"_s << kHour << 40'000'000LL << false << 1
        << capsFor(u"siliconflow"_s, u"FunAudioLLM/SenseVoiceSmall"_s) << 0LL << -1LL << false
        << true << flac << 300 << 1200;
    QTest::newRow("gpt-4o (text only): speech segments")
        << u"/m/talk.mp3"_s << 10 * kMinute << 9'000'000LL << false << 1
        << capsFor(u"openai"_s, u"gpt-4o-transcribe"_s) << 0LL << -1LL << false << true << flac
        << 40 << 200;
    QTest::newRow("range of a file that fits: encoded")
        << u"/m/talk.mp3"_s << 10 * kMinute << 9'000'000LL << false << 1 << openai << 30000LL
        << 90000LL << false << false << flac << 1 << 1;
    QTest::newRow("range with a 5 min limit")
        << u"/m/talk.flac"_s << kHour << 60'000'000LL << false << 1 << fiveMinutes << 10 * kMinute
        << 32 * kMinute << false << false << flac << 5 << 6;
    QTest::newRow("local engine takes any file")
        << u"/m/film.mkv"_s << 2 * kHour << 3'000'000'000LL << true << 2 << capsFor(u"local"_s)
        << 0LL << -1LL << true << false << flac << 1 << 1;
    QTest::newRow("local engine, range: FLAC")
        << u"/m/film.mkv"_s << 2 * kHour << 3'000'000'000LL << true << 1 << capsFor(u"local"_s)
        << kMinute << 2 * kMinute << false << false << flac << 1 << 1;
}

void TestTranscriptionPlan::plans()
{
    QFETCH(QString, path);
    QFETCH(qint64, durationMs);
    QFETCH(qint64, fileSize);
    QFETCH(bool, hasVideo);
    QFETCH(int, audioStreams);
    QFETCH(ProviderCapabilities, caps);
    QFETCH(qint64, rangeStart);
    QFETCH(qint64, rangeEnd);
    QFETCH(bool, sendOriginal);
    QFETCH(bool, timedBySpeech);
    QFETCH(QList<int>, formats);
    QFETCH(int, minChunks);
    QFETCH(int, maxChunks);

    MediaInfo info;
    info.path = path;
    info.durationMs = durationMs;
    info.fileSize = fileSize;
    info.hasVideo = hasVideo;
    for (int i = 0; i < audioStreams; ++i)
        info.audioStreams.append(AudioStreamInfo{});
    PipelineOptions options;
    options.rangeStartMs = rangeStart;
    options.rangeEndMs = rangeEnd;
    const VadResult vad = syntheticVad(durationMs);
    const TranscriptionPlan plan = planTranscription(info, caps, options, &vad);

    QCOMPARE(plan.sendOriginal, sendOriginal);
    QCOMPARE(plan.timedBySpeech, timedBySpeech);
    QVERIFY2(plan.chunks.size() >= minChunks && plan.chunks.size() <= maxChunks,
             qPrintable(QString::number(plan.chunks.size())));
    QVERIFY(!plan.summary().isEmpty());
    const qint64 end = rangeEnd < 0 ? durationMs : rangeEnd;
    if (sendOriginal) {
        QCOMPARE(plan.chunks.first().startMs, 0);
        QCOMPARE(plan.chunks.first().endMs, durationMs);
        QCOMPARE(plan.estimatedUploadBytes, fileSize);
        return;
    }
    QVERIFY2(formats.contains(int(plan.encode.format)),
             qPrintable(chunkExtension(plan.encode.format)));
    const qint64 budget = caps.maxUploadBytes > 0 ? caps.maxUploadBytes : -1;
    qint64 estimated = 0;
    for (qsizetype i = 0; i < plan.chunks.size(); ++i) {
        const TranscriptionPlan::Chunk &c = plan.chunks[i];
        QVERIFY(c.endMs > c.startMs);
        QVERIFY(c.startMs >= rangeStart && c.endMs <= end);
        if (caps.maxDurationMs > 0)
            QVERIFY(c.endMs - c.startMs <= caps.maxDurationMs);
        const qint64 bytes = estimateEncodedBytes(c.endMs - c.startMs, plan.encode);
        estimated += bytes;
        if (budget > 0)
            QVERIFY2(bytes <= budget, qPrintable(u"chunk %1: %2 bytes"_s.arg(i).arg(bytes)));
        if (i > 0)
            QVERIFY(c.startMs >= plan.chunks[i - 1].endMs);
        if (timedBySpeech) {
            QVERIFY(c.endMs - c.startMs <= options.speechSegmentMaxMs);
            // Chunks start in speech (at its start or where a long segment was split).
            QVERIFY2(inSpeech(vad, c.startMs + 1), qPrintable(QString::number(c.startMs)));
        } else {
            // Timed chunks tile the range; every cut lies in a pause.
            QCOMPARE(i == 0 ? rangeStart : plan.chunks[i - 1].endMs, c.startMs);
            if (i > 0)
                QVERIFY2(!inSpeech(vad, c.startMs), qPrintable(QString::number(c.startMs)));
        }
    }
    if (!timedBySpeech)
        QCOMPARE(plan.chunks.last().endMs, end);
    else {
        // All speech inside the range is sent (start, middle and end of each segment).
        for (const SpeechSegment &s : vad.speech) {
            const qint64 from = std::max(s.start, rangeStart), to = std::min(s.end, end);
            for (qint64 t : {from, (from + to) / 2, to - 1}) {
                if (to <= from)
                    break;
                bool covered = false;
                for (const TranscriptionPlan::Chunk &c : plan.chunks)
                    covered = covered || (c.startMs <= t && t < c.endMs);
                QVERIFY2(covered, qPrintable(QString::number(t)));
            }
        }
    }
    QCOMPARE(plan.estimatedUploadBytes, estimated);
}

void TestTranscriptionPlan::windowedAnalysisCutsLikeWholeFile_data()
{
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<ProviderCapabilities>("caps");
    QTest::addColumn<qint64>("rangeStart");
    QTest::addColumn<qint64>("rangeEnd");
    QTest::addColumn<int>("minCuts");
    // Cuts in silences are the same as with a whole-file analysis. Where a window has no silence
    // the cut goes to its quietest frame, whose position depends on the frame grid (the window's
    // own, not the file's): there only the limits are checked.
    QTest::addColumn<bool>("sameCuts");
    ProviderCapabilities fiveMinutes = capsFor(u"openai-compatible"_s);
    fiveMinutes.maxDurationMs = 5 * kMinute;
    ProviderCapabilities fortySeconds = capsFor(u"openai-compatible"_s);
    fortySeconds.maxDurationMs = 40000;
    ProviderCapabilities tenSeconds = capsFor(u"openai-compatible"_s);
    tenSeconds.maxDurationMs = 10000;
    QTest::newRow("1 h, 5 min") << kHour << fiveMinutes << 0LL << -1LL << 12 << true;
    QTest::newRow("range, 5 min") << kHour << fiveMinutes << 10 * kMinute << 32 * kMinute << 4
                                  << true;
    QTest::newRow("6 h, 25 MB") << 6 * kHour << capsFor(u"openai"_s) << 0LL << -1LL << 2 << true;
    QTest::newRow("1 h, 40 s") << kHour << fortySeconds << 0LL << -1LL << 90 << true;
    QTest::newRow("10 min, 10 s: windows without silence")
        << 10 * kMinute << tenSeconds << 0LL << -1LL << 59 << false;
    QTest::newRow("fits: nothing analysed")
        << 10 * kMinute << fiveMinutes << 0LL << 4 * kMinute << 0 << true;
}

void TestTranscriptionPlan::windowedAnalysisCutsLikeWholeFile()
{
    QFETCH(qint64, durationMs);
    QFETCH(ProviderCapabilities, caps);
    QFETCH(qint64, rangeStart);
    QFETCH(qint64, rangeEnd);
    QFETCH(int, minCuts);
    QFETCH(bool, sameCuts);
    MediaInfo info;
    info.path = u"/m/talk.wav"_s;
    info.durationMs = durationMs;
    info.fileSize = durationMs * 32;
    info.audioStreams.append(AudioStreamInfo{});
    PipelineOptions options;
    options.rangeStartMs = rangeStart;
    options.rangeEndMs = rangeEnd;
    const VadResult vad = syntheticVad(durationMs);
    const TranscriptionPlan whole = planTranscription(info, caps, options, &vad);
    int analysed = 0;
    qint64 longest = 0;
    const Result<TranscriptionPlan> windowed =
        planTranscriptionWindowed(info, caps, options, [&](qint64 from, qint64 to) {
            ++analysed;
            longest = std::max(longest, to - from);
            return Result<VadResult>(slice(vad, from, to));
        });
    QVERIFY(windowed);
    QCOMPARE(windowed->encode.format, whole.encode.format);
    const QList<TranscriptionPlan::Chunk> &chunks = windowed->chunks;
    QCOMPARE(analysed, int(chunks.size()) - 1); // one window per cut
    QVERIFY(analysed >= minCuts);
    QVERIFY(longest <= 30000);
    QCOMPARE(chunks.first().startMs, whole.chunks.first().startMs);
    QCOMPARE(chunks.last().endMs, whole.chunks.last().endMs);
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        const qint64 length = chunks[i].endMs - chunks[i].startMs;
        QVERIFY(length > 0);
        QVERIFY(caps.maxDurationMs <= 0 || length <= caps.maxDurationMs);
        if (i > 0)
            QCOMPARE(chunks[i].startMs, chunks[i - 1].endMs);
    }
    if (sameCuts) {
        QCOMPARE(bounds(*windowed), bounds(whole));
        QCOMPARE(windowed->estimatedUploadBytes, whole.estimatedUploadBytes);
    }
}

void TestTranscriptionPlan::windowedAnalysisReportsErrors()
{
    MediaInfo info;
    info.path = u"/m/talk.flac"_s;
    info.durationMs = kHour;
    ProviderCapabilities caps = capsFor(u"openai-compatible"_s);
    caps.maxDurationMs = 5 * kMinute;
    const Result<TranscriptionPlan> plan =
        planTranscriptionWindowed(info, caps, {}, [](qint64, qint64) -> Result<VadResult> {
            return makeError(ErrorCode::IoError, u"unreadable"_s);
        });
    QVERIFY(!plan);
    QCOMPARE(plan.error().message, u"unreadable"_s);
}

void TestTranscriptionPlan::emptyRangeHasNoChunks()
{
    MediaInfo info;
    info.path = u"/m/a.mp3"_s;
    info.durationMs = kMinute;
    info.fileSize = 1000;
    PipelineOptions options;
    options.rangeStartMs = 2 * kMinute;
    QVERIFY(planTranscription(info, capsFor(u"openai"_s), options, nullptr).chunks.isEmpty());
    options.rangeStartMs = 20000;
    options.rangeEndMs = 10000;
    QVERIFY(planTranscription(info, capsFor(u"openai"_s), options, nullptr).chunks.isEmpty());
}

void TestTranscriptionPlan::summaryDescribesThePlan()
{
    MediaInfo info;
    info.path = u"/m/a.flac"_s;
    info.durationMs = kHour;
    info.fileSize = 60'000'000;
    ProviderCapabilities caps = capsFor(u"openai-compatible"_s);
    caps.maxDurationMs = 5 * kMinute;
    const VadResult vad = syntheticVad(kHour);
    const TranscriptionPlan plan = planTranscription(info, caps, {}, &vad);
    const QString summary = plan.summary();
    QVERIFY2(summary.contains(u"FLAC"_s), qPrintable(summary));
    QVERIFY2(summary.contains(QString::number(plan.chunks.size())), qPrintable(summary));
}

QTEST_GUILESS_MAIN(TestTranscriptionPlan)
#include "tst_transcriptionplan.moc"

#include "mediafixtures.h"
#include "openaiclient.h"
#include "testserver.h"
#include "transcriptionpipeline.h"

#include <QCoroTask>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>

#include <atomic>

using namespace Qt::StringLiterals;
using Stage = TranscriptionPipeline::Stage;
using ChunkState = TranscriptionPipeline::ChunkState;

namespace {

// About 45 s of speech: ten espeak-ng phrases (no inner punctuation, so no long inner pauses)
// separated by pauses of 1.2 to 2.1 s, 22.05 kHz mono. Cached in the fixture directory.
QString phrasesMedia()
{
    const QString out = fixtures::dir() + u"/pipeline-phrases.wav"_s;
    if (QFileInfo::exists(out))
        return out;
    static const char *const phrases[] = {"Seven bright lanterns hang above the quiet harbour",
                                          "The baker sells warm bread every morning",
                                          "Our train leaves the station at nine",
                                          "Please close the window before the storm arrives",
                                          "Green apples grow slowly in the northern valley",
                                          "My brother plays the violin on Sundays",
                                          "The river carries small boats toward the sea",
                                          "She painted the fence a cheerful shade of blue",
                                          "Old maps show roads that no longer exist",
                                          "We watched the stars until the candles burned out"};
    QStringList args;
    QString filter;
    QString inputs;
    for (int i = 0; i < 10; ++i) {
        const QString wav = fixtures::dir() + u"/pipeline-phrase-%1.wav"_s.arg(i);
        if (!fixtures::espeak(QString::fromLatin1(phrases[i]), wav))
            return {};
        args << u"-i"_s << wav;
        const double pause = 1.2 + 0.1 * ((i * 7) % 10);
        filter += u"[%1:a]%2apad=pad_dur=%3[a%1];"_s.arg(i)
                      .arg(i == 0 ? u"adelay=600:all=1,"_s : QString())
                      .arg(pause);
        inputs += u"[a%1]"_s.arg(i);
    }
    filter += inputs % u"concat=n=10:v=0:a=1[out]"_s;
    const QString partial = fixtures::dir() + u"/.partial-pipeline-phrases.wav"_s;
    if (!fixtures::ffmpeg(args << u"-filter_complex"_s << filter << u"-map"_s << u"[out]"_s
                               << u"-ac"_s << u"1"_s << partial) ||
        !QFile::rename(partial, out))
        return {};
    return out;
}

int chunkIndex(const QString &path)
{
    static const QRegularExpression re(u"chunk-(\\d+)\\."_s);
    const QRegularExpressionMatch m = re.match(QFileInfo(path).fileName());
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// What a recogniser would say about an audio file: two words ("alpha", "beta") per speech segment,
// times relative to the file. Used by the fake client and the test server.
Result<Transcript> recognise(const QString &path, qint64 expectedDurationMs)
{
    Result<VadResult> vad = detectSpeechInFile(path, -1, VadOptions{});
    if (!vad)
        return vad.error();
    if (expectedDurationMs > 0 && std::abs(vad->durationMs - expectedDurationMs) > 60)
        return makeError(
            ErrorCode::Internal,
            u"chunk has %1 ms, request said %2 ms"_s.arg(vad->durationMs).arg(expectedDurationMs));
    Transcript t;
    t.language = u"english"_s;
    t.duration = vad->durationMs;
    for (const SpeechSegment &s : std::as_const(vad->speech)) {
        const qint64 mid = (s.start + s.end) / 2;
        TranscriptSegment seg;
        seg.start = s.start;
        seg.end = s.end;
        seg.text = u"alpha beta"_s;
        seg.words = {Word{s.start, mid, u"alpha"_s, {}, {}}, Word{mid, s.end, u"beta"_s, {}, {}}};
        t.segments.append(seg);
        t.text += (t.text.isEmpty() ? QString() : u" "_s) + seg.text;
    }
    return t;
}

// A provider that answers each chunk after a delay with the words recognise() finds in it. It
// counts requests in flight, can fail chosen chunks once or always, and can stream partial text.
class FakeClient : public TranscriptionClient {
public:
    ProviderCapabilities caps;
    int delayMs = 150;
    QSet<int> failOnce, failAlways;
    int failStatus = 500;
    bool stream = false;
    int inFlight = 0, maxInFlight = 0, requests = 0, cancelled = 0;

    ProviderCapabilities capabilities() const override { return caps; }

    QCoro::Task<Result<Transcript>> transcribe(TranscriptionRequest request,
                                               std::shared_ptr<HttpControl> control,
                                               TranscriptionProgress progress) override
    {
        const int index = chunkIndex(request.audioPath);
        ++requests;
        maxInFlight = std::max(maxInFlight, ++inFlight);
        // The file must be complete when the request starts.
        Result<Transcript> result = recognise(request.audioPath, request.durationMs);
        if (progress.onStage) {
            progress.onStage(TranscriptionProgress::Stage::Uploading, 0.5);
            progress.onStage(TranscriptionProgress::Stage::Waiting, -1);
        }
        if (stream && progress.onPartialText)
            progress.onPartialText(u"alpha"_s);
        const bool slept = co_await cancellableSleep(std::chrono::milliseconds(delayMs), control);
        --inFlight;
        if (!slept) {
            ++cancelled;
            co_return makeError(ErrorCode::Cancelled, u"cancelled"_s);
        }
        if (failAlways.contains(index) || failOnce.contains(index)) {
            failOnce.remove(index);
            Error e = makeError(ErrorCode::Provider, u"chunk %1 failed"_s.arg(index));
            e.httpStatus = failStatus;
            co_return e;
        }
        if (progress.onStage)
            progress.onStage(TranscriptionProgress::Stage::Receiving, 1.0);
        if (result && !caps.timed()) {
            Transcript text;
            text.text = result->text;
            co_return text;
        }
        co_return result;
    }
};

// Forwards to a real client but reports other capabilities (a smaller duration limit).
class CappedClient : public TranscriptionClient {
public:
    CappedClient(TranscriptionClient *inner, ProviderCapabilities caps)
        : m_inner(inner)
        , m_caps(std::move(caps))
    {}
    ProviderCapabilities capabilities() const override { return m_caps; }
    QCoro::Task<Result<Transcript>> transcribe(TranscriptionRequest request,
                                               std::shared_ptr<HttpControl> control,
                                               TranscriptionProgress progress) override
    {
        return m_inner->transcribe(std::move(request), std::move(control), std::move(progress));
    }

private:
    TranscriptionClient *m_inner;
    ProviderCapabilities m_caps;
};

ProviderCapabilities timedCaps(qint64 maxDurationMs, int maxConcurrency = 4)
{
    ProviderCapabilities c;
    c.acceptedFormats = {u"flac"_s, u"mp3"_s};
    c.wordTimestamps = c.segmentTimestamps = true;
    c.maxDurationMs = maxDurationMs;
    c.maxConcurrency = maxConcurrency;
    return c;
}

// Everything a pipeline reports, recorded through its signals.
struct Recorder {
    QList<Stage> stages;
    int planned = 0, finished = 0, failed = 0, partialTexts = 0, chunkChanges = 0;
    QList<qsizetype> partialWordCounts;
    QString failMessage;
    Transcript result;

    void attach(TranscriptionPipeline *p)
    {
        QObject::connect(p, &TranscriptionPipeline::stageChanged, p,
                         [this](Stage s) { stages.append(s); });
        QObject::connect(p, &TranscriptionPipeline::planned, p,
                         [this](const TranscriptionPlan &) { ++planned; });
        QObject::connect(p, &TranscriptionPipeline::chunkChanged, p,
                         [this](int, ChunkState, double) { ++chunkChanges; });
        QObject::connect(p, &TranscriptionPipeline::partialText, p,
                         [this](int, const QString &) { ++partialTexts; });
        QObject::connect(p, &TranscriptionPipeline::partialTranscript, p,
                         [this](const Transcript &t) { partialWordCounts.append(wordCount(t)); });
        QObject::connect(p, &TranscriptionPipeline::finished, p, [this](const Transcript &t) {
            ++finished;
            result = t;
        });
        QObject::connect(p, &TranscriptionPipeline::failed, p, [this](const QString &message) {
            ++failed;
            failMessage = message;
        });
    }
    int signalsOtherThanStage() const
    {
        return planned + finished + failed + partialTexts + chunkChanges +
               int(partialWordCounts.size());
    }
    static qsizetype wordCount(const Transcript &t)
    {
        qsizetype n = 0;
        for (const TranscriptSegment &s : t.segments)
            n += s.words.size();
        return n;
    }
};

QStringList wordTexts(const Transcript &t)
{
    QStringList out;
    for (const TranscriptSegment &s : t.segments) {
        for (const Word &w : s.words)
            out << w.text;
    }
    return out;
}

bool isEmptyDir(const QString &path)
{
    return QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty();
}

} // namespace

Q_DECLARE_METATYPE(ProviderCapabilities)

// The pipeline on real media with a fake provider (and once with the real OpenAI-compatible client
// against a local server): every word once and in order, bounded concurrency, failures that keep
// finished chunks, retry, cancel and destruction at any point.
class TestTranscriptionPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void transcribesEveryWordOnce_data();
    void transcribesEveryWordOnce();
    void failedChunkKeepsOthers_data();
    void failedChunkKeepsOthers();
    void cancel_data();
    void cancel();
    void destroyWhileRunning_data();
    void destroyWhileRunning();
    void missingFileFails();
    void openAiClientEndToEnd();

private:
    // Phrase starts and ends in the media (the speech segments of the whole file).
    QList<SpeechSegment> m_phrases;
    QString m_media;
    qint64 m_durationMs = 0;
};

void TestTranscriptionPipeline::initTestCase()
{
    m_media = phrasesMedia();
    QVERIFY2(!m_media.isEmpty(), "could not generate the media (ffmpeg, espeak-ng)");
    Result<VadResult> vad = detectSpeechInFile(m_media, -1, VadOptions{});
    QVERIFY(vad);
    m_phrases = vad->speech;
    m_durationMs = vad->durationMs;
    QCOMPARE(m_phrases.size(), 10); // one segment per phrase, or the fixture is not what we think
}

void TestTranscriptionPipeline::transcribesEveryWordOnce_data()
{
    QTest::addColumn<ProviderCapabilities>("caps");
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<int>("firstPhrase"); // range: from the pause before this phrase
    QTest::addColumn<int>("lastPhrase");  // to the pause after this one (-1: whole file)
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("bound"); // expected concurrency limit

    QTest::newRow("10 s chunks, concurrency 2") << timedCaps(10000) << 2 << 0 << -1 << false << 2;
    QTest::newRow("8 s chunks, provider allows 3")
        << timedCaps(8000, 3) << 4 << 0 << -1 << false << 3;
    QTest::newRow("sequential") << timedCaps(10000) << 1 << 0 << -1 << false << 1;
    QTest::newRow("range") << timedCaps(10000) << 4 << 2 << 7 << false << 4;
    QTest::newRow("streaming partial text") << timedCaps(12000) << 4 << 0 << -1 << true << 4;
    ProviderCapabilities rated = timedCaps(10000);
    rated.requestsPerMinute = 1200;
    QTest::newRow("requests per minute") << rated << 4 << 0 << -1 << false << 4;
    ProviderCapabilities textOnly = timedCaps(0);
    textOnly.wordTimestamps = textOnly.segmentTimestamps = false;
    QTest::newRow("text only: speech segments") << textOnly << 4 << 0 << -1 << false << 4;
}

void TestTranscriptionPipeline::transcribesEveryWordOnce()
{
    QFETCH(ProviderCapabilities, caps);
    QFETCH(int, concurrency);
    QFETCH(int, firstPhrase);
    QFETCH(int, lastPhrase);
    QFETCH(bool, stream);
    QFETCH(int, bound);

    FakeClient fake;
    fake.caps = caps;
    fake.stream = stream;
    QTemporaryDir work;
    PipelineOptions options;
    options.concurrency = concurrency;
    options.workDirectory = work.path();
    options.speechSegmentMaxMs = 6000;
    qint64 rangeStart = 0, rangeEnd = m_durationMs;
    if (lastPhrase >= 0) {
        rangeStart = (m_phrases[firstPhrase - 1].end + m_phrases[firstPhrase].start) / 2;
        rangeEnd = (m_phrases[lastPhrase].end + m_phrases[lastPhrase + 1].start) / 2;
        options.rangeStartMs = rangeStart;
        options.rangeEndMs = rangeEnd;
    } else {
        lastPhrase = int(m_phrases.size()) - 1;
    }

    TranscriptionPipeline pipeline(&fake);
    Recorder rec;
    rec.attach(&pipeline);
    pipeline.start(m_media, options);
    QTRY_VERIFY_WITH_TIMEOUT(rec.finished + rec.failed > 0, 60000);
    QVERIFY2(rec.failed == 0, qPrintable(rec.failMessage));
    QCOMPARE(rec.finished, 1);
    QCOMPARE(pipeline.stage(), Stage::Finished);
    QCOMPARE(pipeline.progress(), 1.0);
    QVERIFY(pipeline.chunkCount() >= 2);
    QVERIFY2(fake.maxInFlight <= bound, qPrintable(QString::number(fake.maxInFlight)));
    QCOMPARE(fake.requests, pipeline.chunkCount());
    QVERIFY(isEmptyDir(work.path())); // chunk files removed

    // Stages: preparing first, requests in between, finished last.
    QCOMPARE(rec.stages.first(), Stage::Preparing);
    QVERIFY(rec.stages.contains(Stage::Uploading));
    QVERIFY(rec.stages.contains(Stage::Waiting));
    QCOMPARE(rec.stages.last(), Stage::Finished);
    QCOMPARE(rec.planned, 1);
    // One partial transcript per chunk, growing, the last one the result.
    QCOMPARE(rec.partialWordCounts.size(), pipeline.chunkCount());
    QVERIFY(std::is_sorted(rec.partialWordCounts.begin(), rec.partialWordCounts.end()));
    QCOMPARE(rec.partialWordCounts.last(), Recorder::wordCount(rec.result));
    if (stream)
        QCOMPARE(rec.partialTexts, pipeline.chunkCount());
    QCOMPARE(rec.result, pipeline.transcript());

    const Transcript &t = rec.result;
    const int phrases = lastPhrase - firstPhrase + 1;
    qint64 last = rangeStart;
    for (const TranscriptSegment &s : t.segments) {
        QVERIFY(s.start >= last && s.end >= s.start && s.end <= rangeEnd);
        last = s.start;
    }
    if (!caps.timed()) {
        // One segment per speech chunk, timed by it, together covering every phrase.
        QVERIFY(t.approximateTiming);
        QCOMPARE(t.segments.size(), pipeline.chunkCount());
        for (int i = 0; i < pipeline.chunkCount(); ++i) {
            QCOMPARE(t.segments[i].start, pipeline.plan().chunks[i].startMs);
            QCOMPARE(t.segments[i].end, pipeline.plan().chunks[i].endMs);
        }
        QCOMPARE(t.text.count(u"alpha beta"_s), phrases);
        for (const SpeechSegment &p : std::as_const(m_phrases)) {
            bool covered = false;
            for (const TranscriptSegment &s : t.segments)
                covered = covered || (s.start <= p.start + 50 && s.end >= p.end - 50);
            QVERIFY2(covered, qPrintable(QString::number(p.start)));
        }
        return;
    }
    // Every word once, in order, at the time of its phrase.
    QStringList expected;
    for (int i = 0; i < phrases; ++i)
        expected << u"alpha"_s << u"beta"_s;
    QCOMPARE(wordTexts(t), expected);
    qint64 lastWord = rangeStart;
    int phrase = firstPhrase;
    for (const TranscriptSegment &s : t.segments) {
        for (const Word &w : s.words) {
            QVERIFY(w.start >= lastWord && w.end >= w.start && w.end <= rangeEnd);
            lastWord = w.start;
            if (w.text == u"alpha") {
                QVERIFY2(std::abs(w.start - m_phrases[phrase].start) <= 150,
                         qPrintable(u"phrase %1 at %2, word at %3"_s.arg(phrase)
                                        .arg(m_phrases[phrase].start)
                                        .arg(w.start)));
                ++phrase;
            }
        }
    }
    QVERIFY(!t.approximateTiming);
}

void TestTranscriptionPipeline::failedChunkKeepsOthers_data()
{
    QTest::addColumn<bool>("always");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("concurrency");
    QTest::newRow("fails once, then retried") << false << 500 << 4;
    QTest::newRow("fails always") << true << 500 << 4;
    QTest::newRow("unauthorized: the rest is not sent") << false << 401 << 1;
}

void TestTranscriptionPipeline::failedChunkKeepsOthers()
{
    QFETCH(bool, always);
    QFETCH(int, status);
    QFETCH(int, concurrency);

    FakeClient fake;
    fake.caps = timedCaps(10000);
    fake.failStatus = status;
    const int failing = status == 401 ? 0 : 1;
    (always ? fake.failAlways : fake.failOnce).insert(failing);
    QTemporaryDir work;
    PipelineOptions options;
    options.concurrency = concurrency;
    options.workDirectory = work.path();
    TranscriptionPipeline pipeline(&fake);
    Recorder rec;
    rec.attach(&pipeline);
    pipeline.start(m_media, options);
    QTRY_VERIFY_WITH_TIMEOUT(rec.finished + rec.failed > 0, 60000);
    QCOMPARE(rec.finished, 0);
    QCOMPARE(rec.failed, 1);
    QCOMPARE(pipeline.stage(), Stage::Failed);
    QCOMPARE(pipeline.chunkState(failing), ChunkState::Failed);
    QVERIFY2(pipeline.chunkError(failing).contains(u"chunk %1 failed"_s.arg(failing)),
             qPrintable(pipeline.chunkError(failing)));
    QVERIFY2(rec.failMessage.contains(u"chunk %1 failed"_s.arg(failing)),
             qPrintable(rec.failMessage));
    const int n = pipeline.chunkCount();
    QVERIFY(n >= 4);
    int done = 0;
    for (int i = 0; i < n; ++i)
        done += pipeline.chunkState(i) == ChunkState::Done ? 1 : 0;
    if (status == 401) {
        QCOMPARE(fake.requests, 1); // a key problem is not repeated for every chunk
        QCOMPARE(done, 0);
    } else {
        QCOMPARE(done, n - 1);
        QCOMPARE(fake.requests, n);
        // The finished chunks are kept: their words, in order, and none of the failed one.
        const QStringList words = wordTexts(pipeline.transcript());
        QVERIFY(!words.isEmpty() && words.size() < 20);
        QCOMPARE(words.size() % 2, 0);
    }

    const int before = fake.requests;
    fake.failStatus = 500;
    pipeline.retryFailed();
    QTRY_VERIFY_WITH_TIMEOUT(rec.finished + rec.failed > 1, 60000);
    QCOMPARE(fake.requests - before, status == 401 ? n : 1); // only what had not succeeded
    if (always) {
        QCOMPARE(rec.failed, 2);
        QCOMPARE(pipeline.stage(), Stage::Failed);
        QCOMPARE(pipeline.chunkState(failing), ChunkState::Failed);
        pipeline.cancel(); // gives up: the kept chunk file goes
        QCOMPARE(pipeline.stage(), Stage::Cancelled);
    } else {
        QCOMPARE(rec.finished, 1);
        QCOMPARE(wordTexts(rec.result).size(), 20);
        QCOMPARE(pipeline.stage(), Stage::Finished);
    }
    QVERIFY(isEmptyDir(work.path()));
}

void TestTranscriptionPipeline::cancel_data()
{
    QTest::addColumn<int>("when"); // 0: while preparing, 1: first request in flight, 2: after one
    QTest::newRow("while preparing") << 0;
    QTest::newRow("requests in flight") << 1;
    QTest::newRow("after a chunk finished") << 2;
}

void TestTranscriptionPipeline::cancel()
{
    QFETCH(int, when);
    FakeClient fake;
    fake.caps = timedCaps(8000, 2);
    fake.delayMs = 400;
    QTemporaryDir work;
    PipelineOptions options;
    options.workDirectory = work.path();
    TranscriptionPipeline pipeline(&fake);
    Recorder rec;
    rec.attach(&pipeline);
    pipeline.start(m_media, options);
    if (when == 1)
        QTRY_VERIFY_WITH_TIMEOUT(fake.inFlight > 0, 30000);
    if (when == 2)
        QTRY_VERIFY_WITH_TIMEOUT(!rec.partialWordCounts.isEmpty(), 30000);
    const int inFlight = fake.inFlight;
    const int reported = rec.signalsOtherThanStage();
    const qsizetype stages = rec.stages.size();
    pipeline.cancel();
    QCOMPARE(pipeline.stage(), Stage::Cancelled);
    QCOMPARE(rec.stages.size(), stages + 1);
    QCOMPARE(rec.stages.last(), Stage::Cancelled);
    // The requests end promptly (cancelled, not after their delay) and nothing else is reported.
    QTRY_COMPARE_WITH_TIMEOUT(fake.inFlight, 0, 5000);
    QCOMPARE(fake.cancelled, inFlight);
    QTest::qWait(fake.delayMs * 2);
    QCOMPARE(rec.signalsOtherThanStage(), reported);
    QCOMPARE(rec.stages.size(), stages + 1);
    QCOMPARE(rec.finished, 0);
    QVERIFY(isEmptyDir(work.path()));
    if (when == 2)
        QVERIFY(!pipeline.transcript().isEmpty()); // what finished is still there
    pipeline.cancel();                             // twice: nothing happens
    QCOMPARE(rec.stages.size(), stages + 1);
}

void TestTranscriptionPipeline::destroyWhileRunning_data()
{
    cancel_data();
}

void TestTranscriptionPipeline::destroyWhileRunning()
{
    QFETCH(int, when);
    FakeClient fake;
    fake.caps = timedCaps(8000, 4);
    fake.delayMs = 400;
    QTemporaryDir work;
    PipelineOptions options;
    options.workDirectory = work.path();
    auto *pipeline = new TranscriptionPipeline(&fake);
    Recorder rec;
    rec.attach(pipeline);
    pipeline->start(m_media, options);
    if (when == 1)
        QTRY_VERIFY_WITH_TIMEOUT(fake.inFlight > 0, 30000);
    if (when == 2)
        QTRY_VERIFY_WITH_TIMEOUT(!rec.partialWordCounts.isEmpty(), 30000);
    const int inFlight = fake.inFlight;
    delete pipeline;
    QTRY_COMPARE_WITH_TIMEOUT(fake.inFlight, 0, 5000);
    QCOMPARE(fake.cancelled, inFlight);
    QTest::qWait(fake.delayMs * 2); // late callbacks, futures and timers find nothing to touch
    QCOMPARE(rec.finished, 0);
    QVERIFY(isEmptyDir(work.path()));
}

void TestTranscriptionPipeline::missingFileFails()
{
    FakeClient fake;
    fake.caps = timedCaps(0);
    TranscriptionPipeline pipeline(&fake);
    Recorder rec;
    rec.attach(&pipeline);
    pipeline.start(fixtures::dir() + u"/does-not-exist.wav"_s, {});
    QTRY_VERIFY_WITH_TIMEOUT(rec.failed > 0, 10000);
    QCOMPARE(pipeline.stage(), Stage::Failed);
    QVERIFY(!rec.failMessage.isEmpty());
    QCOMPARE(fake.requests, 0);
    QVERIFY(rec.stages == (QList<Stage>{Stage::Preparing, Stage::Failed}));
}

// The real client: multipart upload of each chunk to a local server answering verbose_json with
// the words recognise() finds in the uploaded audio.
void TestTranscriptionPipeline::openAiClientEndToEnd()
{
    TestServer server;
    std::atomic_int served = 0;
    QTemporaryDir uploads;
    const QString uploadDir = uploads.path();
    server.http().Post(
        "/v1/audio/transcriptions", [&](const httplib::Request &req, httplib::Response &res) {
            const int n = ++served;
            const httplib::MultipartFormData file = req.get_file_value("file");
            const QString path =
                uploadDir + u"/upload-%1-"_s.arg(n) + QString::fromStdString(file.filename);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) ||
                f.write(file.content.data(), qint64(file.content.size())) !=
                    qint64(file.content.size()))
                return;
            f.close();
            const Result<Transcript> t = recognise(path, -1);
            if (!t) {
                res.status = 400;
                return;
            }
            QJsonArray segments, words;
            for (const TranscriptSegment &s : t->segments) {
                segments.append(QJsonObject{{u"id"_s, segments.size()},
                                            {u"start"_s, s.start / 1000.0},
                                            {u"end"_s, s.end / 1000.0},
                                            {u"text"_s, s.text}});
                for (const Word &w : s.words)
                    words.append(QJsonObject{{u"word"_s, w.text},
                                             {u"start"_s, w.start / 1000.0},
                                             {u"end"_s, w.end / 1000.0}});
            }
            const QJsonObject body{{u"task"_s, u"transcribe"_s},
                                   {u"language"_s, u"english"_s},
                                   {u"duration"_s, t->duration / 1000.0},
                                   {u"text"_s, t->text},
                                   {u"segments"_s, segments},
                                   {u"words"_s, words}};
            res.set_header("x-request-id", "req-" + std::to_string(n));
            res.set_content(QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(),
                            "application/json");
        });
    QVERIFY(server.start());

    QNetworkAccessManager nam;
    ProviderProfile profile;
    profile.id = u"custom"_s;
    profile.kind = u"openai-compatible"_s;
    profile.baseUrl = QUrl(server.url(u"/v1"_s));
    profile.model = u"whisper-1"_s;
    OpenAiTranscriptionClient client(&nam, profile, "test-key");
    ProviderCapabilities caps = client.capabilities();
    caps.maxDurationMs = 10000;
    CappedClient capped(&client, caps);

    TranscriptionPipeline pipeline(&capped);
    Recorder rec;
    rec.attach(&pipeline);
    pipeline.start(m_media, {});
    QTRY_VERIFY_WITH_TIMEOUT(rec.finished + rec.failed > 0, 60000);
    QVERIFY2(rec.failed == 0, qPrintable(rec.failMessage));
    QVERIFY(pipeline.chunkCount() >= 4);
    QCOMPARE(served.load(), pipeline.chunkCount());
    QStringList expected;
    for (int i = 0; i < m_phrases.size(); ++i)
        expected << u"alpha"_s << u"beta"_s;
    QCOMPARE(wordTexts(rec.result), expected);
    QCOMPARE(rec.result.requestId.split(u", "_s).size(), pipeline.chunkCount());
    QCOMPARE(rec.result.provider, u"custom"_s);
    int phrase = 0;
    for (const TranscriptSegment &s : rec.result.segments) {
        for (const Word &w : s.words) {
            if (w.text == u"alpha") {
                QVERIFY(std::abs(w.start - m_phrases[phrase].start) <= 150);
                ++phrase;
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestTranscriptionPipeline)
#include "tst_transcriptionpipeline.moc"

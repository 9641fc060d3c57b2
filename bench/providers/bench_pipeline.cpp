// Transcription pipeline benchmark (issue: "a 1-hour file through a provider limited to 5 minutes
// per request, against a test server with a fixed delay per request: wall time within 1.3x of the
// ideal for the chosen concurrency, merged timestamps monotonic, no word lost or doubled at
// seams"). Not a test: prints a Markdown table and "TARGET MISSED" lines, exits 0 unless a tool or
// the pipeline fails.
//
//   build/bench/providers/bench_pipeline [--workdir DIR] [--delay-ms 3000]
//                                        [--concurrency 2,4] [--duration-s 3600]
//
// The media is generated once in --workdir (16 kHz mono FLAC, via ffmpeg): "words" of white noise
// (180-450 ms) in "sentences" of 3-8 words (gaps of 80-200 ms, shorter than the pipeline's voice
// activity bridges) separated by pauses of 0.4-3 s, from a fixed seed, so the true word times are
// known. The real OpenAiTranscriptionClient uploads each chunk to a local cpp-httplib server
// (profile kind "openai-compatible", capabilities capped to 5 min per request). The server finds
// the words in the uploaded audio (fine-grained voice activity), answers verbose_json with one
// word per burst, and holds every answer until a fixed delay after the request arrived.
//
// Ideal wall time = ceil(chunks / concurrency) * delay + encode time of the first chunk (the
// requests of one round run in parallel; later chunks are encoded while earlier ones wait).
// Preparation (probe + voice activity over the whole file + plan) is reported separately and
// counted in the measured wall time.
#include "audiodecoder.h"
#include "openaiclient.h"
#include "testserver.h"
#include "transcriptionpipeline.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QTimer>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

constexpr int kRate = 16000;
constexpr quint32 kSeed = 20240611;
constexpr qint64 kMatchToleranceMs = 100; // a found word is this close to its true start

struct Span {
    qint64 start = 0;
    qint64 end = 0;
};

// The true word times (ms) of the generated media.
QList<Span> makeSchedule(qint64 durationMs)
{
    QRandomGenerator rng(kSeed);
    QList<Span> words;
    qint64 t = 700;
    for (;;) {
        const int count = 3 + int(rng.bounded(6));
        for (int i = 0; i < count; ++i) {
            const qint64 length = 180 + rng.bounded(271);
            if (t + length > durationMs - 500)
                return words;
            words.append({t, t + length});
            t += length + (i + 1 < count ? 80 + rng.bounded(121) : 0);
        }
        t += 400 + rng.bounded(2601);
    }
}

bool generateMedia(const QString &path, const QList<Span> &words, qint64 durationMs)
{
    const QString wavPath = path + u".wav"_s;
    QFile wav(wavPath);
    if (!wav.open(QIODevice::WriteOnly))
        return false;
    const qint64 samples = durationMs * kRate / 1000;
    auto le32 = [](quint32 v) {
        return QByteArray(reinterpret_cast<const char *>(&v), 4); // x86: little endian
    };
    QByteArray header = "RIFF" + le32(quint32(36 + samples * 2)) + "WAVEfmt " + le32(16);
    header += QByteArray("\x01\x00\x01\x00", 4) + le32(kRate) + le32(kRate * 2);
    header += QByteArray("\x02\x00\x10\x00", 4) + "data" + le32(quint32(samples * 2));
    wav.write(header);
    QRandomGenerator rng(kSeed + 1);
    std::vector<qint16> block;
    qsizetype next = 0;
    constexpr qint64 kFadeSamples = kRate * 5 / 1000;
    for (qint64 s = 0; s < samples;) {
        block.clear();
        for (; s < samples && block.size() < 65536; ++s) {
            const qint64 ms = s * 1000 / kRate;
            while (next < words.size() && words[next].end <= ms)
                ++next;
            double v = (rng.generateDouble() * 2 - 1) * 0.0003; // room noise, about -70 dBFS
            if (next < words.size() && words[next].start <= ms) {
                const qint64 from = s - words[next].start * kRate / 1000;
                const qint64 to = words[next].end * kRate / 1000 - s;
                const double fade = std::min(1.0, double(std::min(from, to)) / kFadeSamples);
                v += (rng.generateDouble() * 2 - 1) * 0.25 * fade;
            }
            block.push_back(qint16(std::lround(v * 32767)));
        }
        wav.write(reinterpret_cast<const char *>(block.data()), qint64(block.size() * 2));
    }
    wav.close();
    QProcess ffmpeg;
    ffmpeg.start(u"ffmpeg"_s, {u"-nostdin"_s, u"-y"_s, u"-v"_s, u"error"_s, u"-i"_s, wavPath,
                               u"-c:a"_s, u"flac"_s, path});
    const bool ok = ffmpeg.waitForFinished(600000) && ffmpeg.exitCode() == 0;
    QFile::remove(wavPath);
    return ok;
}

// Forwards to the real client with the capabilities of a provider limited per request.
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

// The "recogniser": noise bursts in a decoded chunk, found with a plain level threshold on 5 ms
// frames (exact for the generated media, unlike adaptive voice activity, which is tuned for speech
// and can merge bursts). Times in ms from the start of the file.
Result<QList<Span>> findBursts(const QString &path, qint64 *durationMs)
{
    Result<std::unique_ptr<AudioDecoder>> decoder = AudioDecoder::open(path, {-1, kRate, -1});
    if (!decoder)
        return decoder.error();
    constexpr qint64 kFrame = kRate / 200; // 5 ms
    constexpr double kLoud = 0.01 * 0.01;  // -40 dBFS, as a mean square
    constexpr qint64 kBridgeMs = 40, kMinBurstMs = 50;
    QList<Span> bursts;
    std::vector<float> samples;
    qint64 frame = 0;
    size_t used = 0;
    for (;;) {
        Result<qint64> n = (*decoder)->read(samples);
        if (!n)
            return n.error();
        for (; samples.size() - used >= size_t(kFrame); used += size_t(kFrame), ++frame) {
            double sum = 0;
            for (qint64 k = 0; k < kFrame; ++k)
                sum += double(samples[used + size_t(k)]) * samples[used + size_t(k)];
            if (sum / kFrame < kLoud)
                continue;
            const qint64 t = frame * 5;
            if (!bursts.isEmpty() && t - bursts.last().end <= kBridgeMs)
                bursts.last().end = t + 5;
            else
                bursts.append({t, t + 5});
        }
        if (*n == 0)
            break;
        samples.erase(samples.begin(), samples.begin() + std::ptrdiff_t(used));
        used = 0;
    }
    *durationMs = (*decoder)->positionMs();
    QList<Span> kept;
    for (const Span &b : std::as_const(bursts)) {
        if (b.end - b.start >= kMinBurstMs)
            kept.append(b);
    }
    return kept;
}

// verbose_json for an uploaded chunk: one word per noise burst.
QByteArray answer(const QString &path)
{
    qint64 durationMs = 0;
    const Result<QList<Span>> bursts = findBursts(path, &durationMs);
    if (!bursts)
        return {};
    QJsonArray words;
    QStringList text;
    for (const Span &s : *bursts) {
        words.append(QJsonObject{{u"word"_s, u"noise"_s},
                                 {u"start"_s, double(s.start) / 1000.0},
                                 {u"end"_s, double(s.end) / 1000.0}});
        text << u"noise"_s;
    }
    const double duration = double(durationMs) / 1000.0;
    const QJsonObject body{
        {u"task"_s, u"transcribe"_s},
        {u"language"_s, u"english"_s},
        {u"duration"_s, duration},
        {u"text"_s, text.join(u' ')},
        {u"segments"_s,
         QJsonArray{QJsonObject{
             {u"id"_s, 0}, {u"start"_s, 0.0}, {u"end"_s, duration}, {u"text"_s, text.join(u' ')}}}},
        {u"words"_s, words}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

struct Row {
    int concurrency = 0;
    int chunks = 0;
    double prepareS = 0, firstEncodeS = 0, wallS = 0, idealS = 0;
    qsizetype expected = 0, got = 0, lost = 0, doubled = 0;
    bool monotonic = true;
    int serverPeak = 0;
    QString error;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString workdir = u"/tmp/captioneer-pipeline-bench"_s;
    qint64 delayMs = 3000, durationS = 3600;
    QList<int> concurrencies{2, 4};
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--workdir")
            workdir = args[i + 1];
        else if (args[i] == u"--delay-ms")
            delayMs = args[i + 1].toLongLong();
        else if (args[i] == u"--duration-s")
            durationS = args[i + 1].toLongLong();
        else if (args[i] == u"--concurrency") {
            concurrencies.clear();
            for (const QString &c : args[i + 1].split(u','))
                concurrencies.append(c.toInt());
        }
    }
    QDir().mkpath(workdir);
    const qint64 durationMs = durationS * 1000;
    const QList<Span> truth = makeSchedule(durationMs);
    const QString media = workdir + u"/noise-words-%1s-v1.flac"_s.arg(durationS);
    if (!QFileInfo::exists(media)) {
        std::fprintf(stderr, "generating %s ...\n", qPrintable(media));
        if (!generateMedia(media, truth, durationMs)) {
            std::fprintf(stderr, "cannot generate the media (is ffmpeg installed?)\n");
            return 1;
        }
    }

    TestServer server;
    std::atomic_int current = 0, peak = 0, served = 0;
    const QString uploads = workdir + u"/uploads"_s;
    QDir().mkpath(uploads);
    server.http().Post(
        "/v1/audio/transcriptions", [&](const httplib::Request &req, httplib::Response &res) {
            const auto arrived = std::chrono::steady_clock::now();
            const int now = ++current;
            for (int p = peak; now > p && !peak.compare_exchange_weak(p, now);) {
            }
            const int n = ++served;
            const httplib::MultipartFormData file = req.get_file_value("file");
            const QString path =
                uploads + u"/upload-%1-"_s.arg(n) + QString::fromStdString(file.filename);
            QFile f(path);
            QByteArray body;
            if (f.open(QIODevice::WriteOnly) &&
                f.write(file.content.data(), qint64(file.content.size())) ==
                    qint64(file.content.size())) {
                f.close();
                body = answer(path);
            }
            QFile::remove(path);
            std::this_thread::sleep_until(arrived + std::chrono::milliseconds(delayMs));
            --current;
            if (body.isEmpty()) {
                res.status = 400;
                return;
            }
            res.set_header("x-request-id", "req-" + std::to_string(n));
            res.set_content(body.toStdString(), "application/json");
        });
    if (!server.start()) {
        std::fprintf(stderr, "cannot start the test server\n");
        return 1;
    }

    QNetworkAccessManager nam;
    ProviderProfile profile;
    profile.id = u"bench"_s;
    profile.kind = u"openai-compatible"_s;
    profile.baseUrl = QUrl(server.url(u"/v1"_s));
    profile.model = u"whisper-1"_s;
    OpenAiTranscriptionClient client(&nam, profile, "bench-key");
    ProviderCapabilities caps = client.capabilities();
    caps.maxDurationMs = 5 * 60 * 1000;
    caps.maxConcurrency = 16; // the options choose the concurrency
    CappedClient capped(&client, caps);

    QList<Row> rows;
    for (int concurrency : std::as_const(concurrencies)) {
        Row row;
        row.concurrency = concurrency;
        peak = 0;
        TranscriptionPipeline pipeline(&capped);
        PipelineOptions options;
        options.concurrency = concurrency;
        options.workDirectory = workdir;
        QElapsedTimer clock;
        qint64 plannedAt = -1, firstUploadAt = -1;
        Transcript result;
        QObject::connect(&pipeline, &TranscriptionPipeline::planned, &app,
                         [&](const TranscriptionPlan &) { plannedAt = clock.elapsed(); });
        QObject::connect(&pipeline, &TranscriptionPipeline::chunkChanged, &app,
                         [&](int, TranscriptionPipeline::ChunkState s, double) {
                             if (firstUploadAt < 0 &&
                                 s == TranscriptionPipeline::ChunkState::Uploading)
                                 firstUploadAt = clock.elapsed();
                         });
        QObject::connect(&pipeline, &TranscriptionPipeline::finished, &app,
                         [&](const Transcript &t) {
                             row.wallS = double(clock.elapsed()) / 1000.0;
                             result = t;
                             app.quit();
                         });
        QObject::connect(&pipeline, &TranscriptionPipeline::failed, &app,
                         [&](const QString &message) {
                             row.error = message;
                             app.quit();
                         });
        QTimer::singleShot(0, &app, [&] {
            clock.start();
            pipeline.start(media, options);
        });
        app.exec();
        if (!row.error.isEmpty()) {
            std::fprintf(stderr, "pipeline failed: %s\n", qPrintable(row.error));
            return 1;
        }
        row.chunks = pipeline.chunkCount();
        row.serverPeak = peak;
        row.prepareS = double(plannedAt) / 1000.0;
        row.firstEncodeS = double(firstUploadAt - plannedAt) / 1000.0;
        const qint64 rounds = (row.chunks + concurrency - 1) / concurrency;
        row.idealS = double(rounds * delayMs) / 1000.0 + row.firstEncodeS;

        // Words: monotonic, and matched in order to the true words (lost: a true word with no
        // match; doubled: a found word with no true word left to match).
        QList<qint64> starts;
        qint64 last = -1;
        for (const TranscriptSegment &s : std::as_const(result.segments)) {
            for (const Word &w : s.words) {
                row.monotonic = row.monotonic && w.start >= last && w.end >= w.start;
                last = w.start;
                starts.append(w.start);
            }
        }
        row.expected = truth.size();
        row.got = starts.size();
        // The distance of `t` to the nearest chunk boundary, for the details printed on a miss.
        auto seamDistance = [&](qint64 t) {
            qint64 best = durationMs;
            for (const TranscriptionPlan::Chunk &c : pipeline.plan().chunks)
                best = std::min(best, std::abs(c.startMs - t));
            return static_cast<long long>(best);
        };
        qsizetype i = 0, j = 0;
        while (i < truth.size() && j < starts.size()) {
            if (std::abs(starts[j] - truth[i].start) <= kMatchToleranceMs) {
                ++i;
                ++j;
            } else if (starts[j] < truth[i].start) {
                std::fprintf(stderr, "doubled: word at %lld ms (%lld ms from a seam)\n",
                             static_cast<long long>(starts[j]), seamDistance(starts[j]));
                ++row.doubled;
                ++j;
            } else {
                std::fprintf(stderr, "lost: word %lld-%lld ms (%lld ms from a seam)\n",
                             static_cast<long long>(truth[i].start),
                             static_cast<long long>(truth[i].end), seamDistance(truth[i].start));
                ++row.lost;
                ++i;
            }
        }
        row.lost += truth.size() - i;
        row.doubled += starts.size() - j;
        rows.append(row);
    }

    std::printf("### transcription pipeline: %s (%.0f min), 5 min per request, %lld ms per "
                "request\n\n",
                qPrintable(QFileInfo(media).fileName()), double(durationS) / 60.0,
                static_cast<long long>(delayMs));
    std::printf("| concurrency | chunks | prepare (probe + VAD) | first encode | wall | ideal | "
                "wall / ideal | server peak in flight | words expected / got | lost | doubled | "
                "monotonic |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    QStringList missed;
    for (const Row &r : std::as_const(rows)) {
        const double ratio = r.wallS / r.idealS;
        std::printf("| %d | %d | %.2f s | %.2f s | %.2f s | %.2f s | %.2fx | %d | %lld / %lld | "
                    "%lld | %lld | %s |\n",
                    r.concurrency, r.chunks, r.prepareS, r.firstEncodeS, r.wallS, r.idealS, ratio,
                    r.serverPeak, static_cast<long long>(r.expected), static_cast<long long>(r.got),
                    static_cast<long long>(r.lost), static_cast<long long>(r.doubled),
                    r.monotonic ? "yes" : "NO");
        if (ratio > 1.3)
            missed
                << u"concurrency %1: wall %2x the ideal"_s.arg(r.concurrency).arg(ratio, 0, 'f', 2);
        if (r.lost || r.doubled || r.got != r.expected)
            missed << u"concurrency %1: %2 words lost, %3 doubled"_s.arg(r.concurrency)
                          .arg(r.lost)
                          .arg(r.doubled);
        if (!r.monotonic)
            missed << u"concurrency %1: timestamps not monotonic"_s.arg(r.concurrency);
        if (r.serverPeak > r.concurrency)
            missed
                << u"concurrency %1: %2 requests in flight"_s.arg(r.concurrency).arg(r.serverPeak);
    }
    std::printf("\nideal = ceil(chunks / concurrency) x delay + first chunk's encode time; wall "
                "includes preparation.\n\n");
    for (const QString &m : std::as_const(missed))
        std::printf("TARGET MISSED: %s\n", qPrintable(m));
    if (missed.isEmpty())
        std::printf("All targets met.\n");
    return 0;
}

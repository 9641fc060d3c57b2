#include "chunkencoder.h"
#include "openaiclient.h"
#include "testserver.h"

#include <QCoroTask>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>
#include <httplib.h>

#include <cmath>
#include <deque>
#include <limits>
#include <mutex>

using namespace Qt::StringLiterals;

// The OpenAI-compatible clients against a real local HTTP server (cpp-httplib) that records
// exactly what arrives (method, path, headers, every multipart part in order, JSON bodies) and
// answers with scripted replies shaped like the real services' (PROTOCOLS A, B; seeds 000-004).
namespace {

struct Part {
    QByteArray name, filename, contentType, content;
};

struct Hit {
    QByteArray method, path, auth, accept, contentType;
    QList<Part> parts; // multipart parts in the order they were sent
    QByteArray body;   // any other body
};

struct Reply {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;                                // before answering
    bool throwInHandler = false;                    // cpp-httplib turns this into a 500
    QList<QByteArray> chunks;                       // streamed body, 50 ms between chunks
    std::function<QByteArray(const Hit &)> bodyFor; // computed from the request
};

Reply reply(int status, QByteArray body, QByteArray type = "application/json",
            QList<QPair<QByteArray, QByteArray>> headers = {})
{
    Reply r;
    r.status = status;
    r.body = std::move(body);
    r.contentType = std::move(type);
    r.headers = std::move(headers);
    return r;
}

RetryPolicy fastPolicy(int retries = 3)
{
    RetryPolicy p;
    p.maxRetries = retries;
    p.initialBackoffMs = 20;
    p.maxBackoffMs = 100;
    return p;
}

QByteArray pcm16(int samples, int rate, double hz = 440.0)
{
    QByteArray out(samples * 2, '\0');
    for (int i = 0; i < samples; ++i) {
        const auto v = qint16(std::lround(12000.0 * std::sin(2.0 * M_PI * hz * i / rate)));
        qToLittleEndian<qint16>(v, out.data() + 2 * i);
    }
    return out;
}

QByteArray wav(int samples, int rate)
{
    const QByteArray data = pcm16(samples, rate);
    QByteArray h(44, '\0');
    char *p = h.data();
    memcpy(p, "RIFF", 4);
    qToLittleEndian<quint32>(quint32(36 + data.size()), p + 4);
    memcpy(p + 8, "WAVEfmt ", 8);
    qToLittleEndian<quint32>(16, p + 16);
    qToLittleEndian<quint16>(1, p + 20);
    qToLittleEndian<quint16>(1, p + 22);
    qToLittleEndian<quint32>(quint32(rate), p + 24);
    qToLittleEndian<quint32>(quint32(rate * 2), p + 28);
    qToLittleEndian<quint16>(2, p + 32);
    qToLittleEndian<quint16>(16, p + 34);
    memcpy(p + 36, "data", 4);
    qToLittleEndian<quint32>(quint32(data.size()), p + 40);
    return h + data;
}

QString describe(const Transcript &t)
{
    QStringList lines{
        u"language=%1 duration=%2 text=[%3] provider=%4 model=%5 request=%6"_s.arg(t.language)
            .arg(t.duration)
            .arg(t.text, t.provider, t.model, t.requestId)};
    for (const TranscriptSegment &s : t.segments) {
        lines.append(u"  segment %1-%2 [%3] speaker=%4 logprob=%5"_s.arg(s.start).arg(s.end).arg(
            s.text, s.speaker, s.avgLogprob ? QString::number(*s.avgLogprob) : u"-"_s));
        for (const Word &w : s.words)
            lines.append(u"    word %1-%2 [%3]"_s.arg(w.start).arg(w.end).arg(w.text));
    }
    return lines.join(u'\n');
}

QString errorText(const Error &e)
{
    return e.toString();
}

// PROTOCOLS A.2 verbose_json example, verbatim shape.
const QByteArray kVerbose =
    R"j({"task":"transcribe","language":"english","duration":8.47,
   "text":"The beach was a popular spot on a hot summer day.",
   "segments":[{"id":0,"seek":0,"start":0.0,"end":3.32,"text":" The beach was a popular spot on a hot summer day.",
                "tokens":[50364,440,7534],"temperature":0.0,"avg_logprob":-0.286,"compression_ratio":1.236,"no_speech_prob":0.0099}],
   "words":[{"word":"The","start":0.0,"end":0.24},{"word":"beach","start":0.24,"end":0.52}],
   "usage":{"type":"duration","seconds":9}})j";
// Seed 000 (LLMProvider) verbose_json example.
const QByteArray kSeedVerbose =
    R"j({"task": "transcribe", "language": "en", "duration": 2.95,
"segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 2.95,
"text": "Hello, this is the transcribed text from the audio file.",
"tokens": [50364, 2425, 11, 359, 307, 1161, 1123, 422, 264, 1467, 1780],
"temperature": 0.0, "avg_logprob": -0.458, "compression_ratio": 0.688, "no_speech_prob": 0.0192}],
"text": "Hello, this is the transcribed text from the audio file."})j";
const QByteArray kJson =
    R"j({"text": "Hello world.", "usage": {"type": "tokens", "input_tokens": 14, "input_token_details": {"text_tokens": 10, "audio_tokens": 4}, "output_tokens": 101, "total_tokens": 115}})j";

} // namespace

Q_DECLARE_METATYPE(Reply)
Q_DECLARE_METATYPE(ErrorCode)
Q_DECLARE_METATYPE(Transcript)

class TestOpenAiClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void sendsFieldsPerProfile_data();
    void sendsFieldsPerProfile();
    void parsesResponses_data();
    void parsesResponses();
    void errors_data();
    void errors();
    void connectionDroppedMidUpload();
    void slowResponseTimesOut();
    void reportsStages();
    void streamsPartialText_data();
    void streamsPartialText();
    void cancelStopsRequest();
    void refusesBeforeRequest_data();
    void refusesBeforeRequest();
    void speechRequest_data();
    void speechRequest();
    void speechSplitsLongInput();
    void speechRefusedWithoutRequest_data();
    void speechRefusedWithoutRequest();
    void speechBadAnswers_data();
    void speechBadAnswers();

private:
    void serve(const httplib::Request &req, httplib::Response &res,
               const httplib::ContentReader &reader);
    void script(QList<Reply> replies);
    QList<Hit> hits();
    ProviderProfile profile(const QString &kind, const QString &model,
                            const QVariantMap &options = {}) const;
    Result<Transcript> transcribe(const ProviderProfile &p, TranscriptionRequest request,
                                  const QByteArray &key = "sk-test-key",
                                  TranscriptionProgress progress = {},
                                  std::shared_ptr<HttpControl> control = {},
                                  RetryPolicy policy = fastPolicy());
    Result<SynthesizedSpeech> synthesize(const ProviderProfile &p, SpeechRequest request);

    QNetworkAccessManager m_nam;
    TestServer m_server;
    std::mutex m_mutex;
    std::deque<Reply> m_script;
    QList<Hit> m_hits;
    QTemporaryDir m_dir;
    QString m_clip; // clip.mp3: arbitrary bytes (the server never decodes it)
    QByteArray m_clipBytes;
    QByteArray m_mp3, m_flac; // one second of a sine at 24 kHz, encoded
};

void TestOpenAiClient::serve(const httplib::Request &req, httplib::Response &res,
                             const httplib::ContentReader &reader)
{
    Hit hit;
    hit.method = QByteArray::fromStdString(req.method);
    hit.path = QByteArray::fromStdString(req.path);
    hit.auth = QByteArray::fromStdString(req.get_header_value("Authorization"));
    hit.accept = QByteArray::fromStdString(req.get_header_value("Accept"));
    hit.contentType = QByteArray::fromStdString(req.get_header_value("Content-Type"));
    if (req.is_multipart_form_data()) {
        reader(
            [&](const httplib::MultipartFormData &f) {
                hit.parts.append({QByteArray::fromStdString(f.name),
                                  QByteArray::fromStdString(f.filename),
                                  QByteArray::fromStdString(f.content_type),
                                  {}});
                return true;
            },
            [&](const char *data, size_t n) {
                hit.parts.back().content.append(data, qsizetype(n));
                return true;
            });
    } else {
        reader([&](const char *data, size_t n) {
            hit.body.append(data, qsizetype(n));
            return true;
        });
    }
    Reply r = reply(500, "no reply scripted", "text/plain");
    {
        std::lock_guard lock(m_mutex);
        m_hits.append(hit);
        if (!m_script.empty()) {
            r = m_script.front();
            if (m_script.size() > 1) // the last reply repeats
                m_script.pop_front();
        }
    }
    if (r.delayMs > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(r.delayMs));
    if (r.throwInHandler)
        throw std::runtime_error("handler failed");
    res.status = r.status;
    for (const auto &[name, value] : std::as_const(r.headers))
        res.set_header(name.toStdString(), value.toStdString());
    if (r.bodyFor)
        r.body = r.bodyFor(hit);
    if (r.chunks.isEmpty()) {
        res.set_content(r.body.toStdString(), r.contentType.toStdString());
        return;
    }
    auto chunks = std::make_shared<QList<QByteArray>>(r.chunks);
    res.set_chunked_content_provider(
        r.contentType.toStdString(), [chunks](size_t offset, httplib::DataSink &sink) {
            if (offset == 0) {
                for (const QByteArray &c : std::as_const(*chunks)) {
                    sink.write(c.constData(), size_t(c.size()));
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
            }
            sink.done();
            return true;
        });
}

void TestOpenAiClient::script(QList<Reply> replies)
{
    std::lock_guard lock(m_mutex);
    m_script.assign(replies.begin(), replies.end());
    m_hits.clear();
}

QList<Hit> TestOpenAiClient::hits()
{
    std::lock_guard lock(m_mutex);
    return m_hits;
}

ProviderProfile TestOpenAiClient::profile(const QString &kind, const QString &model,
                                          const QVariantMap &options) const
{
    ProviderProfile p;
    p.id = kind;
    p.kind = kind;
    p.displayName = u"Test "_s + kind;
    p.baseUrl = QUrl(m_server.url(u"/v1"_s));
    p.model = model;
    p.keyName = u"TEST_API_KEY"_s;
    p.options = options;
    return p;
}

Result<Transcript> TestOpenAiClient::transcribe(const ProviderProfile &p,
                                                TranscriptionRequest request, const QByteArray &key,
                                                TranscriptionProgress progress,
                                                std::shared_ptr<HttpControl> control,
                                                RetryPolicy policy)
{
    if (request.audioPath.isEmpty())
        request.audioPath = m_clip;
    if (!control)
        control = std::make_shared<HttpControl>();
    OpenAiTranscriptionClient client(&m_nam, p, key, policy);
    return QCoro::waitFor(client.transcribe(std::move(request), control, std::move(progress)));
}

Result<SynthesizedSpeech> TestOpenAiClient::synthesize(const ProviderProfile &p,
                                                       SpeechRequest request)
{
    OpenAiSpeechClient client(&m_nam, p, "sk-speech-key", fastPolicy());
    return QCoro::waitFor(client.synthesize(std::move(request), std::make_shared<HttpControl>()));
}

void TestOpenAiClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_clip = m_dir.filePath(u"clip.mp3"_s);
    m_clipBytes.resize(300 * 1024);
    for (qsizetype i = 0; i < m_clipBytes.size(); ++i)
        m_clipBytes[i] = char((i * 7919) % 251);
    QFile clip(m_clip);
    QVERIFY(clip.open(QIODevice::WriteOnly));
    clip.write(m_clipBytes);
    clip.close();

    // Speech answers in compressed formats, made with the project's own encoder.
    const QString sine = m_dir.filePath(u"sine.wav"_s);
    QFile sineFile(sine);
    QVERIFY(sineFile.open(QIODevice::WriteOnly));
    sineFile.write(wav(24000, 24000));
    sineFile.close();
    EncodeOptions mp3{ChunkFormat::Mp3, 24000, 64000};
    Result<QByteArray> encoded = encodeRangeToBuffer(sine, -1, 0, -1, mp3);
    QVERIFY2(encoded.ok(), qPrintable(encoded.ok() ? QString() : encoded.error().toString()));
    m_mp3 = *encoded;
    EncodeOptions flac{ChunkFormat::Flac, 24000, 0};
    encoded = encodeRangeToBuffer(sine, -1, 0, -1, flac);
    QVERIFY(encoded.ok());
    m_flac = *encoded;

    m_server.http().Post(R"(/v1/audio/.*)",
                         [this](const httplib::Request &req, httplib::Response &res,
                                const httplib::ContentReader &reader) { serve(req, res, reader); });
    QVERIFY(m_server.start());
}

void TestOpenAiClient::init()
{
    script({});
}

// ---- what the transcription client sends ------------------------------------------------------

void TestOpenAiClient::sendsFieldsPerProfile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QVariantMap>("options");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<double>("temperature"); // < 0: not set
    QTest::addColumn<bool>("translate");
    QTest::addColumn<QString>("mimeType");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("fileType");
    QTest::addColumn<QList<QByteArray>>("fields");
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<Reply>("answer");
    QTest::addColumn<QString>("text");

    const QString prompt = u"Captioneer, Qt and QCoro."_s;
    QTest::newRow("openai whisper-1: verbose_json with word and segment granularities")
        << u"openai"_s << u"whisper-1"_s << QVariantMap{} << QByteArray("sk-openai") << u"en"_s
        << prompt << 0.2 << false << u"audio/mpeg"_s << QByteArray("/v1/audio/transcriptions")
        << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=whisper-1",
                             "language=en",
                             "prompt=Captioneer, Qt and QCoro.",
                             "response_format=verbose_json",
                             "temperature=0.2",
                             "timestamp_granularities[]=word",
                             "timestamp_granularities[]=segment"}
        << QByteArray("application/json") << reply(200, kVerbose)
        << u"The beach was a popular spot on a hot summer day."_s;
    QTest::newRow("openai gpt-4o-transcribe: json only, no format or granularities")
        << u"openai"_s << u"gpt-4o-transcribe"_s << QVariantMap{} << QByteArray("sk-openai")
        << u"de"_s << prompt << 0.0 << false << u"audio/flac"_s
        << QByteArray("/v1/audio/transcriptions") << QByteArray("audio/flac")
        << QList<QByteArray>{"model=gpt-4o-transcribe", "language=de",
                             "prompt=Captioneer, Qt and QCoro.", "temperature=0"}
        << QByteArray("application/json") << reply(200, kJson) << u"Hello world."_s;
    QTest::newRow("siliconflow: only file and model, even when more is set")
        << u"siliconflow"_s << u"FunAudioLLM/SenseVoiceSmall"_s << QVariantMap{}
        << QByteArray("sk-sf") << u"zh"_s << prompt << 0.5 << false << QString()
        << QByteArray("/v1/audio/transcriptions") << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=FunAudioLLM/SenseVoiceSmall"} << QByteArray("application/json")
        << reply(200, R"j({"text":"欢迎使用。"})j") << u"欢迎使用。"_s;
    QTest::newRow("llmprovider paraformer-v2: whisper dialect with verbose_json")
        << u"llmprovider"_s << u"paraformer-v2"_s << QVariantMap{} << QByteArray("sk-llm")
        << u"en"_s << QString() << -1.0 << false << u"audio/mpeg"_s
        << QByteArray("/v1/audio/transcriptions") << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=paraformer-v2", "language=en", "response_format=verbose_json",
                             "timestamp_granularities[]=word", "timestamp_granularities[]=segment"}
        << QByteArray("application/json") << reply(200, kSeedVerbose)
        << u"Hello, this is the transcribed text from the audio file."_s;
    QTest::newRow("openai-compatible: plain array field names, no key")
        << u"openai-compatible"_s << u"whisper-1"_s
        << QVariantMap{{u"array_field_style"_s, u"plain"_s}} << QByteArray() << QString()
        << QString() << -1.0 << false << u"audio/mpeg"_s << QByteArray("/v1/audio/transcriptions")
        << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=whisper-1", "response_format=verbose_json",
                             "timestamp_granularities=word", "timestamp_granularities=segment"}
        << QByteArray("application/json") << reply(200, kVerbose)
        << u"The beach was a popular spot on a hot summer day."_s;
    QTest::newRow("openai whisper-1 translation: no language, no granularities")
        << u"openai"_s << u"whisper-1"_s << QVariantMap{} << QByteArray("sk-openai") << u"fr"_s
        << u"An English hint."_s << 0.0 << true << u"audio/mpeg"_s
        << QByteArray("/v1/audio/translations") << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=whisper-1", "prompt=An English hint.",
                             "response_format=verbose_json", "temperature=0"}
        << QByteArray("application/json") << reply(200, kSeedVerbose)
        << u"Hello, this is the transcribed text from the audio file."_s;
    QTest::newRow("openai whisper-1: srt chosen in the profile, text/plain accepted")
        << u"openai"_s << u"whisper-1"_s << QVariantMap{{u"response_format"_s, u"srt"_s}}
        << QByteArray("sk-openai") << QString() << QString() << -1.0 << false << u"audio/mpeg"_s
        << QByteArray("/v1/audio/transcriptions") << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=whisper-1", "response_format=srt"} << QByteArray("text/plain")
        << reply(200, "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n", "text/plain")
        << u"Hello there."_s;
    QTest::newRow("openai whisper-1: nothing optional set")
        << u"openai"_s << u"whisper-1"_s << QVariantMap{} << QByteArray("sk-openai") << QString()
        << u"  "_s << -1.0 << false << QString() << QByteArray("/v1/audio/transcriptions")
        << QByteArray("audio/mpeg")
        << QList<QByteArray>{"model=whisper-1", "response_format=verbose_json",
                             "timestamp_granularities[]=word", "timestamp_granularities[]=segment"}
        << QByteArray("application/json") << reply(200, kVerbose)
        << u"The beach was a popular spot on a hot summer day."_s;
}

void TestOpenAiClient::sendsFieldsPerProfile()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(QVariantMap, options);
    QFETCH(QByteArray, key);
    QFETCH(QString, language);
    QFETCH(QString, prompt);
    QFETCH(double, temperature);
    QFETCH(bool, translate);
    QFETCH(QString, mimeType);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, fileType);
    QFETCH(QList<QByteArray>, fields);
    QFETCH(QByteArray, accept);
    QFETCH(Reply, answer);
    QFETCH(QString, text);

    script({answer});
    TranscriptionRequest request;
    request.language = language;
    request.prompt = prompt;
    if (temperature >= 0)
        request.temperature = temperature;
    request.translateToEnglish = translate;
    request.mimeType = mimeType;
    const Result<Transcript> t = transcribe(profile(kind, model, options), request, key);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : errorText(t.error())));
    QCOMPARE(t->text, text);

    const QList<Hit> got = hits();
    QCOMPARE(got.size(), 1);
    const Hit &hit = got.first();
    QCOMPARE(hit.method, QByteArray("POST"));
    QCOMPARE(hit.path, path);
    QCOMPARE(hit.auth, key.isEmpty() ? QByteArray() : QByteArray("Bearer " + key));
    QCOMPARE(hit.accept, accept);
    QVERIFY2(hit.contentType.startsWith("multipart/form-data; boundary="), hit.contentType);
    QVERIFY(!hit.parts.isEmpty());
    const Part &file = hit.parts.first();
    QCOMPARE(file.name, QByteArray("file"));
    QCOMPARE(file.filename, QByteArray("clip.mp3"));
    QCOMPARE(file.contentType, fileType);
    QCOMPARE(file.content.size(), m_clipBytes.size());
    QVERIFY(file.content == m_clipBytes);
    QList<QByteArray> sent;
    for (qsizetype i = 1; i < hit.parts.size(); ++i) {
        QVERIFY(hit.parts[i].filename.isEmpty());
        sent.append(QByteArray(hit.parts[i].name + '=' + hit.parts[i].content));
    }
    QCOMPARE(sent, fields);
}

// ---- what it makes of the answers -------------------------------------------------------------

void TestOpenAiClient::parsesResponses_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("format");
    QTest::addColumn<Reply>("answer");
    QTest::addColumn<Transcript>("expected");

    auto base = [](const QString &kind, const QString &model, const QString &requestId) {
        Transcript t;
        t.provider = kind;
        t.model = model;
        t.requestId = requestId;
        return t;
    };
    auto seg = [](qint64 start, qint64 end, const QString &text, Words words = {}) {
        TranscriptSegment s;
        s.start = start;
        s.end = end;
        s.text = text;
        s.words = std::move(words);
        return s;
    };
    const QList<QPair<QByteArray, QByteArray>> rid{{"x-request-id", "req_abc123"}};
    {
        Transcript t = base(u"openai"_s, u"whisper-1"_s, u"req_abc123"_s);
        t.text = u"Hello world."_s;
        QTest::newRow("json with token usage") << u"openai"_s << u"whisper-1"_s << u"json"_s
                                               << reply(200, kJson, "application/json", rid) << t;
    }
    {
        Transcript t = base(u"openai"_s, u"whisper-1"_s, u"req_abc123"_s);
        t.text = u"Hello world. How are you?"_s;
        QTest::newRow("text") << u"openai"_s << u"whisper-1"_s << u"text"_s
                              << reply(200, "Hello world. How are you?\n",
                                       "text/plain; charset=utf-8", rid)
                              << t;
    }
    {
        Transcript t = base(u"openai"_s, u"whisper-1"_s, u"req_abc123"_s);
        t.text = u"Hello world. How are you?"_s;
        t.segments = {seg(0, 1480, u"Hello world."_s), seg(1480, 3020, u"How are you?"_s)};
        QTest::newRow("srt") << u"openai"_s << u"whisper-1"_s << u"srt"_s
                             << reply(200,
                                      "1\n00:00:00,000 --> 00:00:01,480\nHello world.\n\n2\n"
                                      "00:00:01,480 --> 00:00:03,020\nHow are you?\n\n",
                                      "text/plain; charset=utf-8", rid)
                             << t;
        QTest::newRow("vtt") << u"openai"_s << u"whisper-1"_s << u"vtt"_s
                             << reply(200,
                                      "WEBVTT\n\n00:00:00.000 --> 00:00:01.480\nHello world.\n\n"
                                      "00:00:01.480 --> 00:00:03.020\nHow are you?\n\n",
                                      "text/vtt; charset=utf-8", rid)
                             << t;
    }
    {
        Transcript t = base(u"openai"_s, u"whisper-1"_s, u"req_abc123"_s);
        t.language = u"english"_s;
        t.duration = 8470;
        t.text = u"The beach was a popular spot on a hot summer day."_s;
        TranscriptSegment s = seg(0, 3320, t.text);
        s.avgLogprob = -0.286;
        s.noSpeechProb = 0.0099;
        const auto confidence = float(std::exp(-0.286));
        Word the{0, 240, u"The"_s, confidence, {}};
        Word beach{240, 520, u"beach"_s, confidence, {}};
        s.words = {the, beach};
        t.segments = {s};
        QTest::newRow("verbose_json with words and segments")
            << u"openai"_s << u"whisper-1"_s << QString()
            << reply(200, kVerbose, "application/json", rid) << t;
    }
    {
        Transcript t = base(u"openai"_s, u"gpt-4o-transcribe-diarize"_s, u"req_abc123"_s);
        t.duration = 4200;
        t.text = u"Hello there. Hi!"_s;
        TranscriptSegment a = seg(0, 1500, u"Hello there."_s);
        a.speaker = u"A"_s;
        TranscriptSegment b = seg(1600, 4200, u"Hi!"_s);
        b.speaker = u"B"_s;
        t.segments = {a, b};
        QTest::newRow("diarized_json")
            << u"openai"_s << u"gpt-4o-transcribe-diarize"_s << u"diarized_json"_s
            << reply(200,
                     R"j({"task":"transcribe","duration":4.2,"text":"Hello there. Hi!",
                 "segments":[{"type":"transcript.text.segment","id":"seg_0","start":0.0,"end":1.5,"text":"Hello there.","speaker":"A"},
                             {"type":"transcript.text.segment","id":"seg_1","start":1.6,"end":4.2,"text":" Hi!","speaker":"B"}],
                 "usage":{"type":"duration","seconds":5}})j",
                     "application/json", rid)
            << t;
    }
    {
        Transcript t = base(u"siliconflow"_s, u"FunAudioLLM/SenseVoiceSmall"_s, u"ti_sf7vq2abc"_s);
        t.text = u"今天天气很好。"_s;
        QTest::newRow("siliconflow json, trace id as request id")
            << u"siliconflow"_s << u"FunAudioLLM/SenseVoiceSmall"_s << QString()
            << reply(200, R"j({"text":"今天天气很好。"})j", "application/json",
                     {{"x-siliconcloud-trace-id", "ti_sf7vq2abc"}})
            << t;
    }
}

void TestOpenAiClient::parsesResponses()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(QString, format);
    QFETCH(Reply, answer);
    QFETCH(Transcript, expected);
    script({answer});
    QVariantMap options;
    if (!format.isEmpty())
        options.insert(u"response_format"_s, format);
    const Result<Transcript> t = transcribe(profile(kind, model, options), {});
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : errorText(t.error())));
    QCOMPARE(describe(*t), describe(expected));
    QVERIFY(*t == expected);
    QCOMPARE(hits().size(), 1);
}

// ---- errors -----------------------------------------------------------------------------------

void TestOpenAiClient::errors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QList<Reply>>("replies");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("requests");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("providerCode");

    const QByteArray ok = R"j({"text":"Finally."})j";
    const QList<QPair<QByteArray, QByteArray>> rid{{"x-request-id", "req_err"}};
    QTest::newRow("openai 401 invalid key")
        << u"openai"_s
        << QList<Reply>{reply(
               401,
               R"j({"error":{"message":"Incorrect API key provided: sk-test***key.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})j",
               "application/json", rid)}
        << false << 1 << ErrorCode::Provider << 401 << u"API key"_s
        << u"Incorrect API key provided"_s << u"invalid_api_key"_s;
    QTest::newRow("openai 413 file too large")
        << u"openai"_s
        << QList<Reply>{reply(
               413,
               R"j({"error":{"message":"Maximum content size limit (26214400) exceeded (26294972 bytes read)","type":"server_error","param":null,"code":null}})j")}
        << false << 1 << ErrorCode::Provider << 413 << u"too large"_s
        << u"Maximum content size limit"_s << u"server_error"_s;
    QTest::newRow("openai 429 insufficient_quota is not retried")
        << u"openai"_s
        << QList<Reply>{reply(
               429,
               R"j({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})j",
               "application/json", {{"Retry-After", "1"}})}
        << false << 1 << ErrorCode::Provider << 429 << u"quota"_s
        << u"exceeded your current quota"_s << u"insufficient_quota"_s;
    QTest::newRow("openai 429 with Retry-After, then success")
        << u"openai"_s
        << QList<
               Reply>{reply(
                          429,
                          R"j({"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}})j",
                          "application/json", {{"Retry-After", "1"}}),
                      reply(200, ok)}
        << true << 2 << ErrorCode::Internal << 0 << QString() << QString() << QString();
    QTest::newRow("openai 500 and 502, then success")
        << u"openai"_s
        << QList<Reply>{reply(500, R"j({"error":{"message":"The server had an error"}})j"),
                        reply(502, "<html><title>502 Bad Gateway</title></html>", "text/html"),
                        reply(200, ok)}
        << true << 3 << ErrorCode::Internal << 0 << QString() << QString() << QString();
    QTest::newRow("openai 503 every time: retries run out")
        << u"openai"_s << QList<Reply>{reply(503, R"j({"error":{"message":"Overloaded"}})j")}
        << false << 4 << ErrorCode::Provider << 503 << u"server error"_s << u"Overloaded"_s
        << QString();
    QTest::newRow("siliconflow 400 code 20012 (unknown model)")
        << u"siliconflow"_s
        << QList<Reply>{reply(
               400,
               R"j({"code":20012,"message":"Model does not exist. Please check it carefully.","data":null})j")}
        << false << 1 << ErrorCode::Provider << 400 << u"invalid"_s << u"Model does not exist"_s
        << u"20012"_s;
    QTest::newRow("siliconflow 401 bare JSON string")
        << u"siliconflow"_s << QList<Reply>{reply(401, R"j("Invalid token")j")} << false << 1
        << ErrorCode::Provider << 401 << u"API key"_s << u"Invalid token"_s << QString();
    QTest::newRow("siliconflow 403 Forbidden")
        << u"siliconflow"_s << QList<Reply>{reply(403, R"j("Forbidden")j")} << false << 1
        << ErrorCode::Provider << 403 << u"refused access"_s << u"Forbidden"_s << QString();
    QTest::newRow("siliconflow 404 page not found")
        << u"siliconflow"_s << QList<Reply>{reply(404, "404 page not found", "text/plain")} << false
        << 1 << ErrorCode::Provider << 404 << u"base URL"_s << u"404 page not found"_s << QString();
    QTest::newRow("siliconflow 429 TPM every time: retries run out")
        << u"siliconflow"_s
        << QList<Reply>{reply(
               429,
               R"j({"message":"Request was rejected due to rate limiting. If you want more, please contact contact@siliconflow.cn. Details:TPM limit reached.","data":null})j")}
        << false << 4 << ErrorCode::Provider << 429 << u"rate limiting"_s << u"TPM limit reached"_s
        << QString();
    QTest::newRow("siliconflow 503 code 50505, then success")
        << u"siliconflow"_s
        << QList<
               Reply>{reply(
                          503,
                          R"j({"code":50505,"message":"Model service overloaded. Please try again later.","data":null})j"),
                      reply(200, ok)}
        << true << 2 << ErrorCode::Internal << 0 << QString() << QString() << QString();
    QTest::newRow("HTML page with status 200")
        << u"openai"_s
        << QList<Reply>{reply(200, "<!DOCTYPE html><html><body>Sign in</body></html>", "text/html",
                              rid)}
        << false << 1 << ErrorCode::ParseError << 200 << u"HTML"_s << u"Sign in"_s << QString();
    QTest::newRow("truncated JSON with status 200")
        << u"openai"_s << QList<Reply>{reply(200, kVerbose.left(kVerbose.size() / 2))} << false << 1
        << ErrorCode::ParseError << 200 << u"truncated"_s << QString() << QString();
    Reply thrower;
    thrower.throwInHandler = true;
    QTest::newRow("server handler fails every time (500): retried, then reported")
        << u"openai"_s << QList<Reply>{thrower} << false << 4 << ErrorCode::Provider << 500
        << u"server error"_s << QString() << QString();
}

void TestOpenAiClient::errors()
{
    QFETCH(QString, kind);
    QFETCH(QList<Reply>, replies);
    QFETCH(bool, ok);
    QFETCH(int, requests);
    QFETCH(ErrorCode, code);
    QFETCH(int, status);
    QFETCH(QString, mentions);
    QFETCH(QString, detail);
    QFETCH(QString, providerCode);
    script(replies);
    const QString model = kind == u"openai" ? u"whisper-1"_s : u"FunAudioLLM/SenseVoiceSmall"_s;
    const Result<Transcript> t = transcribe(profile(kind, model), {});
    QCOMPARE(hits().size(), requests);
    if (ok) {
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : errorText(t.error())));
        QCOMPARE(t->text, u"Finally."_s);
        return;
    }
    QVERIFY(!t.ok());
    const Error &e = t.error();
    QCOMPARE(e.code, code);
    QCOMPARE(e.httpStatus, status);
    QVERIFY2(e.message.contains(mentions), qPrintable(e.message));
    QVERIFY2(e.detail.contains(detail), qPrintable(e.detail));
    QCOMPARE(e.providerCode, providerCode);
    if (code == ErrorCode::Provider)
        QVERIFY2(e.message.contains(QString(u"Test "_s + kind)), qPrintable(e.message));
    QVERIFY(!e.toString().contains(u"sk-test-key"_s)); // the key never appears in messages
}

// A server that closes the socket while the file is still being uploaded: retried, then a clear
// network error.
void TestOpenAiClient::connectionDroppedMidUpload()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int connections = 0;
    qint64 mostReceived = 0;
    connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            ++connections;
            auto received = std::make_shared<qint64>(0);
            connect(socket, &QTcpSocket::readyRead, socket, [socket, received, &mostReceived] {
                *received += socket->readAll().size();
                mostReceived = std::max(mostReceived, *received);
                if (*received > 64 * 1024)
                    socket->abort(); // mid-upload
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    const QString big = m_dir.filePath(u"big.wav"_s);
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(2 << 20, 'x'));
    file.close();
    ProviderProfile p = profile(u"openai"_s, u"whisper-1"_s);
    p.baseUrl = QUrl(u"http://127.0.0.1:%1/v1"_s.arg(server.serverPort()));
    auto control = std::make_shared<HttpControl>();
    int retries = 0;
    control->onRetry = [&](int, qint64, const Error &e) {
        ++retries;
        QVERIFY(e.retryable);
    };
    TranscriptionRequest request;
    request.audioPath = big;
    const Result<Transcript> t = transcribe(p, request, "sk-test-key", {}, control);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, ErrorCode::Network);
    QCOMPARE(t.error().httpStatus, 0);
    QVERIFY2(t.error().message.contains(u"Test openai"_s), qPrintable(t.error().message));
    QVERIFY2(t.error().message.contains(u"connection"_s), qPrintable(t.error().message));
    QCOMPARE(retries, 3);
    // Qt itself may reconnect once for a request whose connection dropped before any answer.
    QVERIFY2(connections >= 4 && connections <= 8, qPrintable(QString::number(connections)));
    QVERIFY(mostReceived > 64 * 1024);
    QVERIFY(mostReceived < (2 << 20)); // it really was cut mid-upload
}

void TestOpenAiClient::slowResponseTimesOut()
{
    Reply slow = reply(200, kJson);
    slow.delayMs = 1500;
    script({slow});
    const ProviderProfile p =
        profile(u"openai"_s, u"whisper-1"_s, {{u"transfer_timeout_ms"_s, 300}});
    QElapsedTimer timer;
    timer.start();
    const Result<Transcript> t = transcribe(p, {}, "sk-test-key", {}, {}, fastPolicy(1));
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, ErrorCode::Network);
    QVERIFY2(t.error().message.contains(u"in time"_s), qPrintable(t.error().message));
    QCOMPARE(hits().size(), 2);
    QVERIFY(timer.elapsed() < 2500); // generous: two 300 ms timeouts and a short backoff
}

// Uploading (rising fraction), then Waiting, then Receiving; the caller's own callbacks keep
// working during the request and are restored afterwards.
void TestOpenAiClient::reportsStages()
{
    const QString big = m_dir.filePath(u"stages.flac"_s);
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(6 << 20, 'y'));
    file.close();
    script({reply(200, kVerbose)});
    using Stage = TranscriptionProgress::Stage;
    QList<QPair<Stage, double>> stages;
    TranscriptionProgress progress;
    progress.onStage = [&](Stage s, double f) { stages.append({s, f}); };
    auto control = std::make_shared<HttpControl>();
    int ownUploadCalls = 0;
    control->onUploadProgress = [&](qint64, qint64) { ++ownUploadCalls; };
    TranscriptionRequest request;
    request.audioPath = big;
    const Result<Transcript> t =
        transcribe(profile(u"openai"_s, u"whisper-1"_s), request, "sk-test-key", progress, control);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : errorText(t.error())));
    QVERIFY(stages.size() >= 4);
    QCOMPARE(stages.first().first, Stage::Uploading);
    QCOMPARE(stages.first().second, 0.0);
    qsizetype firstWaiting = -1, firstReceiving = -1, lastUploading = -1;
    double previous = 0;
    int uploads = 0;
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const auto &[stage, fraction] = stages[i];
        if (stage == Stage::Uploading) {
            QVERIFY(fraction >= previous && fraction <= 1.0);
            previous = fraction;
            lastUploading = i;
            ++uploads;
        } else if (stage == Stage::Waiting && firstWaiting < 0) {
            firstWaiting = i;
        } else if (stage == Stage::Receiving && firstReceiving < 0) {
            firstReceiving = i;
        }
    }
    QVERIFY2(uploads >= 3, "no upload progress between start and end");
    QCOMPARE(previous, 1.0);
    QVERIFY(lastUploading < firstWaiting);
    QVERIFY(firstWaiting < firstReceiving);
    QCOMPARE(stages.last().first, Stage::Receiving);
    QCOMPARE(stages.last().second, 1.0);
    QVERIFY(ownUploadCalls > 0);
    const int before = ownUploadCalls;
    control->onUploadProgress(1, 2); // the caller's callback is back in place
    QCOMPARE(ownUploadCalls, before + 1);
    QCOMPARE(stages.last().first, Stage::Receiving);
}

void TestOpenAiClient::streamsPartialText_data()
{
    QTest::addColumn<Reply>("answer");
    QTest::addColumn<QStringList>("partials");
    QTest::addColumn<QString>("text");

    Reply sse = reply(200, {}, "text/event-stream", {{"x-request-id", "req_stream"}});
    sse.chunks = {"data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hel\"}\n\n",
                  "data: {\"type\":\"transcript.text.delta\",\"delta\":\"lo\"}\n\n",
                  "data: {\"type\":\"transcript.text.done\",\"text\":\"Hello.\",\"usage\":"
                  "{\"type\":\"tokens\",\"input_tokens\":5,\"output_tokens\":2,"
                  "\"total_tokens\":7}}\n\n"};
    QTest::newRow("transcript.text.delta events, then done")
        << sse << QStringList{u"Hel"_s, u"Hello"_s, u"Hello."_s} << u"Hello."_s;
    QTest::newRow("server ignores stream and answers JSON")
        << reply(200, kJson, "application/json", {{"x-request-id", "req_stream"}}) << QStringList{}
        << u"Hello world."_s;
}

void TestOpenAiClient::streamsPartialText()
{
    QFETCH(Reply, answer);
    QFETCH(QStringList, partials);
    QFETCH(QString, text);
    script({answer});
    QStringList seen;
    TranscriptionProgress progress;
    progress.onPartialText = [&](const QString &s) { seen.append(s); };
    const Result<Transcript> t =
        transcribe(profile(u"openai"_s, u"gpt-4o-transcribe"_s), {}, "sk-test-key", progress);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : errorText(t.error())));
    QCOMPARE(t->text, text);
    QCOMPARE(t->requestId, u"req_stream"_s);
    QCOMPARE(seen, partials);
    const QList<Hit> got = hits();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().accept, QByteArray("text/event-stream"));
    QCOMPARE(got.first().parts.last().name, QByteArray("stream"));
    QCOMPARE(got.first().parts.last().content, QByteArray("true"));
}

void TestOpenAiClient::cancelStopsRequest()
{
    Reply slow = reply(200, kJson);
    slow.delayMs = 1500;
    script({slow});
    auto control = std::make_shared<HttpControl>();
    QTimer::singleShot(100, control.get(), [control] { control->cancel(); });
    QElapsedTimer timer;
    timer.start();
    const Result<Transcript> t =
        transcribe(profile(u"openai"_s, u"whisper-1"_s), {}, "sk-test-key", {}, control);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, ErrorCode::Cancelled);
    QVERIFY(timer.elapsed() < 1200);
}

void TestOpenAiClient::refusesBeforeRequest_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("baseUrl"); // empty: the test server
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("file"); // "clip", "missing" or "huge"
    QTest::addColumn<bool>("translate");
    QTest::addColumn<double>("temperature");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("missing audio file")
        << u"openai"_s << QString() << QByteArray("k") << u"missing"_s << false << -1.0
        << ErrorCode::IoError << u"cannot be read"_s;
    QTest::newRow("file over the OpenAI upload limit")
        << u"openai"_s << QString() << QByteArray("k") << u"huge"_s << false << -1.0
        << ErrorCode::InvalidArgument << u"too large"_s;
    QTest::newRow("SiliconFlow cannot translate")
        << u"siliconflow"_s << QString() << QByteArray("k") << u"clip"_s << true << -1.0
        << ErrorCode::InvalidArgument << u"cannot translate"_s;
    QTest::newRow("temperature above 1")
        << u"openai"_s << QString() << QByteArray("k") << u"clip"_s << false << 1.5
        << ErrorCode::InvalidArgument << u"temperature"_s;
    QTest::newRow("plain http to a remote host")
        << u"openai"_s << u"http://example.com/v1"_s << QByteArray("k") << u"clip"_s << false
        << -1.0 << ErrorCode::InvalidArgument << u"unencrypted"_s;
    QTest::newRow("no API key for OpenAI")
        << u"openai"_s << QString() << QByteArray() << u"clip"_s << false << -1.0
        << ErrorCode::InvalidArgument << u"No API key"_s;
    QTest::newRow("base URL without a host")
        << u"openai"_s << u"/v1"_s << QByteArray("k") << u"clip"_s << false << -1.0
        << ErrorCode::InvalidArgument << u"base URL"_s;
}

void TestOpenAiClient::refusesBeforeRequest()
{
    QFETCH(QString, kind);
    QFETCH(QString, baseUrl);
    QFETCH(QByteArray, key);
    QFETCH(QString, file);
    QFETCH(bool, translate);
    QFETCH(double, temperature);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    script({reply(200, kJson)});
    ProviderProfile p =
        profile(kind, kind == u"openai" ? u"whisper-1"_s : u"TeleAI/TeleSpeechASR"_s);
    if (!baseUrl.isEmpty())
        p.baseUrl = QUrl(baseUrl);
    TranscriptionRequest request;
    request.translateToEnglish = translate;
    if (temperature >= 0)
        request.temperature = temperature;
    if (file == u"missing") {
        request.audioPath = m_dir.filePath(u"nothing-here.mp3"_s);
    } else if (file == u"huge") {
        request.audioPath = m_dir.filePath(u"huge.mp3"_s);
        QFile huge(request.audioPath);
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize(25LL * 1024 * 1024 + 1)); // sparse: nothing is written
    }
    const Result<Transcript> t = transcribe(p, request, key);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, code);
    QVERIFY2(t.error().message.contains(mentions), qPrintable(t.error().message));
    QCOMPARE(hits().size(), 0);
}

// ---- speech -----------------------------------------------------------------------------------

void TestOpenAiClient::speechRequest_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QVariantMap>("options");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<QString>("format");
    QTest::addColumn<double>("speed");
    QTest::addColumn<QByteArray>("json"); // what the server must receive
    QTest::addColumn<Reply>("answer");
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("tolerance");

    QTest::newRow("openai tts-1 wav")
        << u"openai"_s << u"tts-1"_s << QVariantMap{} << u"alloy"_s << u"wav"_s << 1.0
        << QByteArray(
               R"j({"input":"Hello there.","model":"tts-1","response_format":"wav","speed":1,"voice":"alloy"})j")
        << reply(200, wav(12000, 24000), "audio/wav") << 24000 << 12000 << 0;
    QTest::newRow("openai pcm: 24 kHz 16-bit mono")
        << u"openai"_s << u"gpt-4o-mini-tts"_s << QVariantMap{} << u"coral"_s << u"pcm"_s << 1.25
        << QByteArray(
               R"j({"input":"Hello there.","model":"gpt-4o-mini-tts","response_format":"pcm","speed":1.25,"voice":"coral"})j")
        << reply(200, pcm16(6000, 24000), "application/octet-stream") << 24000 << 6000 << 0;
    QTest::newRow("openai defaults: mp3 and alloy")
        << u"openai"_s << u"tts-1-hd"_s << QVariantMap{} << QString() << QString() << 1.0
        << QByteArray(
               R"j({"input":"Hello there.","model":"tts-1-hd","response_format":"mp3","speed":1,"voice":"alloy"})j")
        << reply(200, {}, "audio/mpeg") << 24000 << 24000 << 2400;
    QTest::newRow("openai flac, slowest speed, voice verse")
        << u"openai"_s << u"tts-1"_s << QVariantMap{} << u"verse"_s << u"flac"_s << 0.25
        << QByteArray(
               R"j({"input":"Hello there.","model":"tts-1","response_format":"flac","speed":0.25,"voice":"verse"})j")
        << reply(200, {}, "audio/flac") << 24000 << 24000 << 0;
    QTest::newRow("speech_model option instead of the transcription model")
        << u"openai"_s << u"whisper-1"_s
        << QVariantMap{{u"speech_model"_s, u"gpt-4o-mini-tts"_s}, {u"voice"_s, u"sage"_s}}
        << QString() << u"wav"_s << 4.0
        << QByteArray(
               R"j({"input":"Hello there.","model":"gpt-4o-mini-tts","response_format":"wav","speed":4,"voice":"sage"})j")
        << reply(200, wav(800, 24000), "audio/wav") << 24000 << 800 << 0;
    QTest::newRow("siliconflow pcm: CosyVoice voice, sample_rate sent")
        << u"siliconflow"_s << u"FunAudioLLM/CosyVoice2-0.5B"_s << QVariantMap{}
        << u"FunAudioLLM/CosyVoice2-0.5B:anna"_s << u"pcm"_s << 1.5
        << QByteArray(
               R"j({"input":"Hello there.","model":"FunAudioLLM/CosyVoice2-0.5B","response_format":"pcm","sample_rate":24000,"speed":1.5,"voice":"FunAudioLLM/CosyVoice2-0.5B:anna"})j")
        << reply(200, pcm16(4800, 24000), "application/octet-stream") << 24000 << 4800 << 0;
    QTest::newRow("siliconflow default voice is <model>:alex")
        << u"siliconflow"_s << u"FunAudioLLM/CosyVoice2-0.5B"_s << QVariantMap{} << QString()
        << u"wav"_s << 1.0
        << QByteArray(
               R"j({"input":"Hello there.","model":"FunAudioLLM/CosyVoice2-0.5B","response_format":"wav","speed":1,"voice":"FunAudioLLM/CosyVoice2-0.5B:alex"})j")
        << reply(200, wav(44100, 44100), "audio/wav") << 44100 << 44100 << 0;
    QTest::newRow("llmprovider free-text voice")
        << u"llmprovider"_s << u"qwen2-audio-instruct"_s << QVariantMap{} << u"longxiaochun"_s
        << u"wav"_s << 1.0
        << QByteArray(
               R"j({"input":"Hello there.","model":"qwen2-audio-instruct","response_format":"wav","speed":1,"voice":"longxiaochun"})j")
        << reply(200, wav(16000, 16000), "application/octet-stream") << 16000 << 16000 << 0;
}

void TestOpenAiClient::speechRequest()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(QVariantMap, options);
    QFETCH(QString, voice);
    QFETCH(QString, format);
    QFETCH(double, speed);
    QFETCH(QByteArray, json);
    QFETCH(Reply, answer);
    QFETCH(int, rate);
    QFETCH(int, samples);
    QFETCH(int, tolerance);
    if (answer.body.isEmpty()) // compressed answers come from initTestCase
        answer.body = format == u"flac" ? m_flac : m_mp3;
    script({answer});
    SpeechRequest request;
    request.text = u"Hello there."_s;
    request.voice = voice;
    request.format = format;
    request.speed = speed;
    const Result<SynthesizedSpeech> s = synthesize(profile(kind, model, options), request);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : errorText(s.error())));
    const QList<Hit> got = hits();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().method, QByteArray("POST"));
    QCOMPARE(got.first().path, QByteArray("/v1/audio/speech"));
    QCOMPARE(got.first().auth, QByteArray("Bearer sk-speech-key"));
    QCOMPARE(got.first().contentType, QByteArray("application/json"));
    const QJsonDocument sent = QJsonDocument::fromJson(got.first().body);
    QVERIFY(sent.isObject());
    QCOMPARE(sent.toJson(QJsonDocument::Compact), json);
    QCOMPARE(s->sampleRate, rate);
    QVERIFY2(std::abs(qint64(s->samples.size()) - samples) <= tolerance,
             qPrintable(u"%1 samples"_s.arg(s->samples.size())));
    QVERIFY(s->encoded == answer.body);
    QCOMPARE(s->format, format.isEmpty() ? u"mp3"_s : format);
    float peak = 0;
    for (const float v : s->samples)
        peak = std::max(peak, std::abs(v));
    QVERIFY2(peak > 0.2f && peak <= 1.0f, qPrintable(QString::number(peak))); // the sine
}

// 9000 characters: three requests split at sentence ends; the audio of each part is joined.
void TestOpenAiClient::speechSplitsLongInput()
{
    QString text;
    for (int i = 0; text.size() < 9000; ++i) {
        QString sentence = u"Sentence number %1 talks about things"_s.arg(i, 3, 10, QChar(u'0'));
        while (sentence.size() < 98)
            sentence += u" and more"_s;
        sentence = sentence.left(98) + u'.';
        text += (text.isEmpty() ? QString() : u" "_s) + sentence;
    }
    text = text.left(8999); // ends mid-sentence: the last part needs no sentence end
    // Ten samples per input character, at 16 kHz.
    Reply audio = reply(200, {}, "audio/wav");
    audio.bodyFor = [](const Hit &hit) {
        const QString input =
            QJsonDocument::fromJson(hit.body).object().value(u"input"_s).toString();
        return wav(int(input.size()) * 10, 16000);
    };
    script({audio});
    SpeechRequest request;
    request.text = text;
    request.format = u"wav"_s;
    const Result<SynthesizedSpeech> s = synthesize(profile(u"openai"_s, u"tts-1"_s), request);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : errorText(s.error())));
    const QList<Hit> got = hits();
    QCOMPARE(got.size(), 3);
    QStringList inputs;
    QByteArray expectedEncoded;
    qint64 expectedSamples = 0;
    for (const Hit &hit : got) {
        const QString input =
            QJsonDocument::fromJson(hit.body).object().value(u"input"_s).toString();
        QVERIFY(input.size() <= 4096);
        QVERIFY(input.size() > 500);
        inputs.append(input);
        expectedEncoded += wav(int(input.size()) * 10, 16000);
        expectedSamples += input.size() * 10;
    }
    QVERIFY2(inputs[0].endsWith(u'.'), qPrintable(inputs[0].right(20)));
    QVERIFY2(inputs[1].endsWith(u'.'), qPrintable(inputs[1].right(20)));
    QCOMPARE(inputs.join(u' '), text);
    QCOMPARE(s->sampleRate, 16000);
    QCOMPARE(qint64(s->samples.size()), expectedSamples);
    QVERIFY(s->encoded == expectedEncoded);
    QCOMPARE(s->durationMs(), expectedSamples * 1000 / 16000);
}

void TestOpenAiClient::speechRefusedWithoutRequest_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<QString>("format");
    QTest::addColumn<double>("speed");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty text") << u"openai"_s << QString() << u"alloy"_s << u"mp3"_s << 1.0
                                << u"no text"_s;
    QTest::newRow("only white space")
        << u"openai"_s << u" \n\t "_s << u"alloy"_s << u"mp3"_s << 1.0 << u"no text"_s;
    QTest::newRow("speed below 0.25")
        << u"openai"_s << u"Hi."_s << u"alloy"_s << u"mp3"_s << 0.2 << u"0.25 and 4.0"_s;
    QTest::newRow("speed above 4.0")
        << u"siliconflow"_s << u"Hi."_s << u"x"_s << u"mp3"_s << 4.01 << u"0.25 and 4.0"_s;
    QTest::newRow("speed not a number")
        << u"openai"_s << u"Hi."_s << u"alloy"_s << u"mp3"_s
        << std::numeric_limits<double>::quiet_NaN() << u"0.25 and 4.0"_s;
    QTest::newRow("unknown OpenAI voice")
        << u"openai"_s << u"Hi."_s << u"bob"_s << u"mp3"_s << 1.0 << u"no voice \"bob\""_s;
    QTest::newRow("unknown format")
        << u"llmprovider"_s << u"Hi."_s << u"alloy"_s << u"ogg"_s << 1.0 << u"\"ogg\""_s;
    QTest::newRow("SiliconFlow has no aac")
        << u"siliconflow"_s << u"Hi."_s << u"x"_s << u"aac"_s << 1.0 << u"\"aac\""_s;
}

void TestOpenAiClient::speechRefusedWithoutRequest()
{
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, voice);
    QFETCH(QString, format);
    QFETCH(double, speed);
    QFETCH(QString, mentions);
    script({reply(200, wav(100, 24000), "audio/wav")});
    SpeechRequest request;
    request.text = text;
    request.voice = voice;
    request.format = format;
    request.speed = speed;
    const Result<SynthesizedSpeech> s = synthesize(profile(kind, u"tts-1"_s), request);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(s.error().message.contains(mentions), qPrintable(s.error().message));
    QCOMPARE(hits().size(), 0);
}

void TestOpenAiClient::speechBadAnswers_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<Reply>("answer");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("JSON error with status 200")
        << u"mp3"_s << reply(200, R"j({"error":{"message":"voice not available"}})j")
        << ErrorCode::ParseError << u"voice not available"_s;
    QTest::newRow("HTML page with status 200")
        << u"wav"_s << reply(200, "<html><title>Login</title></html>", "text/html")
        << ErrorCode::ParseError << u"without audio"_s;
    QTest::newRow("bytes that are not audio")
        << u"wav"_s << reply(200, QByteArray(5000, '\x01'), "audio/wav")
        << ErrorCode::UnsupportedFormat << u"could not be decoded"_s;
    QTest::newRow("401 from the service")
        << u"mp3"_s << reply(401, R"j("Invalid token")j") << ErrorCode::Provider << u"API key"_s;
}

void TestOpenAiClient::speechBadAnswers()
{
    QFETCH(QString, format);
    QFETCH(Reply, answer);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    script({answer});
    SpeechRequest request;
    request.text = u"Hello."_s;
    request.format = format;
    const Result<SynthesizedSpeech> s = synthesize(profile(u"openai"_s, u"tts-1"_s), request);
    QVERIFY(!s.ok());
    QCOMPARE(hits().size(), 1);
    QVERIFY2(s.error().message.contains(mentions), qPrintable(errorText(s.error())));
    QCOMPARE(s.error().code, code);
}

QTEST_GUILESS_MAIN(TestOpenAiClient)
#include "tst_openaiclient.moc"

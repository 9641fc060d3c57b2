#include "dashscopeemulator.h"
#include "dashscopeprofiles.h"
#include "dashscopeqwenasr.h"
#include "dashscoperequests.h"
#include "providerregistry.h"
#include "transcriptionpipeline.h"

#include <QCoroTask>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>

using namespace Qt::StringLiterals;

// Qwen3-ASR-Flash (native, streamed native SSE, OpenAI-compatible) and Qwen-Omni against a local
// server that behaves like DashScope (dashscopeemulator.h): exact requests, both response
// shapes, streams with :HTTP_STATUS comments and without blank lines, errors inside 200 streams,
// every error row of PROTOCOLS C.5, limits checked before sending, and the pipeline sending
// voice-activity segments so each text carries its span.
namespace {

// PROTOCOLS C.3 response, verbatim shape.
const QByteArray kNativeAnswer =
    R"j({"output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":[{"text":"欢迎使用阿里云。"}],"annotations":[{"type":"audio_info","language":"zh","emotion":"neutral"}]}}]},"usage":{"input_tokens_details":{"text_tokens":0},"output_tokens_details":{"text_tokens":6},"seconds":1},"request_id":"568e2bf0-native"})j";
// PROTOCOLS C.4 non-stream response (content is a string here).
const QByteArray kCompatibleAnswer =
    R"j({"id":"chatcmpl-487a","object":"chat.completion","created":1767683986,"model":"qwen3-asr-flash","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"欢迎使用阿里云。","annotations":[{"type":"audio_info","language":"zh","emotion":"neutral"}]}}],"usage":{"prompt_tokens":42,"completion_tokens":12,"total_tokens":54,"seconds":1}})j";

// CNB capture style: id/event/:HTTP_STATUS/data lines and no blank line between events; the
// chunks split lines anywhere.
const QList<QByteArray> kNativeSse{
    "id:1\nevent:result\n:HTTP_STATUS/"
    "200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":[{\"text\":\"第一句话说了\"}],"
    "\"role\":\"assistant\",\"annotations\":[{\"type\":\"audio_info\",\"language\":\"zh\","
    "\"emotion\":\"happy\"}]},\"finish_reason\":\"null\"}]},\"usage\":{\"seconds\":2},\"request_"
    "id\":\"bb6a\"}\nid:2\neve",
    "nt:result\n:HTTP_STATUS/"
    "200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":[{\"text\":\"没有我互联网。\"}],"
    "\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]},\"usage\":{\"seconds\":2},\"request_"
    "id\":\"bb6a\"}\n"};

// AL-QASR compatible stream: role chunk, content chunks with annotations, stop, usage, [DONE].
const QList<QByteArray> kCompatibleSse{
    "data: "
    "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"\",\"role\":\"assistant\"},"
    "\"index\":0,\"finish_reason\":null}],\"object\":\"chat.completion.chunk\"}\n\n",
    "data: "
    "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"欢迎\",\"role\":null,"
    "\"annotations\":[{\"type\":\"audio_info\",\"language\":\"zh\",\"emotion\":\"neutral\"}]},"
    "\"index\":0,\"finish_reason\":null}]}\n\ndata: "
    "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"使用阿里云。\"},\"index\":0,",
    "\"finish_reason\":null}]}\n\ndata: "
    "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{},\"index\":0,\"finish_reason\":\"stop\"}]}"
    "\n\ndata: "
    "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":"
    "12,\"total_tokens\":54}}\n\ndata: [DONE]\n\n"};

// AL-OMNI chunk shape.
const QList<QByteArray> kOmniSse{
    "data: {\"choices\":[{\"delta\":{\"content\":\"Qt "
    "and\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"object\":\"chat.completion."
    "chunk\",\"usage\":null,\"id\":\"chatcmpl-omni\"}\n\n",
    "data: {\"choices\":[{\"delta\":{\"content\":\" "
    "QML.\"},\"finish_reason\":\"stop\",\"index\":0,\"logprobs\":null}],\"object\":\"chat."
    "completion.chunk\",\"usage\":null,\"id\":\"chatcmpl-omni\"}\n\n",
    "data: "
    "{\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":4,\"total_tokens\":104}"
    ",\"id\":\"chatcmpl-omni\"}\n\ndata: [DONE]\n\n"};

RetryPolicy fastPolicy()
{
    RetryPolicy p;
    p.maxRetries = 2;
    p.initialBackoffMs = 10;
    p.maxBackoffMs = 40;
    return p;
}

QByteArray wavHeader(qint64 dataBytes, int rate)
{
    QByteArray h(44, '\0');
    char *p = h.data();
    memcpy(p, "RIFF", 4);
    qToLittleEndian<quint32>(quint32(36 + dataBytes), p + 4);
    memcpy(p + 8, "WAVEfmt ", 8);
    qToLittleEndian<quint32>(16, p + 16);
    qToLittleEndian<quint16>(1, p + 20);
    qToLittleEndian<quint16>(1, p + 22);
    qToLittleEndian<quint32>(quint32(rate), p + 24);
    qToLittleEndian<quint32>(quint32(rate * 2), p + 28);
    qToLittleEndian<quint16>(2, p + 32);
    qToLittleEndian<quint16>(16, p + 34);
    memcpy(p + 36, "data", 4);
    qToLittleEndian<quint32>(quint32(dataBytes), p + 40);
    return h;
}

// 16 kHz mono 16-bit WAV: quiet noise (about -50 dBFS, the background a voice-activity detector
// measures against) with 440 Hz tone bursts at about -10 dBFS at `bursts` (ms).
QByteArray burstsWav(qint64 durationMs, const QList<SpeechSegment> &bursts)
{
    const int rate = 16000;
    const qint64 n = durationMs * rate / 1000;
    QByteArray pcm(n * 2, '\0');
    quint32 seed = 12345;
    for (qint64 i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        qToLittleEndian<qint16>(qint16(int(seed >> 24) - 128), pcm.data() + 2 * i);
    }
    for (const SpeechSegment &b : bursts) {
        for (qint64 i = b.start * rate / 1000; i < b.end * rate / 1000 && i < n; ++i) {
            const auto v =
                qint16(std::lround(10000.0 * std::sin(2.0 * M_PI * 440.0 * double(i) / rate)));
            qToLittleEndian<qint16>(v, pcm.data() + 2 * i);
        }
    }
    return wavHeader(pcm.size(), rate) + pcm;
}

QString errorText(const Result<Transcript> &t)
{
    return t.ok() ? QString() : t.error().toString() + u" / "_s + t.error().detail;
}

} // namespace

Q_DECLARE_METATYPE(DsReply)
Q_DECLARE_METATYPE(ErrorCode)

class TestDashScopeQwenAsr : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void sendsRequestAndReadsAnswer_data();
    void sendsRequestAndReadsAnswer();
    void errorsInsideStreams_data();
    void errorsInsideStreams();
    void errorRows_data();
    void errorRows();
    void refusedBeforeRequest_data();
    void refusedBeforeRequest();
    void urlInputsGoByReference_data();
    void urlInputsGoByReference();
    void pipelineSendsSpeechSegments();

private:
    ProviderProfile profile(const QString &kind, const QString &model,
                            const QVariantMap &options = {}) const;
    Result<Transcript> run(const ProviderProfile &p, TranscriptionRequest request,
                           QStringList *partials = nullptr);

    QNetworkAccessManager m_nam;
    DashScopeEmulator m_emu;
    QTemporaryDir m_dir;
    QString m_clip;
    QByteArray m_clipBytes;
};

void TestDashScopeQwenAsr::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_emu.start());
    m_clip = m_dir.filePath(u"clip.wav"_s);
    m_clipBytes = burstsWav(1000, {{100, 900}});
    QFile f(m_clip);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_clipBytes);
}

void TestDashScopeQwenAsr::init()
{
    m_emu.reset();
}

ProviderProfile TestDashScopeQwenAsr::profile(const QString &kind, const QString &model,
                                              const QVariantMap &options) const
{
    ProviderProfile p;
    p.id = kind;
    p.kind = kind;
    p.displayName = u"DashScope test"_s;
    p.baseUrl = kind == u"dashscope-qwen-asr" ? m_emu.nativeBase() : m_emu.compatibleBase();
    p.model = model;
    p.keyName = u"DASHSCOPE_API_KEY"_s;
    p.region = u"singapore"_s;
    p.options = options;
    return p;
}

Result<Transcript> TestDashScopeQwenAsr::run(const ProviderProfile &p, TranscriptionRequest request,
                                             QStringList *partials)
{
    DashScopeQwenAsrClient client(&m_nam, p, "sk-test", fastPolicy());
    TranscriptionProgress progress;
    if (partials)
        progress.onPartialText = [partials](const QString &text) { partials->append(text); };
    return QCoro::waitFor(
        client.transcribe(std::move(request), std::make_shared<HttpControl>(), progress));
}

void TestDashScopeQwenAsr::sendsRequestAndReadsAnswer_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QVariantMap>("options");
    QTest::addColumn<bool>("wantPartials");
    QTest::addColumn<DsReply>("reply");
    QTest::addColumn<QString>("route");
    QTest::addColumn<QByteArray>("expectedBody"); // AUDIO: the clip as a data URL
    QTest::addColumn<bool>("sse");                // X-DashScope-SSE: enable
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("emotion");
    QTest::addColumn<QStringList>("partials"); // the possible partial texts

    QTest::newRow("native, one answer: context, asr_options")
        << u"dashscope-qwen-asr"_s << u"qwen3-asr-flash"_s << QVariantMap{{u"itn"_s, false}}
        << false << dsReply(200, kNativeAnswer) << u"generation"_s
        << QByteArray(R"j({"model":"qwen3-asr-flash","input":{"messages":[
             {"role":"system","content":[{"text":"Domain terms: Qt, QML, DashScope"}]},
             {"role":"user","content":[{"audio":"data:audio/wav;base64,AUDIO"}]}]},
             "parameters":{"result_format":"message","asr_options":{"language":"en","enable_itn":false}}})j")
        << false << u"欢迎使用阿里云。"_s << u"zh"_s << u"neutral"_s << QStringList();
    QTest::newRow("native SSE: :HTTP_STATUS comments, no blank lines, incremental")
        << u"dashscope-qwen-asr"_s << u"qwen3-asr-flash"_s << QVariantMap{{u"itn"_s, true}} << true
        << dsStream(kNativeSse) << u"generation"_s
        << QByteArray(R"j({"model":"qwen3-asr-flash","input":{"messages":[
             {"role":"system","content":[{"text":"Domain terms: Qt, QML, DashScope"}]},
             {"role":"user","content":[{"audio":"data:audio/wav;base64,AUDIO"}]}]},
             "parameters":{"result_format":"message","incremental_output":true,
                           "asr_options":{"language":"en","enable_itn":true}}})j")
        << true << u"第一句话说了没有我互联网。"_s << u"zh"_s << u"happy"_s
        << QStringList{u"第一句话说了"_s, u"第一句话说了没有我互联网。"_s};
    QTest::newRow("native, streaming turned off by the profile")
        << u"dashscope-qwen-asr"_s << u"qwen3-asr-flash"_s << QVariantMap{{u"stream"_s, u"false"_s}}
        << true << dsReply(200, kNativeAnswer) << u"generation"_s
        << QByteArray(R"j({"model":"qwen3-asr-flash","input":{"messages":[
             {"role":"system","content":[{"text":"Domain terms: Qt, QML, DashScope"}]},
             {"role":"user","content":[{"audio":"data:audio/wav;base64,AUDIO"}]}]},
             "parameters":{"result_format":"message","asr_options":{"language":"en","enable_itn":false}}})j")
        << false << u"欢迎使用阿里云。"_s << u"zh"_s << u"neutral"_s << QStringList();
    QTest::newRow("compatible mode, one answer (content is a string)")
        << u"dashscope-qwen-asr-compatible"_s << u"qwen3-asr-flash"_s << QVariantMap() << false
        << dsReply(200, kCompatibleAnswer) << u"chat"_s
        << QByteArray(R"j({"model":"qwen3-asr-flash","messages":[
             {"role":"system","content":"Domain terms: Qt, QML, DashScope"},
             {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"data:audio/wav;base64,AUDIO"}}]}],
             "stream":false,"asr_options":{"language":"en","enable_itn":false}})j")
        << false << u"欢迎使用阿里云。"_s << u"zh"_s << u"neutral"_s << QStringList();
    QTest::newRow("compatible mode stream: usage chunk, [DONE]")
        << u"dashscope-qwen-asr-compatible"_s << u"qwen3-asr-flash"_s << QVariantMap() << true
        << dsStream(kCompatibleSse) << u"chat"_s
        << QByteArray(R"j({"model":"qwen3-asr-flash","messages":[
             {"role":"system","content":"Domain terms: Qt, QML, DashScope"},
             {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"data:audio/wav;base64,AUDIO"}}]}],
             "stream":true,"stream_options":{"include_usage":true},
             "asr_options":{"language":"en","enable_itn":false}})j")
        << false << u"欢迎使用阿里云。"_s << u"zh"_s << u"neutral"_s
        << QStringList{u"欢迎"_s, u"欢迎使用阿里云。"_s};
    QTest::newRow("qwen-omni: always streamed, prompt-based, format given")
        << u"dashscope-omni"_s << u"qwen3-omni-flash"_s << QVariantMap() << false
        << dsStream(kOmniSse) << u"chat"_s
        << QByteArray(R"j({"model":"qwen3-omni-flash","messages":[
             {"role":"system","content":"Transcribe the audio exactly as spoken. Output only the transcription text. Transcribe only human speech; ignore other sounds such as music, typing or background noise. The speech is in the language with code \"en\"; do not translate it.\nContext and domain terms: Domain terms: Qt, QML, DashScope"},
             {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"data:;base64,AUDIO","format":"wav"}},
                                       {"type":"text","text":"Transcribe this audio."}]}],
             "modalities":["text"],"stream":true,"stream_options":{"include_usage":true}})j")
        << false << u"Qt and QML."_s << u"en"_s << QString() << QStringList();
}

void TestDashScopeQwenAsr::sendsRequestAndReadsAnswer()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(QVariantMap, options);
    QFETCH(bool, wantPartials);
    QFETCH(DsReply, reply);
    QFETCH(QString, route);
    QFETCH(QByteArray, expectedBody);
    QFETCH(bool, sse);
    QFETCH(QString, text);
    QFETCH(QString, language);
    QFETCH(QString, emotion);
    QFETCH(QStringList, partials);

    m_emu.script(route, {reply});
    TranscriptionRequest request;
    request.audioPath = m_clip;
    request.mimeType = u"audio/wav"_s;
    request.durationMs = 1000;
    request.language = u"en"_s;
    request.prompt = u"Domain terms: Qt, QML, DashScope"_s;
    QStringList seen;
    const Result<Transcript> t =
        run(profile(kind, model, options), request, wantPartials ? &seen : nullptr);
    QVERIFY2(t.ok(), qPrintable(errorText(t)));
    QCOMPARE(t->text, text);
    QCOMPARE(t->language, language);
    QCOMPARE(t->segments.size(), 1); // text only: one segment spanning the request's audio
    QCOMPARE(t->segments[0].start, qint64(0));
    QCOMPARE(t->segments[0].end, qint64(1000));
    QCOMPARE(t->segments[0].text, text);
    QCOMPARE(t->segments[0].emotion, emotion);
    QVERIFY(t->segments[0].words.isEmpty());
    QCOMPARE(t->provider, kind);
    // Partial text grows with what the network delivered: each is a prefix of the next and the
    // last is the whole text (how many there are depends on how reads coalesce).
    QCOMPARE(seen.isEmpty(), partials.isEmpty());
    for (qsizetype i = 0; i < seen.size(); ++i) {
        QVERIFY(i + 1 == seen.size() || seen[i + 1].startsWith(seen[i]));
        QVERIFY2(partials.contains(seen[i]), qPrintable(seen[i]));
    }
    if (!seen.isEmpty())
        QCOMPARE(seen.last(), partials.last());

    const QList<DsHit> hits = m_emu.hits();
    QCOMPARE(hits.size(), 1);
    const DsHit &hit = hits.first();
    QCOMPARE(hit.route, route);
    QCOMPARE(hit.header("Authorization"), QByteArray("Bearer sk-test"));
    QVERIFY(hit.header("Content-Type").startsWith("application/json"));
    QCOMPARE(hit.header("X-DashScope-SSE"), sse ? QByteArray("enable") : QByteArray());
    const bool streamed = hit.json().value(u"stream"_s).toBool() || sse;
    QCOMPARE(hit.header("Accept"),
             streamed ? QByteArray("text/event-stream") : QByteArray("application/json"));
    QVERIFY(!hit.has("X-DashScope-OssResourceResolve"));
    const QByteArray b64 = m_clipBytes.toBase64();
    const QJsonObject expected =
        QJsonDocument::fromJson(expectedBody.replace("AUDIO", b64)).object();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(hit.json(), expected);
}

void TestDashScopeQwenAsr::errorsInsideStreams_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<DsReply>("reply");
    QTest::addColumn<QString>("providerCode");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QStringList>("partials");

    QTest::newRow("native: event:error after a first result, HTTP 200")
        << u"dashscope-qwen-asr"_s
        << dsStream({"id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{"
                     "\"message\":{\"content\":[{\"text\":\"欢迎\"}],\"role\":\"assistant\"},"
                     "\"finish_reason\":\"null\"}]},\"request_id\":\"e1\"}\n",
                     "id:2\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\","
                     "\"message\":\"The audio is too long.\",\"request_id\":\"e1\"}\n"})
        << u"InvalidParameter"_s << 400 << u"The audio is too long."_s << QStringList{u"欢迎"_s};
    QTest::newRow("native: event:error first (CNB parameter-error-sse)")
        << u"dashscope-qwen-asr"_s
        << dsStream({"id:1\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\","
                     "\"message\":\"Input should be a valid dictionary\",\"request_id\":\"e2\"}\n"})
        << u"InvalidParameter"_s << 400 << u"Input should be a valid dictionary"_s << QStringList();
    QTest::newRow("native: server-side failure inside the stream")
        << u"dashscope-qwen-asr"_s
        << dsStream({"id:1\nevent:error\n:HTTP_STATUS/500\ndata:{\"code\":\"InternalError."
                     "Algo\",\"message\":\"Algorithm failed\",\"request_id\":\"e3\"}\n"})
        << u"InternalError.Algo"_s << 500 << u"Algorithm failed"_s << QStringList();
    QTest::newRow("compatible: an error chunk after text")
        << u"dashscope-qwen-asr-compatible"_s
        << dsStream({"data: {\"choices\":[{\"delta\":{\"content\":\"欢迎\"},\"index\":0}]}\n\n",
                     "data: {\"error\":{\"message\":\"Audio decode failed\",\"type\":"
                     "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_audio\"}}\n\n"})
        << u"invalid_audio"_s << 400 << u"Audio decode failed"_s << QStringList{u"欢迎"_s};
}

void TestDashScopeQwenAsr::errorsInsideStreams()
{
    QFETCH(QString, kind);
    QFETCH(DsReply, reply);
    QFETCH(QString, providerCode);
    QFETCH(int, httpStatus);
    QFETCH(QString, detail);
    QFETCH(QStringList, partials);

    m_emu.script(kind == u"dashscope-qwen-asr" ? u"generation"_s : u"chat"_s, {reply});
    TranscriptionRequest request;
    request.audioPath = m_clip;
    request.durationMs = 1000;
    QStringList seen;
    const Result<Transcript> t = run(profile(kind, u"qwen3-asr-flash"_s), request, &seen);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, ErrorCode::Provider);
    QCOMPARE(t.error().providerCode, providerCode);
    QCOMPARE(t.error().httpStatus, httpStatus);
    QVERIFY2(t.error().detail.contains(detail), qPrintable(errorText(t)));
    QCOMPARE(seen, partials);
    QCOMPARE(m_emu.hits().size(), 1); // a stream that has started is not replayed
}

void TestDashScopeQwenAsr::errorRows_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("providerCode");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("messagePart");

    auto native = [](const char *code, const char *message) -> QByteArray {
        return QByteArray("{\"code\":\"") + code + "\",\"message\":\"" + message +
               "\",\"request_id\":\"a1c0561c\"}";
    };
    struct Row {
        int status;
        const char *code;
        const char *message;
        bool retryable;
        const char *part;
    };
    // PROTOCOLS C.5, every row.
    const Row rows[] = {
        {400, "InvalidParameter", "Required parameter(s) missing or invalid", false, "invalid"},
        {400, "DataInspectionFailed", "Input data may contain inappropriate content.", false,
         "invalid"},
        {400, "BadRequest.EmptyInput", "Required input parameter missing from request.", false,
         "invalid"},
        {400, "BadRequest.EmptyParameters", "Required parameter \\\"parameters\\\" missing", false,
         "invalid"},
        {400, "BadRequest.EmptyModel", "Required parameter \\\"model\\\" missing", false,
         "invalid"},
        {400, "InvalidURL", "Invalid URL provided in your request.", false, "invalid"},
        {400, "Arrearage", "Access denied, please make sure your account is in good standing.",
         false, "no quota or credit"},
        {400, "InternalError.Algo", "Missing Content-Length of multimodal url.", false, "invalid"},
        {401, "InvalidApiKey", "Invalid API-key provided.", false,
         "belongs to International (Singapore)"},
        {403, "AccessDenied", "Access denied.", false, "refused access"},
        {403, "Workspace.AccessDenied", "Workspace access denied.", false, "refused access"},
        {403, "Model.AccessDenied", "Model access denied.", false, "refused access"},
        {403, "AccessDenied.Unpurchased", "Access to model denied.", false, "refused access"},
        {404, "ModelNotFound", "Model can not be found.", false, "does not know"},
        {404, "WorkSpaceNotFound", "WorkSpace can not be found.", false, "does not know"},
        {408, "RequestTimeOut", "Request timed out, please try again later.", true, "timed out"},
        {413, "BadRequest.TooLarge", "Payload Too Large", false, "too large"},
        {415, "BadRequest.InputDownloadFailed", "Failed to download the input file", false,
         "cannot read"},
        {415, "BadRequest.UnsupportedFileFormat", "Input file format is not supported.", false,
         "cannot read"},
        {429, "Throttling", "Requests throttling triggered.", true, "rate limiting"},
        {429, "Throttling.RateQuota", "Requests rate limit exceeded.", true, "rate limiting"},
        {429, "Throttling.AllocationQuota", "Allocated quota exceeded.", false,
         "no quota or credit"},
        {429, "LimitRequests", "You exceeded your current requests list.", false,
         "no quota or credit"},
        {429, "PrepaidBillOverdue", "The prepaid bill is overdue.", false, "no quota or credit"},
        {429, "PostpaidBillOverdue", "The postpaid bill is overdue.", false, "no quota or credit"},
        {429, "CommodityNotPurchased", "Commodity has not purchased yet.", false,
         "no quota or credit"},
        {500, "InternalError", "An internal error has occured.", true, "server error"},
        {500, "InternalError.Algo", "An internal error has occured during algorithm execution.",
         true, "server error"},
        {500, "InternalError.Timeout", "An internal timeout error has occured.", true,
         "server error"},
        {500, "SystemError", "An system error has occured.", true, "server error"},
        {500, "ModelServiceFailed", "Failed to request model service.", true, "server error"},
        {503, "ModelUnavailable", "Model is unavailable, please try again later.", true,
         "server error"},
    };
    for (const Row &r : rows) {
        const QByteArray tag = QByteArray::number(r.status) + ' ' + r.code;
        QTest::newRow(tag.constData())
            << u"dashscope-qwen-asr"_s << r.status << native(r.code, r.message)
            << QString::fromLatin1(r.code) << r.retryable << QString::fromLatin1(r.part);
    }
    QTest::newRow("compatible 400 invalid_request_error (payload too large)")
        << u"dashscope-qwen-asr-compatible"_s << 400
        << QByteArray(
               R"j({"error":{"message":"Payload too large","type":"invalid_request_error","param":null,"code":null}})j")
        << u"invalid_request_error"_s << false << u"invalid"_s;
    QTest::newRow("compatible 401 with the OpenAI shape names the region")
        << u"dashscope-qwen-asr-compatible"_s << 401
        << QByteArray(
               R"j({"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})j")
        << u"invalid_api_key"_s << false << u"belongs to International (Singapore)"_s;
    QTest::newRow("non-JSON gateway error keeps its text")
        << u"dashscope-qwen-asr"_s << 502 << QByteArray("Bad Gateway") << QString() << true
        << u"server error"_s;
}

void TestDashScopeQwenAsr::errorRows()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, providerCode);
    QFETCH(bool, retryable);
    QFETCH(QString, messagePart);

    const QString route = kind == u"dashscope-qwen-asr" ? u"generation"_s : u"chat"_s;
    m_emu.script(route, {dsReply(status, body)});
    TranscriptionRequest request;
    request.audioPath = m_clip;
    const Result<Transcript> t = run(profile(kind, u"qwen3-asr-flash"_s), request);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, ErrorCode::Provider);
    QCOMPARE(t.error().httpStatus, status);
    QCOMPARE(t.error().providerCode, providerCode);
    QCOMPARE(t.error().retryable, retryable);
    QVERIFY2(t.error().message.contains(messagePart), qPrintable(t.error().message));
    // Retryable errors are tried again (twice with the test's policy), the others once.
    QCOMPARE(m_emu.count(route), retryable ? 3 : 1);
    if (status != 502)
        QVERIFY(!t.error().detail.isEmpty()); // DashScope's own words are kept
}

void TestDashScopeQwenAsr::refusedBeforeRequest_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("base64 would exceed 10 MB") << u"too-large"_s << u"too large"_s;
    QTest::newRow("longer than 5 minutes") << u"too-long"_s << u"too long"_s;
    QTest::newRow("omni: longer than 20 minutes") << u"omni-too-long"_s << u"at most 20:00"_s;
    QTest::newRow("translation asked") << u"translate"_s << u"cannot translate"_s;
    QTest::newRow("US region has no compatible mode") << u"us-compatible"_s << u"US region"_s;
    QTest::newRow("workspace region without a workspace id") << u"workspace"_s << u"workspace"_s;
    QTest::newRow("no key") << u"no-key"_s << u"DASHSCOPE_API_KEY"_s;
    QTest::newRow("missing file") << u"missing-file"_s << u"cannot be read"_s;
}

void TestDashScopeQwenAsr::refusedBeforeRequest()
{
    QFETCH(QString, scenario);
    QFETCH(QString, messagePart);

    ProviderProfile p = profile(u"dashscope-qwen-asr"_s, u"qwen3-asr-flash"_s);
    QByteArray key = "sk-test";
    TranscriptionRequest request;
    request.audioPath = m_clip;
    request.durationMs = 1000;
    if (scenario == u"too-large") {
        request.audioPath = m_dir.filePath(u"big.wav"_s);
        QFile f(request.audioPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(7 * 1024 * 1024 + 900 * 1024, 'x')); // 10.5 MB as Base64
    } else if (scenario == u"too-long") {
        request.durationMs = 5 * 60 * 1000 + 1;
    } else if (scenario == u"omni-too-long") {
        p = profile(u"dashscope-omni"_s, u"qwen3-omni-flash"_s);
        request.durationMs = 20 * 60 * 1000 + 1000;
    } else if (scenario == u"translate") {
        request.translateToEnglish = true;
    } else if (scenario == u"us-compatible") {
        p = withDashScopeRegion(profile(u"dashscope-qwen-asr-compatible"_s, u"qwen3-asr-flash"_s),
                                u"us"_s);
        QVERIFY(p.baseUrl.isEmpty());
    } else if (scenario == u"workspace") {
        p = withDashScopeRegion(p, u"workspace"_s);
    } else if (scenario == u"no-key") {
        key.clear();
    } else if (scenario == u"missing-file") {
        request.audioPath = m_dir.filePath(u"nope.wav"_s);
    }
    DashScopeQwenAsrClient client(&m_nam, p, key, fastPolicy());
    const Result<Transcript> t =
        QCoro::waitFor(client.transcribe(request, std::make_shared<HttpControl>(), {}));
    QVERIFY(!t.ok());
    QVERIFY2(t.error().message.contains(messagePart), qPrintable(t.error().message));
    QVERIFY(m_emu.hits().isEmpty());
}

void TestDashScopeQwenAsr::urlInputsGoByReference_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("resolve");
    QTest::newRow("native, public URL")
        << u"dashscope-qwen-asr"_s << u"https://example.com/audios/welcome.mp3"_s << false;
    QTest::newRow("native, oss:// temporary URL")
        << u"dashscope-qwen-asr"_s << u"oss://dashscope-instant/x/welcome.mp3"_s << true;
    QTest::newRow("compatible, oss:// temporary URL")
        << u"dashscope-qwen-asr-compatible"_s << u"oss://dashscope-instant/x/welcome.mp3"_s << true;
}

void TestDashScopeQwenAsr::urlInputsGoByReference()
{
    QFETCH(QString, kind);
    QFETCH(QString, url);
    QFETCH(bool, resolve);
    const bool native = kind == u"dashscope-qwen-asr";
    m_emu.script(native ? u"generation"_s : u"chat"_s,
                 {dsReply(200, native ? kNativeAnswer : kCompatibleAnswer)});
    TranscriptionRequest request;
    request.audioPath = url;
    const Result<Transcript> t = run(profile(kind, u"qwen3-asr-flash"_s), request);
    QVERIFY2(t.ok(), qPrintable(errorText(t)));
    QCOMPARE(t->text, u"欢迎使用阿里云。"_s);
    QVERIFY(t->segments.isEmpty()); // no duration known: text only
    const DsHit hit = m_emu.hits().first();
    QCOMPARE(hit.header("X-DashScope-OssResourceResolve"),
             resolve ? QByteArray("enable") : QByteArray());
    const QJsonObject body = hit.json();
    const QString sent =
        native ? body[u"input"_s][u"messages"_s][0][u"content"_s][0][u"audio"_s].toString()
               : body[u"messages"_s][0][u"content"_s][0][u"input_audio"_s][u"data"_s].toString();
    QCOMPARE(sent, url);
}

void TestDashScopeQwenAsr::pipelineSendsSpeechSegments()
{
    // Three bursts of "speech" between silences: a text-only provider gets one request per
    // voice-activity segment, and each text is timed by the span it was sent for.
    const QList<SpeechSegment> bursts{{1000, 2500}, {4500, 5700}, {7700, 9500}};
    const QString media = m_dir.filePath(u"bursts.wav"_s);
    {
        QFile f(media);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(burstsWav(10500, bursts));
    }
    m_emu.script(u"generation"_s, {dsStream(kNativeSse)});
    ProviderProfile p = builtInProfile(u"dashscope-qwen-asr"_s);
    p.baseUrl = m_emu.nativeBase();
    auto created = createTranscriptionClient(p, &m_nam, "sk-test");
    QVERIFY(created.ok());
    QVERIFY(dynamic_cast<DashScopeQwenAsrClient *>(created->get()));
    const ProviderCapabilities caps = (*created)->capabilities();
    QVERIFY(!caps.timed());
    QCOMPARE(caps.requestsPerMinute, 100);

    TranscriptionPipeline pipeline(created->get());
    int partialTexts = 0;
    bool done = false;
    Transcript result;
    QString failure;
    QObject::connect(&pipeline, &TranscriptionPipeline::partialText, &pipeline,
                     [&](int, const QString &) { ++partialTexts; });
    QObject::connect(&pipeline, &TranscriptionPipeline::finished, &pipeline,
                     [&](const Transcript &t) {
                         result = t;
                         done = true;
                     });
    QObject::connect(&pipeline, &TranscriptionPipeline::failed, &pipeline,
                     [&](const QString &message) {
                         failure = message;
                         done = true;
                     });
    QTemporaryDir work;
    PipelineOptions options;
    options.workDirectory = work.path();
    pipeline.start(media, options);
    QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(pipeline.plan().timedBySpeech);
    QCOMPARE(pipeline.chunkCount(), 3);
    QCOMPARE(m_emu.count(u"generation"_s), 3);
    QCOMPARE(result.segments.size(), 3);
    QVERIFY(result.approximateTiming);
    for (int i = 0; i < 3; ++i) {
        const TranscriptSegment &s = result.segments[i];
        QCOMPARE(s.text, u"第一句话说了没有我互联网。"_s);
        QVERIFY2(std::abs(s.start - bursts[i].start) <= 150 &&
                     std::abs(s.end - bursts[i].end) <= 150,
                 qPrintable(u"segment %1: %2-%3"_s.arg(i).arg(s.start).arg(s.end)));
    }
    QVERIFY(partialTexts >= 3); // the stream's partial text reached the pipeline
    for (const DsHit &h : m_emu.hits(u"generation"_s)) {
        QCOMPARE(h.header("X-DashScope-SSE"), QByteArray("enable"));
        const QJsonObject body = h.json();
        const QString audio =
            body[u"input"_s][u"messages"_s][0][u"content"_s][0][u"audio"_s].toString();
        QVERIFY2(audio.startsWith(u"data:audio/"_s), qPrintable(audio.left(40)));
    }
}

QTEST_GUILESS_MAIN(TestDashScopeQwenAsr)
#include "tst_dashscopeqwenasr.moc"

#include "dashscopeemulator.h"
#include "dashscopefiletranscription.h"
#include "dashscopeprofiles.h"
#include "dashscopetaskstore.h"
#include "projectformat.h"
#include "providerregistry.h"

#include <QCoroTask>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

// DashScope asynchronous file transcription (Fun-ASR, Paraformer, Qwen3-ASR-Flash-Filetrans)
// against a local server that behaves like DashScope (dashscopeemulator.h): the temporary-storage
// upload, submit, polling through every task state, both result shapes, result downloads, task
// failures, cancel, and resuming a task stored in a project.
namespace {

const QString kPublicUrl = u"https://example.com/audio/meeting.mp3"_s;

// Fun-ASR result with diarization (PROTOCOLS C.1.3 shape; two speakers).
const QByteArray kFunAsrResult = R"j({
  "file_url": "FILE",
  "properties": {"audio_format": "pcm_s16le", "channels": [0], "original_sampling_rate": 16000, "original_duration_in_milliseconds": 3834},
  "transcripts": [
    {"channel_id": 0, "content_duration_in_milliseconds": 3720, "text": "Hello world, 这里是阿里巴巴语音实验室。",
     "sentences": [
       {"begin_time": 100, "end_time": 1000, "text": "Hello world,", "sentence_id": 1, "speaker_id": 0,
        "words": [{"begin_time": 100, "end_time": 596, "text": "Hello ", "punctuation": ""},
                  {"begin_time": 596, "end_time": 844, "text": "world", "punctuation": ", "}]},
       {"begin_time": 1200, "end_time": 3820, "text": "这里是阿里巴巴语音实验室。", "sentence_id": 2, "speaker_id": 1,
        "words": [{"begin_time": 1200, "end_time": 2000, "text": "这里是", "punctuation": ""},
                  {"begin_time": 2000, "end_time": 3820, "text": "阿里巴巴语音实验室", "punctuation": "。"}]}
     ]}
  ]
})j";

// Qwen3-ASR-Flash-Filetrans result (PROTOCOLS C.1.3).
const QByteArray kFiletransResult = R"j({
  "file_url": "FILE",
  "audio_info": {"format": "mp3", "sample_rate": 22050},
  "transcripts": [
    {"channel_id": 0, "text": "欢迎使用阿里云。",
     "sentences": [
       {"sentence_id": 0, "begin_time": 0, "end_time": 1440, "language": "zh", "emotion": "neutral", "text": "欢迎使用阿里云。",
        "words": [{"begin_time": 0, "end_time": 160, "text": "欢", "punctuation": ""},
                  {"begin_time": 1120, "end_time": 1440, "text": "云", "punctuation": "。"}]}
     ]}
  ]
})j";

const QString kFunAsrDescribed =
    u"language= duration=3834 text=[Hello world, 这里是阿里巴巴语音实验室。] request=task-1\n"
    "  100-1000 [Hello world,] speaker=Speaker 1 language= emotion=\n"
    "    100-596 [Hello ] speaker=Speaker 1\n"
    "    596-844 [world, ] speaker=Speaker 1\n"
    "  1200-3820 [这里是阿里巴巴语音实验室。] speaker=Speaker 2 language= emotion=\n"
    "    1200-2000 [这里是] speaker=Speaker 2\n"
    "    2000-3820 [阿里巴巴语音实验室。] speaker=Speaker 2"_s;
const QString kFiletransDescribed =
    u"language=zh duration=1440 text=[欢迎使用阿里云。] request=task-1\n"
    "  0-1440 [欢迎使用阿里云。] speaker= language=zh emotion=neutral\n"
    "    0-160 [欢] speaker=\n"
    "    1120-1440 [云。] speaker="_s;

QString describe(const Transcript &t)
{
    QStringList lines{u"language=%1 duration=%2 text=[%3] request=%4"_s.arg(t.language)
                          .arg(t.duration)
                          .arg(t.text, t.requestId)};
    for (const TranscriptSegment &s : t.segments) {
        lines.append(
            u"  %1-%2 [%3] speaker=%4 language=%5 emotion=%6"_s.arg(s.start).arg(s.end).arg(
                s.text, s.speaker, s.language, s.emotion));
        for (const Word &w : s.words)
            lines.append(
                u"    %1-%2 [%3] speaker=%4"_s.arg(w.start).arg(w.end).arg(w.text, w.speaker));
    }
    return lines.join(u'\n');
}

RetryPolicy fastPolicy()
{
    RetryPolicy p;
    p.maxRetries = 2;
    p.initialBackoffMs = 10;
    p.maxBackoffMs = 40;
    return p;
}

QJsonObject subtask(const QString &fileUrl, const QString &status, const QString &transcriptionUrl,
                    const QString &code = {}, const QString &message = {})
{
    QJsonObject o{{u"file_url"_s, fileUrl}, {u"subtask_status"_s, status}};
    if (!transcriptionUrl.isEmpty())
        o.insert(u"transcription_url"_s, transcriptionUrl);
    if (!code.isEmpty())
        o.insert(u"code"_s, code);
    if (!message.isEmpty())
        o.insert(u"message"_s, message);
    return o;
}

} // namespace

Q_DECLARE_METATYPE(ErrorCode)

class TestDashScopeFileTranscription : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void transcribesThroughTask_data();
    void transcribesThroughTask();
    void taskEndsBadly_data();
    void taskEndsBadly();
    void pollsThroughTransientFailures_data();
    void pollsThroughTransientFailures();
    void uploadProblems_data();
    void uploadProblems();
    void cancel_data();
    void cancel();
    void resumesTaskStoredInProject();
    void expiredStoredTaskIsNotPolled();
    void registryCreatesClientsForEveryProfile();

private:
    ProviderProfile profile(const QString &kind, const QString &model,
                            QVariantMap options = {}) const;
    DsReply succeeded(const QString &kind, const QString &fileUrl, const QString &resultName);

    QNetworkAccessManager m_nam;
    DashScopeEmulator m_emu;
    QTemporaryDir m_dir;
    QString m_clip;
    QByteArray m_clipBytes;
};

void TestDashScopeFileTranscription::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_emu.start());
    m_clip = m_dir.filePath(u"clip.wav"_s);
    m_clipBytes.resize(64 * 1024);
    for (qsizetype i = 0; i < m_clipBytes.size(); ++i)
        m_clipBytes[i] = char((i * 7919) % 251);
    QFile f(m_clip);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_clipBytes);
}

void TestDashScopeFileTranscription::init()
{
    m_emu.reset();
}

ProviderProfile TestDashScopeFileTranscription::profile(const QString &kind, const QString &model,
                                                        QVariantMap options) const
{
    ProviderProfile p;
    p.id = kind;
    p.kind = kind;
    p.displayName = u"DashScope test"_s;
    p.baseUrl = m_emu.nativeBase();
    p.model = model;
    p.keyName = u"DASHSCOPE_API_KEY"_s;
    p.region = u"beijing"_s;
    options.insert(u"poll_interval_ms"_s, 10); // the SDK's 1 s..5 s, shrunk for tests
    options.insert(u"poll_max_interval_ms"_s, 40);
    p.options = options;
    return p;
}

// A SUCCEEDED poll reply in the kind's shape, its result file served as `resultName`.
DsReply TestDashScopeFileTranscription::succeeded(const QString &kind, const QString &fileUrl,
                                                  const QString &resultName)
{
    const QString url = m_emu.resultUrl(resultName);
    if (kind == u"dashscope-filetrans")
        return dsTask(u"SUCCEEDED"_s, {{u"result"_s, QJsonObject{{u"transcription_url"_s, url}}},
                                       {u"submit_time"_s, u"2025-10-27 13:57:45.948"_s}});
    return dsTask(u"SUCCEEDED"_s,
                  {{u"results"_s, QJsonArray{subtask(fileUrl, u"SUCCEEDED"_s, url)}},
                   {u"task_metrics"_s, QJsonObject{{u"TOTAL"_s, 1}, {u"SUCCEEDED"_s, 1}}}});
}

void TestDashScopeFileTranscription::transcribesThroughTask_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QVariantMap>("options");
    QTest::addColumn<bool>("localFile");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("otherFileFailed"); // a second subtask (not ours) failed
    QTest::addColumn<QJsonObject>("parameters");
    QTest::addColumn<QString>("expected");

    const QVariantMap funOptions{{u"diarization"_s, true},
                                 {u"speaker_count"_s, 2},
                                 {u"vocabulary_id"_s, u"vocab-123"_s},
                                 {u"disfluency_removal"_s, true},
                                 {u"language_hints"_s, u"zh, en"_s}};
    QTest::newRow("fun-asr local file via temporary storage, diarization")
        << u"dashscope-funasr"_s << u"fun-asr"_s << funOptions << true << QString() << false
        << QJsonObject{{u"channel_id"_s, QJsonArray{0}},
                       {u"language_hints"_s, QJsonArray{u"zh"_s, u"en"_s}},
                       {u"vocabulary_id"_s, u"vocab-123"_s},
                       {u"diarization_enabled"_s, true},
                       {u"speaker_count"_s, 2},
                       {u"disfluency_removal_enabled"_s, true}}
        << kFunAsrDescribed;
    QTest::newRow("paraformer-v2 public URL, language hint from the request")
        << u"dashscope-funasr"_s << u"paraformer-v2"_s << QVariantMap() << false << u"en"_s << false
        << QJsonObject{{u"channel_id"_s, QJsonArray{0}}, {u"language_hints"_s, QJsonArray{u"en"_s}}}
        << QString(kFunAsrDescribed).replace(u"language= duration"_s, u"language=en duration"_s);
    QTest::newRow("fun-asr partial subtask failure of another file keeps ours")
        << u"dashscope-funasr"_s << u"fun-asr"_s << QVariantMap() << false << QString() << true
        << QJsonObject{{u"channel_id"_s, QJsonArray{0}}} << kFunAsrDescribed;
    QTest::newRow("filetrans local file, output.result shape, language and emotion")
        << u"dashscope-filetrans"_s << u"qwen3-asr-flash-filetrans"_s
        << QVariantMap{{u"itn"_s, true}, {u"channel_id"_s, u"0,1"_s}} << true << u"zh"_s << false
        << QJsonObject{{u"channel_id"_s, QJsonArray{0, 1}},
                       {u"language"_s, u"zh"_s},
                       {u"enable_itn"_s, true},
                       {u"enable_words"_s, true}}
        << kFiletransDescribed;
    QTest::newRow("filetrans public URL, words off")
        << u"dashscope-filetrans"_s << u"qwen3-asr-flash-filetrans"_s
        << QVariantMap{{u"words"_s, false}} << false << QString() << false
        << QJsonObject{{u"channel_id"_s, QJsonArray{0}},
                       {u"enable_itn"_s, false},
                       {u"enable_words"_s, false}}
        << kFiletransDescribed;
}

void TestDashScopeFileTranscription::transcribesThroughTask()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(QVariantMap, options);
    QFETCH(bool, localFile);
    QFETCH(QString, language);
    QFETCH(bool, otherFileFailed);
    QFETCH(QJsonObject, parameters);
    QFETCH(QString, expected);

    const QString name = u"clip.wav"_s;
    const QString fileUrl =
        localFile ? u"oss://"_s + QString::fromLatin1(m_emu.kUploadDir) + u'/' + name : kPublicUrl;
    const bool fun = kind == u"dashscope-funasr";
    m_emu.setResult(u"r1.json"_s, fun ? kFunAsrResult : kFiletransResult);
    DsReply done = succeeded(kind, fileUrl, u"r1.json"_s);
    if (otherFileFailed) {
        const QJsonArray results{subtask(u"https://example.com/other.wav"_s, u"FAILED"_s, {},
                                         u"InvalidFile.DownloadFailed"_s,
                                         u"The audio file cannot be downloaded."_s),
                                 subtask(fileUrl, u"SUCCEEDED"_s, m_emu.resultUrl(u"r1.json"_s))};
        done = dsTask(u"SUCCEEDED"_s, {{u"results"_s, results}});
    }
    m_emu.script(u"task"_s, {dsTask(u"PENDING"_s), dsTask(u"RUNNING"_s), done});

    DashScopeFileTranscriptionClient client(&m_nam, profile(kind, model, options), "sk-test",
                                            fastPolicy());
    QList<DashScopePendingTask> submitted;
    QStringList ended;
    client.setTaskCallbacks([&](const DashScopePendingTask &t) { submitted.append(t); },
                            [&](const QString &id) { ended.append(id); });
    QList<TranscriptionProgress::Stage> stages;
    double lastFraction = 0;
    TranscriptionProgress progress;
    progress.onStage = [&](TranscriptionProgress::Stage s, double f) {
        if (stages.isEmpty() || stages.last() != s)
            stages.append(s);
        lastFraction = f;
    };
    TranscriptionRequest request;
    request.audioPath = localFile ? m_clip : kPublicUrl;
    request.mimeType = u"audio/wav"_s;
    request.language = language;
    request.durationMs = 3834;
    const Result<Transcript> t = QCoro::waitFor(
        client.transcribe(request, std::make_shared<HttpControl>(), std::move(progress)));
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(describe(*t), expected);
    QCOMPARE(t->provider, kind);
    QCOMPARE(t->model, model);

    // What went over the wire, in order.
    const QList<DsHit> hits = m_emu.hits();
    QStringList routes;
    for (const DsHit &h : hits)
        routes.append(h.route);
    QStringList expectedRoutes;
    if (localFile)
        expectedRoutes << u"policy"_s << u"oss"_s;
    expectedRoutes << u"submit"_s << u"task"_s << u"task"_s << u"task"_s << u"result"_s;
    QCOMPARE(routes, expectedRoutes);
    int i = 0;
    if (localFile) {
        const DsHit &policy = hits[i++];
        QCOMPARE(policy.method, QByteArray("GET"));
        QCOMPARE(policy.header("Authorization"), QByteArray("Bearer sk-test"));
        QCOMPARE(policy.query, "action=getPolicy&model=" + model.toUtf8());
        const DsHit &oss = hits[i++];
        QVERIFY(!oss.has("Authorization"));
        QList<QByteArray> names;
        for (const DsPart &p : oss.parts)
            names.append(p.name);
        QCOMPARE(names, (QList<QByteArray>{"OSSAccessKeyId", "Signature", "policy", "key",
                                           "x-oss-object-acl", "x-oss-forbid-overwrite",
                                           "success_action_status", "x-oss-content-type", "file"}));
        QCOMPARE(oss.parts[0].content, QByteArray("LTAI5tTEST"));
        QCOMPARE(oss.parts[1].content, QByteArray("n3dNX/aD3+WAly0QgzsURfiIk00="));
        QCOMPARE(oss.parts[3].content, QByteArray(m_emu.kUploadDir) + "/clip.wav");
        QCOMPARE(oss.parts[4].content, QByteArray("private"));
        QCOMPARE(oss.parts[5].content, QByteArray("true"));
        QCOMPARE(oss.parts[6].content, QByteArray("200"));
        QCOMPARE(oss.parts[7].content, QByteArray("audio/wav"));
        QCOMPARE(oss.parts[8].filename, QByteArray("clip.wav"));
        QCOMPARE(oss.parts[8].content, m_clipBytes);
    }
    const DsHit &submit = hits[i++];
    QCOMPARE(submit.header("Authorization"), QByteArray("Bearer sk-test"));
    QCOMPARE(submit.header("X-DashScope-Async"), QByteArray("enable"));
    QCOMPARE(submit.header("X-DashScope-OssResourceResolve"),
             localFile ? QByteArray("enable") : QByteArray());
    QVERIFY(submit.header("Content-Type").startsWith("application/json"));
    const QJsonObject input = fun ? QJsonObject{{u"file_urls"_s, QJsonArray{fileUrl}}}
                                  : QJsonObject{{u"file_url"_s, fileUrl}};
    QCOMPARE(
        submit.json(),
        (QJsonObject{{u"model"_s, model}, {u"input"_s, input}, {u"parameters"_s, parameters}}));
    for (int k = 0; k < 3; ++k) {
        const DsHit &poll = hits[i++];
        QCOMPARE(poll.method, QByteArray("GET"));
        QCOMPARE(poll.path, QByteArray("/api/v1/tasks/task-1"));
        QCOMPARE(poll.header("Authorization"), QByteArray("Bearer sk-test"));
    }
    const DsHit &download = hits[i++];
    QVERIFY(!download.has("Authorization"));
    QVERIFY(!download.has("X-DashScope-WorkSpace"));

    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted[0].taskId, u"task-1"_s);
    QCOMPARE(submitted[0].fileUrl, fileUrl);
    QCOMPARE(submitted[0].model, model);
    QCOMPARE(submitted[0].baseUrl, m_emu.nativeBase());
    QCOMPARE(submitted[0].durationMs, qint64(3834));
    QCOMPARE(ended, QStringList{u"task-1"_s});
    QCOMPARE(stages.first(), TranscriptionProgress::Stage::Uploading);
    QVERIFY(stages.contains(TranscriptionProgress::Stage::Waiting));
    QCOMPARE(stages.last(), TranscriptionProgress::Stage::Receiving);
    QCOMPARE(lastFraction, 1.0);
}

void TestDashScopeFileTranscription::taskEndsBadly_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("providerCode");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<bool>("ended");

    QTest::newRow("filetrans FAILED with code and message")
        << u"dashscope-filetrans"_s << u"failed"_s << ErrorCode::Provider << u"FILE_403_FORBIDDEN"_s
        << u"must be publicly reachable"_s << true;
    QTest::newRow("fun-asr FAILED, reason in the subtask")
        << u"dashscope-funasr"_s << u"failed-subtask"_s << ErrorCode::Provider
        << u"InvalidFile.DownloadFailed"_s << u"The audio file cannot be downloaded."_s << true;
    QTest::newRow("UNKNOWN task (missing or expired)")
        << u"dashscope-funasr"_s << u"unknown"_s << ErrorCode::Provider << QString()
        << u"does not know the task task-1"_s << true;
    QTest::newRow("CANCELED elsewhere")
        << u"dashscope-funasr"_s << u"canceled"_s << ErrorCode::Cancelled << QString()
        << u"was cancelled"_s << true;
    QTest::newRow("partial subtask failure of our file")
        << u"dashscope-funasr"_s << u"ours-failed"_s << ErrorCode::Provider
        << u"InvalidFile.DecodeFailed"_s << u"cannot be decoded"_s << true;
    QTest::newRow("expired transcription_url (403)")
        << u"dashscope-filetrans"_s << u"expired-url"_s << ErrorCode::Provider << u"AccessDenied"_s
        << u"no longer available"_s << true;
    QTest::newRow("SUCCEEDED without any result")
        << u"dashscope-filetrans"_s << u"no-result"_s << ErrorCode::ParseError << QString()
        << u"named no result"_s << true;
    QTest::newRow("result file is not JSON")
        << u"dashscope-funasr"_s << u"bad-result"_s << ErrorCode::ParseError << QString()
        << u"web page"_s << false;
    QTest::newRow("poll refused: key of another region (401)")
        << u"dashscope-funasr"_s << u"poll-401"_s << ErrorCode::Provider << u"InvalidApiKey"_s
        << u"belongs to China (Beijing)"_s << false;
    QTest::newRow("poll fails with 500 four times in a row")
        << u"dashscope-funasr"_s << u"poll-500"_s << ErrorCode::Provider << u"InternalError"_s
        << u"server error"_s << false;
    QTest::newRow("poll answer is not a task")
        << u"dashscope-funasr"_s << u"poll-garbage"_s << ErrorCode::ParseError << QString()
        << u"names neither a task"_s << false;
    QTest::newRow("submit refused: quota (Arrearage)")
        << u"dashscope-funasr"_s << u"submit-arrearage"_s << ErrorCode::Provider << u"Arrearage"_s
        << u"no quota or credit"_s << false;
}

void TestDashScopeFileTranscription::taskEndsBadly()
{
    QFETCH(QString, kind);
    QFETCH(QString, scenario);
    QFETCH(ErrorCode, code);
    QFETCH(QString, providerCode);
    QFETCH(QString, messagePart);
    QFETCH(bool, ended);

    const QString other = u"https://example.com/other.wav"_s;
    if (scenario == u"failed") {
        m_emu.script(u"task"_s, {dsTask(u"RUNNING"_s),
                                 dsTask(u"FAILED"_s, {{u"code"_s, u"FILE_403_FORBIDDEN"_s},
                                                      {u"message"_s, u"FILE_403_FORBIDDEN"_s}})});
    } else if (scenario == u"failed-subtask") {
        m_emu.script(u"task"_s,
                     {dsTask(u"FAILED"_s,
                             {{u"results"_s,
                               QJsonArray{subtask(kPublicUrl, u"FAILED"_s, {},
                                                  u"InvalidFile.DownloadFailed"_s,
                                                  u"The audio file cannot be downloaded."_s)}}})});
    } else if (scenario == u"unknown") {
        m_emu.script(
            u"task"_s,
            {dsReply(
                200,
                R"j({"request_id":"45ac7f13","output":{"task_id":"task-1","task_status":"UNKNOWN"}})j")});
    } else if (scenario == u"canceled") {
        m_emu.script(u"task"_s, {dsTask(u"PENDING"_s), dsTask(u"CANCELED"_s)});
    } else if (scenario == u"ours-failed") {
        m_emu.setResult(u"other.json"_s, kFunAsrResult);
        m_emu.script(
            u"task"_s,
            {dsTask(u"SUCCEEDED"_s,
                    {{u"results"_s,
                      QJsonArray{subtask(other, u"SUCCEEDED"_s, m_emu.resultUrl(u"other.json"_s)),
                                 subtask(kPublicUrl, u"FAILED"_s, {}, u"InvalidFile.DecodeFailed"_s,
                                         u"The audio file cannot be decoded."_s)}}})});
    } else if (scenario == u"expired-url") {
        m_emu.setResult(u"gone.json"_s,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</"
                        "Code><Message>Request has expired.</Message></Error>",
                        403);
        m_emu.script(u"task"_s, {succeeded(kind, kPublicUrl, u"gone.json"_s)});
    } else if (scenario == u"no-result") {
        m_emu.script(u"task"_s, {dsTask(u"SUCCEEDED"_s)});
    } else if (scenario == u"bad-result") {
        m_emu.setResult(u"html.json"_s, "<html><title>Gateway</title></html>");
        m_emu.script(u"task"_s, {succeeded(kind, kPublicUrl, u"html.json"_s)});
    } else if (scenario == u"poll-401") {
        m_emu.script(
            u"task"_s,
            {dsReply(
                401,
                R"j({"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"a1c0561c"})j")});
    } else if (scenario == u"poll-500") {
        m_emu.script(
            u"task"_s,
            {dsReply(
                500,
                R"j({"code":"InternalError","message":"An internal error has occured, please try again later.","request_id":"x"})j")});
    } else if (scenario == u"poll-garbage") {
        m_emu.script(u"task"_s, {dsReply(200, "{\"status\":\"ok\"}")});
    } else if (scenario == u"submit-arrearage") {
        m_emu.script(
            u"submit"_s,
            {dsReply(
                400,
                R"j({"code":"Arrearage","message":"Access denied, please make sure your account is in good standing.","request_id":"r"})j")});
    }
    DashScopeFileTranscriptionClient client(&m_nam,
                                            profile(kind, kind == u"dashscope-filetrans"
                                                              ? u"qwen3-asr-flash-filetrans"_s
                                                              : u"fun-asr"_s),
                                            "sk-test", fastPolicy());
    QStringList endedIds;
    client.setTaskCallbacks({}, [&](const QString &id) { endedIds.append(id); });
    TranscriptionRequest request;
    request.audioPath = kPublicUrl;
    const Result<Transcript> t =
        QCoro::waitFor(client.transcribe(request, std::make_shared<HttpControl>(), {}));
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, code);
    QCOMPARE(t.error().providerCode, providerCode);
    QVERIFY2(t.error().message.contains(messagePart) || t.error().detail.contains(messagePart),
             qPrintable(t.error().toString() + u" / "_s + t.error().detail));
    QCOMPARE(endedIds, ended ? QStringList{u"task-1"_s} : QStringList());
    if (scenario == u"poll-500")
        QCOMPARE(m_emu.count(u"task"_s), 4); // the first try and three transient retries
    if (scenario == u"submit-arrearage")
        QCOMPARE(m_emu.count(u"submit"_s), 1); // billing errors are not retried
}

void TestDashScopeFileTranscription::pollsThroughTransientFailures_data()
{
    QTest::addColumn<QList<int>>("statuses"); // 0: RUNNING, 1: SUCCEEDED, else an HTTP error
    QTest::newRow("503 and 504 are waited out, as the SDK does")
        << QList<int>{503, 504, 503, 0, 504, 503, 1};
    QTest::newRow("a long 503/504 streak is not counted as failures")
        << QList<int>{504, 504, 503, 504, 504, 1};
    QTest::newRow("three transient failures in a row are retried") << QList<int>{500, 502, 429, 1};
    QTest::newRow("the transient count resets after a good answer")
        << QList<int>{500, 500, 500, 0, 500, 500, 500, 1};
}

void TestDashScopeFileTranscription::pollsThroughTransientFailures()
{
    QFETCH(QList<int>, statuses);
    m_emu.setResult(u"r.json"_s, kFunAsrResult);
    QList<DsReply> replies;
    for (int s : statuses) {
        if (s == 0)
            replies.append(dsTask(u"RUNNING"_s));
        else if (s == 1)
            replies.append(succeeded(u"dashscope-funasr"_s, kPublicUrl, u"r.json"_s));
        else
            replies.append(
                dsReply(s, R"j({"code":"ModelUnavailable","message":"busy","request_id":"x"})j"));
    }
    m_emu.script(u"task"_s, replies);
    DashScopeFileTranscriptionClient client(&m_nam, profile(u"dashscope-funasr"_s, u"fun-asr"_s),
                                            "sk-test", fastPolicy());
    TranscriptionRequest request;
    request.audioPath = kPublicUrl;
    const Result<Transcript> t =
        QCoro::waitFor(client.transcribe(request, std::make_shared<HttpControl>(), {}));
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(describe(*t), kFunAsrDescribed);
    QCOMPARE(m_emu.count(u"task"_s), int(statuses.size()));
}

void TestDashScopeFileTranscription::uploadProblems_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("providerCode");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("ossHits");

    QTest::newRow("file larger than the policy allows")
        << u"too-large"_s << ErrorCode::InvalidArgument << QString() << u"at most 1 MB"_s << 0;
    QTest::newRow("OSS refuses an expired policy (XML error)")
        << u"expired-policy"_s << ErrorCode::Provider << u"AccessDenied"_s
        << u"policy may have expired"_s << 1;
    QTest::newRow("policy request refused: key of another region")
        << u"policy-401"_s << ErrorCode::Provider << u"InvalidApiKey"_s << u"region"_s << 0;
    QTest::newRow("policy request throttled (100 QPS limit), then refused")
        << u"policy-429"_s << ErrorCode::Provider << u"Throttling.RateQuota"_s << u"rate limiting"_s
        << 0;
    QTest::newRow("plain http upload host on another machine")
        << u"plain-http-host"_s << ErrorCode::Provider << QString() << u"unencrypted"_s << 0;
    QTest::newRow("incomplete policy")
        << u"incomplete-policy"_s << ErrorCode::ParseError << QString() << u"incomplete"_s << 0;
}

void TestDashScopeFileTranscription::uploadProblems()
{
    QFETCH(QString, scenario);
    QFETCH(ErrorCode, code);
    QFETCH(QString, providerCode);
    QFETCH(QString, messagePart);
    QFETCH(int, ossHits);

    QString path = m_clip;
    auto policyWith = [&](const QString &key, const QJsonValue &value) {
        QJsonObject root =
            QJsonDocument::fromJson(
                R"j({"request_id":"p","data":{"policy":"cG9saWN5","signature":"c2ln","upload_dir":"dir/x","upload_host":"HOST","expire_in_seconds":"300","max_file_size_mb":"1024","oss_access_key_id":"LTAI","x_oss_object_acl":"private","x_oss_forbid_overwrite":"true"}})j")
                .object();
        QJsonObject data = root.value(u"data"_s).toObject();
        data.insert(u"upload_host"_s, m_emu.url(u"/oss"_s));
        data.insert(key, value);
        root.insert(u"data"_s, data);
        return dsReply(200, QJsonDocument(root).toJson());
    };
    if (scenario == u"too-large") {
        path = m_dir.filePath(u"big.wav"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1536 * 1024, 'x'));
        f.close();
        m_emu.script(u"policy"_s, {policyWith(u"max_file_size_mb"_s, 1)});
    } else if (scenario == u"expired-policy") {
        m_emu.script(u"oss"_s, {dsReply(403,
                                        "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code>"
                                        "<Message>Invalid according to Policy: Policy expired."
                                        "</Message></Error>",
                                        "application/xml")});
    } else if (scenario == u"policy-401") {
        m_emu.script(
            u"policy"_s,
            {dsReply(
                401,
                R"j({"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"r"})j")});
    } else if (scenario == u"policy-429") {
        m_emu.script(
            u"policy"_s,
            {dsReply(
                429,
                R"j({"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later.","request_id":"r"})j")});
    } else if (scenario == u"plain-http-host") {
        m_emu.script(u"policy"_s, {policyWith(u"upload_host"_s, u"http://upload.example.com"_s)});
    } else if (scenario == u"incomplete-policy") {
        m_emu.script(u"policy"_s, {dsReply(200, R"j({"request_id":"p","data":{}})j")});
    }
    DashScopeFileTranscriptionClient client(&m_nam, profile(u"dashscope-funasr"_s, u"fun-asr"_s),
                                            "sk-test", fastPolicy());
    TranscriptionRequest request;
    request.audioPath = path;
    const Result<Transcript> t =
        QCoro::waitFor(client.transcribe(request, std::make_shared<HttpControl>(), {}));
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, code);
    QCOMPARE(t.error().providerCode, providerCode);
    QVERIFY2(t.error().message.contains(messagePart), qPrintable(t.error().message));
    QCOMPARE(m_emu.count(u"oss"_s), ossHits);
    QCOMPARE(m_emu.count(u"submit"_s), 0);
    if (scenario == u"policy-429")
        QCOMPARE(m_emu.count(u"policy"_s), 3); // retried twice (the test's policy)
}

void TestDashScopeFileTranscription::cancel_data()
{
    QTest::addColumn<QString>("state");      // what the task reports while we wait
    QTest::addColumn<bool>("keepTasks");     // keepTasksOnCancel() (application shutdown)
    QTest::addColumn<int>("cancelRequests"); // POST /tasks/{id}/cancel
    QTest::addColumn<bool>("ended");
    QTest::newRow("pending task is cancelled on the server") << u"PENDING"_s << false << 1 << true;
    QTest::newRow("running task cannot be cancelled, is forgotten")
        << u"RUNNING"_s << false << 0 << true;
    QTest::newRow("shutdown keeps a pending task for resuming")
        << u"PENDING"_s << true << 0 << false;
}

void TestDashScopeFileTranscription::cancel()
{
    QFETCH(QString, state);
    QFETCH(bool, keepTasks);
    QFETCH(int, cancelRequests);
    QFETCH(bool, ended);

    m_emu.script(u"task"_s, {dsTask(state)});
    DashScopeFileTranscriptionClient client(&m_nam, profile(u"dashscope-funasr"_s, u"fun-asr"_s),
                                            "sk-test", fastPolicy());
    QStringList endedIds;
    client.setTaskCallbacks({}, [&](const QString &id) { endedIds.append(id); });
    auto control = std::make_shared<HttpControl>();
    // Cancel once two polls have seen the state (polling never ends by itself here).
    QTimer watch;
    watch.setInterval(5);
    QObject::connect(&watch, &QTimer::timeout, &watch, [&] {
        if (m_emu.count(u"task"_s) >= 2) {
            watch.stop();
            if (keepTasks)
                client.keepTasksOnCancel();
            control->cancel();
        }
    });
    watch.start();
    TranscriptionRequest request;
    request.audioPath = kPublicUrl;
    const Result<Transcript> t = QCoro::waitFor(client.transcribe(request, control, {}));
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, ErrorCode::Cancelled);
    QCOMPARE(m_emu.count(u"cancel"_s), cancelRequests);
    if (cancelRequests > 0) {
        const DsHit hit = m_emu.hits(u"cancel"_s).first();
        QCOMPARE(hit.path, QByteArray("/api/v1/tasks/task-1/cancel"));
        QCOMPARE(hit.header("Authorization"), QByteArray("Bearer sk-test"));
    }
    QCOMPARE(endedIds, ended ? QStringList{u"task-1"_s} : QStringList());
}

void TestDashScopeFileTranscription::resumesTaskStoredInProject()
{
    // Session 1: submit, then the application closes while the task runs.
    m_emu.script(u"task"_s, {dsTask(u"RUNNING"_s)});
    ProjectData project;
    project.providerMeta.insert(u"provider"_s, u"dashscope-filetrans"_s);
    {
        DashScopeFileTranscriptionClient client(
            &m_nam, profile(u"dashscope-filetrans"_s, u"qwen3-asr-flash-filetrans"_s), "sk-test",
            fastPolicy());
        client.setTaskCallbacks(
            [&](const DashScopePendingTask &t) {
                DashScopePendingTask stored = t;
                stored.mediaOffsetMs = 60000; // the editor knows where the audio starts
                DashScopeTaskStore::add(&project.providerMeta, stored);
            },
            [&](const QString &id) { DashScopeTaskStore::remove(&project.providerMeta, id); });
        auto control = std::make_shared<HttpControl>();
        QTimer watch;
        watch.setInterval(5);
        QObject::connect(&watch, &QTimer::timeout, &watch, [&] {
            if (m_emu.count(u"task"_s) >= 1) {
                watch.stop();
                client.keepTasksOnCancel();
                control->cancel();
            }
        });
        watch.start();
        TranscriptionRequest request;
        request.audioPath = m_clip;
        request.durationMs = 1440;
        const Result<Transcript> t = QCoro::waitFor(client.transcribe(request, control, {}));
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, ErrorCode::Cancelled);
    }
    QCOMPARE(m_emu.count(u"cancel"_s), 0);

    // The project is saved and opened again.
    const Result<ProjectData> reopened = parseProject(serializeProject(project));
    QVERIFY(reopened.ok());
    QJsonObject meta = reopened->providerMeta;
    QCOMPARE(meta.value(u"provider"_s).toString(), u"dashscope-filetrans"_s); // left alone
    const QList<DashScopePendingTask> pending = DashScopeTaskStore::read(meta);
    QCOMPARE(pending.size(), 1);
    const DashScopePendingTask task = pending.first();
    QCOMPARE(task.taskId, u"task-1"_s);
    QCOMPARE(task.fileUrl, u"oss://"_s + QString::fromLatin1(m_emu.kUploadDir) + u"/clip.wav"_s);
    QCOMPARE(task.baseUrl, m_emu.nativeBase());
    QCOMPARE(task.mediaOffsetMs, qint64(60000));
    QCOMPARE(task.durationMs, qint64(1440));
    QCOMPARE(task.profileId, u"dashscope-filetrans"_s);
    QVERIFY(!task.expired(QDateTime::currentDateTimeUtc()));

    // Session 2: resume polling; nothing is uploaded or submitted again.
    m_emu.reset();
    m_emu.setResult(u"r.json"_s, kFiletransResult);
    m_emu.script(u"task"_s, {dsTask(u"RUNNING"_s),
                             succeeded(u"dashscope-filetrans"_s, task.fileUrl, u"r.json"_s)});
    DashScopeFileTranscriptionClient client(
        &m_nam, profile(u"dashscope-filetrans"_s, u"qwen3-asr-flash-filetrans"_s), "sk-test",
        fastPolicy());
    client.setTaskCallbacks(
        {}, [&](const QString &id) { QVERIFY(DashScopeTaskStore::remove(&meta, id)); });
    const Result<Transcript> t =
        QCoro::waitFor(client.resume(task, std::make_shared<HttpControl>(), {}));
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(describe(*t), kFiletransDescribed);
    QStringList routes;
    for (const DsHit &h : m_emu.hits())
        routes.append(h.route);
    QCOMPARE(routes, (QStringList{u"task"_s, u"task"_s, u"result"_s}));
    QVERIFY(DashScopeTaskStore::read(meta).isEmpty());
    QVERIFY(!meta.contains(u"dashscope_tasks"_s));
}

void TestDashScopeFileTranscription::expiredStoredTaskIsNotPolled()
{
    DashScopePendingTask task;
    task.taskId = u"old-task"_s;
    task.baseUrl = m_emu.nativeBase();
    task.submittedAt = QDateTime::currentDateTimeUtc().addSecs(-25 * 3600);
    QJsonObject meta;
    DashScopeTaskStore::add(&meta, task);
    DashScopePendingTask fresh = task;
    fresh.taskId = u"new-task"_s;
    fresh.submittedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    DashScopeTaskStore::add(&meta, fresh);
    DashScopeTaskStore::add(&meta, fresh); // replaces, no duplicate
    QCOMPARE(DashScopeTaskStore::read(meta).size(), 2);

    DashScopeFileTranscriptionClient client(&m_nam, profile(u"dashscope-funasr"_s, u"fun-asr"_s),
                                            "sk-test", fastPolicy());
    QStringList endedIds;
    client.setTaskCallbacks({}, [&](const QString &id) { endedIds.append(id); });
    const Result<Transcript> t =
        QCoro::waitFor(client.resume(task, std::make_shared<HttpControl>(), {}));
    QVERIFY(!t.ok());
    QVERIFY(t.error().message.contains(u"expired"));
    QVERIFY(m_emu.hits().isEmpty());
    QCOMPARE(endedIds, QStringList{u"old-task"_s});

    const QList<DashScopePendingTask> gone =
        DashScopeTaskStore::removeExpired(&meta, QDateTime::currentDateTimeUtc());
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.first().taskId, u"old-task"_s);
    QCOMPARE(DashScopeTaskStore::read(meta), QList<DashScopePendingTask>{fresh});
}

void TestDashScopeFileTranscription::registryCreatesClientsForEveryProfile()
{
    // What `captioneer transcribe FILE --provider dashscope-funasr --base-url URL` does.
    for (const char *id : {"dashscope-funasr", "dashscope-paraformer", "dashscope-filetrans"}) {
        ProviderProfile p = builtInProfile(QString::fromLatin1(id));
        QVERIFY2(!p.id.isEmpty(), id);
        QCOMPARE(p.region, u"beijing"_s);
        QCOMPARE(p.baseUrl, QUrl(u"https://dashscope.aliyuncs.com/api/v1"_s));
        p.baseUrl = m_emu.nativeBase();
        p.options.insert(u"poll_interval_ms"_s, 10);
        m_emu.reset();
        m_emu.setResult(u"r.json"_s,
                        p.kind == u"dashscope-funasr" ? kFunAsrResult : kFiletransResult);
        m_emu.script(
            u"task"_s,
            {succeeded(p.kind, u"oss://"_s + QString::fromLatin1(m_emu.kUploadDir) + u"/clip.wav"_s,
                       u"r.json"_s)});
        auto client = createTranscriptionClient(p, &m_nam, "sk-test");
        QVERIFY2(client.ok(), id);
        QVERIFY(dynamic_cast<DashScopeFileTranscriptionClient *>(client->get()));
        QVERIFY((*client)->capabilities().urlInputOnly);
        TranscriptionRequest request;
        request.audioPath = m_clip;
        const Result<Transcript> t =
            QCoro::waitFor((*client)->transcribe(request, std::make_shared<HttpControl>(), {}));
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
        QVERIFY(!t->segments.isEmpty());
        QCOMPARE(m_emu.hits(u"policy"_s).first().query,
                 "action=getPolicy&model=" + p.model.toUtf8());
        QCOMPARE(m_emu.hits(u"submit"_s).first().json().value(u"model"_s).toString(), p.model);
    }
    ProviderProfile noKey = builtInProfile(u"dashscope-funasr"_s);
    QVERIFY(!createTranscriptionClient(noKey, &m_nam, QByteArray()).ok());
    ProviderProfile remoteHttp = noKey;
    remoteHttp.baseUrl = QUrl(u"http://dashscope.example.com/api/v1"_s);
    QVERIFY(!createTranscriptionClient(remoteHttp, &m_nam, "sk").ok());
}

QTEST_GUILESS_MAIN(TestDashScopeFileTranscription)
#include "tst_dashscopefiletranscription.moc"

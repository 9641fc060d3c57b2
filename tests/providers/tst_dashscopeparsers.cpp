#include "dashscopeparsers.h"
#include "dashscopeprofiles.h"
#include "dashscoperegions.h"
#include "dashscoperequests.h"
#include "dashscopetaskstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

// The pure parts of the DashScope clients: regions and base URLs, request bodies, the poll
// cadence, parsers for every documented response shape (PROTOCOLS C, seed 003), the streamed
// event reader, pending-task records, built-in profiles and capabilities, and a fuzz pass.
namespace {

// (Raw strings are kept on one line: Qt 6.4's moc misreads some multi-line ones.)
// Seed 003, first result (Fun-ASR, no diarization).
const QByteArray kSeedFunAsr =
    R"j({"file_url": "https://dashscope.oss-cn-beijing.aliyuncs.com/samples/audio/hello_world_female2.wav","properties": {"audio_format": "pcm_s16le", "channels": [0], "original_sampling_rate": 16000, "original_duration_in_milliseconds": 3834},"transcripts": [{"channel_id": 0, "content_duration_in_milliseconds": 2480, "text": "Hello World, this is Alibaba Speech Lab.","sentences": [{"begin_time": 760, "end_time": 3240, "text": "Hello World, this is Alibaba Speech Lab.", "sentence_id": 1,"words": [{"begin_time": 760, "end_time": 1000, "text": "Hello", "punctuation": ""},{"begin_time": 1000, "end_time": 1120, "text": " World", "punctuation": ", "},{"begin_time": 1400, "end_time": 1920, "text": "this is", "punctuation": ""},{"begin_time": 1920, "end_time": 2520, "text": "Alibaba", "punctuation": ""},{"begin_time": 2520, "end_time": 2840, "text": "Speech", "punctuation": ""},{"begin_time": 2840, "end_time": 3240, "text": "Lab", "punctuation": "."}]}]}]})j";

const QByteArray kFiletrans =
    R"j({"file_url":"https://x.mp3","audio_info":{"format":"mp3","sample_rate":22050},"transcripts":[{"channel_id":0,"text":"欢迎使用阿里云。","sentences":[{"sentence_id":0,"begin_time":0,"end_time":1440,"language":"zh","emotion":"neutral","text":"欢迎使用阿里云。","words":[{"begin_time":0,"end_time":160,"text":"欢","punctuation":""},{"begin_time":1120,"end_time":1440,"text":"云","punctuation":"。"}]},{"sentence_id":1,"begin_time":1500,"end_time":2600,"language":"en","emotion":"happy","text":"Welcome."},{"sentence_id":2,"begin_time":2700,"end_time":3000,"language":"zh","emotion":"sad","text":"再见。"}]}]})j";

// Two channels, no diarization; channel 1 starts first; numbers as strings; SenseVoice tags.
const QByteArray kTwoChannels =
    R"j({"properties":{"original_duration_in_milliseconds":"5000"},"transcripts":[{"channel_id":0,"text":"<|Speech|>Left.<|/Speech|>","sentences":[{"begin_time":"2000","end_time":"3000","text":"<|HAPPY|>Left.","sentence_id":1}]},{"channel_id":1,"text":"Right.","sentences":[{"begin_time":500,"end_time":-20,"text":"Right.","sentence_id":1,"words":[{"begin_time":500,"end_time":900,"text":"Right","punctuation":"."},{"begin_time":900,"end_time":950,"text":" ","punctuation":""}]}]}]})j";

// A response body kept in tests/data/providers (inputs that once broke a parser).
QByteArray providerFixture(const char *name)
{
    QFile f(QStringLiteral(CAPTIONEER_TEST_DATA "/providers/") + QLatin1StringView(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

QString describe(const Transcript &t)
{
    QStringList lines{
        u"language=%1 duration=%2 text=[%3]"_s.arg(t.language).arg(t.duration).arg(t.text)};
    for (const TranscriptSegment &s : t.segments) {
        lines.append(u"%1-%2 [%3] speaker=%4 language=%5 emotion=%6 words=%7"_s.arg(s.start)
                         .arg(s.end)
                         .arg(s.text, s.speaker, s.language, s.emotion)
                         .arg(s.words.size()));
        for (const Word &w : s.words)
            lines.append(u"  %1-%2 [%3] %4"_s.arg(w.start).arg(w.end).arg(w.text, w.speaker));
    }
    return lines.join(u'\n');
}

} // namespace

class TestDashScopeParsers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void regionBaseUrls_data();
    void regionBaseUrls();
    void profileBaseUrls_data();
    void profileBaseUrls();
    void regionHint_data();
    void regionHint();
    void pollCadenceIsTheSdks();
    void submitBodies_data();
    void submitBodies();
    void uploadNames_data();
    void uploadNames();
    void transcriptions_data();
    void transcriptions();
    void tasks_data();
    void tasks();
    void uploadPolicy();
    void responses_data();
    void responses();
    void streamSplitAnywhere_data();
    void streamSplitAnywhere();
    void streamIgnoresDataAfterDone();
    void pendingTaskRecords();
    void builtInProfilesAndCapabilities_data();
    void builtInProfilesAndCapabilities();
    void fuzz();
};

void TestDashScopeParsers::regionBaseUrls_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("compatible");
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("url");
    QTest::newRow("beijing native") << u"beijing"_s << false << QString() << QString()
                                    << u"https://dashscope.aliyuncs.com/api/v1"_s;
    QTest::newRow("default is beijing") << QString() << true << QString() << QString()
                                        << u"https://dashscope.aliyuncs.com/compatible-mode/v1"_s;
    QTest::newRow("singapore native") << u"singapore"_s << false << QString() << QString()
                                      << u"https://dashscope-intl.aliyuncs.com/api/v1"_s;
    QTest::newRow("singapore compatible")
        << u"singapore"_s << true << QString() << QString()
        << u"https://dashscope-intl.aliyuncs.com/compatible-mode/v1"_s;
    QTest::newRow("us native") << u"us"_s << false << QString() << QString()
                               << u"https://dashscope-us.aliyuncs.com/api/v1"_s;
    QTest::newRow("us has no compatible mode")
        << u"us"_s << true << QString() << QString() << QString();
    QTest::newRow("workspace beijing") << u"workspace"_s << false << u"ws-123"_s << QString()
                                       << u"https://ws-123.cn-beijing.maas.aliyuncs.com/api/v1"_s;
    QTest::newRow("workspace singapore compatible")
        << u"workspace"_s << true << u"ws-9"_s << u"ap-southeast-1"_s
        << u"https://ws-9.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1"_s;
    QTest::newRow("workspace without id")
        << u"workspace"_s << false << QString() << QString() << QString();
    QTest::newRow("unknown region") << u"mars"_s << false << QString() << QString() << QString();
}

void TestDashScopeParsers::regionBaseUrls()
{
    QFETCH(QString, region);
    QFETCH(bool, compatible);
    QFETCH(QString, workspace);
    QFETCH(QString, location);
    QFETCH(QString, url);
    const QUrl got = dashScopeRegionBaseUrl(
        region, compatible ? DashScopeApi::Compatible : DashScopeApi::Native, workspace, location);
    QCOMPARE(got.toString(), url);
}

void TestDashScopeParsers::profileBaseUrls_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("native");
    QTest::addColumn<QString>("compatible");
    QTest::newRow("native URL, compatible derived")
        << u"http://127.0.0.1:8080/api/v1"_s << u"beijing"_s << u"http://127.0.0.1:8080/api/v1"_s
        << u"http://127.0.0.1:8080/compatible-mode/v1"_s;
    QTest::newRow("compatible URL with a slash, native derived")
        << u"https://dashscope-intl.aliyuncs.com/compatible-mode/v1/"_s << u"singapore"_s
        << u"https://dashscope-intl.aliyuncs.com/api/v1"_s
        << u"https://dashscope-intl.aliyuncs.com/compatible-mode/v1"_s;
    QTest::newRow("proxy path kept as is")
        << u"https://proxy.example.com/dashscope"_s << u"beijing"_s
        << u"https://proxy.example.com/dashscope"_s << u"https://proxy.example.com/dashscope"_s;
    QTest::newRow("no base URL: the region's")
        << QString() << u"singapore"_s << u"https://dashscope-intl.aliyuncs.com/api/v1"_s
        << u"https://dashscope-intl.aliyuncs.com/compatible-mode/v1"_s;
}

void TestDashScopeParsers::profileBaseUrls()
{
    QFETCH(QString, baseUrl);
    QFETCH(QString, region);
    QFETCH(QString, native);
    QFETCH(QString, compatible);
    ProviderProfile p;
    p.kind = u"dashscope-qwen-asr"_s;
    p.baseUrl = QUrl(baseUrl);
    p.region = region;
    QCOMPARE(dashScopeBaseUrl(p, DashScopeApi::Native).toString(), native);
    QCOMPARE(dashScopeBaseUrl(p, DashScopeApi::Compatible).toString(), compatible);
    QCOMPARE(dashScopeEndpoint(QUrl(native), u"/tasks/t1").toString(), native + u"/tasks/t1"_s);
}

void TestDashScopeParsers::regionHint_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("profileRegion");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart"); // empty: message unchanged
    QTest::newRow("intl host, 401") << u"dashscope-intl.aliyuncs.com"_s << u"beijing"_s << 401
                                    << u"InvalidApiKey"_s << u"International (Singapore)"_s;
    QTest::newRow("workspace host in beijing")
        << u"ws1.cn-beijing.maas.aliyuncs.com"_s << u"workspace"_s << 401 << u"InvalidApiKey"_s
        << u"China (Beijing)"_s;
    QTest::newRow("proxy: the profile's region")
        << u"proxy.example.com"_s << u"us"_s << 401 << QString() << u"US (Virginia)"_s;
    QTest::newRow("not an auth error")
        << u"dashscope.aliyuncs.com"_s << u"beijing"_s << 400 << u"InvalidParameter"_s << QString();
}

void TestDashScopeParsers::regionHint()
{
    QFETCH(QString, host);
    QFETCH(QString, profileRegion);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    ProviderProfile p;
    p.displayName = u"Fun-ASR"_s;
    p.region = profileRegion;
    Error e = makeError(ErrorCode::Provider, u"original"_s);
    e.httpStatus = status;
    e.providerCode = code;
    const Error hinted = withDashScopeRegionHint(e, p, QUrl(u"https://"_s + host + u"/api/v1"_s));
    if (messagePart.isEmpty()) {
        QCOMPARE(hinted.message, u"original"_s);
    } else {
        QVERIFY2(hinted.message.contains(messagePart), qPrintable(hinted.message));
        QVERIFY(hinted.message.contains(host));
        QVERIFY(hinted.message.contains(u"region"));
    }
}

void TestDashScopeParsers::pollCadenceIsTheSdks()
{
    QList<qint64> got;
    for (int i = 0; i < 12; ++i)
        got.append(dashScopePollDelay(i, milliseconds(1000), milliseconds(5000)).count());
    QCOMPARE(got, (QList<qint64>{1000, 1000, 2000, 2000, 2000, 4000, 4000, 4000, 5000, 5000, 5000,
                                 5000}));
    QCOMPARE(dashScopePollDelay(1000000, milliseconds(10), milliseconds(40)).count(), 40);
}

void TestDashScopeParsers::submitBodies_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QVariantMap>("options");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("fun-asr minimal: parameters always present")
        << u"dashscope-funasr"_s << QVariantMap() << QString()
        << QByteArray(
               R"j({"model":"m","input":{"file_urls":["U"]},"parameters":{"channel_id":[0]}})j");
    QTest::newRow("fun-asr list options as lists, bools as strings")
        << u"dashscope-funasr"_s
        << QVariantMap{{u"language_hints"_s, QStringList{u"ja"_s}},
                       {u"channel_id"_s, QVariantList{0, 1}},
                       {u"diarization"_s, u"true"_s},
                       {u"speaker_count"_s, 200}, // out of 2..100: left out
                       {u"timestamp_alignment"_s, false}}
        << u"en"_s
        << QByteArray(
               R"j({"model":"m","input":{"file_urls":["U"]},"parameters":{"channel_id":[0,1],"language_hints":["ja"],"diarization_enabled":true,"timestamp_alignment_enabled":false}})j");
    QTest::newRow("fun-asr speaker count without diarization is not sent")
        << u"dashscope-funasr"_s << QVariantMap{{u"speaker_count"_s, 3}} << QString()
        << QByteArray(
               R"j({"model":"m","input":{"file_urls":["U"]},"parameters":{"channel_id":[0]}})j");
    QTest::newRow("filetrans defaults: words on, itn off, language from the profile")
        << u"dashscope-filetrans"_s << QVariantMap{{u"language"_s, u"de"_s}} << QString()
        << QByteArray(
               R"j({"model":"m","input":{"file_url":"U"},"parameters":{"channel_id":[0],"language":"de","enable_itn":false,"enable_words":true}})j");
}

void TestDashScopeParsers::submitBodies()
{
    QFETCH(QString, kind);
    QFETCH(QVariantMap, options);
    QFETCH(QString, language);
    QFETCH(QByteArray, expected);
    ProviderProfile p;
    p.kind = kind;
    p.model = u"m"_s;
    p.options = options;
    QCOMPARE(dashScopeSubmitBody(p, u"U"_s, language), QJsonDocument::fromJson(expected).object());
}

void TestDashScopeParsers::uploadNames_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << u"/tmp/chunk-001.flac"_s << u"chunk-001.flac"_s;
    QTest::newRow("spaces") << u"/tmp/my talk.mp3"_s << u"audio.mp3"_s;
    QTest::newRow("non-ASCII") << u"/tmp/会议.wav"_s << u"audio.wav"_s;
    QTest::newRow("quote") << u"/tmp/a\"b.wav"_s << u"audio.wav"_s;
    QTest::newRow("no suffix") << u"/tmp/recording"_s << u"audio.bin"_s;
}

void TestDashScopeParsers::uploadNames()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    QCOMPARE(dashScopeUploadName(path), name);
}

void TestDashScopeParsers::transcriptions_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seed 003 Fun-ASR: text + punctuation, ms")
        << kSeedFunAsr
        << u"language= duration=3834 text=[Hello World, this is Alibaba Speech Lab.]\n"
           "760-3240 [Hello World, this is Alibaba Speech Lab.] speaker= language= emotion= "
           "words=6\n"
           "  760-1000 [Hello] \n"
           "  1000-1120 [ World, ] \n"
           "  1400-1920 [this is] \n"
           "  1920-2520 [Alibaba] \n"
           "  2520-2840 [Speech] \n"
           "  2840-3240 [Lab.] "_s;
    QTest::newRow("filetrans: per-sentence language and emotion, words optional")
        << kFiletrans
        << u"language=zh duration=3000 text=[欢迎使用阿里云。]\n"
           "0-1440 [欢迎使用阿里云。] speaker= language=zh emotion=neutral words=2\n"
           "  0-160 [欢] \n"
           "  1120-1440 [云。] \n"
           "1500-2600 [Welcome.] speaker= language=en emotion=happy words=0\n"
           "2700-3000 [再见。] speaker= language=zh emotion=sad words=0"_s;
    QTest::newRow("two channels: channel as speaker, ordered, tags removed, lenient numbers")
        << kTwoChannels
        << u"language= duration=5000 text=[Left.\nRight.]\n"
           "500-500 [Right.] speaker=Channel 2 language= emotion= words=1\n"
           "  500-900 [Right.] Channel 2\n"
           "2000-3000 [Left.] speaker=Channel 1 language= emotion= words=0"_s;
    QTest::newRow("no speech") << QByteArray(R"j({"transcripts":[]})j")
                               << u"language= duration=0 text=[]"_s;
}

void TestDashScopeParsers::transcriptions()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const Result<Transcript> t = parseDashScopeTranscription(body);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(describe(*t), expected);
}

void TestDashScopeParsers::tasks_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("summary");
    QTest::newRow("submit reply")
        << QByteArray(
               R"j({"request_id":"77ae","output":{"task_id":"c2e5","task_status":"PENDING"}})j")
        << true << u"c2e5 PENDING 0 code= subtasks=0 req=77ae"_s;
    QTest::newRow("running with metrics (CNB)")
        << QByteArray(
               R"j({"request_id":"r","output":{"task_id":"t","task_status":"RUNNING","submit_time":"2024-05-16 16:12:02.627","scheduled_time":"2024-05-16 16:12:02.660","task_metrics":{"TOTAL":1,"SUCCEEDED":0,"FAILED":0}}})j")
        << true << u"t RUNNING 1 code= subtasks=0 req=r"_s;
    QTest::newRow("unknown (CNB)")
        << QByteArray(
               R"j({"request_id":"45ac","output":{"task_id":"1111","task_status":"UNKNOWN"}})j")
        << true << u"1111 UNKNOWN 6 code= subtasks=0 req=45ac"_s;
    QTest::newRow("fun-asr results with a failed subtask")
        << QByteArray(
               R"j({"request_id":"f9","output":{"task_id":"f8","task_status":"SUCCEEDED","results":[{"file_url":"a","transcription_url":"https://r/a.json","subtask_status":"SUCCEEDED"},{"file_url":"b","code":"InvalidFile.DownloadFailed","message":"The audio file cannot be downloaded.","subtask_status":"FAILED"}],"task_metrics":{"TOTAL":2,"SUCCEEDED":1,"FAILED":1}},"usage":{"duration":9}})j")
        << true
        << u"f8 SUCCEEDED 3 code= subtasks=2 req=f9 [a SUCCEEDED ok] [b FAILED InvalidFile.DownloadFailed] usage=9"_s;
    QTest::newRow("filetrans result object")
        << QByteArray(
               R"j({"request_id":"1d","output":{"task_id":"8f","task_status":"SUCCEEDED","result":{"transcription_url":"http://r/x.json"}},"usage":{"seconds":3}})j")
        << true << u"8f SUCCEEDED 3 code= subtasks=1 req=1d [ SUCCEEDED ok] usage=3"_s;
    QTest::newRow("filetrans FAILED with code")
        << QByteArray(
               R"j({"request_id":"x","output":{"task_id":"t","task_status":"FAILED","code":"FILE_403_FORBIDDEN","message":"FILE_403_FORBIDDEN"}})j")
        << true << u"t FAILED 4 code=FILE_403_FORBIDDEN subtasks=0 req=x"_s;
    QTest::newRow("a newer state keeps polling")
        << QByteArray(R"j({"output":{"task_id":"t","task_status":"QUEUED"}})j") << true
        << u"t QUEUED 1 code= subtasks=0 req="_s;
    QTest::newRow("an error body is not a task")
        << QByteArray(R"j({"code":"InvalidApiKey","message":"Invalid API-key provided."})j")
        << false << QString();
    QTest::newRow("HTML") << QByteArray("<html>502</html>") << false << QString();
    QTest::newRow("numeric ids beyond qint64 are kept as written (undefined conversion)")
        << providerFixture("dashscope-task-id-overflow.json") << true
        << u"1e+300 RUNNING 1 code= subtasks=0 req=-1e+300"_s;
}

void TestDashScopeParsers::tasks()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, summary);
    const Result<DashScopeTask> t = parseDashScopeTask(body);
    QCOMPARE(t.ok(), ok);
    if (!ok) {
        QCOMPARE(t.error().code, ErrorCode::ParseError);
        return;
    }
    QString s = u"%1 %2 %3 code=%4 subtasks=%5 req=%6"_s.arg(t->taskId, t->status)
                    .arg(int(t->state))
                    .arg(t->code)
                    .arg(t->subtasks.size())
                    .arg(t->requestId);
    for (const DashScopeSubtask &st : t->subtasks)
        s += u" [%1 %2 %3]"_s.arg(st.fileUrl, st.status, st.succeeded() ? u"ok"_s : st.code);
    if (t->usageSeconds > 0)
        s += u" usage=%1"_s.arg(t->usageSeconds);
    QCOMPARE(s, summary);
    QCOMPARE(isTerminal(t->state),
             t->status != u"PENDING" && t->status != u"RUNNING" && t->status != u"QUEUED");
}

void TestDashScopeParsers::uploadPolicy()
{
    // CNB capture: numbers as numbers.
    const Result<DashScopeUploadPolicy> p = parseDashScopeUploadPolicy(
        R"j({"request_id":"b744","data":{"policy":"eyJl","signature":"n3dN","upload_dir":"dashscope-instant/52af/2025-07-12/b744","upload_host":"https://dashscope-file-mgr.oss-cn-beijing.aliyuncs.com","expire_in_seconds":300,"max_file_size_mb":1024,"capacity_limit_mb":999999999,"oss_access_key_id":"LTAI","x_oss_object_acl":"private","x_oss_forbid_overwrite":"true"}})j");
    QVERIFY(p.ok());
    QCOMPARE(p->uploadHost, u"https://dashscope-file-mgr.oss-cn-beijing.aliyuncs.com"_s);
    QCOMPARE(p->maxFileSizeMb, qint64(1024));
    QCOMPARE(p->expireInSeconds, qint64(300));
    QCOMPARE(p->capacityLimitMb, qint64(999999999));
    QCOMPARE(p->forbidOverwrite, u"true"_s);
    // The documentation types everything as strings.
    const Result<DashScopeUploadPolicy> s = parseDashScopeUploadPolicy(
        R"j({"data":{"policy":"p","signature":"s","upload_dir":"d","upload_host":"https://h","expire_in_seconds":"300","max_file_size_mb":"100","oss_access_key_id":"k","x_oss_object_acl":"private","x_oss_forbid_overwrite":"true"}})j");
    QVERIFY(s.ok());
    QCOMPARE(s->maxFileSizeMb, qint64(100));
    QCOMPARE(s->expireInSeconds, qint64(300));
    const QList<QPair<QByteArray, QByteArray>> fields =
        dashScopeOssFields(*s, u"d/a.wav"_s, u"audio/wav"_s);
    QList<QByteArray> names;
    for (const auto &f : fields)
        names.append(f.first);
    QCOMPARE(names, (QList<QByteArray>{"OSSAccessKeyId", "Signature", "policy", "key",
                                       "x-oss-object-acl", "x-oss-forbid-overwrite",
                                       "success_action_status", "x-oss-content-type"}));
    QVERIFY(!parseDashScopeUploadPolicy(R"j({"data":{"policy":"p"}})j").ok());
    QVERIFY(!parseDashScopeUploadPolicy("Forbidden").ok());
}

void TestDashScopeParsers::responses_data()
{
    QTest::addColumn<bool>("compatible");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("summary");
    QTest::newRow("native choices, annotations")
        << false
        << QByteArray(
               R"j({"output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":[{"text":"欢迎使用阿里云。"}],"annotations":[{"type":"audio_info","language":"zh","emotion":"neutral"}]}}]},"usage":{"seconds":1},"request_id":"568e"})j")
        << true << u"[欢迎使用阿里云。] zh neutral stop 568e 1"_s;
    QTest::newRow("native text result format")
        << false << QByteArray(R"j({"output":{"text":" hi "}})j") << true << u"[hi]     0"_s;
    QTest::newRow("native several text items")
        << false
        << QByteArray(
               R"j({"output":{"choices":[{"message":{"content":[{"text":"a"},{"text":"b"}]}}]}})j")
        << true << u"[ab]     0"_s;
    QTest::newRow("native without output")
        << false << QByteArray(R"j({"request_id":"x"})j") << false << QString();
    QTest::newRow("compatible string content")
        << true
        << QByteArray(
               R"j({"id":"chatcmpl-487a","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"欢迎使用阿里云。","annotations":[{"type":"audio_info","language":"zh","emotion":"neutral"}]}}],"usage":{"seconds":1}})j")
        << true << u"[欢迎使用阿里云。] zh neutral stop chatcmpl-487a 1"_s;
    QTest::newRow("compatible parts content")
        << true
        << QByteArray(R"j({"choices":[{"message":{"content":[{"type":"text","text":"x"}]}}]})j")
        << true << u"[x]     0"_s;
    QTest::newRow("compatible empty choices")
        << true << QByteArray(R"j({"choices":[]})j") << false << QString();
    QTest::newRow("not JSON") << true << QByteArray("upstream connect error") << false << QString();
}

void TestDashScopeParsers::responses()
{
    QFETCH(bool, compatible);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, summary);
    const Result<DashScopeAsrText> r =
        compatible ? parseDashScopeCompatibleResponse(body) : parseDashScopeNativeResponse(body);
    QCOMPARE(r.ok(), ok);
    if (!ok)
        return;
    QCOMPARE(u"[%1] %2 %3 %4 %5 %6"_s
                 .arg(r->text, r->language, r->emotion, r->finishReason, r->requestId)
                 .arg(r->seconds),
             summary);
}

void TestDashScopeParsers::streamSplitAnywhere_data()
{
    QTest::addColumn<bool>("compatible");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("growths"); // feeds that grew the text, fed byte by byte
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("native, no blank lines, CRLF")
        << false
        << QByteArray(
               "id:1\r\nevent:result\r\n:HTTP_STATUS/200\r\ndata:{\"output\":{\"choices\":"
               "[{\"message\":{\"content\":[{\"text\":\"一\"}]},\"finish_reason\":\"null\"}]}}"
               "\r\nid:2\r\nevent:result\r\n:HTTP_STATUS/200\r\ndata:{\"output\":{\"choices"
               "\":[{\"message\":{\"content\":[{\"text\":\"二\"}]},\"finish_reason\":\"stop"
               "\"}]}}")
        << u"一二"_s << 1 << QByteArray(); // the last event has no line end: read by finish()
    QTest::newRow("native error after text")
        << false
        << QByteArray("event:result\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":[{"
                      "\"text\":\"a\"}]}}]}}\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":"
                      "\"InvalidParameter\",\"message\":\"m\"}\ndata:{\"output\":{\"choices\":[{"
                      "\"message\":{\"content\":[{\"text\":\"b\"}]}}]}}\n")
        << u"a"_s << 1 << QByteArray("{\"code\":\"InvalidParameter\",\"message\":\"m\"}");
    QTest::newRow("compatible with keep-alive comments and [DONE]")
        << true
        << QByteArray(": ping\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: "
                      "{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\ndata: {\"choices\":[],"
                      "\"usage\":{\"total_tokens\":3}}\n\ndata: [DONE]\n\n")
        << u"Hello"_s << 2 << QByteArray();
}

void TestDashScopeParsers::streamSplitAnywhere()
{
    QFETCH(bool, compatible);
    QFETCH(QByteArray, stream);
    QFETCH(QString, text);
    QFETCH(int, growths);
    QFETCH(QByteArray, error);
    const auto mode =
        compatible ? DashScopeAsrStream::Mode::Compatible : DashScopeAsrStream::Mode::Native;
    for (qsizetype step : {qsizetype(1), qsizetype(2), qsizetype(7), stream.size()}) {
        DashScopeAsrStream s(mode);
        int grew = 0;
        for (qsizetype i = 0; i < stream.size(); i += step)
            grew += s.feed(stream.mid(i, step)) ? 1 : 0;
        s.finish();
        QCOMPARE(s.textSoFar(), text);
        if (step == 1)
            QCOMPARE(grew, growths);
        QCOMPARE(s.error().has_value(), !error.isEmpty());
        if (s.error()) {
            QCOMPARE(s.error()->data, error);
            QCOMPARE(s.error()->httpStatus, 400);
        }
    }
}

void TestDashScopeParsers::streamIgnoresDataAfterDone()
{
    DashScopeAsrStream s(DashScopeAsrStream::Mode::Native);
    s.feed("event:result\ndata:{\"output\":{\"text\":\"x\"}}\nevent:done\ndata:{\"output\":{"
           "\"text\":\"y\"}}\n");
    QCOMPARE(s.textSoFar(), u"x"_s);
    QVERIFY(s.done());
    QVERIFY(!s.error());
}

void TestDashScopeParsers::pendingTaskRecords()
{
    DashScopePendingTask t;
    t.taskId = u"t1"_s;
    t.profileId = u"dashscope-funasr"_s;
    t.kind = u"dashscope-funasr"_s;
    t.model = u"fun-asr"_s;
    t.baseUrl = QUrl(u"https://dashscope.aliyuncs.com/api/v1"_s);
    t.fileUrl = u"oss://dir/a.wav"_s;
    t.audioName = u"a.wav"_s;
    t.submittedAt = QDateTime(QDate(2025, 7, 12), QTime(10, 0, 0, 123), Qt::UTC);
    t.mediaOffsetMs = 5000;
    t.durationMs = 60000;
    QVERIFY(DashScopePendingTask::fromJson(t.toJson()) == t);
    QVERIFY(!t.expired(t.submittedAt.addSecs(23 * 3600)));
    QVERIFY(t.expired(t.submittedAt.addSecs(24 * 3600)));

    QJsonObject meta{{u"provider"_s, u"x"_s}};
    DashScopeTaskStore::add(&meta, t);
    // A record this version cannot read (no id) stays in place on write but is not returned.
    QJsonArray list = meta.value(u"dashscope_tasks"_s).toArray();
    list.append(QJsonObject{{u"future_field"_s, 1}});
    meta.insert(u"dashscope_tasks"_s, list);
    QCOMPARE(DashScopeTaskStore::read(meta), QList<DashScopePendingTask>{t});
    QVERIFY(!DashScopeTaskStore::remove(&meta, u"nope"_s));
    QCOMPARE(meta.value(u"dashscope_tasks"_s).toArray().size(), 2);
    QVERIFY(DashScopeTaskStore::remove(&meta, u"t1"_s));
    QCOMPARE(meta.value(u"dashscope_tasks"_s).toArray().size(), 1);
    QCOMPARE(meta.value(u"provider"_s).toString(), u"x"_s);
    QVERIFY(!DashScopePendingTask::fromJson(QJsonObject{{u"task_id"_s, u"t"_s}}));
    // Times beyond 2^53 ms in a damaged project are dropped (converting 1e300 to qint64 was
    // undefined behaviour).
    QFile damaged(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/next_id_overflow.captioneer"));
    QVERIFY(damaged.open(QIODevice::ReadOnly));
    const QJsonObject project = QJsonDocument::fromJson(damaged.readAll()).object();
    const QList<DashScopePendingTask> tasks =
        DashScopeTaskStore::read(project.value(u"provider"_s).toObject());
    QCOMPARE(tasks.size(), 1);
    QCOMPARE(tasks.first().mediaOffsetMs, qint64(0));
    QCOMPARE(tasks.first().durationMs, qint64(0));
}

void TestDashScopeParsers::builtInProfilesAndCapabilities_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<bool>("words");
    QTest::addColumn<bool>("speakers");
    QTest::addColumn<bool>("urlOnly");
    QTest::addColumn<bool>("streaming");
    QTest::addColumn<int>("rpm");
    const QString native = u"https://dashscope.aliyuncs.com/api/v1"_s;
    const QString compatible = u"https://dashscope.aliyuncs.com/compatible-mode/v1"_s;
    const qint64 gb = 1024LL * 1024 * 1024;
    const qint64 inline10 = 10LL * 1024 * 1024 / 4 * 3 - 1024;
    const qint64 h12 = 12LL * 3600 * 1000;
    QTest::newRow("fun-asr") << u"dashscope-funasr"_s << u"dashscope-funasr"_s << native << gb
                             << h12 << true << true << true << false << 0;
    QTest::newRow("paraformer") << u"dashscope-paraformer"_s << u"dashscope-funasr"_s << native
                                << gb << h12 << true << true << true << false << 0;
    QTest::newRow("filetrans") << u"dashscope-filetrans"_s << u"dashscope-filetrans"_s << native
                               << gb << h12 << true << false << true << false << 100;
    QTest::newRow("qwen-asr native")
        << u"dashscope-qwen-asr"_s << u"dashscope-qwen-asr"_s << native << inline10 << 300000LL
        << false << false << false << true << 100;
    QTest::newRow("qwen-asr compatible")
        << u"dashscope-qwen-asr-compatible"_s << u"dashscope-qwen-asr-compatible"_s << compatible
        << inline10 << 300000LL << false << false << false << true << 100;
    QTest::newRow("qwen-omni") << u"qwen-omni"_s << u"dashscope-omni"_s << compatible << inline10
                               << 1200000LL << false << false << false << true << 0;
}

void TestDashScopeParsers::builtInProfilesAndCapabilities()
{
    QFETCH(QString, id);
    QFETCH(QString, kind);
    QFETCH(QString, baseUrl);
    QFETCH(qint64, maxBytes);
    QFETCH(qint64, maxMs);
    QFETCH(bool, words);
    QFETCH(bool, speakers);
    QFETCH(bool, urlOnly);
    QFETCH(bool, streaming);
    QFETCH(int, rpm);
    const ProviderProfile p = builtInProfile(id);
    QCOMPARE(p.id, id);
    QCOMPARE(p.kind, kind);
    QVERIFY(isDashScopeKind(p.kind));
    QCOMPARE(p.baseUrl.toString(), baseUrl);
    QCOMPARE(p.region, u"beijing"_s);
    QCOMPARE(p.keyName, u"DASHSCOPE_API_KEY"_s);
    QVERIFY(p.needsKey());
    const ProviderCapabilities c = p.capabilities();
    QCOMPARE(c.maxUploadBytes, maxBytes);
    QCOMPARE(c.maxDurationMs, maxMs);
    QCOMPARE(c.wordTimestamps, words);
    QCOMPARE(c.timed(), urlOnly); // the async ones time their results themselves
    QCOMPARE(c.speakers, speakers);
    QCOMPARE(c.urlInputOnly, urlOnly);
    QCOMPARE(c.streaming, streaming);
    QCOMPARE(c.requestsPerMinute, rpm);
    QVERIFY(c.acceptedFormats.contains(u"wav"_s) && c.acceptedFormats.contains(u"mp3"_s));
    QVERIFY(c.models.contains(p.model));
    // Moving the profile to another region moves its base URL.
    const ProviderProfile intl = withDashScopeRegion(p, u"singapore"_s);
    QCOMPARE(intl.baseUrl.host(), u"dashscope-intl.aliyuncs.com"_s);
    QCOMPARE(intl.baseUrl.path(), QUrl(baseUrl).path());
}

void TestDashScopeParsers::fuzz()
{
    // Truncations, byte flips and splices of every sample through every parser: no crash, and
    // an error or a value, never anything else.
    const QList<QByteArray> samples{
        kSeedFunAsr,
        kFiletrans,
        kTwoChannels,
        R"j({"request_id":"f9","output":{"task_id":"f8","task_status":"SUCCEEDED","results":[{"file_url":"a","transcription_url":"u","subtask_status":"SUCCEEDED"}]}})j",
        R"j({"data":{"policy":"p","signature":"s","upload_dir":"d","upload_host":"https://h","oss_access_key_id":"k"}})j",
        R"j({"output":{"choices":[{"message":{"content":[{"text":"x"}],"annotations":[{"type":"audio_info","language":"zh"}]}}]}})j",
        "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{"
        "\"content\":[{\"text\":\"a\"}]}}]}}\nevent:error\ndata:{\"code\":\"X\"}\n"};
    QRandomGenerator rng(20250712);
    int parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray b = samples[rng.bounded(int(samples.size()))];
        switch (rng.bounded(3)) {
        case 0:
            b.truncate(rng.bounded(int(b.size()) + 1));
            break;
        case 1:
            for (int k = 0; k < 4; ++k)
                b[rng.bounded(int(b.size()))] = char(rng.bounded(256));
            break;
        default:
            b.insert(rng.bounded(int(b.size()) + 1),
                     samples[rng.bounded(int(samples.size()))].left(rng.bounded(64)));
            break;
        }
        parsed += parseDashScopeTranscription(b).ok() ? 1 : 0;
        parsed += parseDashScopeTask(b).ok() ? 1 : 0;
        parsed += parseDashScopeUploadPolicy(b).ok() ? 1 : 0;
        parsed += parseDashScopeNativeResponse(b).ok() ? 1 : 0;
        parsed += parseDashScopeCompatibleResponse(b).ok() ? 1 : 0;
        DashScopeAsrStream native(DashScopeAsrStream::Mode::Native);
        DashScopeAsrStream compatible(DashScopeAsrStream::Mode::Compatible);
        native.feed(b);
        native.finish();
        compatible.feed(b);
        compatible.finish();
    }
    QVERIFY(parsed > 0); // some mutations stay valid, so the parsers did run on real shapes
}

QTEST_GUILESS_MAIN(TestDashScopeParsers)
#include "tst_dashscopeparsers.moc"

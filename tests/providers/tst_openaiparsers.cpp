#include "openaiparsers.h"
#include "openaitext.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

// The pure parsers of OpenAI-compatible transcription responses and the speech text splitter:
// every response format with the services' own example shapes, malformed bodies with clear
// errors, streams split at every byte, and garbage that must not crash.
class TestOpenAiParsers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void truncatedJsonIsAlwaysAnError_data();
    void truncatedJsonIsAlwaysAnError();
    void garbageDoesNotCrash();
    void stream_data();
    void stream();
    void streamErrors_data();
    void streamErrors();
    void formatNames();
    void splitSpeechText_data();
    void splitSpeechText();
    void splitLongTextKeepsEverything();
};

Q_DECLARE_METATYPE(Transcript)
Q_DECLARE_METATYPE(OpenAiResponseFormat)
Q_DECLARE_METATYPE(ErrorCode)

namespace {

// Everything a Transcript holds, one line per item, so a failing QCOMPARE shows the difference.
QString describe(const Transcript &t)
{
    QStringList lines{
        u"language=%1 duration=%2 text=[%3]"_s.arg(t.language).arg(t.duration).arg(t.text)};
    auto opt = [](const std::optional<double> &v) {
        return v ? QString::number(*v, 'g', 8) : u"-"_s;
    };
    for (const TranscriptSegment &s : t.segments) {
        lines.append(
            u"  segment %1-%2 [%3] speaker=%4 lang=%5 logprob=%6 nospeech=%7"_s.arg(s.start)
                .arg(s.end)
                .arg(s.text, s.speaker, s.language, opt(s.avgLogprob), opt(s.noSpeechProb)));
        for (const Word &w : s.words)
            lines.append(u"    word %1-%2 [%3] confidence=%4"_s.arg(w.start).arg(w.end).arg(
                w.text, w.confidence ? QString::number(*w.confidence, 'g', 6) : u"-"_s));
    }
    return lines.join(u'\n');
}

TranscriptSegment segment(qint64 start, qint64 end, const QString &text, Words words = {})
{
    TranscriptSegment s;
    s.start = start;
    s.end = end;
    s.text = text;
    s.words = std::move(words);
    return s;
}

Word word(qint64 start, qint64 end, const QString &text, std::optional<float> confidence = {})
{
    Word w;
    w.start = start;
    w.end = end;
    w.text = text;
    w.confidence = confidence;
    return w;
}

Transcript textOnly(const QString &text)
{
    Transcript t;
    t.text = text;
    return t;
}

float fromLogprob(double logprob)
{
    return float(std::exp(logprob));
}

// A response body kept in tests/data/providers (inputs that once broke a parser).
QByteArray providerFixture(const char *name)
{
    QFile f(QStringLiteral(CAPTIONEER_TEST_DATA "/providers/") + QLatin1StringView(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

// PROTOCOLS A.2 verbose_json example, verbatim shape.
const QByteArray kVerbose =
    R"j({"task":"transcribe","language":"english","duration":8.47,
   "text":"The beach was a popular spot on a hot summer day.",
   "segments":[{"id":0,"seek":0,"start":0.0,"end":3.32,"text":" The beach was a popular spot on a hot summer day.",
                "tokens":[50364,440,7534],"temperature":0.0,"avg_logprob":-0.286,"compression_ratio":1.236,"no_speech_prob":0.0099}],
   "words":[{"word":"The","start":0.0,"end":0.24},{"word":"beach","start":0.24,"end":0.52}],
   "usage":{"type":"duration","seconds":9}})j";

} // namespace

void TestOpenAiParsers::parses_data()
{
    QTest::addColumn<OpenAiResponseFormat>("format");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Transcript>("expected");
    using F = OpenAiResponseFormat;

    QTest::newRow("json: reseller example (seed 001)")
        << F::Json
        << QByteArray(
               R"j({"text": "Imagine the wildest idea that you've ever had, and you're curious about how it might scale to something that's a 100, a 1,000 times bigger. This is a place where you can get to do that."})j")
        << textOnly(
               u"Imagine the wildest idea that you've ever had, and you're curious about how it might scale to something that's a 100, a 1,000 times bigger. This is a place where you can get to do that."_s);
    QTest::newRow("json: token usage (PROTOCOLS A.2)")
        << F::Json
        << QByteArray(
               R"j({"text": "Hello world.", "usage": {"type": "tokens", "input_tokens": 14, "input_token_details": {"text_tokens": 10, "audio_tokens": 4}, "output_tokens": 101, "total_tokens": 115}})j")
        << textOnly(u"Hello world."_s);
    QTest::newRow("json: SiliconFlow Chinese text")
        << F::Json << QByteArray(R"j({"text":"欢迎使用阿里云。"})j")
        << textOnly(u"欢迎使用阿里云。"_s);
    QTest::newRow("json: empty text is no speech")
        << F::Json << QByteArray(R"j({"text":""})j") << textOnly(QString());

    {
        Transcript t;
        t.language = u"english"_s;
        t.duration = 8470;
        t.text = u"The beach was a popular spot on a hot summer day."_s;
        TranscriptSegment s =
            segment(0, 3320, u"The beach was a popular spot on a hot summer day."_s,
                    {word(0, 240, u"The"_s, fromLogprob(-0.286)),
                     word(240, 520, u"beach"_s, fromLogprob(-0.286))});
        s.avgLogprob = -0.286;
        s.noSpeechProb = 0.0099;
        t.segments = {s};
        QTest::newRow("verbose_json: OpenAI example with words (PROTOCOLS A.2)")
            << F::VerboseJson << kVerbose << t;
        QTest::newRow("json request answered with verbose_json") << F::Json << kVerbose << t;
        QTest::newRow("text request answered with JSON") << F::Text << kVerbose << t;
    }
    {
        Transcript t;
        t.language = u"en"_s;
        t.duration = 2950;
        t.text = u"Hello, this is the transcribed text from the audio file."_s;
        TranscriptSegment s =
            segment(0, 2950, u"Hello, this is the transcribed text from the audio file."_s);
        s.avgLogprob = -0.458;
        s.noSpeechProb = 0.0192;
        t.segments = {s};
        QTest::newRow("verbose_json: LLMProvider example without words (seed 000)")
            << F::VerboseJson << QByteArray(R"j({
"task": "transcribe",
"language": "en",
"duration": 2.95,
"segments": [
{
"id": 0,
"seek": 0,
"start": 0.0,
"end": 2.95,
"text": "Hello, this is the transcribed text from the audio file.",
"tokens": [
50364,
2425,
11
],
"temperature": 0.0,
"avg_logprob": -0.458,
"compression_ratio": 0.688,
"no_speech_prob": 0.0192
}
],
"text": "Hello, this is the transcribed text from the audio file."
})j") << t;
    }
    {
        // Words before, between and after the segments each form a segment per gap.
        Transcript t;
        t.text = u"Um. One two. Three."_s;
        t.duration = 10000;
        t.segments = {
            segment(100, 500, u"Um."_s, {word(100, 500, u"Um."_s)}),
            segment(1000, 2000, u"One two."_s,
                    {word(1000, 1400, u"One"_s), word(1500, 1990, u"two."_s)}),
            segment(2500, 3100, u"So so"_s, {word(2500, 2800, u"So"_s), word(2800, 3100, u"so"_s)}),
            segment(4000, 5000, u"Three."_s, {word(4100, 4900, u"Three."_s)}),
            segment(6000, 6500, u"bye"_s, {word(6000, 6500, u"bye"_s)})};
        QTest::newRow("verbose_json: words outside segments get their own segments")
            << F::VerboseJson << QByteArray(R"j({"duration":10,"text":"Um. One two. Three.",
                 "segments":[{"start":1.0,"end":2.0,"text":" One two."},
                             {"start":4.0,"end":5.0,"text":"Three."}],
                 "words":[{"word":"Um.","start":0.1,"end":0.5},{"word":"One","start":1.0,"end":1.4},
                          {"word":"two.","start":1.5,"end":1.99},{"word":"So","start":2.5,"end":2.8},
                          {"word":"so","start":2.8,"end":3.1},{"word":"Three.","start":4.1,"end":4.9},
                          {"word":"bye","start":6.0,"end":6.5}]})j")
            << t;
    }
    {
        Transcript t;
        t.text = u"Hello, world."_s;
        t.segments = {segment(0, 900, u"Hello, world."_s,
                              {word(0, 400, u"Hello,"_s, 0.9f), word(450, 900, u"world."_s)})};
        QTest::newRow("verbose_json: word granularity only, server word probability kept")
            << F::VerboseJson << QByteArray(R"j({"text":"Hello, world.","words":[
                 {"word":"Hello,","start":0,"end":0.4,"probability":0.9},
                 {"word":"world.","start":0.45,"end":0.9}]})j")
            << t;
    }
    {
        Transcript t;
        t.text = u"a b"_s;
        t.segments = {segment(1235, 2000, u"a"_s), segment(2001, 2001, u"b"_s)};
        QTest::newRow("verbose_json: seconds rounded to ms, end before start clamped")
            << F::VerboseJson << QByteArray(R"j({"text":"a b","segments":[
                 {"start":2.0006,"end":1.0,"text":"b"},
                 {"start":1.2346,"end":2.0004,"text":"a"}]})j")
            << t;
    }
    {
        Transcript t;
        t.text = u"x"_s;
        t.segments = {segment(0, 500, u"x"_s)};
        QTest::newRow("verbose_json: negative time becomes 0")
            << F::VerboseJson
            << QByteArray(R"j({"text":"x","segments":[{"start":-0.02,"end":0.5,"text":"x"}]})j")
            << t;
    }
    {
        Transcript t;
        t.text = u"First. Second."_s;
        t.segments = {segment(0, 1000, u"First."_s), segment(1000, 2000, u"Second."_s)};
        QTest::newRow("verbose_json: no top-level text, joined from segments")
            << F::VerboseJson << QByteArray(R"j({"segments":[{"start":1,"end":2,"text":" Second."},
                                            {"start":0,"end":1,"text":" First."}]})j")
            << t;
    }
    {
        Transcript t;
        t.text = u"欢迎使用。阿里云"_s;
        t.segments = {segment(0, 320, u"欢迎使用。阿里云"_s,
                              {word(0, 160, u"欢迎使用。"_s), word(160, 320, u"阿里云"_s)})};
        QTest::newRow("verbose_json: Chinese words joined without spaces")
            << F::VerboseJson << QByteArray(R"j({"text":"欢迎使用。阿里云","words":[
                 {"word":"欢迎使用。","start":0,"end":0.16},{"word":"阿里云","start":0.16,"end":0.32}]})j")
            << t;
    }
    {
        Transcript t;
        t.duration = 4200;
        t.text = u"Hello there. Hi!"_s;
        TranscriptSegment a = segment(0, 1500, u"Hello there."_s);
        a.speaker = u"A"_s;
        TranscriptSegment b = segment(1600, 4200, u"Hi!"_s);
        b.speaker = u"B"_s;
        t.segments = {a, b};
        QTest::newRow("diarized_json: speakers kept (PROTOCOLS A.2)")
            << F::DiarizedJson
            << QByteArray(R"j({"task":"transcribe","duration":4.2,"text":"Hello there. Hi!",
                 "segments":[{"type":"transcript.text.segment","id":"seg_0","start":0.0,"end":1.5,"text":"Hello there.","speaker":"A"},
                             {"type":"transcript.text.segment","id":"seg_1","start":1.6,"end":4.2,"text":" Hi!","speaker":"B"}],
                 "usage":{"type":"duration","seconds":5}})j")
            << t;
    }
    QTest::newRow("text: plain body")
        << F::Text << QByteArray("Hello, this is the transcribed text.\n")
        << textOnly(u"Hello, this is the transcribed text."_s);
    QTest::newRow("text: empty body is no speech")
        << F::Text << QByteArray("\n") << textOnly(QString());
    {
        Transcript t;
        t.text = u"The beach was a popular spot on a hot summer day. Second line here"_s;
        t.segments = {segment(0, 3320, u"The beach was a popular spot on a hot summer day."_s),
                      segment(3320, 5005, u"Second line here"_s)};
        QTest::newRow("srt: two cues, multi-line cue joined")
            << F::Srt
            << QByteArray("1\n00:00:00,000 --> 00:00:03,320\nThe beach was a popular spot on a hot "
                          "summer day.\n\n2\n00:00:03,320 --> 00:00:05,005\nSecond line\nhere\n\n")
            << t;
        QTest::newRow("vtt: two cues")
            << F::Vtt
            << QByteArray("WEBVTT\n\n00:00:00.000 --> 00:00:03.320\nThe beach was a popular spot "
                          "on a hot summer day.\n\n00:00:03.320 --> 00:00:05.005\nSecond line\n"
                          "here\n")
            << t;
    }
    {
        Transcript t;
        t.text = u"Hi there"_s;
        TranscriptSegment s = segment(500, 1500, u"Hi there"_s);
        s.speaker = u"Ann"_s;
        t.segments = {s};
        QTest::newRow("vtt: voice span gives the speaker")
            << F::Vtt << QByteArray("WEBVTT\r\n\r\n00:00.500 --> 00:01.500\r\n<v Ann>Hi there\r\n")
            << t;
    }
    QTest::newRow("srt: empty body is no speech") << F::Srt << QByteArray("") << Transcript{};
    QTest::newRow("vtt: header only is no speech")
        << F::Vtt << QByteArray("WEBVTT\n\n") << Transcript{};
}

void TestOpenAiParsers::parses()
{
    QFETCH(OpenAiResponseFormat, format);
    QFETCH(QByteArray, body);
    QFETCH(Transcript, expected);
    const Result<Transcript> t = parseOpenAiTranscription(body, format);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(describe(*t), describe(expected));
    QVERIFY(*t == expected); // exact, including float confidences
}

void TestOpenAiParsers::rejects_data()
{
    QTest::addColumn<OpenAiResponseFormat>("format");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");
    using F = OpenAiResponseFormat;
    const QByteArray html =
        "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body>hi</body></html>";

    QTest::newRow("json: HTML page instead of JSON")
        << F::Json << html << ErrorCode::ParseError << u"HTML"_s;
    QTest::newRow("verbose_json: HTML page")
        << F::VerboseJson << html << ErrorCode::ParseError << u"base URL"_s;
    QTest::newRow("text: HTML page") << F::Text << html << ErrorCode::ParseError << u"HTML"_s;
    QTest::newRow("srt: HTML page") << F::Srt << html << ErrorCode::ParseError << u"HTML"_s;
    QTest::newRow("vtt: HTML page") << F::Vtt << html << ErrorCode::ParseError << u"HTML"_s;
    QTest::newRow("json: truncated string") << F::Json << QByteArray(R"j({"text":"Hello wor)j")
                                            << ErrorCode::ParseError << u"truncated"_s;
    QTest::newRow("json: truncated object") << F::Json << QByteArray(R"j({"text":"Hello world.")j")
                                            << ErrorCode::ParseError << u"truncated"_s;
    QTest::newRow("verbose_json: truncated inside segments")
        << F::VerboseJson << kVerbose.left(kVerbose.indexOf("\"avg_logprob\""))
        << ErrorCode::ParseError << u"truncated"_s;
    QTest::newRow("json: empty body")
        << F::Json << QByteArray(" \n") << ErrorCode::ParseError << u"empty"_s;
    QTest::newRow("json: not JSON")
        << F::Json << QByteArray("text=hello&x=1") << ErrorCode::ParseError << u"not valid JSON"_s;
    QTest::newRow("json: array") << F::Json << QByteArray("[1,2]") << ErrorCode::ParseError
                                 << u"not a transcript"_s;
    QTest::newRow("json: no text") << F::Json << QByteArray(R"j({"task":"transcribe"})j")
                                   << ErrorCode::ParseError << u"no transcript"_s;
    QTest::newRow("json: text is a number")
        << F::Json << QByteArray(R"j({"text":5})j") << ErrorCode::ParseError << u"no transcript"_s;
    QTest::newRow("json: error object with a success status")
        << F::Json
        << QByteArray(R"j({"error":{"message":"Upstream busy","type":"server_error","code":503}})j")
        << ErrorCode::Provider << u"Upstream busy"_s;
    QTest::newRow("json: error code beyond qint64 (fuzz_openai_json: undefined conversion)")
        << F::Json << providerFixture("openai-error-code-overflow.json") << ErrorCode::Provider
        << u"Upstream busy"_s;
    QTest::newRow("verbose_json: nothing transcribed")
        << F::VerboseJson << QByteArray(R"j({"task":"transcribe","duration":1})j")
        << ErrorCode::ParseError << u"no transcript"_s;
    QTest::newRow("verbose_json: segment without times")
        << F::VerboseJson << QByteArray(R"j({"text":"a","segments":[{"text":"a"}]})j")
        << ErrorCode::ParseError << u"Segment 1"_s;
    QTest::newRow("verbose_json: segment time as string")
        << F::VerboseJson
        << QByteArray(R"j({"text":"a","segments":[{"start":0,"end":1},{"start":"1","end":2}]})j")
        << ErrorCode::ParseError << u"Segment 2"_s;
    QTest::newRow("verbose_json: absurd time")
        << F::VerboseJson << QByteArray(R"j({"text":"a","segments":[{"start":0,"end":1e300}]})j")
        << ErrorCode::ParseError << u"Segment 1"_s;
    QTest::newRow("verbose_json: segment not an object")
        << F::VerboseJson << QByteArray(R"j({"text":"a","segments":[3]})j") << ErrorCode::ParseError
        << u"Segment 1"_s;
    QTest::newRow("verbose_json: word without times")
        << F::VerboseJson
        << QByteArray(R"j({"text":"a b","words":[{"word":"a","start":0,"end":1},{"word":"b"}]})j")
        << ErrorCode::ParseError << u"Word 2"_s;
    QTest::newRow("verbose_json: segments not an array")
        << F::VerboseJson << QByteArray(R"j({"text":"a","segments":{"start":0}})j")
        << ErrorCode::ParseError << u"wrong type"_s;
    QTest::newRow("verbose_json: duration not a number")
        << F::VerboseJson << QByteArray(R"j({"text":"a","duration":"long"})j")
        << ErrorCode::ParseError << u"duration"_s;
    QTest::newRow("vtt: no WEBVTT signature")
        << F::Vtt << QByteArray("00:00.000 --> 00:01.000\nhello\n") << ErrorCode::ParseError
        << u"cannot be read"_s;
    QTest::newRow("srt: no cue at all") << F::Srt << QByteArray("this is not a subtitle file")
                                        << ErrorCode::ParseError << u"cannot be read"_s;
}

void TestOpenAiParsers::rejects()
{
    QFETCH(OpenAiResponseFormat, format);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    const Result<Transcript> t = parseOpenAiTranscription(body, format);
    QVERIFY2(!t.ok(), qPrintable(t.ok() ? describe(*t) : QString()));
    QCOMPARE(t.error().code, code);
    QVERIFY2(t.error().message.contains(mentions), qPrintable(t.error().message));
    QVERIFY(!t.error().message.endsWith(u'\n'));
}

void TestOpenAiParsers::truncatedJsonIsAlwaysAnError_data()
{
    QTest::addColumn<OpenAiResponseFormat>("format");
    QTest::newRow("json") << OpenAiResponseFormat::Json;
    QTest::newRow("verbose_json") << OpenAiResponseFormat::VerboseJson;
    QTest::newRow("diarized_json") << OpenAiResponseFormat::DiarizedJson;
}

// Every proper prefix of a JSON response is an error, never a silently shorter transcript.
void TestOpenAiParsers::truncatedJsonIsAlwaysAnError()
{
    QFETCH(OpenAiResponseFormat, format);
    const QByteArray body = kVerbose.trimmed();
    QVERIFY(parseOpenAiTranscription(body, format).ok());
    for (qsizetype n = 0; n < body.size(); ++n) {
        const Result<Transcript> t = parseOpenAiTranscription(body.left(n), format);
        QVERIFY2(!t.ok(), qPrintable(u"prefix of %1 bytes parsed"_s.arg(n)));
        QCOMPARE(t.error().code, ErrorCode::ParseError);
        QVERIFY(!t.error().message.isEmpty());
    }
}

// Random bytes and randomly damaged responses: any result is fine, a crash is not.
void TestOpenAiParsers::garbageDoesNotCrash()
{
    QRandomGenerator rng(20240601);
    const QList<QByteArray> seeds{
        kVerbose, QByteArray("1\n00:00:00,000 --> 00:00:03,320\nHi\n\n"),
        QByteArray("WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>x\n"),
        QByteArray(
            R"j({"segments":[{"start":1,"end":2,"speaker":3}],"words":[{"start":0,"end":9}]})j")};
    const QList<OpenAiResponseFormat> formats{
        OpenAiResponseFormat::Json,        OpenAiResponseFormat::Text,
        OpenAiResponseFormat::Srt,         OpenAiResponseFormat::Vtt,
        OpenAiResponseFormat::VerboseJson, OpenAiResponseFormat::DiarizedJson};
    int parsed = 0, failed = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray body;
        if (round % 3 == 0) {
            body.resize(rng.bounded(200));
            for (char &c : body)
                c = char(rng.bounded(256));
        } else {
            body = seeds.at(round % seeds.size());
            for (int k = 0; k < 1 + int(rng.bounded(4)); ++k)
                body[rng.bounded(int(body.size()))] = char(rng.bounded(256));
        }
        const Result<Transcript> t = parseOpenAiTranscription(body, formats.at(rng.bounded(6)));
        if (t.ok()) {
            ++parsed;
            for (const TranscriptSegment &s : t->segments) {
                QVERIFY(s.start >= 0 && s.end >= s.start);
                for (const Word &w : s.words)
                    QVERIFY(w.start >= 0 && w.end >= w.start);
            }
        } else {
            ++failed;
            QVERIFY(!t.error().message.isEmpty());
        }
        OpenAiTranscriptStream stream;
        stream.feed(body);
        stream.finish();
        (void)stream.result();
    }
    QVERIFY(parsed > 0);
    QVERIFY(failed > 0);
}

void TestOpenAiParsers::stream_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("partials");
    QTest::addColumn<int>("segments");

    QTest::newRow("deltas then done (PROTOCOLS A.2)")
        << QByteArray("data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n"
                      "data: {\"type\":\"transcript.text.delta\",\"delta\":\" world\"}\n\n"
                      "data: {\"type\":\"transcript.text.done\",\"text\":\"Hello world.\","
                      "\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,\"output_tokens\":3,"
                      "\"total_tokens\":17}}\n\n")
        << u"Hello world."_s << QStringList{u"Hello"_s, u"Hello world"_s, u"Hello world."_s} << 0;
    QTest::newRow("CRLF lines and a [DONE] terminator")
        << QByteArray("event: message\r\ndata: {\"type\":\"transcript.text.delta\",\"delta\":"
                      "\"Hi\"}\r\n\r\ndata: {\"type\":\"transcript.text.done\",\"text\":\"Hi.\"}"
                      "\r\n\r\ndata: [DONE]\r\n\r\n")
        << u"Hi."_s << QStringList{u"Hi"_s, u"Hi."_s} << 0;
    QTest::newRow("ends without done: the deltas count")
        << QByteArray("data: {\"type\":\"transcript.text.delta\",\"delta\":\"Part\"}\n\n"
                      "data: {\"type\":\"transcript.text.delta\",\"delta\":\"ial\"}")
        << u"Partial"_s << QStringList{u"Part"_s, u"Partial"_s} << 0;
    QTest::newRow("diarization segments and unknown events")
        << QByteArray("data: {\"type\":\"transcript.text.segment\",\"id\":\"seg_0\",\"start\":0,"
                      "\"end\":1.25,\"text\":\"Hi.\",\"speaker\":\"A\"}\n\n"
                      "data: {\"type\":\"transcript.something.new\"}\n\n"
                      "data: {\"type\":\"transcript.text.done\",\"text\":\"Hi.\"}\n\n")
        << u"Hi."_s << QStringList{u"Hi."_s} << 1;
}

// The same stream fed whole and one byte at a time gives the same text and partial updates.
void TestOpenAiParsers::stream()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(QStringList, partials);
    QFETCH(int, segments);
    for (const int step : {int(body.size()), 1, 7}) {
        OpenAiTranscriptStream s;
        QStringList seen;
        for (qsizetype i = 0; i < body.size(); i += step) {
            if (s.feed(body.mid(i, step)))
                seen.append(s.textSoFar());
        }
        s.finish();
        if (s.textSoFar() != (seen.isEmpty() ? QString() : seen.last()))
            seen.append(s.textSoFar());
        const Result<Transcript> t = s.result();
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
        QCOMPARE(t->text, text);
        QCOMPARE(t->segments.size(), segments);
        if (step == 1)
            QCOMPARE(seen, partials);
        if (segments > 0) {
            QCOMPARE(t->segments.first().end, 1250);
            QCOMPARE(t->segments.first().speaker, u"A"_s);
        }
    }
}

void TestOpenAiParsers::streamErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("malformed event")
        << QByteArray("data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hi\"}\n\n"
                      "data: {\"type\":\"transcript.te\n\n")
        << ErrorCode::ParseError << u"malformed"_s;
    QTest::newRow("error event")
        << QByteArray("data: {\"type\":\"error\",\"error\":{\"message\":\"Audio too short\"}}\n\n")
        << ErrorCode::Provider << u"Audio too short"_s;
    QTest::newRow("empty stream") << QByteArray("\n\n") << ErrorCode::ParseError
                                  << u"without any text"_s;
    QTest::newRow("segment without times")
        << QByteArray("data: {\"type\":\"transcript.text.segment\",\"text\":\"x\"}\n\n")
        << ErrorCode::ParseError << u"Segment 1"_s;
}

void TestOpenAiParsers::streamErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    OpenAiTranscriptStream s;
    s.feed(body);
    s.finish();
    const Result<Transcript> t = s.result();
    QVERIFY(!t.ok());
    QCOMPARE(t.error().code, code);
    QVERIFY2(t.error().message.contains(mentions), qPrintable(t.error().message));
}

void TestOpenAiParsers::formatNames()
{
    for (const QString &name :
         {u"json"_s, u"text"_s, u"srt"_s, u"verbose_json"_s, u"vtt"_s, u"diarized_json"_s}) {
        const std::optional<OpenAiResponseFormat> f = openAiResponseFormat(name);
        QVERIFY(f.has_value());
        QCOMPARE(openAiResponseFormatName(*f), name);
    }
    QVERIFY(!openAiResponseFormat(u"xml").has_value());
    QVERIFY(!openAiResponseFormat(u"JSON").has_value());
}

void TestOpenAiParsers::splitSpeechText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QStringList>("parts");

    QTest::newRow("fits in one part")
        << u"  Hello there.  "_s << 4096 << QStringList{u"Hello there."_s};
    QTest::newRow("only white space") << u" \n\t "_s << 10 << QStringList{};
    QTest::newRow("at the last sentence end that fits")
        << u"One. Two! Three? Four."_s << 12 << QStringList{u"One. Two!"_s, u"Three? Four."_s};
    QTest::newRow("a decimal point is not a sentence end")
        << u"Pi is 3.14159 and e is 2.71828 ok"_s << 20
        << QStringList{u"Pi is 3.14159 and e"_s, u"is 2.71828 ok"_s};
    QTest::newRow("closing quote stays with its sentence")
        << u"He said \"Go.\" Then he left."_s << 16
        << QStringList{u"He said \"Go.\""_s, u"Then he left."_s};
    QTest::newRow("Chinese sentence ends")
        << u"今天天气很好。我们去公园吧！好的？"_s << 8
        << QStringList{u"今天天气很好。"_s, u"我们去公园吧！"_s, u"好的？"_s};
    QTest::newRow("commas when no sentence end fits")
        << u"first clause, second clause, third"_s << 30
        << QStringList{u"first clause, second clause,"_s, u"third"_s};
    QTest::newRow("Chinese commas") << u"一二三，四五六、七八九"_s << 6
                                    << QStringList{u"一二三，"_s, u"四五六、"_s, u"七八九"_s};
    QTest::newRow("white space when no punctuation")
        << u"alpha beta gamma delta"_s << 12 << QStringList{u"alpha beta"_s, u"gamma delta"_s};
    QTest::newRow("hard split without any break")
        << u"abcdefghij"_s << 4 << QStringList{u"abcd"_s, u"efgh"_s, u"ij"_s};
    QTest::newRow("never inside a surrogate pair")
        << u"ab😀cd"_s << 3 << QStringList{u"ab"_s, u"😀c"_s, u"d"_s};
}

void TestOpenAiParsers::splitSpeechText()
{
    QFETCH(QString, text);
    QFETCH(int, maxChars);
    QFETCH(QStringList, parts);
    const QStringList got = ::splitSpeechText(text, maxChars);
    QCOMPARE(got, parts);
    for (const QString &p : got)
        QVERIFY(p.size() <= maxChars);
}

// A long mixed text: every part within the limit, nothing lost or reordered.
void TestOpenAiParsers::splitLongTextKeepsEverything()
{
    QString text;
    QRandomGenerator rng(7);
    const QStringList pieces{u"word"_s, u"longerword"_s, u"x"_s,      u"3.5"_s,  u"end."_s,
                             u"a,"_s,   u"done!"_s,      u"句子。"_s, u"why?"_s, u"\"quoted.\""_s};
    while (text.size() < 20000)
        text += pieces.at(rng.bounded(int(pieces.size()))) + u' ';
    for (const int limit : {50, 333, 4096}) {
        const QStringList parts = ::splitSpeechText(text, limit);
        QString joined;
        for (const QString &p : parts) {
            QVERIFY(p.size() <= limit);
            QVERIFY(!p.isEmpty());
            joined += p;
        }
        QString compact = text;
        compact.remove(u' ');
        joined.remove(u' ');
        QCOMPARE(joined, compact);
    }
}

QTEST_GUILESS_MAIN(TestOpenAiParsers)
#include "tst_openaiparsers.moc"

#include "openaiparsers.h"

#include "openaitext.h"

#include "srtformat.h"
#include "vttformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenAiClient)
};

// Larger times are nonsense (115 days) and would overflow the conversion to ms.
constexpr double kMaxSeconds = 1e7;

QString excerpt(const QByteArray &body)
{
    return QString::fromUtf8(body.left(200)).simplified();
}

Error parseError(const QString &message, const QByteArray &body)
{
    return makeError(ErrorCode::ParseError, message, excerpt(body));
}

bool looksLikeHtml(const QByteArray &trimmed)
{
    return trimmed.startsWith('<');
}

Error htmlError(const QByteArray &body)
{
    return parseError(
        Tr::tr("The service sent a web page (HTML) instead of a transcript. Check the "
               "base URL: it usually ends with the API version, such as /v1."),
        body);
}

// A string, or a number as text: integral ones such as 503 without a fraction, others as written
// (1e+99: converting it to qint64 would be undefined behaviour).
QString textOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return std::abs(v.toDouble()) < 9e15 ? QString::number(qint64(v.toDouble()))
                                             : QString::number(v.toDouble());
    return {};
}

// An {"error": ...} object answered with a success status (some gateways do that).
Error serviceError(const QJsonValue &error, const QByteArray &body)
{
    const QJsonObject o = error.toObject();
    QString message = error.isString() ? error.toString() : o.value(u"message"_s).toString();
    if (message.isEmpty())
        message = excerpt(body);
    Error e = makeError(ErrorCode::Provider,
                        Tr::tr("The service answered with an error instead of a transcript: %1")
                            .arg(message.left(300)),
                        excerpt(body));
    const QJsonValue code = o.value(u"code"_s);
    e.providerCode = textOf(code);
    return e;
}

// The body as a JSON object, or an error saying why it is not one.
Result<QJsonObject> jsonObject(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return parseError(Tr::tr("The service sent an empty response instead of a transcript."),
                          body);
    if (looksLikeHtml(trimmed))
        return htmlError(body);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &err);
    if (err.error != QJsonParseError::NoError) {
        const bool truncated = err.error == QJsonParseError::UnterminatedObject ||
                               err.error == QJsonParseError::UnterminatedArray ||
                               err.error == QJsonParseError::UnterminatedString ||
                               err.offset >= trimmed.size() - 1;
        if (truncated)
            return parseError(Tr::tr("The response of the service ends in the middle of its JSON "
                                     "(truncated after %1 bytes).")
                                  .arg(trimmed.size()),
                              body);
        return parseError(Tr::tr("The response of the service is not valid JSON (%1 at byte %2).")
                              .arg(err.errorString())
                              .arg(err.offset),
                          body);
    }
    if (!doc.isObject())
        return parseError(
            Tr::tr("The response of the service is JSON but not a transcript object."), body);
    const QJsonObject o = doc.object();
    if (o.contains(u"error"_s) && !o.value(u"error"_s).isNull() && !o.contains(u"text"_s))
        return serviceError(o.value(u"error"_s), body);
    return o;
}

// Seconds (a JSON number) to ms; nullopt when not a usable number.
std::optional<qint64> toMs(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double s = v.toDouble();
    if (!std::isfinite(s) || std::abs(s) > kMaxSeconds)
        return std::nullopt;
    return s <= 0 ? 0 : qRound64(s * 1000.0);
}

QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

std::optional<double> finiteNumber(const QJsonValue &v)
{
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

Result<TranscriptSegment> readSegment(const QJsonValue &v, qsizetype index)
{
    const QString number = QString::number(index + 1);
    if (!v.isObject())
        return makeError(ErrorCode::ParseError,
                         Tr::tr("Segment %1 of the response is not an object.").arg(number));
    const QJsonObject o = v.toObject();
    const std::optional<qint64> start = toMs(o.value(u"start"_s));
    const std::optional<qint64> end = toMs(o.value(u"end"_s));
    if (!start || !end)
        return makeError(
            ErrorCode::ParseError,
            Tr::tr("Segment %1 of the response has no valid start and end time.").arg(number),
            compactJson(v).left(200));
    TranscriptSegment s;
    s.start = *start;
    s.end = std::max(*end, *start);
    s.text = o.value(u"text"_s).toString().trimmed();
    s.speaker = textOf(o.value(u"speaker"_s));
    s.language = o.value(u"language"_s).toString();
    s.avgLogprob = finiteNumber(o.value(u"avg_logprob"_s));
    s.noSpeechProb = finiteNumber(o.value(u"no_speech_prob"_s));
    return s;
}

Result<Word> readWord(const QJsonValue &v, qsizetype index)
{
    const QString number = QString::number(index + 1);
    const QJsonObject o = v.toObject();
    const std::optional<qint64> start = toMs(o.value(u"start"_s));
    const std::optional<qint64> end = toMs(o.value(u"end"_s));
    if (!v.isObject() || !start || !end)
        return makeError(
            ErrorCode::ParseError,
            Tr::tr("Word %1 of the response has no valid start and end time.").arg(number),
            compactJson(v).left(200));
    Word w;
    w.start = *start;
    w.end = std::max(*end, *start);
    w.text = o.contains(u"word"_s) ? o.value(u"word"_s).toString() : o.value(u"text"_s).toString();
    if (const std::optional<double> p = finiteNumber(o.value(u"probability"_s)))
        w.confidence = float(std::clamp(*p, 0.0, 1.0));
    w.speaker = textOf(o.value(u"speaker"_s));
    return w;
}

bool byStart(const TranscriptSegment &a, const TranscriptSegment &b)
{
    return a.start < b.start;
}

// verbose_json and diarized_json: the same reading serves both.
Result<Transcript> parseTimedJson(const QJsonObject &o, const QByteArray &body)
{
    Transcript t;
    t.language = o.value(u"language"_s).toString();
    const QJsonValue duration = o.value(u"duration"_s);
    if (!duration.isUndefined() && !duration.isNull()) {
        const std::optional<qint64> ms = toMs(duration);
        if (!ms)
            return parseError(Tr::tr("The duration in the response is not a valid number."), body);
        t.duration = *ms;
    }
    const QJsonValue segments = o.value(u"segments"_s);
    const QJsonValue words = o.value(u"words"_s);
    const QJsonValue text = o.value(u"text"_s);
    if ((!segments.isUndefined() && !segments.isNull() && !segments.isArray()) ||
        (!words.isUndefined() && !words.isNull() && !words.isArray()) ||
        (!text.isUndefined() && !text.isNull() && !text.isString()))
        return parseError(Tr::tr("The response has segments, words or text of the wrong type."),
                          body);
    if (!text.isString() && !segments.isArray() && !words.isArray())
        return parseError(
            Tr::tr("The response contains no transcript (no text, segments or words)."), body);
    const QJsonArray segmentArray = segments.toArray();
    for (qsizetype i = 0; i < segmentArray.size(); ++i) {
        Result<TranscriptSegment> s = readSegment(segmentArray.at(i), i);
        if (!s)
            return s.error();
        t.segments.append(std::move(s).value());
    }
    Words parsedWords;
    const QJsonArray wordArray = words.toArray();
    for (qsizetype i = 0; i < wordArray.size(); ++i) {
        Result<Word> w = readWord(wordArray.at(i), i);
        if (!w)
            return w.error();
        parsedWords.append(std::move(w).value());
    }
    placeWordsInSegments(t.segments, std::move(parsedWords));
    t.text = text.isString() ? text.toString().trimmed() : joinSegmentTexts(t.segments);
    return t;
}

// For text/srt/vtt requests: a JSON object body means the server ignored response_format.
std::optional<Result<Transcript>> jsonInstead(const QByteArray &trimmed)
{
    if (!trimmed.startsWith('{'))
        return std::nullopt;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return parseOpenAiVerboseJson(trimmed);
}

Result<Transcript> fromCues(const Result<SubtitleData> &data, const QByteArray &body)
{
    if (!data)
        return makeError(
            ErrorCode::ParseError,
            Tr::tr("The subtitles in the response cannot be read: %1").arg(data.error().message),
            excerpt(body));
    Transcript t;
    for (const Cue &cue : data->cues) {
        TranscriptSegment s;
        s.start = cue.start;
        s.end = std::max(cue.end, cue.start);
        s.text = QString(cue.text).replace(u'\n', u' ').trimmed();
        s.speaker = cue.speaker;
        t.segments.append(s);
    }
    std::stable_sort(t.segments.begin(), t.segments.end(), byStart);
    t.text = joinSegmentTexts(t.segments);
    return t;
}

} // namespace

std::optional<OpenAiResponseFormat> openAiResponseFormat(QStringView name)
{
    if (name == u"json")
        return OpenAiResponseFormat::Json;
    if (name == u"text")
        return OpenAiResponseFormat::Text;
    if (name == u"srt")
        return OpenAiResponseFormat::Srt;
    if (name == u"verbose_json")
        return OpenAiResponseFormat::VerboseJson;
    if (name == u"vtt")
        return OpenAiResponseFormat::Vtt;
    if (name == u"diarized_json")
        return OpenAiResponseFormat::DiarizedJson;
    return std::nullopt;
}

QString openAiResponseFormatName(OpenAiResponseFormat format)
{
    switch (format) {
    case OpenAiResponseFormat::Json:
        return u"json"_s;
    case OpenAiResponseFormat::Text:
        return u"text"_s;
    case OpenAiResponseFormat::Srt:
        return u"srt"_s;
    case OpenAiResponseFormat::VerboseJson:
        return u"verbose_json"_s;
    case OpenAiResponseFormat::Vtt:
        return u"vtt"_s;
    case OpenAiResponseFormat::DiarizedJson:
        return u"diarized_json"_s;
    }
    return u"json"_s;
}

Result<Transcript> parseOpenAiTranscription(const QByteArray &body, OpenAiResponseFormat format)
{
    switch (format) {
    case OpenAiResponseFormat::Json:
        return parseOpenAiJson(body);
    case OpenAiResponseFormat::Text:
        return parseOpenAiText(body);
    case OpenAiResponseFormat::Srt:
        return parseOpenAiSrt(body);
    case OpenAiResponseFormat::VerboseJson:
        return parseOpenAiVerboseJson(body);
    case OpenAiResponseFormat::Vtt:
        return parseOpenAiVtt(body);
    case OpenAiResponseFormat::DiarizedJson:
        return parseOpenAiDiarizedJson(body);
    }
    return parseOpenAiJson(body);
}

Result<Transcript> parseOpenAiJson(const QByteArray &body)
{
    Result<QJsonObject> o = jsonObject(body);
    if (!o)
        return o.error();
    const QJsonValue text = o->value(u"text"_s);
    if (!text.isString()) {
        // A server that answered verbose_json anyway (segments without top-level text).
        if (o->value(u"segments"_s).isArray() || o->value(u"words"_s).isArray())
            return parseTimedJson(*o, body);
        return parseError(Tr::tr("The response contains no transcript text."), body);
    }
    if (o->value(u"segments"_s).isArray() || o->value(u"words"_s).isArray())
        return parseTimedJson(*o, body);
    Transcript t;
    t.text = text.toString().trimmed();
    t.language = o->value(u"language"_s).toString();
    return t;
}

Result<Transcript> parseOpenAiVerboseJson(const QByteArray &body)
{
    Result<QJsonObject> o = jsonObject(body);
    if (!o)
        return o.error();
    return parseTimedJson(*o, body);
}

Result<Transcript> parseOpenAiDiarizedJson(const QByteArray &body)
{
    return parseOpenAiVerboseJson(body);
}

namespace {

// What the text, srt and vtt formats share: an empty body is an empty transcript, and a JSON error
// or an HTML page in place of the text is reported. nullopt: the body is for the format's parser.
std::optional<Result<Transcript>> notPlainText(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return Result<Transcript>(Transcript{});
    if (std::optional<Result<Transcript>> json = jsonInstead(trimmed))
        return json;
    if (looksLikeHtml(trimmed))
        return Result<Transcript>(htmlError(body));
    return std::nullopt;
}

} // namespace

Result<Transcript> parseOpenAiText(const QByteArray &body)
{
    if (std::optional<Result<Transcript>> other = notPlainText(body))
        return *other;
    Transcript t;
    t.text = QString::fromUtf8(body.trimmed()).trimmed();
    return t;
}

Result<Transcript> parseOpenAiSrt(const QByteArray &body)
{
    if (std::optional<Result<Transcript>> other = notPlainText(body))
        return *other;
    return fromCues(readSrt(QString::fromUtf8(body)), body);
}

Result<Transcript> parseOpenAiVtt(const QByteArray &body)
{
    if (std::optional<Result<Transcript>> other = notPlainText(body))
        return *other;
    QString text = QString::fromUtf8(body);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return fromCues(readVtt(text), body);
}

bool OpenAiTranscriptStream::feed(const QByteArray &bytes)
{
    QList<SseEvent> events;
    m_sse.feed(bytes, &events);
    const QString before = m_text;
    for (const SseEvent &e : std::as_const(events))
        event(e.data);
    return m_text != before;
}

void OpenAiTranscriptStream::finish()
{
    QList<SseEvent> events;
    m_sse.finish(&events);
    for (const SseEvent &e : std::as_const(events))
        event(e.data);
}

void OpenAiTranscriptStream::event(const QByteArray &data)
{
    if (m_error || m_done)
        return; // the first failure or the done event decides
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        m_error = parseError(Tr::tr("The service sent a malformed event in its transcript stream."),
                             data);
        return;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(u"type"_s).toString();
    if (type == u"transcript.text.delta") {
        m_text += o.value(u"delta"_s).toString();
        m_sawTranscript = true;
    } else if (type == u"transcript.text.done") {
        if (o.value(u"text"_s).isString())
            m_text = o.value(u"text"_s).toString();
        m_done = m_sawTranscript = true;
    } else if (type == u"transcript.text.segment") {
        Result<TranscriptSegment> s = readSegment(o, m_segments.size());
        if (!s) {
            m_error = s.error();
            return;
        }
        m_segments.append(std::move(s).value());
        m_sawTranscript = true;
    } else if (type == u"error" || o.value(u"error"_s).isObject()) {
        m_error = serviceError(
            o.value(u"error"_s).isUndefined() ? QJsonValue(o) : o.value(u"error"_s), data);
    }
}

Result<Transcript> OpenAiTranscriptStream::result() const
{
    if (m_error)
        return *m_error;
    if (!m_sawTranscript)
        return makeError(ErrorCode::ParseError,
                         Tr::tr("The transcript stream of the service ended without any text."));
    Transcript t;
    t.text = m_text.trimmed();
    t.segments = m_segments;
    std::stable_sort(t.segments.begin(), t.segments.end(), byStart);
    return t;
}

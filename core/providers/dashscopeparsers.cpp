#include "dashscopeparsers.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DashScope)
};

// Longest time accepted (ms): 1000 h. Anything beyond is clamped, so arithmetic cannot overflow.
constexpr qint64 kMaxTimeMs = 3600LL * 1000 * 1000;

Error parseError(const QString &message, const QByteArray &body)
{
    return makeError(ErrorCode::ParseError, message, QString::fromUtf8(body.left(200)));
}

// A JSON object, or an error saying what the bytes are instead.
Result<QJsonObject> objectOf(const QByteArray &body, const char *what)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        const QByteArray start = body.trimmed().left(1);
        if (start == "<")
            return parseError(Tr::tr("DashScope sent a web page instead of %1.").arg(Tr::tr(what)),
                              body);
        if (body.trimmed().isEmpty())
            return parseError(
                Tr::tr("DashScope sent an empty answer instead of %1.").arg(Tr::tr(what)), body);
        return parseError(Tr::tr("DashScope sent something that is not %1.").arg(Tr::tr(what)),
                          body);
    }
    return doc.object();
}

QString textOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) // integral ids and codes; others as written (1e+99 overflows qint64)
        return std::abs(v.toDouble()) < 9e15 ? QString::number(qint64(v.toDouble()))
                                             : QString::number(v.toDouble());
    return {};
}

// A number or a numeric string; `fallback` otherwise.
double numberOf(const QJsonValue &v, double fallback = 0)
{
    double d = fallback;
    if (v.isDouble()) {
        d = v.toDouble();
    } else if (v.isString()) {
        bool ok = false;
        d = v.toString().trimmed().toDouble(&ok);
        if (!ok)
            d = fallback;
    }
    return std::isfinite(d) ? d : fallback;
}

qint64 timeOf(const QJsonValue &v)
{
    return qint64(std::clamp(numberOf(v), 0.0, double(kMaxTimeMs)));
}

// SenseVoice embeds tags such as <|Speech|>, <|HAPPY|>, <|/Speech|> (PROTOCOLS C.1.3).
QString withoutTags(const QString &text)
{
    if (!text.contains(u"<|"))
        return text;
    static const QRegularExpression tag(u"<\\|[^|<>]{0,40}\\|>"_s);
    QString out = text;
    out.remove(tag);
    return out;
}

QString speakerName(const QJsonValue &v)
{
    if (v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() >= 0 && v.toDouble() < 1e6)
        return u"Speaker %1"_s.arg(qint64(v.toDouble()) + 1);
    if (v.isString() && !v.toString().trimmed().isEmpty())
        return u"Speaker "_s + v.toString().trimmed();
    return {};
}

} // namespace

// ---- tasks --------------------------------------------------------------------------------

bool isTerminal(DashScopeTaskState state)
{
    return state == DashScopeTaskState::Succeeded || state == DashScopeTaskState::Failed ||
           state == DashScopeTaskState::Canceled || state == DashScopeTaskState::Unknown;
}

bool DashScopeSubtask::succeeded() const
{
    return status.compare(u"SUCCEEDED", Qt::CaseInsensitive) == 0 && !transcriptionUrl.isEmpty();
}

namespace {

DashScopeTaskState stateOf(const QString &status)
{
    const QString s = status.trimmed().toUpper();
    if (s == u"PENDING")
        return DashScopeTaskState::Pending;
    if (s == u"SUSPENDED")
        return DashScopeTaskState::Suspended;
    if (s == u"SUCCEEDED")
        return DashScopeTaskState::Succeeded;
    if (s == u"FAILED")
        return DashScopeTaskState::Failed;
    if (s == u"CANCELED" || s == u"CANCELLED")
        return DashScopeTaskState::Canceled;
    if (s == u"UNKNOWN")
        return DashScopeTaskState::Unknown;
    return DashScopeTaskState::Running; // RUNNING, and states newer than this client: keep polling
}

DashScopeSubtask subtaskOf(const QJsonObject &o, const QString &taskStatus)
{
    DashScopeSubtask s;
    s.fileUrl = textOf(o.value(u"file_url"_s));
    s.transcriptionUrl = textOf(o.value(u"transcription_url"_s));
    s.status = textOf(o.value(u"subtask_status"_s));
    if (s.status.isEmpty())
        s.status = taskStatus;
    s.code = textOf(o.value(u"code"_s));
    s.message = textOf(o.value(u"message"_s));
    return s;
}

} // namespace

Result<DashScopeTask> parseDashScopeTask(const QByteArray &body)
{
    Result<QJsonObject> root = objectOf(body, QT_TRANSLATE_NOOP("DashScope", "a task status"));
    if (!root)
        return root.error();
    const QJsonObject output = root->value(u"output"_s).toObject();
    DashScopeTask task;
    task.taskId = textOf(output.value(u"task_id"_s));
    task.status = textOf(output.value(u"task_status"_s));
    if (task.taskId.isEmpty() && task.status.isEmpty())
        return parseError(Tr::tr("DashScope's task status names neither a task nor a state."),
                          body);
    task.state = task.status.isEmpty() ? DashScopeTaskState::Pending : stateOf(task.status);
    task.requestId = textOf(root->value(u"request_id"_s));
    task.code = textOf(output.value(u"code"_s));
    task.message = textOf(output.value(u"message"_s));
    if (task.code.isEmpty())
        task.code = textOf(root->value(u"code"_s));
    if (task.message.isEmpty())
        task.message = textOf(root->value(u"message"_s));
    const QJsonValue results = output.value(u"results"_s);
    if (results.isArray()) { // Fun-ASR / Paraformer
        for (const QJsonValue &r : results.toArray()) {
            if (r.isObject())
                task.subtasks.append(subtaskOf(r.toObject(), QString()));
        }
    } else if (output.value(u"result"_s).isObject()) { // Qwen3-ASR-Flash-Filetrans
        task.subtasks.append(subtaskOf(output.value(u"result"_s).toObject(), task.status));
    }
    const QJsonObject usage = root->value(u"usage"_s).toObject();
    task.usageSeconds = numberOf(usage.value(u"duration"_s), numberOf(usage.value(u"seconds"_s)));
    return task;
}

// ---- transcription JSON -------------------------------------------------------------------

Result<Transcript> parseDashScopeTranscription(const QByteArray &body)
{
    Result<QJsonObject> root = objectOf(body, QT_TRANSLATE_NOOP("DashScope", "a transcription"));
    if (!root)
        return root.error();
    const QJsonValue transcripts = root->value(u"transcripts"_s);
    if (!transcripts.isArray())
        return parseError(Tr::tr("DashScope's transcription has no transcripts."), body);
    const QJsonArray channels = transcripts.toArray();
    Transcript t;
    t.duration = timeOf(
        root->value(u"properties"_s).toObject().value(u"original_duration_in_milliseconds"_s));
    QHash<QString, int> languageVotes;
    bool anySpeaker = false;
    for (const QJsonValue &c : channels) {
        const QJsonArray sentences = c.toObject().value(u"sentences"_s).toArray();
        for (const QJsonValue &s : sentences)
            anySpeaker = anySpeaker || s.toObject().contains(u"speaker_id"_s);
    }
    const bool channelSpeakers = channels.size() > 1 && !anySpeaker;
    QStringList texts;
    for (const QJsonValue &cv : channels) {
        const QJsonObject channel = cv.toObject();
        const QString channelText = withoutTags(textOf(channel.value(u"text"_s))).trimmed();
        if (!channelText.isEmpty())
            texts.append(channelText);
        const QString channelSpeaker =
            channelSpeakers ? u"Channel %1"_s.arg(timeOf(channel.value(u"channel_id"_s)) + 1)
                            : QString();
        for (const QJsonValue &sv : channel.value(u"sentences"_s).toArray()) {
            const QJsonObject o = sv.toObject();
            TranscriptSegment seg;
            seg.start = timeOf(o.value(u"begin_time"_s));
            seg.end = std::max(seg.start, timeOf(o.value(u"end_time"_s)));
            seg.text = withoutTags(textOf(o.value(u"text"_s))).trimmed();
            seg.speaker = o.contains(u"speaker_id"_s) ? speakerName(o.value(u"speaker_id"_s))
                                                      : channelSpeaker;
            seg.language = textOf(o.value(u"language"_s));
            seg.emotion = textOf(o.value(u"emotion"_s));
            for (const QJsonValue &wv : o.value(u"words"_s).toArray()) {
                const QJsonObject wo = wv.toObject();
                Word w;
                w.start = timeOf(wo.value(u"begin_time"_s));
                w.end = std::max(w.start, timeOf(wo.value(u"end_time"_s)));
                w.text =
                    withoutTags(textOf(wo.value(u"text"_s)) + textOf(wo.value(u"punctuation"_s)));
                w.speaker = seg.speaker;
                if (!w.text.trimmed().isEmpty())
                    seg.words.append(w);
            }
            if (seg.text.isEmpty() && seg.words.isEmpty())
                continue;
            if (!seg.language.isEmpty())
                ++languageVotes[seg.language];
            t.segments.append(std::move(seg));
        }
    }
    std::stable_sort(
        t.segments.begin(), t.segments.end(),
        [](const TranscriptSegment &a, const TranscriptSegment &b) { return a.start < b.start; });
    t.text = texts.join(u'\n');
    int best = 0;
    for (auto it = languageVotes.cbegin(); it != languageVotes.cend(); ++it) {
        if (it.value() > best || (it.value() == best && it.key() < t.language)) {
            best = it.value();
            t.language = it.key();
        }
    }
    if (t.duration == 0 && !t.segments.isEmpty())
        t.duration = t.segments.last().end;
    return t;
}

// ---- upload policy ------------------------------------------------------------------------

Result<DashScopeUploadPolicy> parseDashScopeUploadPolicy(const QByteArray &body)
{
    Result<QJsonObject> root = objectOf(body, QT_TRANSLATE_NOOP("DashScope", "an upload policy"));
    if (!root)
        return root.error();
    const QJsonObject d = root->value(u"data"_s).toObject();
    DashScopeUploadPolicy p;
    p.policy = textOf(d.value(u"policy"_s));
    p.signature = textOf(d.value(u"signature"_s));
    p.uploadDir = textOf(d.value(u"upload_dir"_s));
    p.uploadHost = textOf(d.value(u"upload_host"_s));
    p.accessKeyId = textOf(d.value(u"oss_access_key_id"_s));
    p.objectAcl = textOf(d.value(u"x_oss_object_acl"_s));
    p.forbidOverwrite = textOf(d.value(u"x_oss_forbid_overwrite"_s));
    p.expireInSeconds = qint64(std::clamp(numberOf(d.value(u"expire_in_seconds"_s)), 0.0, 1e12));
    p.maxFileSizeMb = qint64(std::clamp(numberOf(d.value(u"max_file_size_mb"_s)), 0.0, 1e12));
    p.capacityLimitMb = qint64(std::clamp(numberOf(d.value(u"capacity_limit_mb"_s)), 0.0, 1e12));
    if (p.policy.isEmpty() || p.signature.isEmpty() || p.uploadDir.isEmpty() ||
        p.uploadHost.isEmpty() || p.accessKeyId.isEmpty())
        return parseError(Tr::tr("DashScope's upload policy is incomplete."), body);
    return p;
}

// ---- Qwen-ASR / Qwen-Omni -----------------------------------------------------------------

namespace {

// Text of a content value: a string, or an array of {"text"} / {"type":"text","text"} items.
QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QString out;
    for (const QJsonValue &item : content.toArray())
        out += item.isString() ? item.toString() : textOf(item.toObject().value(u"text"_s));
    return out;
}

void readAnnotations(const QJsonValue &annotations, DashScopeAsrText *out)
{
    for (const QJsonValue &a : annotations.toArray()) {
        const QJsonObject o = a.toObject();
        const QString type = textOf(o.value(u"type"_s));
        if (!type.isEmpty() && type != u"audio_info")
            continue;
        if (const QString l = textOf(o.value(u"language"_s)); !l.isEmpty())
            out->language = l;
        if (const QString e = textOf(o.value(u"emotion"_s)); !e.isEmpty())
            out->emotion = e;
    }
}

// The parts of a native event or reply: output.choices[0] (message or delta) or output.text.
bool readNative(const QJsonObject &root, DashScopeAsrText *out, QString *added)
{
    const QJsonObject output = root.value(u"output"_s).toObject();
    const QJsonArray choices = output.value(u"choices"_s).toArray();
    bool any = false;
    if (!choices.isEmpty()) {
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject message = choice.value(u"message"_s).toObject();
        *added = contentText(message.value(u"content"_s));
        readAnnotations(message.value(u"annotations"_s), out);
        if (const QString f = textOf(choice.value(u"finish_reason"_s)); !f.isEmpty())
            out->finishReason = f;
        any = true;
    } else if (output.value(u"text"_s).isString()) {
        *added = output.value(u"text"_s).toString();
        any = true;
    }
    if (const QString id = textOf(root.value(u"request_id"_s)); !id.isEmpty())
        out->requestId = id;
    const double seconds = numberOf(root.value(u"usage"_s).toObject().value(u"seconds"_s));
    if (seconds > 0)
        out->seconds = seconds;
    return any;
}

bool readCompatible(const QJsonObject &root, bool delta, DashScopeAsrText *out, QString *added)
{
    const QJsonArray choices = root.value(u"choices"_s).toArray();
    if (const QString id = textOf(root.value(u"id"_s)); !id.isEmpty())
        out->requestId = id;
    const double seconds = numberOf(root.value(u"usage"_s).toObject().value(u"seconds"_s));
    if (seconds > 0)
        out->seconds = seconds;
    if (choices.isEmpty())
        return false;
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(delta ? u"delta"_s : u"message"_s).toObject();
    *added = contentText(message.value(u"content"_s));
    readAnnotations(message.value(u"annotations"_s), out);
    if (const QString f = textOf(choice.value(u"finish_reason"_s)); !f.isEmpty())
        out->finishReason = f;
    return true;
}

} // namespace

Result<DashScopeAsrText> parseDashScopeNativeResponse(const QByteArray &body)
{
    Result<QJsonObject> root = objectOf(body, QT_TRANSLATE_NOOP("DashScope", "a transcript"));
    if (!root)
        return root.error();
    DashScopeAsrText out;
    QString text;
    if (!readNative(*root, &out, &text))
        return parseError(Tr::tr("DashScope's answer contains no transcript."), body);
    out.text = text.trimmed();
    return out;
}

Result<DashScopeAsrText> parseDashScopeCompatibleResponse(const QByteArray &body)
{
    Result<QJsonObject> root = objectOf(body, QT_TRANSLATE_NOOP("DashScope", "a transcript"));
    if (!root)
        return root.error();
    DashScopeAsrText out;
    QString text;
    if (!readCompatible(*root, false, &out, &text))
        return parseError(Tr::tr("DashScope's answer contains no transcript."), body);
    out.text = text.trimmed();
    return out;
}

DashScopeAsrStream::DashScopeAsrStream(Mode mode)
    : m_mode(mode)
{}

bool DashScopeAsrStream::feed(const QByteArray &bytes)
{
    QList<SseEvent> events;
    m_parser.feed(bytes, &events);
    bool grew = false;
    for (const SseEvent &e : std::as_const(events))
        grew = handle(e) || grew;
    return grew;
}

void DashScopeAsrStream::finish()
{
    QList<SseEvent> events;
    m_parser.finish(&events);
    for (const SseEvent &e : std::as_const(events))
        handle(e);
}

bool DashScopeAsrStream::handle(const SseEvent &event)
{
    if (m_error || m_finished)
        return false; // nothing after an error or event:done counts
    if (event.event == "done") {
        m_finished = true;
        return false;
    }
    if (event.event == "error") {
        m_error = StreamError{event.httpStatus, event.data};
        return false;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(event.data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return false; // keep-alives and lines that are not events
    const QJsonObject root = doc.object();
    if (root.value(u"error"_s).isObject() ||
        (m_mode == Mode::Native && root.contains(u"code"_s) && !root.contains(u"output"_s))) {
        m_error = StreamError{event.httpStatus >= 400 ? event.httpStatus : 0, event.data};
        return false;
    }
    ++m_events;
    QString added;
    if (m_mode == Mode::Native)
        readNative(root, &m_result, &added);
    else
        readCompatible(root, true, &m_result, &added);
    if (added.isEmpty())
        return false;
    m_result.text += added;
    return true;
}

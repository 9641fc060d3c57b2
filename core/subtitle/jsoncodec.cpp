#include "jsoncodec.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(JsonCodec)
};

Error bad(const QString &message)
{
    return makeError(ErrorCode::ParseError, message);
}

// Reads an integer millisecond value; accepts JSON numbers with no fraction within qint64 range.
bool readMs(const QJsonObject &o, QLatin1StringView key, qint64 *out, bool required = true)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return !required;
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < -9.0e15 || d > 9.0e15 || d != std::floor(d))
        return false;
    *out = qint64(d);
    return true;
}

bool readString(const QJsonObject &o, QLatin1StringView key, QString *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString())
        return false;
    *out = v.toString();
    out->replace(QChar(0), QChar(0xFFFD)); // no reader lets NUL into the model
    return true;
}

void putString(QJsonObject &o, QLatin1StringView key, const QString &s)
{
    if (!s.isEmpty())
        o.insert(key, s);
}

} // namespace

QJsonObject wordToJson(const Word &w)
{
    QJsonObject o{{QLatin1StringView("start_ms"), double(w.start)},
                  {QLatin1StringView("end_ms"), double(w.end)},
                  {QLatin1StringView("text"), w.text}};
    if (w.confidence)
        o.insert(QLatin1StringView("confidence"), double(*w.confidence));
    putString(o, QLatin1StringView("speaker"), w.speaker);
    return o;
}

Result<Word> wordFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return bad(Tr::tr("a word is not an object"));
    const QJsonObject o = value.toObject();
    Word w;
    if (!readMs(o, QLatin1StringView("start_ms"), &w.start) ||
        !readMs(o, QLatin1StringView("end_ms"), &w.end) || w.start < 0 || w.end < w.start)
        return bad(Tr::tr("a word has invalid start_ms/end_ms"));
    if (!readString(o, QLatin1StringView("text"), &w.text) ||
        !readString(o, QLatin1StringView("speaker"), &w.speaker))
        return bad(Tr::tr("a word has a text or speaker that is not a string"));
    const QJsonValue c = o.value(QLatin1StringView("confidence"));
    if (c.isDouble())
        w.confidence = float(c.toDouble());
    else if (!c.isUndefined() && !c.isNull())
        return bad(Tr::tr("a word has a confidence that is not a number"));
    return w;
}

QJsonObject cueToJson(const Cue &cue, bool withId)
{
    QJsonObject o;
    if (withId)
        o.insert(QLatin1StringView("id"), double(cue.id));
    o.insert(QLatin1StringView("start_ms"), double(cue.start));
    o.insert(QLatin1StringView("end_ms"), double(cue.end));
    o.insert(QLatin1StringView("text"), cue.text);
    putString(o, QLatin1StringView("speaker"), cue.speaker);
    putString(o, QLatin1StringView("identifier"), cue.identifier);
    putString(o, QLatin1StringView("vtt_settings"), cue.vttSettings);
    putString(o, QLatin1StringView("vtt_voice_classes"), cue.vttVoiceClasses);
    if (cue.vttVoiceClosed)
        o.insert(QLatin1StringView("vtt_voice_closed"), true);
    if (!cue.words.isEmpty()) {
        QJsonArray words;
        for (const Word &w : cue.words)
            words.append(wordToJson(w));
        o.insert(QLatin1StringView("words"), words);
    }
    return o;
}

Result<Cue> cueFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return bad(Tr::tr("it is not an object"));
    const QJsonObject o = value.toObject();
    Cue c;
    if (!readMs(o, QLatin1StringView("id"), &c.id, false) || c.id < 0)
        return bad(Tr::tr("its id is not a positive integer"));
    if (!readMs(o, QLatin1StringView("start_ms"), &c.start) ||
        !readMs(o, QLatin1StringView("end_ms"), &c.end))
        return bad(Tr::tr("start_ms and end_ms must be integers"));
    if (c.start < 0 || c.end < c.start)
        return bad(Tr::tr("it must start at or after 0 and end at or after its start"));
    if (!readString(o, QLatin1StringView("text"), &c.text) ||
        !readString(o, QLatin1StringView("speaker"), &c.speaker) ||
        !readString(o, QLatin1StringView("identifier"), &c.identifier) ||
        !readString(o, QLatin1StringView("vtt_settings"), &c.vttSettings) ||
        !readString(o, QLatin1StringView("vtt_voice_classes"), &c.vttVoiceClasses))
        return bad(Tr::tr("a text field is not a string"));
    c.vttVoiceClosed = o.value(QLatin1StringView("vtt_voice_closed")).toBool();
    const QJsonValue words = o.value(QLatin1StringView("words"));
    if (!words.isUndefined() && !words.isNull()) {
        if (!words.isArray())
            return bad(Tr::tr("words is not an array"));
        for (const QJsonValue &w : words.toArray()) {
            auto word = wordFromJson(w);
            if (!word)
                return word.error();
            c.words.append(std::move(word).value());
        }
    }
    return c;
}

Result<Cues> cuesFromJson(const QJsonValue &array)
{
    if (!array.isArray())
        return bad(Tr::tr("\"cues\" is missing or not an array"));
    Cues cues;
    QSet<CueId> ids;
    const QJsonArray a = array.toArray();
    cues.reserve(a.size());
    for (int i = 0; i < a.size(); ++i) {
        auto c = cueFromJson(a[i]);
        if (!c)
            return bad(Tr::tr("cue %1: %2").arg(i + 1).arg(c.error().message));
        if (c->id != 0 && ids.contains(c->id))
            return bad(Tr::tr("cue %1: id %2 is used twice").arg(i + 1).arg(c->id));
        ids.insert(c->id);
        cues.append(std::move(c).value());
    }
    return cues;
}

QJsonObject transcriptToJson(const Transcript &t)
{
    QJsonObject o;
    putString(o, QLatin1StringView("language"), t.language);
    o.insert(QLatin1StringView("duration_ms"), double(t.duration));
    putString(o, QLatin1StringView("text"), t.text);
    if (t.approximateTiming)
        o.insert(QLatin1StringView("approximate_timing"), true);
    putString(o, QLatin1StringView("provider"), t.provider);
    putString(o, QLatin1StringView("model"), t.model);
    putString(o, QLatin1StringView("request_id"), t.requestId);
    QJsonArray segments;
    for (const TranscriptSegment &s : t.segments) {
        QJsonObject so{{QLatin1StringView("start_ms"), double(s.start)},
                       {QLatin1StringView("end_ms"), double(s.end)},
                       {QLatin1StringView("text"), s.text}};
        putString(so, QLatin1StringView("speaker"), s.speaker);
        putString(so, QLatin1StringView("language"), s.language);
        putString(so, QLatin1StringView("emotion"), s.emotion);
        if (s.avgLogprob)
            so.insert(QLatin1StringView("avg_logprob"), *s.avgLogprob);
        if (s.noSpeechProb)
            so.insert(QLatin1StringView("no_speech_prob"), *s.noSpeechProb);
        if (!s.words.isEmpty()) {
            QJsonArray words;
            for (const Word &w : s.words)
                words.append(wordToJson(w));
            so.insert(QLatin1StringView("words"), words);
        }
        segments.append(so);
    }
    o.insert(QLatin1StringView("segments"), segments);
    return o;
}

Result<Transcript> transcriptFromJson(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return Transcript{};
    if (!value.isObject())
        return bad(Tr::tr("the transcript is not an object"));
    const QJsonObject o = value.toObject();
    Transcript t;
    if (!readString(o, QLatin1StringView("language"), &t.language) ||
        !readString(o, QLatin1StringView("text"), &t.text) ||
        !readString(o, QLatin1StringView("provider"), &t.provider) ||
        !readString(o, QLatin1StringView("model"), &t.model) ||
        !readString(o, QLatin1StringView("request_id"), &t.requestId) ||
        !readMs(o, QLatin1StringView("duration_ms"), &t.duration, false))
        return bad(Tr::tr("the transcript has a field of the wrong type"));
    t.approximateTiming = o.value(QLatin1StringView("approximate_timing")).toBool();
    const QJsonArray segments = o.value(QLatin1StringView("segments")).toArray();
    for (int i = 0; i < segments.size(); ++i) {
        const QJsonObject so = segments[i].toObject();
        TranscriptSegment s;
        if (!readMs(so, QLatin1StringView("start_ms"), &s.start) ||
            !readMs(so, QLatin1StringView("end_ms"), &s.end) || s.start < 0 || s.end < s.start ||
            !readString(so, QLatin1StringView("text"), &s.text) ||
            !readString(so, QLatin1StringView("speaker"), &s.speaker) ||
            !readString(so, QLatin1StringView("language"), &s.language) ||
            !readString(so, QLatin1StringView("emotion"), &s.emotion))
            return bad(Tr::tr("transcript segment %1 is not valid").arg(i + 1));
        if (so.value(QLatin1StringView("avg_logprob")).isDouble())
            s.avgLogprob = so.value(QLatin1StringView("avg_logprob")).toDouble();
        if (so.value(QLatin1StringView("no_speech_prob")).isDouble())
            s.noSpeechProb = so.value(QLatin1StringView("no_speech_prob")).toDouble();
        for (const QJsonValue &w : so.value(QLatin1StringView("words")).toArray()) {
            auto word = wordFromJson(w);
            if (!word)
                return bad(
                    Tr::tr("transcript segment %1: %2").arg(i + 1).arg(word.error().message));
            s.words.append(std::move(word).value());
        }
        t.segments.append(std::move(s));
    }
    return t;
}

QJsonObject metaToJson(const SubtitleMeta &meta)
{
    QJsonObject o;
    putString(o, QLatin1StringView("vtt_header"), meta.vttHeader);
    QJsonArray blocks;
    for (const VttBlock &b : meta.vttBlocks) {
        const char *kind = b.kind == VttBlock::Kind::Note    ? "note"
                           : b.kind == VttBlock::Kind::Style ? "style"
                                                             : "region";
        blocks.append(QJsonObject{{QLatin1StringView("kind"), QLatin1StringView(kind)},
                                  {QLatin1StringView("text"), b.text},
                                  {QLatin1StringView("before_cue"), b.beforeCue}});
    }
    if (!blocks.isEmpty())
        o.insert(QLatin1StringView("vtt_blocks"), blocks);
    return o;
}

Result<SubtitleMeta> metaFromJson(const QJsonValue &value)
{
    SubtitleMeta meta;
    if (value.isUndefined() || value.isNull())
        return meta;
    const QJsonObject o = value.toObject();
    if (!readString(o, QLatin1StringView("vtt_header"), &meta.vttHeader))
        return bad(Tr::tr("vtt_header is not a string"));
    for (const QJsonValue &v : o.value(QLatin1StringView("vtt_blocks")).toArray()) {
        const QJsonObject bo = v.toObject();
        VttBlock b;
        const QString kind = bo.value(QLatin1StringView("kind")).toString();
        if (kind == u"note")
            b.kind = VttBlock::Kind::Note;
        else if (kind == u"style")
            b.kind = VttBlock::Kind::Style;
        else if (kind == u"region")
            b.kind = VttBlock::Kind::Region;
        else
            return bad(Tr::tr("unknown WebVTT block kind \"%1\"").arg(kind));
        b.text = bo.value(QLatin1StringView("text")).toString();
        b.beforeCue = std::max(0, bo.value(QLatin1StringView("before_cue")).toInt());
        meta.vttBlocks.append(b);
    }
    return meta;
}

QJsonObject mediaToJson(const MediaReference &m)
{
    QJsonObject o{{QLatin1StringView("path"), m.path}};
    if (m.size >= 0)
        o.insert(QLatin1StringView("size"), double(m.size));
    putString(o, QLatin1StringView("content_hash"), m.contentHash);
    if (m.streamIndex >= 0)
        o.insert(QLatin1StringView("stream_index"), m.streamIndex);
    return o;
}

Result<MediaReference> mediaFromJson(const QJsonValue &value)
{
    MediaReference m;
    if (value.isUndefined() || value.isNull())
        return m;
    if (!value.isObject())
        return bad(Tr::tr("media is not an object"));
    const QJsonObject o = value.toObject();
    if (!readString(o, QLatin1StringView("path"), &m.path) ||
        !readString(o, QLatin1StringView("content_hash"), &m.contentHash) ||
        !readMs(o, QLatin1StringView("size"), &m.size, false))
        return bad(Tr::tr("media has a field of the wrong type"));
    m.streamIndex = o.value(QLatin1StringView("stream_index")).toInt(-1);
    return m;
}

int lineOfOffset(const QByteArray &json, int offset)
{
    offset = std::clamp(offset, 0, int(json.size()));
    return int(std::count(json.cbegin(), json.cbegin() + offset, '\n')) + 1;
}

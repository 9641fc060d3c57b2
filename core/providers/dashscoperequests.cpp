#include "dashscoperequests.h"

#include "dashscopeparsers.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QString option(const ProviderProfile &p, const QString &key)
{
    return p.options.value(key).toString().trimmed();
}

// A list option given as a list or as "a, b".
QStringList listOption(const ProviderProfile &p, const QString &key)
{
    const QVariant v = p.options.value(key);
    QStringList raw;
    if (v.typeId() == QMetaType::QStringList || v.typeId() == QMetaType::QVariantList) {
        for (const QVariant &item : v.toList())
            raw.append(item.toString());
    } else {
        raw = v.toString().split(u',');
    }
    QStringList out;
    for (const QString &s : std::as_const(raw)) {
        if (!s.trimmed().isEmpty())
            out.append(s.trimmed());
    }
    return out;
}

std::optional<bool> boolOption(const ProviderProfile &p, const QString &key)
{
    if (!p.options.contains(key))
        return std::nullopt;
    const QVariant v = p.options.value(key);
    if (v.typeId() == QMetaType::QString) {
        const QString s = v.toString().trimmed().toLower();
        return s == u"true" || s == u"1" || s == u"yes" || s == u"on";
    }
    return v.toBool();
}

QJsonArray channels(const ProviderProfile &p)
{
    QJsonArray out;
    for (const QString &c : listOption(p, u"channel_id"_s)) {
        bool ok = false;
        const int n = c.toInt(&ok);
        if (ok && n >= 0)
            out.append(n);
    }
    if (out.isEmpty())
        out.append(0);
    return out;
}

QString languageOf(const ProviderProfile &p, const QString &requested)
{
    const QString opt = option(p, u"language"_s);
    return !requested.trimmed().isEmpty() ? requested.trimmed() : opt;
}

} // namespace

bool isOssUrl(const QString &s)
{
    return s.startsWith(u"oss://", Qt::CaseInsensitive);
}

bool isDashScopeRemoteInput(const QString &s)
{
    return isOssUrl(s) || s.startsWith(u"https://", Qt::CaseInsensitive) ||
           s.startsWith(u"http://", Qt::CaseInsensitive);
}

QUrl dashScopeResultUrl(const QUrl &url, bool allowPlainHttp)
{
    if (url.scheme().compare(u"http", Qt::CaseInsensitive) != 0 || allowPlainHttp)
        return url;
    const QString host = url.host();
    const QHostAddress address(host);
    if (host == u"localhost" || (!address.isNull() && address.isLoopback()))
        return url;
    QUrl secure = url;
    secure.setScheme(u"https"_s);
    if (secure.port() == 80)
        secure.setPort(-1);
    return secure;
}

QJsonObject dashScopeSubmitBody(const ProviderProfile &profile, const QString &fileUrl,
                                const QString &language)
{
    QJsonObject parameters{{u"channel_id"_s, channels(profile)}};
    QJsonObject input;
    if (profile.kind == u"dashscope-filetrans") {
        input.insert(u"file_url"_s, fileUrl);
        if (const QString l = languageOf(profile, language); !l.isEmpty())
            parameters.insert(u"language"_s, l);
        parameters.insert(u"enable_itn"_s, boolOption(profile, u"itn"_s).value_or(false));
        parameters.insert(u"enable_words"_s, boolOption(profile, u"words"_s).value_or(true));
    } else {
        // One URL per request: newer pages allow only one (PROTOCOLS C.6).
        input.insert(u"file_urls"_s, QJsonArray{fileUrl});
        QStringList hints = listOption(profile, u"language_hints"_s);
        if (hints.isEmpty() && !language.trimmed().isEmpty())
            hints = {language.trimmed()};
        if (!hints.isEmpty())
            parameters.insert(u"language_hints"_s, QJsonArray::fromStringList(hints));
        if (const QString v = option(profile, u"vocabulary_id"_s); !v.isEmpty())
            parameters.insert(u"vocabulary_id"_s, v);
        if (boolOption(profile, u"diarization"_s).value_or(false)) {
            parameters.insert(u"diarization_enabled"_s, true);
            bool ok = false;
            const int count = profile.options.value(u"speaker_count"_s).toInt(&ok);
            if (ok && count >= 2 && count <= 100)
                parameters.insert(u"speaker_count"_s, count);
        }
        if (const auto v = boolOption(profile, u"disfluency_removal"_s))
            parameters.insert(u"disfluency_removal_enabled"_s, *v);
        if (const auto v = boolOption(profile, u"timestamp_alignment"_s))
            parameters.insert(u"timestamp_alignment_enabled"_s, *v);
    }
    return QJsonObject{
        {u"model"_s, profile.model}, {u"input"_s, input}, {u"parameters"_s, parameters}};
}

QJsonObject dashScopeNativeAsrBody(const QString &model, const QString &audio,
                                   const QString &context, const QString &language, bool itn,
                                   bool stream)
{
    QJsonArray messages;
    if (!context.trimmed().isEmpty())
        messages.append(QJsonObject{{u"role"_s, u"system"_s},
                                    {u"content"_s, QJsonArray{QJsonObject{{u"text"_s, context}}}}});
    messages.append(QJsonObject{{u"role"_s, u"user"_s},
                                {u"content"_s, QJsonArray{QJsonObject{{u"audio"_s, audio}}}}});
    QJsonObject asr{{u"enable_itn"_s, itn}};
    if (!language.trimmed().isEmpty())
        asr.insert(u"language"_s, language.trimmed());
    QJsonObject parameters{{u"result_format"_s, u"message"_s}, {u"asr_options"_s, asr}};
    if (stream) // always incremental: each event carries only new text (PROTOCOLS C.3)
        parameters.insert(u"incremental_output"_s, true);
    return QJsonObject{{u"model"_s, model},
                       {u"input"_s, QJsonObject{{u"messages"_s, messages}}},
                       {u"parameters"_s, parameters}};
}

QJsonObject dashScopeCompatibleAsrBody(const QString &model, const QString &audio,
                                       const QString &context, const QString &language, bool itn,
                                       bool stream)
{
    QJsonArray messages;
    if (!context.trimmed().isEmpty())
        messages.append(QJsonObject{{u"role"_s, u"system"_s}, {u"content"_s, context}});
    const QJsonObject audioItem{{u"type"_s, u"input_audio"_s},
                                {u"input_audio"_s, QJsonObject{{u"data"_s, audio}}}};
    messages.append(QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, QJsonArray{audioItem}}});
    QJsonObject asr{{u"enable_itn"_s, itn}};
    if (!language.trimmed().isEmpty())
        asr.insert(u"language"_s, language.trimmed());
    QJsonObject body{{u"model"_s, model},
                     {u"messages"_s, messages},
                     {u"stream"_s, stream},
                     {u"asr_options"_s, asr}};
    if (stream) // only with stream: true (AL-QASR)
        body.insert(u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}});
    return body;
}

QString dashScopeOmniSystemPrompt(const QString &context, const QString &language)
{
    // Sent to the model, so English and untranslated.
    QString prompt = u"Transcribe the audio exactly as spoken. Output only the transcription "
                     u"text. Transcribe only human speech; ignore other sounds such as music, "
                     u"typing or background noise."_s;
    if (!language.trimmed().isEmpty())
        prompt += u" The speech is in the language with code \""_s + language.trimmed() +
                  u"\"; do not translate it."_s;
    if (!context.trimmed().isEmpty())
        prompt += u"\nContext and domain terms: "_s + context.trimmed();
    return prompt;
}

QJsonObject dashScopeOmniBody(const QString &model, const QString &audio, const QString &format,
                              const QString &context, const QString &language)
{
    QJsonObject inputAudio{{u"data"_s, audio}};
    if (!format.isEmpty())
        inputAudio.insert(u"format"_s, format);
    const QJsonArray userContent{
        QJsonObject{{u"type"_s, u"input_audio"_s}, {u"input_audio"_s, inputAudio}},
        QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u"Transcribe this audio."_s}}};
    const QJsonArray messages{
        QJsonObject{{u"role"_s, u"system"_s},
                    {u"content"_s, dashScopeOmniSystemPrompt(context, language)}},
        QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, userContent}}};
    return QJsonObject{{u"model"_s, model},
                       {u"messages"_s, messages},
                       {u"modalities"_s, QJsonArray{u"text"_s}},
                       {u"stream"_s, true}, // Omni refuses non-streamed calls (AL-OMNI)
                       {u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}}}};
}

QList<QPair<QByteArray, QByteArray>> dashScopeOssFields(const DashScopeUploadPolicy &policy,
                                                        const QString &key, const QString &mimeType)
{
    QList<QPair<QByteArray, QByteArray>> fields{
        {"OSSAccessKeyId", policy.accessKeyId.toUtf8()},
        {"Signature", policy.signature.toUtf8()},
        {"policy", policy.policy.toUtf8()},
        {"key", key.toUtf8()},
        {"x-oss-object-acl", policy.objectAcl.toUtf8()},
        {"x-oss-forbid-overwrite", policy.forbidOverwrite.toUtf8()},
        {"success_action_status", "200"},
    };
    if (!mimeType.isEmpty())
        fields.append({QByteArray("x-oss-content-type"), mimeType.toUtf8()});
    return fields;
}

QString dashScopeUploadName(const QString &filePath)
{
    const QFileInfo info(filePath);
    const QString name = info.fileName();
    const QString suffix = info.suffix().toLower();
    bool plain = !name.isEmpty() && name.size() <= 120 && !suffix.isEmpty();
    for (const QChar c : name)
        plain = plain && (c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_') &&
                c.unicode() < 0x7f;
    if (plain)
        return name;
    bool plainSuffix = !suffix.isEmpty() && suffix.size() <= 8;
    for (const QChar c : suffix)
        plainSuffix = plainSuffix && c.isLetterOrNumber() && c.unicode() < 0x7f;
    return u"audio."_s + (plainSuffix ? suffix : u"bin"_s);
}

std::chrono::milliseconds dashScopePollDelay(int poll, std::chrono::milliseconds initial,
                                             std::chrono::milliseconds max)
{
    // DS-PY BaseAsyncApi.wait: the interval doubles when step % 3 == 0 (step counted from 1,
    // incremented before each query), so the sleeps after queries 1..n are 1, 1, 2, 2, 2, 4, ...
    std::chrono::milliseconds delay = initial;
    for (int step = 1; step <= poll + 1 && delay < max; ++step) {
        if (step % 3 == 0)
            delay = std::min(delay * 2, max);
    }
    return std::min(delay, max);
}

QString dashScopeMimeForSuffix(const QString &suffix)
{
    static const QList<std::pair<QString, QString>> table{
        {u"wav"_s, u"audio/wav"_s},   {u"mp3"_s, u"audio/mpeg"_s},  {u"mpeg"_s, u"audio/mpeg"_s},
        {u"flac"_s, u"audio/flac"_s}, {u"ogg"_s, u"audio/ogg"_s},   {u"opus"_s, u"audio/ogg"_s},
        {u"aac"_s, u"audio/aac"_s},   {u"m4a"_s, u"audio/mp4"_s},   {u"mp4"_s, u"audio/mp4"_s},
        {u"amr"_s, u"audio/amr"_s},   {u"webm"_s, u"audio/webm"_s}, {u"wma"_s, u"audio/x-ms-wma"_s},
        {u"aiff"_s, u"audio/aiff"_s}, {u"3gp"_s, u"audio/3gpp"_s},  {u"3gpp"_s, u"audio/3gpp"_s},
    };
    const QString s = suffix.toLower();
    for (const auto &[ext, mime] : table) {
        if (ext == s)
            return mime;
    }
    return u"application/octet-stream"_s;
}

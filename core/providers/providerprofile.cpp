#include "providerprofile.h"

#include "dashscopeprofiles.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProviderProfile)
};

const QStringList kOpenAiFormats{
    QStringLiteral("flac"), QStringLiteral("mp3"),  QStringLiteral("mp4"),
    QStringLiteral("mpeg"), QStringLiteral("mpga"), QStringLiteral("m4a"),
    QStringLiteral("ogg"),  QStringLiteral("wav"),  QStringLiteral("webm")};
const QStringList kAllResponseFormats{QStringLiteral("json"), QStringLiteral("text"),
                                      QStringLiteral("srt"), QStringLiteral("verbose_json"),
                                      QStringLiteral("vtt")};

ProviderCapabilities openAiCapabilities(const QString &model)
{
    ProviderCapabilities c;
    c.acceptedFormats = kOpenAiFormats;
    c.maxUploadBytes = 25LL * 1024 * 1024; // 26,214,400 bytes
    c.prompt = c.language = c.temperature = true;
    c.models = {QStringLiteral("whisper-1"), QStringLiteral("gpt-4o-transcribe"),
                QStringLiteral("gpt-4o-mini-transcribe")};
    if (model.startsWith(u"gpt-4o")) {
        // json only: text without timestamps, the pipeline times it by speech segments.
        c.responseFormats = {QStringLiteral("json")};
        c.streaming = true;
    } else {
        c.responseFormats = kAllResponseFormats;
        c.wordTimestamps = c.segmentTimestamps = true;
        c.translation = model == u"whisper-1";
    }
    return c;
}

} // namespace

ProviderCapabilities ProviderProfile::capabilities() const
{
    if (kind == u"openai")
        return openAiCapabilities(model);
    if (kind == u"llmprovider") { // an OpenAI-compatible gateway in front of Paraformer
        ProviderCapabilities c = openAiCapabilities(QStringLiteral("whisper-1"));
        c.maxUploadBytes = 20LL * 1024 * 1024;
        c.translation = false;
        c.models = {QStringLiteral("paraformer-v2")};
        return c;
    }
    if (kind == u"siliconflow") {
        ProviderCapabilities c;
        c.acceptedFormats = kOpenAiFormats;
        c.maxUploadBytes = 50LL * 1024 * 1024;
        c.maxDurationMs = 3600LL * 1000;
        c.responseFormats = {QStringLiteral("json")};
        c.models = {QStringLiteral("FunAudioLLM/SenseVoiceSmall"),
                    QStringLiteral("TeleAI/TeleSpeechASR")};
        return c; // text only: no timestamps, prompt, language or temperature
    }
    if (kind == u"openai-compatible") {
        // Self-hosted servers (whisper.cpp, LocalAI, vLLM) speak the whisper-1 dialect and have
        // no documented limits.
        ProviderCapabilities c = openAiCapabilities(QStringLiteral("whisper-1"));
        c.maxUploadBytes = 0;
        c.models = {QStringLiteral("whisper-1")};
        return c;
    }
    if (kind == u"local") {
        ProviderCapabilities c;
        c.acceptedFormats = {QStringLiteral("*")}; // decodes anything FFmpeg reads
        c.wordTimestamps = c.segmentTimestamps = true;
        c.maxConcurrency = 2;
        c.models = {QStringLiteral("en-us")};
        return c;
    }
    if (isDashScopeKind(kind))
        return dashScopeCapabilities(*this);
    return {};
}

bool ProviderProfile::needsKey() const
{
    return kind != u"local" && kind != u"espeak" && kind != u"openai-compatible";
}

QJsonObject ProviderProfile::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("display_name"), displayName},
                       {QStringLiteral("base_url"), baseUrl.toString()},
                       {QStringLiteral("model"), model},
                       {QStringLiteral("key_name"), keyName},
                       {QStringLiteral("region"), region},
                       {QStringLiteral("options"), QJsonObject::fromVariantMap(options)},
                       {QStringLiteral("allow_plain_http"), allowPlainHttp}};
}

ProviderProfile ProviderProfile::fromJson(const QJsonObject &o)
{
    ProviderProfile p;
    p.id = o.value(QStringLiteral("id")).toString();
    p.kind = o.value(QStringLiteral("kind")).toString();
    p.displayName = o.value(QStringLiteral("display_name")).toString();
    p.baseUrl = QUrl(o.value(QStringLiteral("base_url")).toString());
    p.model = o.value(QStringLiteral("model")).toString();
    p.keyName = o.value(QStringLiteral("key_name")).toString();
    p.region = o.value(QStringLiteral("region")).toString();
    p.options = o.value(QStringLiteral("options")).toObject().toVariantMap();
    p.allowPlainHttp = o.value(QStringLiteral("allow_plain_http")).toBool();
    return p;
}

QList<ProviderProfile> builtInProfiles()
{
    auto make = [](const char *id, const char *kind, const QString &name, const char *url,
                   const char *model, const char *keyName) {
        ProviderProfile p;
        p.id = QString::fromLatin1(id);
        p.kind = QString::fromLatin1(kind);
        p.displayName = name;
        p.baseUrl = QUrl(QString::fromLatin1(url));
        p.model = QString::fromLatin1(model);
        p.keyName = QString::fromLatin1(keyName);
        p.builtIn = true;
        return p;
    };
    QList<ProviderProfile> profiles{
        make("local", "local", Tr::tr("Offline (PocketSphinx)"), "", "en-us", ""),
        make("openai", "openai", QStringLiteral("OpenAI"), "https://api.openai.com/v1", "whisper-1",
             "OPENAI_API_KEY"),
        make("llmprovider", "llmprovider", QStringLiteral("LLMProvider"),
             "https://platform.llmprovider.ai/v1", "paraformer-v2", "LLMPROVIDER_API_KEY"),
        make("siliconflow", "siliconflow", QStringLiteral("SiliconFlow"),
             "https://api.siliconflow.cn/v1", "FunAudioLLM/SenseVoiceSmall", "SILICONFLOW_API_KEY"),
        make("custom", "openai-compatible", Tr::tr("Custom OpenAI-compatible server"),
             "http://127.0.0.1:8080/v1", "whisper-1", "CAPTIONEER_CUSTOM_API_KEY"),
    };
    profiles.append(dashScopeBuiltInProfiles());
    return profiles;
}

ProviderProfile builtInProfile(const QString &id)
{
    for (const ProviderProfile &p : builtInProfiles()) {
        if (p.id == id)
            return p;
    }
    return {};
}

QString insecureUrlProblem(const ProviderProfile &profile)
{
    const QUrl &url = profile.baseUrl;
    if (url.scheme() == u"https" || profile.kind == u"local")
        return {};
    if (url.scheme() != u"http")
        return Tr::tr(
                   "The base URL of %1 must start with https:// (or http:// for a local server).")
            .arg(profile.displayName);
    const QString host = url.host();
    const QHostAddress address(host);
    if (host == u"localhost" || (!address.isNull() && address.isLoopback()))
        return {};
    if (profile.allowPlainHttp)
        return {};
    return Tr::tr("%1 uses plain http to %2: the API key and your audio would travel unencrypted. "
                  "Use https, or confirm plain http for this profile in Settings.")
        .arg(profile.displayName, host);
}

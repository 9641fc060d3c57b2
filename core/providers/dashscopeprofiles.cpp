#include "dashscopeprofiles.h"

#include "dashscopefiletranscription.h"
#include "dashscopeqwenasr.h"
#include "dashscoperegions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DashScope)
};

// PROTOCOLS C.6.
const QStringList kFileFormats{u"aac"_s,  u"amr"_s, u"avi"_s,  u"flac"_s, u"flv"_s,  u"m4a"_s,
                               u"mkv"_s,  u"mov"_s, u"mp3"_s,  u"mp4"_s,  u"mpeg"_s, u"ogg"_s,
                               u"opus"_s, u"wav"_s, u"webm"_s, u"wma"_s,  u"wmv"_s};
const QStringList kQwenAsrFormats{u"aac"_s,  u"amr"_s, u"avi"_s,  u"aiff"_s, u"flac"_s,
                                  u"flv"_s,  u"mkv"_s, u"mp3"_s,  u"mpeg"_s, u"ogg"_s,
                                  u"opus"_s, u"wav"_s, u"webm"_s, u"wma"_s,  u"wmv"_s};
const QStringList kOmniFormats{u"amr"_s, u"wav"_s, u"3gp"_s, u"3gpp"_s, u"aac"_s, u"mp3"_s};

// Temporary storage takes at most 1 GB per file (AL-TMPURL English page; max_file_size_mb 1024).
constexpr qint64 kTemporaryStorageBytes = 1024LL * 1024 * 1024;
constexpr qint64 kTwelveHoursMs = 12LL * 3600 * 1000;
// 10 MB after Base64 (4/3 growth), less room for the data URL's prefix.
constexpr qint64 kInlineAudioBytes = kDashScopeMaxDataUrlBytes / 4 * 3 - 1024;

const QString kKinds[] = {u"dashscope-funasr"_s, u"dashscope-filetrans"_s, u"dashscope-qwen-asr"_s,
                          u"dashscope-qwen-asr-compatible"_s, u"dashscope-omni"_s};

bool wordsWanted(const ProviderProfile &p)
{
    const QVariant v = p.options.value(u"words"_s);
    if (!v.isValid())
        return true;
    if (v.typeId() == QMetaType::QString)
        return v.toString().trimmed().toLower() != u"false" && v.toString().trimmed() != u"0";
    return v.toBool();
}

} // namespace

bool isDashScopeKind(const QString &kind)
{
    for (const QString &k : kKinds) {
        if (k == kind)
            return true;
    }
    return false;
}

ProviderCapabilities dashScopeCapabilities(const ProviderProfile &profile)
{
    ProviderCapabilities c;
    c.responseFormats = {u"json"_s};
    c.language = true;
    const QString &kind = profile.kind;
    if (kind == u"dashscope-funasr" || kind == u"dashscope-filetrans") {
        c.acceptedFormats = kFileFormats;
        c.maxUploadBytes = kTemporaryStorageBytes;
        c.maxDurationMs = kTwelveHoursMs;
        c.urlInputOnly = true;
        c.segmentTimestamps = true;
        if (kind == u"dashscope-funasr") {
            c.wordTimestamps = true; // results always carry words (AL-PARA)
            c.speakers = true;       // with the "diarization" option
            c.models = {u"fun-asr"_s,
                        u"fun-asr-2025-11-07"_s,
                        u"fun-asr-mtl"_s,
                        u"paraformer-v2"_s,
                        u"paraformer-8k-v2"_s,
                        u"paraformer-v1"_s,
                        u"paraformer-8k-v1"_s,
                        u"paraformer-mtl-v1"_s,
                        u"qwen-audio-3.0-asr-flash-filetrans"_s};
        } else {
            c.wordTimestamps = wordsWanted(profile); // enable_words, on by default
            c.requestsPerMinute = 100;
            c.models = {u"qwen3-asr-flash-filetrans"_s, u"qwen3-asr-flash-filetrans-2025-11-17"_s};
        }
        return c;
    }
    if (kind == u"dashscope-qwen-asr" || kind == u"dashscope-qwen-asr-compatible") {
        // Text only: the pipeline sends speech segments and times the text by them.
        c.acceptedFormats = kQwenAsrFormats;
        c.maxUploadBytes = kInlineAudioBytes;
        c.maxDurationMs = 5LL * 60 * 1000;
        c.prompt = true; // context text
        c.streaming = true;
        c.requestsPerMinute = 100;
        c.models = {u"qwen3-asr-flash"_s, u"qwen3-asr-flash-2026-02-10"_s,
                    u"qwen3-asr-flash-2025-09-08"_s};
        if (kind == u"dashscope-qwen-asr")
            c.models.append(u"qwen3-asr-flash-us"_s);
        return c;
    }
    if (kind == u"dashscope-omni") {
        c.acceptedFormats = kOmniFormats;
        c.maxUploadBytes = kInlineAudioBytes;
        c.maxDurationMs = 20LL * 60 * 1000;
        c.prompt = true;
        c.streaming = true;
        c.models = {u"qwen3-omni-flash"_s, u"qwen3.5-omni-flash"_s, u"qwen3.5-omni-plus"_s,
                    u"qwen-omni-turbo"_s};
        return c;
    }
    return {};
}

QList<ProviderProfile> dashScopeBuiltInProfiles()
{
    auto make = [](const QString &id, const QString &kind, const QString &name,
                   const QString &model) {
        ProviderProfile p;
        p.id = id;
        p.kind = kind;
        p.displayName = name;
        p.model = model;
        p.keyName = u"DASHSCOPE_API_KEY"_s;
        p.builtIn = true;
        return withDashScopeRegion(p, u"beijing"_s);
    };
    return {
        make(u"dashscope-funasr"_s, u"dashscope-funasr"_s, Tr::tr("Alibaba Fun-ASR (DashScope)"),
             u"fun-asr"_s),
        make(u"dashscope-paraformer"_s, u"dashscope-funasr"_s,
             Tr::tr("Alibaba Paraformer (DashScope)"), u"paraformer-v2"_s),
        make(u"dashscope-filetrans"_s, u"dashscope-filetrans"_s,
             Tr::tr("Alibaba Qwen3-ASR file transcription (DashScope)"),
             u"qwen3-asr-flash-filetrans"_s),
        make(u"dashscope-qwen-asr"_s, u"dashscope-qwen-asr"_s,
             Tr::tr("Alibaba Qwen3-ASR-Flash (DashScope)"), u"qwen3-asr-flash"_s),
        make(u"dashscope-qwen-asr-compatible"_s, u"dashscope-qwen-asr-compatible"_s,
             Tr::tr("Alibaba Qwen3-ASR-Flash (DashScope, OpenAI-compatible mode)"),
             u"qwen3-asr-flash"_s),
        make(u"qwen-omni"_s, u"dashscope-omni"_s, Tr::tr("Alibaba Qwen-Omni (DashScope)"),
             u"qwen3-omni-flash"_s),
    };
}

ProviderProfile withDashScopeRegion(ProviderProfile profile, const QString &region)
{
    profile.region = region;
    const DashScopeApi api =
        profile.kind == u"dashscope-qwen-asr-compatible" || profile.kind == u"dashscope-omni"
            ? DashScopeApi::Compatible
            : DashScopeApi::Native;
    profile.baseUrl =
        dashScopeRegionBaseUrl(region, api, profile.options.value(u"workspace_id"_s).toString(),
                               profile.options.value(u"workspace_location"_s).toString());
    return profile;
}

Result<std::unique_ptr<TranscriptionClient>>
createDashScopeTranscriptionClient(const ProviderProfile &profile, QNetworkAccessManager *nam,
                                   const QByteArray &apiKey)
{
    const bool async =
        profile.kind == u"dashscope-funasr" || profile.kind == u"dashscope-filetrans";
    const DashScopeApi api = async || profile.kind == u"dashscope-qwen-asr"
                                 ? DashScopeApi::Native
                                 : DashScopeApi::Compatible;
    if (!isDashScopeKind(profile.kind))
        return makeError(ErrorCode::UnsupportedFormat,
                         Tr::tr("\"%1\" is not a DashScope provider kind.").arg(profile.kind));
    if (std::optional<Error> problem = dashScopeProfileProblem(profile, api, apiKey))
        return *problem;
    if (async)
        return std::unique_ptr<TranscriptionClient>(
            new DashScopeFileTranscriptionClient(nam, profile, apiKey));
    return std::unique_ptr<TranscriptionClient>(new DashScopeQwenAsrClient(nam, profile, apiKey));
}

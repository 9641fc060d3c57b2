#include "providerregistry.h"

#include "dashscopeprofiles.h"
#include "espeaksynthesizer.h"
#include "localtranscriber.h"
#include "openaiclient.h"

#include <QCoreApplication>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProviderRegistry)
};

bool isOpenAiFamily(const QString &kind)
{
    return kind == u"openai" || kind == u"llmprovider" || kind == u"siliconflow" ||
           kind == u"openai-compatible";
}

Result<void> checkRemote(const ProviderProfile &profile, const QByteArray &apiKey)
{
    if (const QString problem = insecureUrlProblem(profile); !problem.isEmpty())
        return makeError(ErrorCode::InvalidArgument, problem);
    if (profile.needsKey() && apiKey.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("%1 needs an API key.").arg(profile.displayName));
    return {};
}

} // namespace

Result<std::unique_ptr<TranscriptionClient>>
createTranscriptionClient(const ProviderProfile &profile, QNetworkAccessManager *nam,
                          const QByteArray &apiKey)
{
    if (profile.kind == u"local") {
        // Any PocketSphinx model can replace the Debian one through the profile's options
        // (kept in settings by ProfileStore), so users can add other languages.
        LocalTranscriptionOptions options;
        const auto path = [&](const char *key, const QString &fallback) {
            const QString v = profile.options.value(QString::fromLatin1(key)).toString();
            return v.isEmpty() ? fallback : v;
        };
        options.model.acousticModel = path("acoustic_model", options.model.acousticModel);
        options.model.languageModel = path("language_model", options.model.languageModel);
        options.model.dictionary = path("dictionary", options.model.dictionary);
        return std::unique_ptr<TranscriptionClient>(new LocalTranscriptionClient(options));
    }
    if (isDashScopeKind(profile.kind)) // base URL from the region, own checks
        return createDashScopeTranscriptionClient(profile, nam, apiKey);
    if (!isOpenAiFamily(profile.kind))
        return makeError(ErrorCode::UnsupportedFormat,
                         Tr::tr("Captioneer cannot transcribe with providers of kind \"%1\".")
                             .arg(profile.kind));
    if (auto ok = checkRemote(profile, apiKey); !ok)
        return ok.error();
    return std::unique_ptr<TranscriptionClient>(
        new OpenAiTranscriptionClient(nam, profile, apiKey));
}

Result<std::unique_ptr<SpeechClient>> createSpeechClient(const ProviderProfile &profile,
                                                         QNetworkAccessManager *nam,
                                                         const QByteArray &apiKey)
{
    if (profile.kind == u"local" || profile.kind == u"espeak")
        return std::unique_ptr<SpeechClient>(new LocalSpeechClient());
    if (!isOpenAiFamily(profile.kind))
        return makeError(
            ErrorCode::UnsupportedFormat,
            Tr::tr("Captioneer cannot synthesise speech with providers of kind \"%1\".")
                .arg(profile.kind));
    if (auto ok = checkRemote(profile, apiKey); !ok)
        return ok.error();
    return std::unique_ptr<SpeechClient>(new OpenAiSpeechClient(nam, profile, apiKey));
}

QList<ProviderProfile> builtInSpeechProfiles()
{
    ProviderProfile local;
    local.id = QStringLiteral("local");
    local.kind = QStringLiteral("espeak");
    local.displayName = Tr::tr("Offline (eSpeak NG)");
    local.model = QStringLiteral("en");
    local.builtIn = true;
    ProviderProfile openai;
    openai.id = QStringLiteral("openai");
    openai.kind = QStringLiteral("openai");
    openai.displayName = QStringLiteral("OpenAI");
    openai.baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    openai.model = QStringLiteral("tts-1");
    openai.keyName = QStringLiteral("OPENAI_API_KEY");
    openai.options.insert(QStringLiteral("voice"), QStringLiteral("alloy"));
    openai.builtIn = true;
    return {local, openai};
}

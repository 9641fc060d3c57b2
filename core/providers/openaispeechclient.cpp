#include "openaiclient.h"

#include "audiobytes.h"
#include "openaiclient_p.h"
#include "openaitext.h"

#include <QCoroFuture>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace openai_detail;

namespace {

// OpenAI's documented /audio/speech input limit (seed 004, PROTOCOLS A.4); also safe elsewhere.
constexpr qsizetype kSpeechMaxChars = 4096;
constexpr int kDefaultPcmRate = 24000; // OpenAI's raw "pcm": 24 kHz 16-bit mono little-endian

const QStringList kOpenAiVoices{u"alloy"_s, u"ash"_s,   u"ballad"_s, u"coral"_s, u"echo"_s,
                                u"fable"_s, u"onyx"_s,  u"nova"_s,   u"sage"_s,  u"shimmer"_s,
                                u"verse"_s, u"marin"_s, u"cedar"_s};

QStringList speechFormats(const ProviderProfile &profile)
{
    if (profile.kind == u"siliconflow") // PROTOCOLS B.3: no aac or flac
        return {u"mp3"_s, u"opus"_s, u"wav"_s, u"pcm"_s};
    return {u"mp3"_s, u"opus"_s, u"aac"_s, u"flac"_s, u"wav"_s, u"pcm"_s};
}

QString defaultVoice(const ProviderProfile &profile, const QString &model)
{
    if (const QString v = option(profile, "voice"); !v.isEmpty())
        return v;
    if (profile.kind == u"siliconflow") // system voices are "<model>:<voice>" (PROTOCOLS B.3)
        return model + u":alex"_s;
    return u"alloy"_s;
}

bool looksLikeAudio(const HttpResponse &response, const QString &format)
{
    const QByteArray type = response.header("content-type").toLower();
    if (type.contains("json") || type.contains("html") || type.startsWith("text/"))
        return false;
    if (format == u"pcm") // raw samples can start with any byte
        return true;
    const QByteArray start = response.body.trimmed().left(1);
    return start != "{" && start != "<" && start != "\"";
}

} // namespace

OpenAiSpeechClient::OpenAiSpeechClient(QNetworkAccessManager *nam, ProviderProfile profile,
                                       QByteArray apiKey, RetryPolicy retry)
    : m_nam(nam)
    , m_profile(std::move(profile))
    , m_apiKey(std::move(apiKey))
    , m_retry(retry)
{}

QCoro::Task<Result<SynthesizedSpeech>>
OpenAiSpeechClient::synthesize(SpeechRequest request, std::shared_ptr<HttpControl> control)
{
    // Members are copied before the first co_await (see the class comment).
    const ProviderProfile profile = m_profile;
    const QByteArray apiKey = m_apiKey;
    const RetryPolicy retry = m_retry;
    const QString name = providerName(profile);
    const QPointer<QNetworkAccessManager> nam = m_nam;
    if (!control)
        control = std::make_shared<HttpControl>();

    // Everything is checked before the first request.
    if (request.text.trimmed().isEmpty())
        co_return makeError(ErrorCode::InvalidArgument, Tr::tr("There is no text to speak."));
    if (!(request.speed >= 0.25 && request.speed <= 4.0))
        co_return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("The speech speed must be between 0.25 and 4.0 (it is %1).").arg(request.speed));
    const QString format = request.format.isEmpty() ? u"mp3"_s : request.format.toLower();
    const QStringList formats = speechFormats(profile);
    if (!formats.contains(format))
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("%1 cannot produce the audio format \"%2\". Choose one of: %3.")
                                .arg(name, request.format, formats.join(u", ")));
    const QString optModel = option(profile, "speech_model");
    const QString model = optModel.isEmpty() ? profile.model : optModel;
    const QString voice =
        request.voice.trimmed().isEmpty() ? defaultVoice(profile, model) : request.voice.trimmed();
    if (profile.kind == u"openai" && !kOpenAiVoices.contains(voice))
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("OpenAI has no voice \"%1\". Choose one of: %2.")
                                .arg(voice, kOpenAiVoices.join(u", ")));
    if (std::optional<Error> problem = profileProblem(profile, apiKey))
        co_return *problem;
    if (!nam)
        co_return makeError(ErrorCode::Cancelled, Tr::tr("Shutting down."));

    const int pcmRate = intOption(profile, "pcm_sample_rate", kDefaultPcmRate);
    SynthesizedSpeech out;
    out.format = format;
    const QStringList parts = splitSpeechText(request.text, kSpeechMaxChars);
    for (const QString &part : parts) {
        QJsonObject body{{u"model"_s, model},
                         {u"input"_s, part},
                         {u"voice"_s, voice},
                         {u"response_format"_s, format},
                         {u"speed"_s, request.speed}};
        if (format == u"pcm" && profile.kind == u"siliconflow") // else its pcm is 44.1 kHz
            body.insert(u"sample_rate"_s, pcmRate);
        HttpRequest http;
        http.method = "POST";
        http.url = endpoint(profile.baseUrl, u"/audio/speech");
        http.apiKey = apiKey;
        http.headers = {{"Content-Type", "application/json"},
                        {"Accept", "application/octet-stream"}};
        http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        http.transferTimeout = std::chrono::milliseconds(
            intOption(profile, "transfer_timeout_ms", kDefaultTransferTimeoutMs));
        Result<HttpResponse> response =
            co_await sendHttp(nam.data(), std::move(http), retry, name, control);
        if (!response)
            co_return response.error();
        if (!looksLikeAudio(*response, format)) {
            const Error said =
                providerHttpError(name, response->status, response->body, response->headers);
            co_return withRequest(
                makeError(ErrorCode::ParseError,
                          Tr::tr("%1 answered without audio: %2").arg(name, said.detail.left(300)),
                          QString::fromUtf8(response->body.left(200))),
                *response);
        }
        // Decoding runs on the thread pool so a long answer does not freeze the interface. The
        // future is made in its own statement: with GCC 12 a capturing lambda temporary inside
        // the co_await operand was destroyed twice (a double free found with valgrind).
        QFuture<Result<DecodedAudio>> decoding =
            QtConcurrent::run(decodeAudioBytes, response->body, format, out.sampleRate, pcmRate);
        Result<DecodedAudio> decoded = co_await decoding;
        if (control->isCancelled())
            co_return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
        if (!decoded)
            co_return withRequest(decoded.error(), *response);
        if (out.sampleRate == 0)
            out.sampleRate = decoded->sampleRate;
        out.samples.insert(out.samples.end(), decoded->samples.cbegin(), decoded->samples.cend());
        out.encoded += response->body;
    }
    co_return out;
}

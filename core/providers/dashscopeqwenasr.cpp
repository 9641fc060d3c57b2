#include "dashscopeqwenasr.h"

#include "dashscopeparsers.h"
#include "dashscopeprogress.h"
#include "dashscoperegions.h"
#include "dashscoperequests.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DashScope)
};

constexpr int kTransferTimeoutMs = 300000; // the service itself gives up after ~300 s

enum class Mode { Native, Compatible, Omni };

Mode modeOf(const QString &kind)
{
    if (kind == u"dashscope-qwen-asr")
        return Mode::Native;
    if (kind == u"dashscope-omni")
        return Mode::Omni;
    return Mode::Compatible;
}

QString option(const ProviderProfile &p, const QString &key)
{
    return p.options.value(key).toString().trimmed();
}

bool boolOption(const ProviderProfile &p, const QString &key, bool fallback)
{
    if (!p.options.contains(key))
        return fallback;
    const QVariant v = p.options.value(key);
    if (v.typeId() == QMetaType::QString) {
        const QString s = v.toString().trimmed().toLower();
        return s == u"true" || s == u"1" || s == u"yes" || s == u"on";
    }
    return v.toBool();
}

int intOption(const ProviderProfile &p, const QString &key, int fallback)
{
    bool ok = false;
    const int v = p.options.value(key).toInt(&ok);
    return ok && v > 0 ? v : fallback;
}

QString formatDuration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// The streamed reply as it comes, and the raw bytes for a server that ignored the stream request
// and answered plain JSON.
struct StreamState {
    explicit StreamState(DashScopeAsrStream::Mode mode)
        : stream(mode)
    {}
    DashScopeAsrStream stream;
    QByteArray raw;
};

} // namespace

DashScopeQwenAsrClient::DashScopeQwenAsrClient(QNetworkAccessManager *nam, ProviderProfile profile,
                                               QByteArray apiKey, RetryPolicy retry)
    : m_nam(nam)
    , m_profile(std::move(profile))
    , m_apiKey(std::move(apiKey))
    , m_retry(retry)
{}

ProviderCapabilities DashScopeQwenAsrClient::capabilities() const
{
    return m_profile.capabilities();
}

QCoro::Task<Result<Transcript>>
DashScopeQwenAsrClient::transcribe(TranscriptionRequest request,
                                   std::shared_ptr<HttpControl> control,
                                   TranscriptionProgress progress)
{
    // Members are copied before the first co_await (see the class comment).
    const ProviderProfile profile = m_profile;
    const QByteArray apiKey = m_apiKey;
    const RetryPolicy retry = m_retry;
    const QPointer<QNetworkAccessManager> nam = m_nam;
    const QString name = dashScopeProviderName(profile);
    const ProviderCapabilities caps = profile.capabilities();
    const Mode mode = modeOf(profile.kind);
    const DashScopeApi api = mode == Mode::Native ? DashScopeApi::Native : DashScopeApi::Compatible;
    if (!control)
        control = std::make_shared<HttpControl>();
    if (std::optional<Error> problem = dashScopeProfileProblem(profile, api, apiKey))
        co_return *problem;
    if (!nam)
        co_return makeError(ErrorCode::Cancelled, Tr::tr("Shutting down."));
    if (request.translateToEnglish)
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("%1 cannot translate to English.").arg(name));
    if (caps.maxDurationMs > 0 && request.durationMs > caps.maxDurationMs)
        co_return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("The audio is too long for %1 (%2; at most %3 per request).")
                .arg(name, formatDuration(request.durationMs), formatDuration(caps.maxDurationMs)));
    const QUrl base = dashScopeBaseUrl(profile, api);

    // The audio: a URL the service fetches, or the file inline as a Base64 data URL.
    QString audio = request.audioPath.trimmed();
    QString format;
    if (!isDashScopeRemoteInput(audio)) {
        const QFileInfo info(request.audioPath);
        QFile file(request.audioPath);
        if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
            Error e = makeError(ErrorCode::IoError, Tr::tr("The audio file cannot be read."));
            e.file = request.audioPath;
            co_return e;
        }
        // Base64 grows by 4/3: refuse before reading a file that cannot fit.
        if ((info.size() + 2) / 3 * 4 > kDashScopeMaxDataUrlBytes)
            co_return makeError(
                ErrorCode::InvalidArgument,
                Tr::tr("The audio file is too large for %1 (%2 MB; at most about "
                       "%3 MB, 10 MB after Base64 encoding).")
                    .arg(name)
                    .arg(double(info.size()) / 1048576.0, 0, 'f', 1)
                    .arg(double(kDashScopeMaxDataUrlBytes) * 3 / 4 / 1048576.0, 0, 'f', 1));
        format = info.suffix().toLower();
        QString mime = request.mimeType.trimmed();
        if (mime.isEmpty())
            mime = dashScopeMimeForSuffix(format);
        // Omni's documented form is an empty MIME type plus an explicit format (AL-OMNI).
        const QString prefix =
            mode == Mode::Omni ? u"data:;base64,"_s : QString(u"data:"_s + mime + u";base64,"_s);
        audio = prefix + QString::fromLatin1(file.readAll().toBase64());
        if (audio.size() > kDashScopeMaxDataUrlBytes)
            co_return makeError(ErrorCode::InvalidArgument,
                                Tr::tr("The audio file is too large for %1 (more than 10 MB after "
                                       "Base64 encoding).")
                                    .arg(name));
    } else {
        format = QFileInfo(QUrl(audio).path()).suffix().toLower();
    }

    QString context = request.prompt.trimmed();
    if (context.isEmpty())
        context = option(profile, u"context"_s);
    QString language = request.language.trimmed();
    if (language.isEmpty())
        language = option(profile, u"language"_s);
    const bool itn = boolOption(profile, u"itn"_s, false);
    const bool stream = mode == Mode::Omni ||
                        (bool(progress.onPartialText) && boolOption(profile, u"stream"_s, true));

    HttpRequest http;
    http.method = "POST";
    http.apiKey = apiKey;
    http.headers = dashScopeCommonHeaders(profile);
    http.headers.append({QByteArray("Content-Type"), "application/json"});
    http.headers.append({QByteArray("Accept"), stream ? "text/event-stream" : "application/json"});
    if (isOssUrl(audio))
        http.headers.append({QByteArray("X-DashScope-OssResourceResolve"), "enable"});
    http.transferTimeout =
        std::chrono::milliseconds(intOption(profile, u"transfer_timeout_ms"_s, kTransferTimeoutMs));
    QJsonObject body;
    switch (mode) {
    case Mode::Native:
        http.url = dashScopeEndpoint(base, u"/services/aigc/multimodal-generation/generation");
        if (stream) {
            http.headers.append({QByteArray("X-DashScope-SSE"), "enable"});
            http.headers.append({QByteArray("X-Accel-Buffering"), "no"});
        }
        body = dashScopeNativeAsrBody(profile.model, audio, context, language, itn, stream);
        break;
    case Mode::Compatible:
        http.url = dashScopeEndpoint(base, u"/chat/completions");
        body = dashScopeCompatibleAsrBody(profile.model, audio, context, language, itn, stream);
        break;
    case Mode::Omni:
        http.url = dashScopeEndpoint(base, u"/chat/completions");
        body = dashScopeOmniBody(profile.model, audio, format, context, language);
        break;
    }
    http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    audio.clear(); // the body holds the only copy now

    auto state =
        std::make_shared<StreamState>(mode == Mode::Native ? DashScopeAsrStream::Mode::Native
                                                           : DashScopeAsrStream::Mode::Compatible);
    if (stream) {
        auto onPartial = progress.onPartialText;
        http.onChunk = [state, onPartial](const QByteArray &chunk) {
            state->raw += chunk;
            if (state->stream.feed(chunk) && onPartial)
                onPartial(state->stream.textSoFar());
        };
    }
    if (progress.onStage)
        progress.onStage(TranscriptionProgress::Stage::Uploading, 0.0);
    Result<HttpResponse> response;
    {
        const DashScopeStageHooks hooks(control, progress, true, true);
        response = co_await sendHttp(nam.data(), std::move(http), retry, name, control);
    }
    if (!response)
        co_return withDashScopeRegionHint(response.error(), profile, base);
    if (progress.onStage)
        progress.onStage(TranscriptionProgress::Stage::Receiving, 1.0);

    Result<DashScopeAsrText> text = Result<DashScopeAsrText>();
    if (stream && response->header("content-type").contains("text/event-stream")) {
        state->stream.finish();
        if (const auto &failure = state->stream.error()) {
            // An error inside a 200 stream (PROTOCOLS C.3): read it like an HTTP error.
            const int status = failure->httpStatus >= 400 ? failure->httpStatus : 400;
            Error e = providerHttpError(name, status, failure->data, response->headers);
            co_return withDashScopeRegionHint(e, profile, base);
        }
        // A stream ends with finish_reason "stop"/"length", data: [DONE] or event:done; one that
        // just stops (a proxy or the connection cut it cleanly) holds part of the transcript,
        // which must not pass for all of it.
        const QString finish = state->stream.result().finishReason;
        if (!state->stream.done() && (finish.isEmpty() || finish == u"null")) {
            Error e = makeError(ErrorCode::ParseError,
                                Tr::tr("The transcript stream of %1 ended before it was complete; "
                                       "try again.")
                                    .arg(name),
                                QString::fromUtf8(state->raw.right(200)));
            e.httpStatus = response->status;
            e.retryable = true;
            co_return e;
        }
        text = state->stream.result();
        text->text = text->text.trimmed();
    } else {
        const QByteArray &bytes = stream ? state->raw : response->body;
        text = mode == Mode::Native ? parseDashScopeNativeResponse(bytes)
                                    : parseDashScopeCompatibleResponse(bytes);
    }
    if (!text)
        co_return text.error();

    Transcript t;
    t.text = text->text;
    t.language = !text->language.isEmpty() ? text->language : language;
    if (!t.text.isEmpty() && request.durationMs > 0) {
        TranscriptSegment s;
        s.end = request.durationMs;
        s.text = t.text;
        s.language = text->language;
        s.emotion = text->emotion;
        t.segments.append(s);
        t.duration = request.durationMs;
        t.approximateTiming = true; // the span of the request, not of the words
    }
    t.provider = profile.id;
    t.model = profile.model;
    t.requestId = QString::fromLatin1(response->header("x-request-id"));
    if (t.requestId.isEmpty())
        t.requestId = text->requestId;
    co_return t;
}

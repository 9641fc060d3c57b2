#include "openaiclient.h"

#include "openaiclient_p.h"
#include "openaiparsers.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace openai_detail;

namespace openai_detail {

QString providerName(const ProviderProfile &p)
{
    return !p.displayName.isEmpty() ? p.displayName : !p.id.isEmpty() ? p.id : p.kind;
}

QString option(const ProviderProfile &p, const char *key)
{
    return p.options.value(QString::fromLatin1(key)).toString().trimmed();
}

int intOption(const ProviderProfile &p, const char *key, int fallback)
{
    bool ok = false;
    const int v = p.options.value(QString::fromLatin1(key)).toInt(&ok);
    return ok && v > 0 ? v : fallback;
}

QUrl endpoint(const QUrl &base, QStringView path)
{
    QUrl url = base;
    QString p = url.path();
    while (p.endsWith(u'/'))
        p.chop(1);
    p.append(path);
    url.setPath(p);
    return url;
}

std::optional<Error> profileProblem(const ProviderProfile &profile, const QByteArray &apiKey)
{
    const QString name = providerName(profile);
    if (!profile.baseUrl.isValid() || profile.baseUrl.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("%1 has no valid base URL. Set one in Settings.").arg(name));
    if (const QString insecure = insecureUrlProblem(profile); !insecure.isEmpty())
        return makeError(ErrorCode::InvalidArgument, insecure);
    if (apiKey.isEmpty() && profile.needsKey())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("No API key is set for %1. Add one in Settings or set the "
                                "environment variable %2.")
                             .arg(name, profile.keyName));
    return std::nullopt;
}

Error withRequest(Error e, const HttpResponse &response)
{
    e.httpStatus = response.status;
    e.requestId = QString::fromLatin1(response.header("x-request-id"));
    if (e.requestId.isEmpty())
        e.requestId = QString::fromLatin1(response.header("x-siliconcloud-trace-id"));
    return e;
}

} // namespace openai_detail

namespace {

struct FormField {
    QByteArray name;
    QByteArray value;
};

// The response format: the profile's "response_format" option when it names one (the user
// chose it), else verbose_json where the service returns timestamps, else json.
OpenAiResponseFormat chooseFormat(const ProviderProfile &profile, const ProviderCapabilities &caps)
{
    if (const auto wanted = openAiResponseFormat(option(profile, "response_format")))
        return *wanted;
    if (caps.responseFormats.contains(u"verbose_json"_s) && caps.timed())
        return OpenAiResponseFormat::VerboseJson;
    return OpenAiResponseFormat::Json;
}

// The text fields of the form, in the order of PROTOCOLS A.2: only what the service supports
// (capabilities) and the request sets. response_format is sent when the service offers a choice
// or another format was chosen (json is every server's default, and SiliconFlow documents only
// file and model).
QList<FormField> formFields(const ProviderProfile &profile, const ProviderCapabilities &caps,
                            const TranscriptionRequest &request, OpenAiResponseFormat format,
                            bool stream)
{
    QList<FormField> fields{{"model", profile.model.toUtf8()}};
    const bool translate = request.translateToEnglish;
    if (caps.language && !translate && !request.language.trimmed().isEmpty())
        fields.append(FormField{"language", request.language.trimmed().toUtf8()});
    if (caps.prompt && !request.prompt.trimmed().isEmpty())
        fields.append(FormField{"prompt", request.prompt.toUtf8()});
    if (caps.responseFormats.size() > 1 || format != OpenAiResponseFormat::Json)
        fields.append(FormField{"response_format", openAiResponseFormatName(format).toUtf8()});
    if (caps.temperature && request.temperature)
        fields.append(FormField{"temperature", QByteArray::number(*request.temperature, 'g', 6)});
    if (format == OpenAiResponseFormat::VerboseJson && !translate) {
        const QByteArray name = option(profile, "array_field_style") == u"plain"
                                    ? QByteArray("timestamp_granularities")
                                    : QByteArray("timestamp_granularities[]");
        if (caps.wordTimestamps)
            fields.append(FormField{name, "word"});
        if (caps.segmentTimestamps)
            fields.append(FormField{name, "segment"});
    }
    if (stream)
        fields.append(FormField{"stream", "true"});
    return fields;
}

QString mimeForSuffix(const QString &suffix)
{
    static const QList<std::pair<QString, QString>> table{
        {u"flac"_s, u"audio/flac"_s}, {u"mp3"_s, u"audio/mpeg"_s},  {u"mpga"_s, u"audio/mpeg"_s},
        {u"mpeg"_s, u"audio/mpeg"_s}, {u"mp4"_s, u"audio/mp4"_s},   {u"m4a"_s, u"audio/mp4"_s},
        {u"ogg"_s, u"audio/ogg"_s},   {u"oga"_s, u"audio/ogg"_s},   {u"opus"_s, u"audio/ogg"_s},
        {u"wav"_s, u"audio/wav"_s},   {u"webm"_s, u"audio/webm"_s},
    };
    for (const auto &[s, mime] : table) {
        if (s == suffix)
            return mime;
    }
    return {};
}

// The part's filename: the file's own name when it is plain ASCII (servers identify the format by
// its extension), else "audio.<ext>" so no quoting or encoding questions arise.
QString uploadName(const QFileInfo &info)
{
    const QString name = info.fileName();
    const QString suffix = info.suffix().toLower();
    bool plain = !name.isEmpty() && name.size() <= 120 && !suffix.isEmpty();
    for (const QChar c : name)
        plain = plain && c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    if (plain)
        return name;
    return u"audio."_s + (mimeForSuffix(suffix).isEmpty() ? u"wav"_s : suffix);
}

// Builds the streamed multipart body; called once per attempt, so each retry re-opens the file.
std::function<QHttpMultiPart *()> multipartFactory(QString path, QString filename, QString mimeType,
                                                   QList<FormField> fields)
{
    return [path, filename, mimeType, fields]() {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart filePart;
        filePart.setRawHeader("Content-Disposition",
                              "form-data; name=\"file\"; filename=\"" + filename.toUtf8() + "\"");
        filePart.setRawHeader("Content-Type", mimeType.toUtf8());
        auto *file = new QFile(path, multipart);
        if (file->open(QIODevice::ReadOnly))
            filePart.setBodyDevice(file);
        multipart->append(filePart);
        for (const FormField &field : fields) {
            QHttpPart part;
            part.setRawHeader("Content-Disposition", "form-data; name=\"" + field.name + "\"");
            part.setBody(field.value);
            multipart->append(part);
        }
        return multipart;
    };
}

// Installs stage reporting on the caller's control for the duration of one request and puts the
// caller's own callbacks back afterwards (also when the coroutine is destroyed early).
class StageHooks {
public:
    StageHooks(std::shared_ptr<HttpControl> control, const TranscriptionProgress &progress)
        : m_control(std::move(control))
        , m_upload(m_control->onUploadProgress)
        , m_download(m_control->onDownloadProgress)
    {
        auto onStage = progress.onStage;
        if (!onStage)
            return;
        auto upload = m_upload;
        // sendHttp reports only total > 0; a retry starts uploading again from 0.
        m_control->onUploadProgress = [onStage, upload](qint64 sent, qint64 total) {
            if (upload)
                upload(sent, total);
            onStage(TranscriptionProgress::Stage::Uploading, double(sent) / double(total));
            if (sent >= total)
                onStage(TranscriptionProgress::Stage::Waiting, -1);
        };
        auto download = m_download;
        m_control->onDownloadProgress = [onStage, download](qint64 received, qint64 total) {
            if (download)
                download(received, total);
            if (received <= 0)
                return;
            onStage(TranscriptionProgress::Stage::Receiving,
                    total > 0 ? double(received) / double(total) : -1.0);
        };
        onStage(TranscriptionProgress::Stage::Uploading, 0.0);
    }
    ~StageHooks()
    {
        m_control->onUploadProgress = m_upload;
        m_control->onDownloadProgress = m_download;
    }
    StageHooks(const StageHooks &) = delete;
    StageHooks &operator=(const StageHooks &) = delete;

private:
    std::shared_ptr<HttpControl> m_control;
    std::function<void(qint64, qint64)> m_upload, m_download;
};

// What a streamed (stream=true) response left behind: the events parsed as they came and the raw
// bytes, for a server that ignored `stream` and answered plain JSON.
struct StreamState {
    OpenAiTranscriptStream parser;
    QByteArray raw;
};

} // namespace

OpenAiTranscriptionClient::OpenAiTranscriptionClient(QNetworkAccessManager *nam,
                                                     ProviderProfile profile, QByteArray apiKey,
                                                     RetryPolicy retry)
    : m_nam(nam)
    , m_profile(std::move(profile))
    , m_apiKey(std::move(apiKey))
    , m_retry(retry)
{}

ProviderCapabilities OpenAiTranscriptionClient::capabilities() const
{
    return m_profile.capabilities();
}

QCoro::Task<Result<Transcript>>
OpenAiTranscriptionClient::transcribe(TranscriptionRequest request,
                                      std::shared_ptr<HttpControl> control,
                                      TranscriptionProgress progress)
{
    // Members are copied before the first co_await (see the class comment).
    const ProviderProfile profile = m_profile;
    const QByteArray apiKey = m_apiKey;
    const RetryPolicy retry = m_retry;
    const ProviderCapabilities caps = profile.capabilities();
    const QString name = providerName(profile);
    QNetworkAccessManager *const nam = m_nam.data(); // sendHttp guards it across awaits
    if (!control)
        control = std::make_shared<HttpControl>();
    if (!nam)
        co_return makeError(ErrorCode::Cancelled, Tr::tr("Shutting down."));
    if (std::optional<Error> problem = profileProblem(profile, apiKey))
        co_return *problem;
    const QFileInfo info(request.audioPath);
    if (!info.isFile() || !info.isReadable()) {
        Error e = makeError(ErrorCode::IoError, Tr::tr("The audio file cannot be read."));
        e.file = request.audioPath;
        co_return e;
    }
    if (caps.maxUploadBytes > 0 && info.size() > caps.maxUploadBytes)
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("The audio file is too large for %1 (%2 MB; at most %3 MB).")
                                .arg(name)
                                .arg(double(info.size()) / 1048576.0, 0, 'f', 1)
                                .arg(double(caps.maxUploadBytes) / 1048576.0, 0, 'f', 1));
    if (request.translateToEnglish && !caps.translation)
        co_return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot translate to English with the model %2.").arg(name, profile.model));
    if (request.temperature && !(*request.temperature >= 0.0 && *request.temperature <= 1.0))
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("The temperature must be between 0 and 1."));

    const OpenAiResponseFormat format = chooseFormat(profile, caps);
    const bool stream = caps.streaming && bool(progress.onPartialText) &&
                        format == OpenAiResponseFormat::Json && !request.translateToEnglish;
    QString mimeType = request.mimeType.trimmed();
    const bool headerSafe = std::all_of(mimeType.cbegin(), mimeType.cend(), [](QChar c) {
        return c.unicode() > 0x20 && c.unicode() < 0x7f;
    });
    if (!headerSafe) // it goes into a part header verbatim
        mimeType.clear();
    if (mimeType.isEmpty())
        mimeType = mimeForSuffix(info.suffix().toLower());
    if (mimeType.isEmpty())
        mimeType = u"application/octet-stream"_s;

    HttpRequest http;
    http.method = "POST";
    http.url = endpoint(profile.baseUrl, request.translateToEnglish ? u"/audio/translations"
                                                                    : u"/audio/transcriptions");
    http.apiKey = apiKey;
    const bool textual = format == OpenAiResponseFormat::Text ||
                         format == OpenAiResponseFormat::Srt || format == OpenAiResponseFormat::Vtt;
    http.headers.append({"Accept", stream    ? QByteArray("text/event-stream")
                                   : textual ? QByteArray("text/plain")
                                             : QByteArray("application/json")});
    http.transferTimeout = std::chrono::milliseconds(
        intOption(profile, "transfer_timeout_ms", kDefaultTransferTimeoutMs));
    http.multipart = multipartFactory(info.absoluteFilePath(), uploadName(info), mimeType,
                                      formFields(profile, caps, request, format, stream));
    auto streamState = std::make_shared<StreamState>();
    if (stream) {
        auto onPartial = progress.onPartialText;
        http.onChunk = [streamState, onPartial](const QByteArray &chunk) {
            streamState->raw += chunk;
            if (streamState->parser.feed(chunk) && onPartial)
                onPartial(streamState->parser.textSoFar());
        };
    }

    Result<HttpResponse> response;
    { // the hooks live exactly as long as the request
        const StageHooks hooks(control, progress);
        response = co_await sendHttp(nam, std::move(http), retry, name, control);
    }
    if (!response)
        co_return response.error();
    if (progress.onStage)
        progress.onStage(TranscriptionProgress::Stage::Receiving, 1.0);

    Result<Transcript> transcript;
    if (stream && response->header("content-type").contains("text/event-stream")) {
        streamState->parser.finish();
        transcript = streamState->parser.result();
        if (transcript && !streamState->parser.complete()) {
            // Part of the text, not all of it: never a result (the parser alone accepts it).
            Error e = makeError(ErrorCode::ParseError,
                                Tr::tr("The transcript stream ended before it was complete; try "
                                       "again."),
                                QString::fromUtf8(streamState->raw.right(200)));
            e.retryable = true;
            transcript = e;
        }
    } else {
        const QByteArray &body = stream ? streamState->raw : response->body;
        transcript = parseOpenAiTranscription(body, format);
    }
    if (!transcript) {
        // The parsers speak of "the service"; the user needs to know which one.
        Error e = withRequest(transcript.error(), *response);
        e.message = Tr::tr("%1: %2").arg(name, e.message);
        co_return e;
    }
    transcript->provider = profile.id;
    transcript->model = profile.model;
    transcript->requestId = withRequest(Error{}, *response).requestId;
    co_return transcript;
}

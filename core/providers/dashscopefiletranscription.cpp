#include "dashscopefiletranscription.h"

#include "dashscopeparsers.h"
#include "dashscopeprogress.h"
#include "dashscoperegions.h"
#include "dashscoperequests.h"
#include "dashscopeupload.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DashScope)
};

constexpr int kDefaultPollMs = 1000;      // DS-PY BaseAsyncApi.wait
constexpr int kDefaultMaxPollMs = 5000;   // idem
constexpr int kTransientPollFailures = 3; // DS-PY retries connection errors 3 times
constexpr int kTransferTimeoutMs = 600000;

int intOption(const ProviderProfile &p, const QString &key, int fallback)
{
    bool ok = false;
    const int v = p.options.value(key).toInt(&ok);
    return ok && v > 0 ? v : fallback;
}

Error cancelledError()
{
    return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
}

} // namespace

struct DashScopeFileTranscriptionClient::Context {
    QPointer<QNetworkAccessManager> nam;
    ProviderProfile profile;
    QByteArray apiKey;
    RetryPolicy retry;
    QString name;
    milliseconds pollInitial{kDefaultPollMs}, pollMax{kDefaultMaxPollMs};
    std::function<void(const DashScopePendingTask &)> submitted;
    std::function<void(const QString &)> ended;
    bool keepTasksOnCancel = false;

    void end(const QString &taskId) const
    {
        if (ended)
            ended(taskId);
    }
    Error hinted(Error e, const QUrl &base) const
    {
        return withDashScopeRegionHint(std::move(e), profile, base);
    }
    milliseconds transferTimeout() const
    {
        return milliseconds(intOption(profile, u"transfer_timeout_ms"_s, kTransferTimeoutMs));
    }
    HttpRequest request(QByteArray method, QUrl url) const
    {
        HttpRequest r;
        r.method = std::move(method);
        r.url = std::move(url);
        r.apiKey = apiKey;
        r.headers = dashScopeCommonHeaders(profile);
        r.headers.append({QByteArray("Accept"), "application/json"});
        r.transferTimeout = transferTimeout();
        return r;
    }
};

namespace {

using Context = DashScopeFileTranscriptionClient::Context;
using ContextPtr = std::shared_ptr<Context>;

// Best effort: DashScope cancels only PENDING tasks; a failure changes nothing for the user.
QCoro::Task<> cancelRemoteTask(ContextPtr ctx, QUrl base, QString taskId)
{
    HttpRequest r =
        ctx->request("POST", dashScopeEndpoint(base, QString(u"/tasks/"_s + taskId + u"/cancel")));
    r.transferTimeout = milliseconds(10000);
    RetryPolicy once;
    once.maxRetries = 0;
    (void)co_await sendHttp(ctx->nam.data(), std::move(r), once, ctx->name,
                            std::make_shared<HttpControl>());
}

QString failureHint(const QString &code)
{
    const QString c = code.toLower();
    if (c.contains(u"download") || c.contains(u"403") || c.contains(u"forbidden") ||
        c.contains(u"404"))
        return Tr::tr("DashScope could not fetch the audio: a URL must be publicly reachable.");
    return {};
}

Error taskFailure(const QString &code, const QString &message, const QString &requestId)
{
    QString text = Tr::tr("DashScope could not transcribe the file: %1")
                       .arg(message.isEmpty() ? code : message);
    if (const QString hint = failureHint(code); !hint.isEmpty())
        text += u' ' + hint;
    Error e =
        makeError(ErrorCode::Provider, text, code.isEmpty() ? message : code + u": "_s + message);
    e.providerCode = code;
    e.requestId = requestId;
    return e;
}

// Downloads and parses the results of a SUCCEEDED task: the subtasks of `fileUrl` (all of them
// when none names it).
QCoro::Task<Result<Transcript>> fetchResults(ContextPtr ctx, DashScopeTask task, QString fileUrl,
                                             std::shared_ptr<HttpControl> control,
                                             TranscriptionProgress progress)
{
    QList<DashScopeSubtask> mine;
    for (const DashScopeSubtask &s : std::as_const(task.subtasks)) {
        if (!fileUrl.isEmpty() && s.fileUrl == fileUrl)
            mine.append(s);
    }
    if (mine.isEmpty())
        mine = task.subtasks;
    if (mine.isEmpty()) {
        ctx->end(task.taskId);
        co_return makeError(ErrorCode::ParseError,
                            Tr::tr("DashScope reported the task as done but named no result."),
                            task.taskId);
    }
    for (const DashScopeSubtask &s : std::as_const(mine)) {
        if (!s.succeeded()) {
            ctx->end(task.taskId);                           // nothing to come back for
            if (s.code == u"SUCCESS_WITH_NO_VALID_FRAGMENT") // no speech at all
                co_return Transcript{};
            co_return taskFailure(s.code.isEmpty() ? s.status : s.code, s.message, task.requestId);
        }
    }
    Transcript out;
    QStringList texts;
    for (const DashScopeSubtask &s : std::as_const(mine)) {
        const QUrl url(s.transcriptionUrl);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http"))
            co_return makeError(ErrorCode::ParseError,
                                Tr::tr("DashScope named an invalid result address."),
                                s.transcriptionUrl.left(200));
        // A pre-signed OSS URL: a plain GET without Authorization or workspace headers, over
        // https even when DashScope names http (dashScopeResultUrl).
        HttpRequest get;
        get.url = dashScopeResultUrl(url, ctx->profile.allowPlainHttp);
        get.headers = {{"Accept", "application/json"}};
        get.transferTimeout = ctx->transferTimeout();
        Result<HttpResponse> r;
        {
            const DashScopeStageHooks hooks(control, progress, false, true);
            r = co_await sendHttp(ctx->nam.data(), std::move(get), ctx->retry, ctx->name, control);
        }
        if (!r) {
            Error e = r.error();
            if (e.httpStatus == 403 || e.httpStatus == 404) {
                e.message =
                    Tr::tr("The result of DashScope task %1 is no longer available (DashScope "
                           "keeps results for 24 hours). Transcribe the file again.")
                        .arg(task.taskId);
                e.retryable = false;
                ctx->end(task.taskId);
            }
            co_return e;
        }
        Result<Transcript> t = parseDashScopeTranscription(r->body);
        if (!t)
            co_return t.error();
        texts.append(t->text);
        out.segments.append(t->segments);
        out.duration = std::max(out.duration, t->duration);
        if (out.language.isEmpty())
            out.language = t->language;
    }
    std::stable_sort(
        out.segments.begin(), out.segments.end(),
        [](const TranscriptSegment &a, const TranscriptSegment &b) { return a.start < b.start; });
    out.text = texts.join(u'\n').trimmed();
    if (progress.onStage)
        progress.onStage(TranscriptionProgress::Stage::Receiving, 1.0);
    ctx->end(task.taskId);
    co_return out;
}

// Polls task `taskId` until it ends, then fetches its results.
QCoro::Task<Result<Transcript>> pollTask(ContextPtr ctx, QUrl base, QString taskId, QString fileUrl,
                                         DashScopeTaskState lastState, bool sleepFirst,
                                         std::shared_ptr<HttpControl> control,
                                         TranscriptionProgress progress)
{
    // On cancel: a PENDING task is cancelled on the server, unless tasks are being kept (the
    // application is shutting down and will resume them).
    auto onCancel = [ctx, base, taskId](DashScopeTaskState state) -> QCoro::Task<Error> {
        if (ctx->nam && !ctx->keepTasksOnCancel) {
            if (state == DashScopeTaskState::Pending || state == DashScopeTaskState::Suspended)
                co_await cancelRemoteTask(ctx, base, taskId);
            if (!ctx->keepTasksOnCancel)
                ctx->end(taskId);
        }
        co_return cancelledError();
    };
    if (progress.onStage)
        progress.onStage(TranscriptionProgress::Stage::Waiting, -1.0);
    int sleeps = 0;
    int transient = 0;
    qint64 retryAfterMs = -1; // what the last failed poll asked for (Retry-After)
    for (bool first = true;; first = false) {
        if (!first || sleepFirst) {
            milliseconds delay = dashScopePollDelay(sleeps++, ctx->pollInitial, ctx->pollMax);
            // A throttled poll waits at least as long as the server asked (within the policy's
            // limit), never less than the usual backoff.
            if (retryAfterMs > 0)
                delay = std::max(delay,
                                 milliseconds(std::min(retryAfterMs, ctx->retry.maxRetryAfterMs)));
            retryAfterMs = -1;
            if (!co_await cancellableSleep(delay, control))
                co_return co_await onCancel(lastState);
        }
        HttpRequest get =
            ctx->request("GET", dashScopeEndpoint(base, QString(u"/tasks/"_s + taskId)));
        RetryPolicy once = ctx->retry;
        once.maxRetries = 0; // this loop decides what to repeat
        Result<HttpResponse> r =
            co_await sendHttp(ctx->nam.data(), std::move(get), once, ctx->name, control);
        if (control->isCancelled())
            co_return co_await onCancel(lastState);
        if (!r) {
            const Error &e = r.error();
            if (e.code == ErrorCode::Cancelled) // the network manager went away
                co_return e;
            retryAfterMs = e.retryAfterMs;
            if (e.httpStatus == 503 || e.httpStatus == 504) // DS-PY REPEATABLE_STATUS
                continue;
            if (e.retryable && ++transient <= kTransientPollFailures)
                continue;
            co_return ctx->hinted(e, base);
        }
        transient = 0;
        Result<DashScopeTask> task = parseDashScopeTask(r->body);
        if (!task)
            co_return task.error();
        lastState = task->state;
        switch (task->state) {
        case DashScopeTaskState::Pending:
        case DashScopeTaskState::Running:
        case DashScopeTaskState::Suspended:
            continue;
        case DashScopeTaskState::Succeeded:
            if (task->taskId.isEmpty())
                task->taskId = taskId;
            co_return co_await fetchResults(ctx, std::move(*task), fileUrl, control, progress);
        case DashScopeTaskState::Failed: {
            ctx->end(taskId);
            if (task->code == u"SUCCESS_WITH_NO_VALID_FRAGMENT")
                co_return Transcript{};
            // Fun-ASR puts the reason into its subtasks.
            QString code = task->code, message = task->message;
            for (const DashScopeSubtask &s : std::as_const(task->subtasks)) {
                if (code.isEmpty() && message.isEmpty()) {
                    code = s.code;
                    message = s.message;
                }
            }
            co_return taskFailure(code.isEmpty() ? task->status : code, message, task->requestId);
        }
        case DashScopeTaskState::Canceled:
            ctx->end(taskId);
            co_return makeError(ErrorCode::Cancelled,
                                Tr::tr("The DashScope task %1 was cancelled.").arg(taskId));
        case DashScopeTaskState::Unknown:
            ctx->end(taskId);
            co_return makeError(
                ErrorCode::Provider,
                Tr::tr("DashScope does not know the task %1: it does not exist or has "
                       "expired (results are kept for 24 hours).")
                    .arg(taskId));
        }
    }
}

} // namespace

DashScopeFileTranscriptionClient::DashScopeFileTranscriptionClient(QNetworkAccessManager *nam,
                                                                   ProviderProfile profile,
                                                                   QByteArray apiKey,
                                                                   RetryPolicy retry)
    : m_context(std::make_shared<Context>())
{
    m_context->nam = nam;
    m_context->name = dashScopeProviderName(profile);
    m_context->pollInitial =
        milliseconds(intOption(profile, u"poll_interval_ms"_s, kDefaultPollMs));
    m_context->pollMax =
        std::max(m_context->pollInitial,
                 milliseconds(intOption(profile, u"poll_max_interval_ms"_s, kDefaultMaxPollMs)));
    m_context->profile = std::move(profile);
    m_context->apiKey = std::move(apiKey);
    m_context->retry = retry;
}

DashScopeFileTranscriptionClient::~DashScopeFileTranscriptionClient() = default;

ProviderCapabilities DashScopeFileTranscriptionClient::capabilities() const
{
    return m_context->profile.capabilities();
}

void DashScopeFileTranscriptionClient::setTaskCallbacks(
    std::function<void(const DashScopePendingTask &)> submitted,
    std::function<void(const QString &)> ended)
{
    m_context->submitted = std::move(submitted);
    m_context->ended = std::move(ended);
}

void DashScopeFileTranscriptionClient::keepTasksOnCancel()
{
    m_context->keepTasksOnCancel = true;
}

QCoro::Task<Result<Transcript>>
DashScopeFileTranscriptionClient::transcribe(TranscriptionRequest request,
                                             std::shared_ptr<HttpControl> control,
                                             TranscriptionProgress progress)
{
    const ContextPtr ctx = m_context; // the client itself is not touched after this
    if (!control)
        control = std::make_shared<HttpControl>();
    const ProviderProfile &profile = ctx->profile;
    if (std::optional<Error> problem =
            dashScopeProfileProblem(profile, DashScopeApi::Native, ctx->apiKey))
        co_return *problem;
    if (!ctx->nam)
        co_return makeError(ErrorCode::Cancelled, Tr::tr("Shutting down."));
    if (request.translateToEnglish)
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("%1 cannot translate to English.").arg(ctx->name));
    const QUrl base = dashScopeBaseUrl(profile, DashScopeApi::Native);

    QString fileUrl = request.audioPath.trimmed();
    if (progress.onStage)
        progress.onStage(TranscriptionProgress::Stage::Uploading, 0.0);
    if (!isDashScopeRemoteInput(fileUrl)) {
        DashScopeUploadRequest upload;
        upload.nativeBase = base;
        upload.apiKey = ctx->apiKey;
        upload.headers = dashScopeCommonHeaders(profile);
        upload.model = profile.model; // the upload is bound to the model that will be called
        upload.filePath = request.audioPath;
        upload.mimeType = request.mimeType;
        upload.allowPlainHttp = profile.allowPlainHttp;
        upload.transferTimeout =
            milliseconds(intOption(profile, u"transfer_timeout_ms"_s, kTransferTimeoutMs));
        Result<QString> uploaded;
        {
            const DashScopeStageHooks hooks(control, progress, true, false);
            uploaded = co_await uploadToDashScopeStorage(ctx->nam.data(), std::move(upload),
                                                         ctx->retry, ctx->name, control);
        }
        if (!uploaded)
            co_return ctx->hinted(uploaded.error(), base);
        fileUrl = *uploaded;
    }

    HttpRequest submit =
        ctx->request("POST", dashScopeEndpoint(base, u"/services/audio/asr/transcription"));
    submit.headers.append({QByteArray("Content-Type"), "application/json"});
    submit.headers.append({QByteArray("X-DashScope-Async"), "enable"});
    if (isOssUrl(fileUrl))
        submit.headers.append({QByteArray("X-DashScope-OssResourceResolve"), "enable"});
    submit.body = QJsonDocument(dashScopeSubmitBody(profile, fileUrl, request.language))
                      .toJson(QJsonDocument::Compact);
    Result<HttpResponse> submitted =
        co_await sendHttp(ctx->nam.data(), std::move(submit), ctx->retry, ctx->name, control);
    if (!submitted)
        co_return ctx->hinted(submitted.error(), base);
    Result<DashScopeTask> task = parseDashScopeTask(submitted->body);
    if (!task)
        co_return task.error();
    if (task->taskId.isEmpty())
        co_return makeError(ErrorCode::ParseError,
                            Tr::tr("DashScope accepted the file but sent no "
                                   "task id."),
                            QString::fromUtf8(submitted->body.left(200)));
    if (ctx->submitted) {
        DashScopePendingTask record;
        record.taskId = task->taskId;
        record.profileId = profile.id;
        record.kind = profile.kind;
        record.model = profile.model;
        record.baseUrl = base;
        record.fileUrl = fileUrl;
        record.audioName = isDashScopeRemoteInput(request.audioPath)
                               ? request.audioPath
                               : QFileInfo(request.audioPath).fileName();
        record.submittedAt = QDateTime::currentDateTimeUtc();
        record.durationMs = request.durationMs;
        ctx->submitted(record);
    }
    Result<Transcript> result =
        co_await pollTask(ctx, base, task->taskId, fileUrl, task->state, true, control, progress);
    if (!result)
        co_return result;
    result->provider = profile.id;
    result->model = profile.model;
    result->requestId = task->taskId;
    if (result->language.isEmpty())
        result->language = request.language;
    co_return result;
}

QCoro::Task<Result<Transcript>> DashScopeFileTranscriptionClient::resume(
    DashScopePendingTask task, std::shared_ptr<HttpControl> control, TranscriptionProgress progress)
{
    const ContextPtr ctx = m_context;
    if (!control)
        control = std::make_shared<HttpControl>();
    if (!task.isValid())
        co_return makeError(ErrorCode::InvalidArgument, Tr::tr("The stored DashScope task is "
                                                               "incomplete."));
    if (task.expired(QDateTime::currentDateTimeUtc())) {
        ctx->end(task.taskId);
        co_return makeError(
            ErrorCode::Provider,
            Tr::tr("The results of DashScope task %1 have expired (they are kept for "
                   "24 hours). Transcribe the file again.")
                .arg(task.taskId));
    }
    ProviderProfile profile = ctx->profile;
    profile.baseUrl = task.baseUrl;
    if (std::optional<Error> problem =
            dashScopeProfileProblem(profile, DashScopeApi::Native, ctx->apiKey))
        co_return *problem;
    if (!ctx->nam)
        co_return makeError(ErrorCode::Cancelled, Tr::tr("Shutting down."));
    Result<Transcript> result =
        co_await pollTask(ctx, task.baseUrl, task.taskId, task.fileUrl, DashScopeTaskState::Running,
                          false, control, std::move(progress));
    if (!result)
        co_return result;
    result->provider = task.profileId;
    result->model = task.model;
    result->requestId = task.taskId;
    co_return result;
}

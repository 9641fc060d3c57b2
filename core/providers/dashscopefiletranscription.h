#pragma once

#include "dashscopetaskstore.h"
#include "transcriptionclient.h"

#include <QNetworkAccessManager>
#include <QPointer>

#include <functional>
#include <memory>

// DashScope asynchronous file transcription (PROTOCOLS C.1): Fun-ASR and Paraformer (kind
// "dashscope-funasr": input.file_urls, output.results[]) and Qwen3-ASR-Flash-Filetrans (kind
// "dashscope-filetrans": input.file_url, output.result).
//
// transcribe(): a local audioPath is put into DashScope's temporary storage first (C.2, see
// dashscopeupload.h) and called by its oss:// URL with X-DashScope-OssResourceResolve; an
// audioPath that is an http(s):// or oss:// URL (a public URL the user pasted) is sent as is.
// The task is submitted with X-DashScope-Async, then GET /tasks/{id} is polled with the SDK's
// backoff (1 s growing to 5 s; options "poll_interval_ms" and "poll_max_interval_ms" change it),
// through 503/504 answers and up to 3 consecutive connection or other transient failures (waiting
// at least as long as a Retry-After asks), until SUCCEEDED, FAILED, CANCELED or UNKNOWN. Every
// succeeded subtask's transcription_url is then downloaded without credentials (over https, see
// dashScopeResultUrl) and parsed (dashscopeparsers.h): word timestamps, sentences,
// speakers with diarization, per-sentence language and emotion. A failed subtask of the
// submitted file is an error with DashScope's code and message.
//
// Cancelling through the HttpControl cancels a still PENDING task on the server (POST
// /tasks/{id}/cancel) and reports the task as ended; after keepTasksOnCancel() (call it before
// shutting down) a cancel leaves the task alone so it can be resumed from the project.
//
// Lifetime: coroutines copy what they need when they start and never touch the client
// afterwards, so the client may be destroyed while one runs; the QNetworkAccessManager may go
// away too (the call then ends with Cancelled). GUI thread only.
class DashScopeFileTranscriptionClient : public TranscriptionClient {
public:
    DashScopeFileTranscriptionClient(QNetworkAccessManager *nam, ProviderProfile profile,
                                     QByteArray apiKey, RetryPolicy retry = {});
    ~DashScopeFileTranscriptionClient() override;

    ProviderCapabilities capabilities() const override;
    QCoro::Task<Result<Transcript>> transcribe(TranscriptionRequest request,
                                               std::shared_ptr<HttpControl> control,
                                               TranscriptionProgress progress) override;

    // Polls a task submitted earlier (a record from DashScopeTaskStore) until it ends and returns
    // its transcript (times relative to the submitted audio; add task.mediaOffsetMs). Polls at
    // once, then with the usual backoff. An expired record fails without a request.
    QCoro::Task<Result<Transcript>> resume(DashScopePendingTask task,
                                           std::shared_ptr<HttpControl> control,
                                           TranscriptionProgress progress);

    // `submitted` is called once a task has been accepted (store the record to resume later);
    // `ended` when the task needs no resuming any more: it finished, failed, was cancelled or its
    // results expired. Called on the GUI thread, also for tasks started before the call.
    void setTaskCallbacks(std::function<void(const DashScopePendingTask &)> submitted,
                          std::function<void(const QString &taskId)> ended);
    // From now on a cancel leaves DashScope tasks running and their records in place.
    void keepTasksOnCancel();

    struct Context; // shared with running coroutines

private:
    std::shared_ptr<Context> m_context;
};

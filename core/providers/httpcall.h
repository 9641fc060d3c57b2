#pragma once

#include "providererror.h"
#include "result.h"

#include <QCoroTask>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class QHttpMultiPart;
class QNetworkAccessManager;
class QNetworkReply;

// One HTTP request as provider clients describe it. Bodies are rebuilt for every attempt
// (a multipart body streams its file and can be sent only once).
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    RawHeaders headers;
    QByteArray apiKey; // sent as "Authorization: Bearer <key>"; never logged
    QByteArray body;   // JSON or other in-memory body
    std::function<QHttpMultiPart *()> multipart;       // streamed multipart body (takes precedence)
    std::chrono::milliseconds transferTimeout{120000}; // abort when nothing moves this long
    // Called with each chunk of the response body as it arrives (streams); the final
    // HttpResponse::body then holds only what was not consumed (nothing for streams).
    std::function<void(const QByteArray &)> onChunk;
};

struct HttpResponse {
    int status = 0;
    QByteArray body;
    RawHeaders headers;
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
};

struct RetryPolicy {
    int maxRetries = 3;              // attempts after the first
    qint64 maxRetryAfterMs = 120000; // a longer requested delay is reported, not waited for
    qint64 initialBackoffMs = 500;   // exponential: 0.5 s, 1 s, 2 s, ... capped
    qint64 maxBackoffMs = 8000;
};

// Shared control of one in-flight call: progress callbacks, cancellation, and the current reply.
// The object that owns a provider job owns this and calls cancel() when it is destroyed, so a
// request never outlives its job ("abort on destruction"). GUI thread only.
class HttpControl : public QObject {
    Q_OBJECT
public:
    void cancel();
    bool isCancelled() const { return m_cancelled; }

    std::function<void(qint64 sent, qint64 total)> onUploadProgress;
    std::function<void(qint64 received, qint64 total)> onDownloadProgress;
    std::function<void(int attempt, qint64 delayMs, const Error &reason)> onRetry;

Q_SIGNALS:
    void cancelled();

private:
    friend struct HttpCallAccess;
    bool m_cancelled = false;
    QPointer<QNetworkReply> m_reply;
};

// Sends `request` through `nam`, retrying connection failures and retryable HTTP errors with
// exponential backoff and jitter, honouring Retry-After up to the policy's limit (never retrying
// quota errors). Returns the 2xx response, or the last error (ErrorCode::Cancelled after
// cancel()). A 2xx answer cut short by the network (reset, stall mid-body) is a retryable
// ErrorCode::Network failure, never a result. A stream is retried only until its first byte
// arrived. `provider` names the service in messages; the request's key never appears in an
// error (a server echoing it is masked). Logs through the "captioneer.providers" category with
// credentials redacted.
QCoro::Task<Result<HttpResponse>> sendHttp(QNetworkAccessManager *nam, HttpRequest request,
                                           RetryPolicy policy, QString provider,
                                           std::shared_ptr<HttpControl> control);

// A sleep that ends early on cancellation; true when it slept the full time.
QCoro::Task<bool> cancellableSleep(std::chrono::milliseconds delay,
                                   std::shared_ptr<HttpControl> control);

// The URL with query values that look like credentials replaced by "***", for logs.
QString redactedUrl(const QUrl &url);

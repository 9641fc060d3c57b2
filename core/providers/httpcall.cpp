#include "httpcall.h"

#include "providerlog.h"

#include <QCoroNetworkReply>
#include <QCoroSignal>
#include <QCoroTimer>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>

struct HttpCallAccess {
    static void setReply(HttpControl &c, QNetworkReply *r) { c.m_reply = r; }
    static QNetworkReply *reply(HttpControl &c) { return c.m_reply; }
};

void HttpControl::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
    Q_EMIT cancelled();
}

QString redactedUrl(const QUrl &url)
{
    QUrl copy = url;
    copy.setUserInfo({});
    QUrlQuery query(copy);
    const auto items = query.queryItems();
    for (const auto &[key, value] : items) {
        const QString k = key.toLower();
        if (k.contains(u"key") || k.contains(u"token") || k.contains(u"signature") ||
            k.contains(u"secret")) {
            query.removeAllQueryItems(key);
            query.addQueryItem(key, QStringLiteral("***"));
        }
    }
    copy.setQuery(query);
    return copy.toString();
}

namespace {

QNetworkRequest buildRequest(const HttpRequest &r)
{
    QNetworkRequest req(r.url);
    for (const auto &[name, value] : r.headers)
        req.setRawHeader(name, value);
    if (!r.apiKey.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + r.apiKey);
    req.setTransferTimeout(int(r.transferTimeout.count()));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);
    return req;
}

// A server that echoes the key it was sent (in an error message, a debugging proxy's page) must not
// carry it into messages, logs or files: every copy becomes "***".
Error withoutKey(Error e, const QByteArray &key)
{
    if (key.size() < 8) // too short to be a key, and too likely to match ordinary text
        return e;
    const QString k = QString::fromUtf8(key);
    const QString hidden = QStringLiteral("***");
    e.message.replace(k, hidden);
    e.detail.replace(k, hidden);
    e.providerCode.replace(k, hidden);
    e.requestId.replace(k, hidden);
    return e;
}

qint64 backoffMs(const RetryPolicy &policy, int retry)
{
    const double base = double(policy.initialBackoffMs) * std::pow(2.0, retry);
    const double capped = std::min(base, double(policy.maxBackoffMs));
    const double jitter = 0.75 + 0.25 * QRandomGenerator::global()->generateDouble();
    return qint64(capped * jitter);
}

} // namespace

QCoro::Task<bool> cancellableSleep(std::chrono::milliseconds delay,
                                   std::shared_ptr<HttpControl> control)
{
    if (control->isCancelled())
        co_return false;
    QTimer timer;
    timer.setSingleShot(true);
    timer.start(delay);
    // Cancelling restarts the timer with no delay, so the wait ends at once.
    QObject::connect(control.get(), &HttpControl::cancelled, &timer, [&timer] { timer.start(0); });
    // QCoro's timer awaiter, not qCoro(&timer, &QTimer::timeout): a signal with a QPrivateSignal
    // argument makes Qt 6.4 bind a reference to null in the awaiter's slot (UBSan finding).
    co_await timer;
    co_return !control->isCancelled();
}

QCoro::Task<Result<HttpResponse>> sendHttp(QNetworkAccessManager *nam, HttpRequest request,
                                           RetryPolicy policy, QString provider,
                                           std::shared_ptr<HttpControl> control)
{
    const QPointer<QNetworkAccessManager> guardNam(nam);
    const Error cancelledError =
        makeError(ErrorCode::Cancelled, QCoreApplication::translate("HttpCall", "Cancelled."));
    for (int attempt = 0;; ++attempt) {
        if (control->isCancelled())
            co_return cancelledError;
        if (!guardNam)
            co_return makeError(ErrorCode::Cancelled,
                                QCoreApplication::translate("HttpCall", "Shutting down."));
        const QNetworkRequest req = buildRequest(request);
        QNetworkReply *reply = nullptr;
        if (request.multipart) {
            QHttpMultiPart *body = request.multipart();
            reply = nam->sendCustomRequest(req, request.method, body);
            body->setParent(reply);
        } else {
            reply = nam->sendCustomRequest(req, request.method, request.body);
        }
        HttpCallAccess::setReply(*control, reply);
        QElapsedTimer clock;
        clock.start();
        qCDebug(lcProviders).noquote()
            << provider << request.method << redactedUrl(request.url) << "attempt" << attempt + 1;

        bool streamed = false;
        QObject::connect(reply, &QNetworkReply::uploadProgress, reply,
                         [control](qint64 sent, qint64 total) {
                             // Qt ends an upload with a meaningless (0, 0): not progress.
                             if (total <= 0)
                                 return;
                             if (control->onUploadProgress && !control->isCancelled())
                                 control->onUploadProgress(sent, total);
                         });
        QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                         [control](qint64 received, qint64 total) {
                             if (control->onDownloadProgress && !control->isCancelled())
                                 control->onDownloadProgress(received, total);
                         });
        if (request.onChunk) {
            QObject::connect(reply, &QNetworkReply::readyRead, reply, [&, reply] {
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status < 200 || status >= 300 || control->isCancelled())
                    return; // error bodies are read whole at the end
                streamed = true;
                request.onChunk(reply->readAll());
            });
        }
        co_await reply;

        std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> owner(
            reply, [](QNetworkReply *r) { r->deleteLater(); });
        HttpCallAccess::setReply(*control, nullptr);
        if (control->isCancelled())
            co_return cancelledError;

        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool answered = status >= 200 && status < 300;
        HttpResponse response;
        response.status = status;
        response.headers = reply->rawHeaderPairs();
        Error error;
        if (answered && reply->error() == QNetworkReply::NoError) {
            response.body = reply->readAll();
            if (request.onChunk && !response.body.isEmpty()) {
                request.onChunk(response.body);
                response.body.clear();
            }
            qCInfo(lcProviders).noquote()
                << provider << request.method << redactedUrl(request.url) << status << "in"
                << clock.elapsed() << "ms request"
                << QString::fromLatin1(headerValue(response.headers, "x-request-id"));
            co_return response;
        }
        if (status > 0 && !answered) {
            error = providerHttpError(provider, status, reply->readAll(), response.headers);
        } else {
            // No answer at all, or a 2xx answer that the network cut short (a reset, a stall
            // in the middle of the body): a connection failure, not what the server said.
            error = providerNetworkError(provider, reply->error(), reply->errorString());
            if (answered && reply->error() == QNetworkReply::RemoteHostClosedError)
                error.message = QCoreApplication::translate(
                                    "HttpCall", "%1 closed the connection in the middle of its "
                                                "answer.")
                                    .arg(provider);
            if (streamed) // a stream cut after data arrived: not safe to replay
                error.retryable = false;
        }
        error = withoutKey(std::move(error), request.apiKey);
        qCWarning(lcProviders).noquote() << provider << request.method << redactedUrl(request.url)
                                         << "failed:" << error.toString();
        if (!error.retryable || attempt >= policy.maxRetries || streamed)
            co_return error;
        qint64 delay = error.retryAfterMs >= 0 ? error.retryAfterMs : backoffMs(policy, attempt);
        if (error.retryAfterMs > policy.maxRetryAfterMs)
            co_return error; // the server wants us to wait longer than we are willing to
        if (error.retryAfterMs == 0)
            delay = backoffMs(policy, attempt);
        if (control->onRetry)
            control->onRetry(attempt + 1, delay, error);
        if (!co_await cancellableSleep(std::chrono::milliseconds(delay), control))
            co_return cancelledError;
    }
}

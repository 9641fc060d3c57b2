#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// Turns whatever a provider answered with an HTTP error status into one Error, leniently:
// OpenAI {"error":{message,type,param,code}}, DashScope {code,message|msg,request_id},
// SiliconFlow {code,message,data} or a bare JSON string, HTML error pages, plain text.
// Fills httpStatus, providerCode, requestId (x-request-id, x-siliconcloud-trace-id or the body's
// request_id), retryable (408/409/429/5xx, x-should-retry; never quota or billing errors) and
// retryAfterMs (retry-after-ms, Retry-After seconds or HTTP date). The message is a translated
// sentence naming the provider and what to do; the provider's own words go to `detail`.
Error providerHttpError(const QString &provider, int status, const QByteArray &body,
                        const RawHeaders &headers);

// The same for failures without an HTTP response (refused, DNS, TLS, timeout, reset).
Error providerNetworkError(const QString &provider, QNetworkReply::NetworkError code,
                           const QString &errorString);

// Delay the server asked for, in ms, from retry-after-ms / Retry-After; -1 when absent or invalid.
qint64 retryAfterFromHeaders(const RawHeaders &headers);
QByteArray headerValue(const RawHeaders &headers, const QByteArray &name); // case-insensitive

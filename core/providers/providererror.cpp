#include "providererror.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProviderError)
};

// Largest delay a header can ask for (about 31 years): far beyond any retry policy, and within
// qint64 after any arithmetic on it. Converting a larger double to qint64 is undefined behaviour.
constexpr double kMaxHeaderDelayMs = 1e12;

QString jsonText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) // an integral code such as 20012; other numbers as written (1e+99)
        return std::abs(v.toDouble()) < 9e15 ? QString::number(qint64(v.toDouble()))
                                             : QString::number(v.toDouble());
    return {};
}

struct Parsed {
    QString message, code, type, requestId;
};

Parsed parseBody(const QByteArray &body)
{
    Parsed p;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        p.requestId = jsonText(o.value(QStringLiteral("request_id")));
        const QJsonValue nested = o.value(QStringLiteral("error"));
        if (nested.isObject()) {
            const QJsonObject e = nested.toObject();
            p.message = jsonText(e.value(QStringLiteral("message")));
            p.code = jsonText(e.value(QStringLiteral("code")));
            p.type = jsonText(e.value(QStringLiteral("type")));
        } else if (nested.isString()) {
            p.message = nested.toString();
        }
        if (p.message.isEmpty())
            p.message = jsonText(o.value(QStringLiteral("message")));
        if (p.message.isEmpty())
            p.message = jsonText(o.value(QStringLiteral("msg")));
        if (p.code.isEmpty())
            p.code = jsonText(o.value(QStringLiteral("code")));
        return p;
    }
    // A bare JSON string ("Invalid token") parses as a document only wrapped in an array.
    const QJsonDocument wrapped = QJsonDocument::fromJson("[" + body + "]");
    if (wrapped.isArray() && wrapped.array().size() == 1 && wrapped.array().at(0).isString()) {
        p.message = wrapped.array().at(0).toString();
        return p;
    }
    QString text = QString::fromUtf8(body).trimmed();
    if (text.startsWith(u'<') && text.contains(QStringLiteral("<Error>"))) {
        // Object storage (OSS, S3) errors: <Error><Code>..</Code><Message>..</Message></Error>.
        static const QRegularExpression code(QStringLiteral("<Code>([^<]{0,200})</Code>"));
        static const QRegularExpression message(QStringLiteral("<Message>([^<]{0,500})</Message>"));
        p.code = code.match(text).captured(1).trimmed();
        p.message = message.match(text).captured(1).trimmed();
        if (!p.code.isEmpty() || !p.message.isEmpty())
            return p;
    }
    if (text.startsWith(u'<')) { // an HTML error page from a proxy or gateway
        static const QRegularExpression title(QStringLiteral("<title>([^<]*)</title>"),
                                              QRegularExpression::CaseInsensitiveOption);
        const auto m = title.match(text);
        text =
            m.hasMatch() ? m.captured(1).trimmed() : Tr::tr("an HTML page instead of a response");
    }
    p.message = text.left(300);
    return p;
}

bool isQuotaOrBilling(const QString &code, const QString &type)
{
    static const QStringList permanent{
        QStringLiteral("insufficient_quota"),  QStringLiteral("Throttling.AllocationQuota"),
        QStringLiteral("Arrearage"),           QStringLiteral("PrepaidBillOverdue"),
        QStringLiteral("PostpaidBillOverdue"), QStringLiteral("CommodityNotPurchased"),
        QStringLiteral("LimitRequests"),       QStringLiteral("billing_hard_limit_reached")};
    return permanent.contains(code) || permanent.contains(type);
}

QString userMessage(const QString &provider, int status, const Parsed &p)
{
    if (isQuotaOrBilling(p.code, p.type))
        return Tr::tr(
                   "%1 refused the request because the account has no quota or credit left. Check "
                   "the plan and billing of this account.")
            .arg(provider);
    switch (status) {
    case 400:
    case 422:
        return Tr::tr("%1 rejected the request as invalid.").arg(provider);
    case 401:
        return Tr::tr("%1 rejected the API key. Check the key in Settings (and that it belongs to "
                      "this provider and region).")
            .arg(provider);
    case 403:
        return Tr::tr("%1 refused access: the key is not allowed to use this model or service.")
            .arg(provider);
    case 404:
        return Tr::tr(
                   "%1 does not know this address or model. Check the base URL and the model name.")
            .arg(provider);
    case 408:
        return Tr::tr("%1 timed out waiting for the request.").arg(provider);
    case 413:
        return Tr::tr("The file is too large for %1.").arg(provider);
    case 415:
        return Tr::tr("%1 cannot read this audio format.").arg(provider);
    case 429:
        return Tr::tr("%1 is rate limiting requests; try again later or lower the concurrency.")
            .arg(provider);
    default:
        break;
    }
    if (status >= 500)
        return Tr::tr("%1 had a server error (HTTP %2).").arg(provider).arg(status);
    return Tr::tr("%1 answered with HTTP %2.").arg(provider).arg(status);
}

} // namespace

QByteArray headerValue(const RawHeaders &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

qint64 retryAfterFromHeaders(const RawHeaders &headers)
{
    bool ok = false;
    const QByteArray ms = headerValue(headers, "retry-after-ms").trimmed();
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0)
            return qint64(std::min(v, kMaxHeaderDelayMs));
    }
    const QByteArray after = headerValue(headers, "retry-after").trimmed();
    if (after.isEmpty())
        return -1;
    const double seconds = after.toDouble(&ok);
    if (ok)
        return seconds >= 0 ? qint64(std::min(seconds * 1000.0, kMaxHeaderDelayMs)) : -1;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(after), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

Error providerHttpError(const QString &provider, int status, const QByteArray &body,
                        const RawHeaders &headers)
{
    const Parsed p = parseBody(body);
    Error e = makeError(ErrorCode::Provider, userMessage(provider, status, p), p.message);
    e.httpStatus = status;
    e.providerCode = !p.code.isEmpty() ? p.code : p.type;
    e.requestId = QString::fromLatin1(headerValue(headers, "x-request-id"));
    if (e.requestId.isEmpty())
        e.requestId = QString::fromLatin1(headerValue(headers, "x-siliconcloud-trace-id"));
    if (e.requestId.isEmpty())
        e.requestId = p.requestId;
    e.retryAfterMs = retryAfterFromHeaders(headers);
    const QByteArray should = headerValue(headers, "x-should-retry").trimmed().toLower();
    if (should == "true")
        e.retryable = true;
    else if (should == "false")
        e.retryable = false;
    else
        e.retryable = status == 408 || status == 409 || status == 429 || status >= 500;
    if (isQuotaOrBilling(p.code, p.type))
        e.retryable = false;
    return e;
}

Error providerNetworkError(const QString &provider, QNetworkReply::NetworkError code,
                           const QString &errorString)
{
    QString message;
    bool retryable = true;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        message = Tr::tr("%1 refused the connection. Check the base URL and that the server runs.");
        break;
    case QNetworkReply::HostNotFoundError:
        message =
            Tr::tr("The address of %1 could not be found. Check the base URL and the network.");
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt reports a transfer timeout as cancelled
        message = Tr::tr("%1 did not answer in time.");
        break;
    case QNetworkReply::RemoteHostClosedError:
        message = Tr::tr("%1 closed the connection before answering.");
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        message = Tr::tr("The secure connection to %1 failed: its certificate is not trusted.");
        retryable = false;
        break;
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        message = Tr::tr("The base URL of %1 is not a valid http(s) address.");
        retryable = false;
        break;
    default:
        message = Tr::tr("The connection to %1 failed.");
        break;
    }
    Error e = makeError(ErrorCode::Network, message.arg(provider), errorString);
    e.retryable = retryable;
    return e;
}

#include "connectiontest.h"

#include "dashscopeprofiles.h"
#include "dashscoperegions.h"
#include "httpcall.h"
#include "providererror.h"
#include "providerregistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ConnectionTest)
};

QUrl appendPath(QUrl url, const QString &path)
{
    QString p = url.path();
    while (p.endsWith(u'/'))
        p.chop(1);
    url.setPath(p + path);
    return url;
}

} // namespace

QCoro::Task<Result<QString>> testProviderConnection(ProviderProfile profile,
                                                    QNetworkAccessManager *nam, QByteArray apiKey)
{
    const QString name = profile.displayName.isEmpty() ? profile.id : profile.displayName;
    if (profile.kind == u"local") {
        // Creating the engine checks its model files; nothing goes over the network.
        auto client = createTranscriptionClient(profile, nam, apiKey);
        if (!client)
            co_return client.error();
        co_return Tr::tr("The offline engine is ready.");
    }
    if (const QString problem = insecureUrlProblem(profile); !problem.isEmpty())
        co_return makeError(ErrorCode::InvalidArgument, problem);
    if (profile.needsKey() && apiKey.isEmpty())
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("%1 needs an API key. Enter it and try again.").arg(name));

    HttpRequest request;
    request.apiKey = apiKey;
    request.transferTimeout = std::chrono::milliseconds(
        profile.options.value(QStringLiteral("transfer_timeout_ms"), 20000).toLongLong());
    const bool dashScope = isDashScopeKind(profile.kind);
    if (dashScope) {
        const QUrl base = dashScopeBaseUrl(profile, DashScopeApi::Native);
        if (base.isEmpty())
            co_return makeError(ErrorCode::InvalidArgument,
                                Tr::tr("%1: choose a region (or a workspace id) first.").arg(name));
        request.url =
            dashScopeEndpoint(base, QString(QStringLiteral("/tasks/") +
                                            QUuid::createUuid().toString(QUuid::WithoutBraces)));
    } else {
        request.url = appendPath(profile.baseUrl, QStringLiteral("/models"));
    }
    RetryPolicy policy;
    policy.maxRetries = 1;
    auto control = std::make_shared<HttpControl>();
    auto reply = co_await sendHttp(nam, std::move(request), policy, name, control);
    if (!reply) {
        const int status = reply.error().httpStatus;
        // DashScope answers an unknown task id with 404 (or 400) once the key is accepted.
        if (dashScope && (status == 404 || status == 400))
            co_return Tr::tr("Connected to %1; the key is accepted.").arg(name);
        // Some compatible servers have no model list, but they answered: the address works.
        if (!dashScope && (status == 404 || status == 405))
            co_return Tr::tr("Connected to %1 (it has no model list, which is fine).").arg(name);
        co_return reply.error();
    }
    if (dashScope)
        co_return Tr::tr("Connected to %1; the key is accepted.").arg(name);
    const QJsonArray models =
        QJsonDocument::fromJson(reply->body).object().value(QStringLiteral("data")).toArray();
    if (models.isEmpty())
        co_return Tr::tr("Connected to %1.").arg(name);
    co_return QCoreApplication::translate(
        "ConnectionTest", "Connected to %1: %n model(s) available.", nullptr, int(models.size()))
        .arg(name);
}

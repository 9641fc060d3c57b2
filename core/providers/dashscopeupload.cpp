#include "dashscopeupload.h"

#include "dashscopeparsers.h"
#include "dashscoperegions.h"
#include "dashscoperequests.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DashScope)
};

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    const QHostAddress address(host);
    return host == u"localhost" || (!address.isNull() && address.isLoopback());
}

// The OSS form: the policy's text fields in order, then the file (which must be last).
std::function<QHttpMultiPart *()> ossForm(QList<QPair<QByteArray, QByteArray>> fields, QString path,
                                          QString filename, QString mimeType)
{
    return [fields, path, filename, mimeType]() {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        for (const auto &[name, value] : fields) {
            QHttpPart part;
            part.setRawHeader("Content-Disposition", "form-data; name=\"" + name + "\"");
            part.setBody(value);
            multipart->append(part);
        }
        QHttpPart filePart;
        filePart.setRawHeader("Content-Disposition",
                              "form-data; name=\"file\"; filename=\"" + filename.toUtf8() + "\"");
        filePart.setRawHeader("Content-Type", mimeType.toUtf8());
        auto *file = new QFile(path, multipart);
        if (file->open(QIODevice::ReadOnly))
            filePart.setBodyDevice(file);
        multipart->append(filePart);
        return multipart;
    };
}

} // namespace

QCoro::Task<Result<QString>> uploadToDashScopeStorage(QNetworkAccessManager *nam,
                                                      DashScopeUploadRequest request,
                                                      RetryPolicy retry, QString provider,
                                                      std::shared_ptr<HttpControl> control)
{
    const QPointer<QNetworkAccessManager> guard(nam);
    if (!control)
        control = std::make_shared<HttpControl>();
    const QFileInfo info(request.filePath);
    if (!info.isFile() || !info.isReadable()) {
        Error e = makeError(ErrorCode::IoError, Tr::tr("The audio file cannot be read."));
        e.file = request.filePath;
        co_return e;
    }

    // 1. The policy, for exactly the model that will be called.
    HttpRequest policyRequest;
    policyRequest.url = dashScopeEndpoint(request.nativeBase, u"/uploads");
    QUrlQuery query;
    query.addQueryItem(u"action"_s, u"getPolicy"_s);
    query.addQueryItem(u"model"_s, request.model);
    policyRequest.url.setQuery(query);
    policyRequest.apiKey = request.apiKey;
    policyRequest.headers = request.headers;
    policyRequest.headers.append({QByteArray("Accept"), "application/json"});
    policyRequest.transferTimeout = request.transferTimeout;
    Result<HttpResponse> policyResponse =
        co_await sendHttp(guard.data(), std::move(policyRequest), retry, provider, control);
    if (!policyResponse)
        co_return policyResponse.error();
    Result<DashScopeUploadPolicy> policy = parseDashScopeUploadPolicy(policyResponse->body);
    if (!policy)
        co_return policy.error();
    if (policy->maxFileSizeMb > 0 && info.size() > policy->maxFileSizeMb * 1024 * 1024)
        co_return makeError(ErrorCode::InvalidArgument,
                            Tr::tr("The audio file is too large for DashScope's temporary storage "
                                   "(%1 MB; at most %2 MB for this model).")
                                .arg(double(info.size()) / 1048576.0, 0, 'f', 1)
                                .arg(policy->maxFileSizeMb));
    const QUrl host(policy->uploadHost);
    if (!host.isValid() || host.host().isEmpty() ||
        (host.scheme() != u"https" && host.scheme() != u"http"))
        co_return makeError(ErrorCode::Provider,
                            Tr::tr("DashScope named an invalid upload address."),
                            policy->uploadHost);
    if (host.scheme() == u"http" && !isLoopback(host) && !request.allowPlainHttp)
        co_return makeError(ErrorCode::Provider,
                            Tr::tr("DashScope asked for an upload over plain http to %1; the audio "
                                   "would travel unencrypted, so it was not sent.")
                                .arg(host.host()));

    // 2. The OSS PostObject form; OSS gets no Authorization (the policy signs the upload).
    const QString name = dashScopeUploadName(info.absoluteFilePath());
    QString dir = policy->uploadDir;
    while (dir.endsWith(u'/'))
        dir.chop(1);
    const QString key = dir + u'/' + name;
    QString mimeType = request.mimeType.trimmed();
    if (mimeType.isEmpty())
        mimeType = dashScopeMimeForSuffix(info.suffix());
    HttpRequest upload;
    upload.method = "POST";
    upload.url = host;
    upload.headers = {{"Accept", "application/json"}};
    upload.transferTimeout = request.transferTimeout;
    upload.multipart = ossForm(dashScopeOssFields(*policy, key, mimeType), info.absoluteFilePath(),
                               name, mimeType);
    Result<HttpResponse> uploaded =
        co_await sendHttp(guard.data(), std::move(upload), retry, provider, control);
    if (!uploaded) {
        Error e = uploaded.error();
        if (e.httpStatus > 0) {
            // OSS answers XML (<Error><Code>..); providerHttpError took its Code and Message.
            e.message = e.httpStatus == 403
                            ? Tr::tr("Uploading the audio to DashScope's temporary storage was "
                                     "refused (HTTP 403); the upload policy may have expired. Try "
                                     "again.")
                            : Tr::tr("Uploading the audio to DashScope's temporary storage failed "
                                     "(HTTP %1).")
                                  .arg(e.httpStatus);
        }
        co_return e;
    }
    // 3. The temporary URL.
    co_return QString(u"oss://"_s + key);
}

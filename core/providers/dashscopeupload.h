#pragma once

#include "httpcall.h"
#include "result.h"

#include <QCoroTask>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

// DashScope's temporary storage (PROTOCOLS C.2), for models that only fetch audio from a URL:
//  1. GET {native}/uploads?action=getPolicy&model=<model> (authenticated);
//  2. POST a multipart form to the policy's upload_host (OSS PostObject, no Authorization): the
//     policy fields in the SDK's order, the file part last;
//  3. the result is "oss://" + key, valid 48 h, usable only by the same account and the same
//     model, and only with "X-DashScope-OssResourceResolve: enable" on the model call.
struct DashScopeUploadRequest {
    QUrl nativeBase;             // e.g. https://dashscope.aliyuncs.com/api/v1
    QByteArray apiKey;           // for the policy request only
    RawHeaders headers;          // extra headers of the policy request (workspace)
    QString model;               // the model that will be called with the URL
    QString filePath;            // local file, streamed from disk
    QString mimeType;            // of the file; empty: from its extension
    bool allowPlainHttp = false; // the profile's confirmation: plain http to a remote upload host
    std::chrono::milliseconds transferTimeout{600000}; // of the policy request and the upload
};

// Uploads the file and returns its oss:// URL. The file's size is checked against the policy's
// max_file_size_mb before anything is sent. The upload host must be https (or loopback, or
// confirmed plain http): the audio travels there. OSS answers errors as XML; their Code and
// Message end up in providerCode and detail. Upload progress goes to control->onUploadProgress.
// Errors carry ErrorCode::Provider/Network/IoError/InvalidArgument/Cancelled.
QCoro::Task<Result<QString>> uploadToDashScopeStorage(QNetworkAccessManager *nam,
                                                      DashScopeUploadRequest request,
                                                      RetryPolicy retry, QString provider,
                                                      std::shared_ptr<HttpControl> control);

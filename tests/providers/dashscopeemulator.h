#pragma once

#include "testserver.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>
#include <httplib.h>

#include <deque>
#include <map>
#include <mutex>

// A local HTTP server (cpp-httplib) that behaves like DashScope for the client tests (PROTOCOLS
// C): native endpoints under /api/v1, compatible mode under /compatible-mode/v1, the temporary
// storage's upload host at /oss and result files (transcription_url) at /results/<name>, all on
// one port. It records every request (headers, body, multipart parts in order) and answers from
// per-route scripts (the last reply of a route repeats). Like the real service it refuses:
//  - API routes without "Authorization: Bearer ..." (401 InvalidApiKey);
//  - an oss:// URL in a model call without X-DashScope-OssResourceResolve: enable (400);
//  - a submit without X-DashScope-Async: enable (400, as the service does for async-only models);
//  - Authorization sent to the upload host or to a result file (400, OSS rejects foreign auth);
//  - an upload whose last part is not "file" (400, PostObject ignores fields after the file).
struct DsPart {
    QByteArray name, filename, contentType, content;
};

struct DsHit {
    QString route; // "policy", "oss", "submit", "task", "cancel", "result", "generation", "chat"
    QByteArray method, path, query;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QList<DsPart> parts;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool has(const QByteArray &name) const { return headers.contains(name.toLower()); }
    QJsonObject json() const;
};

struct DsReply {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QByteArray> chunks; // streamed body, a short pause between chunks
    QList<QPair<QByteArray, QByteArray>> headers;
};

DsReply dsReply(int status, QByteArray body, QByteArray contentType = "application/json");
DsReply dsStream(QList<QByteArray> chunks, QByteArray contentType = "text/event-stream");
// A task status reply: {"request_id","output":{"task_id","task_status", ...extra}}.
DsReply dsTask(const QString &status, const QJsonObject &extraOutput = {});

class DashScopeEmulator {
public:
    DashScopeEmulator();
    bool start();
    QString url(const QString &path) const { return m_server.url(path); }
    QUrl nativeBase() const { return QUrl(url(QStringLiteral("/api/v1"))); }
    QUrl compatibleBase() const { return QUrl(url(QStringLiteral("/compatible-mode/v1"))); }

    // Default scripts: a valid upload policy whose upload_host is this server's /oss, a 200 OSS
    // answer, a PENDING submit reply for task "task-1", a CANCELED cancel reply; nothing else.
    void reset();
    void script(const QString &route, QList<DsReply> replies);
    // A result file served at /results/<name>.
    void setResult(const QString &name, QByteArray json, int status = 200);
    QString resultUrl(const QString &name) const;

    QList<DsHit> hits() const;
    QList<DsHit> hits(const QString &route) const;
    int count(const QString &route) const { return int(hits(route).size()); }

    static constexpr const char *kUploadDir = "dashscope-instant/52afe077/2025-07-12/b744f4f8";

private:
    DsHit record(const QString &route, const httplib::Request &req,
                 const httplib::ContentReader *reader);
    DsReply next(const QString &route);
    void answer(const DsReply &reply, httplib::Response &res);
    void handle(const QString &route, const httplib::Request &req, httplib::Response &res,
                const httplib::ContentReader *reader);

    TestServer m_server;
    mutable std::mutex m_mutex;
    std::map<QString, std::deque<DsReply>> m_scripts;
    std::map<QString, DsReply> m_results;
    QList<DsHit> m_hits;
};

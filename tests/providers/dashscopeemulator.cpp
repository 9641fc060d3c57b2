#include "dashscopeemulator.h"

#include <QJsonDocument>

#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;

QJsonObject DsHit::json() const
{
    return QJsonDocument::fromJson(body).object();
}

DsReply dsReply(int status, QByteArray body, QByteArray contentType)
{
    DsReply r;
    r.status = status;
    r.body = std::move(body);
    r.contentType = std::move(contentType);
    return r;
}

DsReply dsStream(QList<QByteArray> chunks, QByteArray contentType)
{
    DsReply r;
    r.chunks = std::move(chunks);
    r.contentType = std::move(contentType);
    return r;
}

DsReply dsTask(const QString &status, const QJsonObject &extraOutput)
{
    QJsonObject output = extraOutput;
    output.insert(u"task_id"_s, u"task-1"_s);
    output.insert(u"task_status"_s, status);
    const QJsonObject body{{u"request_id"_s, u"req-poll"_s}, {u"output"_s, output}};
    return dsReply(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

DashScopeEmulator::DashScopeEmulator()
{
    httplib::Server &s = m_server.http();
    s.Get("/api/v1/uploads", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"policy"_s, req, res, nullptr);
    });
    s.Post("/oss",
           [this](const httplib::Request &req, httplib::Response &res,
                  const httplib::ContentReader &reader) { handle(u"oss"_s, req, res, &reader); });
    s.Post(
        "/api/v1/services/audio/asr/transcription",
        [this](const httplib::Request &req, httplib::Response &res,
               const httplib::ContentReader &reader) { handle(u"submit"_s, req, res, &reader); });
    s.Get("/api/v1/tasks/([^/]+)", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"task"_s, req, res, nullptr);
    });
    s.Post(
        "/api/v1/tasks/([^/]+)/cancel",
        [this](const httplib::Request &req, httplib::Response &res,
               const httplib::ContentReader &reader) { handle(u"cancel"_s, req, res, &reader); });
    s.Get("/results/(.+)", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"result"_s, req, res, nullptr);
    });
    s.Post("/api/v1/services/aigc/multimodal-generation/generation",
           [this](const httplib::Request &req, httplib::Response &res,
                  const httplib::ContentReader &reader) {
               handle(u"generation"_s, req, res, &reader);
           });
    s.Post("/compatible-mode/v1/chat/completions",
           [this](const httplib::Request &req, httplib::Response &res,
                  const httplib::ContentReader &reader) { handle(u"chat"_s, req, res, &reader); });
    reset();
}

bool DashScopeEmulator::start()
{
    const bool ok = m_server.start();
    reset(); // the policy names the port
    return ok;
}

void DashScopeEmulator::reset()
{
    const QJsonObject policy{
        {u"request_id"_s, u"b744f4f8-policy"_s},
        {u"data"_s,
         QJsonObject{{u"policy"_s, u"eyJleHBpcmF0aW9uIjoiMjAyNS0wNy0xMlQxMjowMDowMFoifQ=="_s},
                     {u"signature"_s, u"n3dNX/aD3+WAly0QgzsURfiIk00="_s},
                     {u"upload_dir"_s, QString::fromLatin1(kUploadDir)},
                     {u"upload_host"_s, url(u"/oss"_s)},
                     {u"expire_in_seconds"_s, 300},
                     {u"max_file_size_mb"_s, 1024},
                     {u"capacity_limit_mb"_s, 999999999},
                     {u"oss_access_key_id"_s, u"LTAI5tTEST"_s},
                     {u"x_oss_object_acl"_s, u"private"_s},
                     {u"x_oss_forbid_overwrite"_s, u"true"_s}}}};
    std::lock_guard lock(m_mutex);
    m_scripts.clear();
    m_results.clear();
    m_hits.clear();
    m_scripts[u"policy"_s] = {dsReply(200, QJsonDocument(policy).toJson())};
    m_scripts[u"oss"_s] = {dsReply(200, QByteArray(), "text/plain")};
    m_scripts[u"submit"_s] = {dsReply(
        200,
        R"j({"request_id":"req-submit","output":{"task_id":"task-1","task_status":"PENDING"}})j")};
    m_scripts[u"cancel"_s] = {dsReply(
        200,
        R"j({"request_id":"req-cancel","output":{"task_id":"task-1","task_status":"CANCELED"}})j")};
}

void DashScopeEmulator::script(const QString &route, QList<DsReply> replies)
{
    std::lock_guard lock(m_mutex);
    m_scripts[route] = std::deque<DsReply>(replies.begin(), replies.end());
}

void DashScopeEmulator::setResult(const QString &name, QByteArray json, int status)
{
    const QByteArray type =
        status == 200 ? QByteArray("application/json") : QByteArray("application/xml");
    std::lock_guard lock(m_mutex);
    m_results[name] = dsReply(status, std::move(json), type);
}

QString DashScopeEmulator::resultUrl(const QString &name) const
{
    return url(u"/results/"_s + name) + u"?Expires=1726213900&OSSAccessKeyId=LTAI&Signature=abc"_s;
}

QList<DsHit> DashScopeEmulator::hits() const
{
    std::lock_guard lock(m_mutex);
    return m_hits;
}

QList<DsHit> DashScopeEmulator::hits(const QString &route) const
{
    QList<DsHit> out;
    for (const DsHit &h : hits()) {
        if (h.route == route)
            out.append(h);
    }
    return out;
}

DsHit DashScopeEmulator::record(const QString &route, const httplib::Request &req,
                                const httplib::ContentReader *reader)
{
    DsHit hit;
    hit.route = route;
    hit.method = QByteArray::fromStdString(req.method);
    hit.path = QByteArray::fromStdString(req.path);
    for (const auto &[name, value] : req.params) {
        if (!hit.query.isEmpty())
            hit.query += '&';
        hit.query += QByteArray::fromStdString(name) + '=' + QByteArray::fromStdString(value);
    }
    for (const auto &[name, value] : req.headers)
        hit.headers.insert(QByteArray::fromStdString(name).toLower(),
                           QByteArray::fromStdString(value));
    if (reader && req.is_multipart_form_data()) {
        (*reader)(
            [&](const httplib::MultipartFormData &f) {
                hit.parts.append({QByteArray::fromStdString(f.name),
                                  QByteArray::fromStdString(f.filename),
                                  QByteArray::fromStdString(f.content_type),
                                  {}});
                return true;
            },
            [&](const char *data, size_t n) {
                hit.parts.back().content.append(data, qsizetype(n));
                return true;
            });
    } else if (reader) {
        (*reader)([&](const char *data, size_t n) {
            hit.body.append(data, qsizetype(n));
            return true;
        });
    } else {
        hit.body = QByteArray::fromStdString(req.body);
    }
    return hit;
}

DsReply DashScopeEmulator::next(const QString &route)
{
    auto it = m_scripts.find(route);
    if (it == m_scripts.end() || it->second.empty())
        return dsReply(500, "no reply scripted for " + route.toUtf8(), "text/plain");
    DsReply r = it->second.front();
    if (it->second.size() > 1) // the last reply repeats
        it->second.pop_front();
    return r;
}

void DashScopeEmulator::answer(const DsReply &r, httplib::Response &res)
{
    res.status = r.status;
    res.set_header("x-request-id", "emulator-request");
    for (const auto &[name, value] : r.headers)
        res.set_header(name.toStdString(), value.toStdString());
    if (r.chunks.isEmpty()) {
        res.set_content(r.body.toStdString(), r.contentType.toStdString());
        return;
    }
    auto chunks = std::make_shared<QList<QByteArray>>(r.chunks);
    res.set_chunked_content_provider(
        r.contentType.toStdString(), [chunks](size_t offset, httplib::DataSink &sink) {
            if (offset == 0) {
                for (const QByteArray &c : std::as_const(*chunks)) {
                    sink.write(c.constData(), size_t(c.size()));
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            }
            sink.done();
            return true;
        });
}

void DashScopeEmulator::handle(const QString &route, const httplib::Request &req,
                               httplib::Response &res, const httplib::ContentReader *reader)
{
    const DsHit hit = record(route, req, reader);
    DsReply reply;
    {
        std::lock_guard lock(m_mutex);
        m_hits.append(hit);
        if (route == u"result") {
            const QString name = QString::fromUtf8(hit.path.mid(int(strlen("/results/"))));
            const auto it = m_results.find(name);
            reply = it != m_results.end()
                        ? it->second
                        : dsReply(404,
                                  "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>"
                                  "The specified key does not exist.</Message></Error>",
                                  "application/xml");
        } else {
            reply = next(route);
        }
    }
    const bool external = route == u"oss" || route == u"result";
    if (external && hit.has("Authorization")) {
        answer(dsReply(400,
                       "<?xml version=\"1.0\"?><Error><Code>InvalidArgument</Code><Message>"
                       "Unsupported Authorization Type</Message></Error>",
                       "application/xml"),
               res);
        return;
    }
    if (!external && !hit.header("Authorization").startsWith("Bearer ")) {
        answer(
            dsReply(
                401,
                R"j({"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"req-auth"})j"),
            res);
        return;
    }
    if ((route == u"submit" || route == u"generation" || route == u"chat") &&
        hit.body.contains("oss://") && hit.header("X-DashScope-OssResourceResolve") != "enable") {
        answer(
            dsReply(
                400,
                R"j({"code":"InvalidParameter","message":"The provided URL does not appear to be valid. Ensure it is correctly formatted.","request_id":"req-oss"})j"),
            res);
        return;
    }
    if (route == u"submit" && hit.header("X-DashScope-Async") != "enable") {
        answer(
            dsReply(
                400,
                R"j({"code":"InvalidParameter","message":"current user api does not support synchronous calls","request_id":"req-async"})j"),
            res);
        return;
    }
    if (route == u"oss" && (hit.parts.isEmpty() || hit.parts.last().name != "file")) {
        answer(dsReply(400,
                       "<?xml version=\"1.0\"?><Error><Code>InvalidArgument</Code><Message>"
                       "The file must be the last form field.</Message></Error>",
                       "application/xml"),
               res);
        return;
    }
    answer(reply, res);
}

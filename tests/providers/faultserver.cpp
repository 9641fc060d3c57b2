#include "faultserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kVerboseJson =
    R"j({"task":"transcribe","language":"english","duration":1.5,"text":"Hello world.","segments":[{"id":0,"seek":0,"start":0.0,"end":1.5,"text":" Hello world.","tokens":[1],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.0,"no_speech_prob":0.01}],"words":[{"word":"Hello","start":0.1,"end":0.6},{"word":"world.","start":0.7,"end":1.4}]})j";

const QList<QByteArray> kOpenAiEvents{
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n",
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\" world.\"}\n\n",
    "data: {\"type\":\"transcript.text.done\",\"text\":\"Hello world.\"}\n\n"};

// Native DashScope SSE (PROTOCOLS C.3): id/event/:HTTP_STATUS/data lines, finish_reason the string
// "null" until the last event.
const QList<QByteArray> kNativeEvents{
    "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{"
    "\"content\":[{\"text\":\"Hello\"}],\"role\":\"assistant\"},\"finish_reason\":\"null\"}]},"
    "\"usage\":{\"seconds\":1},\"request_id\":\"req-native\"}\n\n",
    "id:2\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{"
    "\"content\":[{\"text\":\" world.\"}],\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]},"
    "\"usage\":{\"seconds\":1},\"request_id\":\"req-native\"}\n\n"};

// Compatible-mode chunks (PROTOCOLS C.4, AL-OMNI).
const QList<QByteArray> kCompatibleEvents{
    "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"Hello\"},"
    "\"finish_reason\":null,\"index\":0}],\"object\":\"chat.completion.chunk\"}\n\n",
    "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\" world.\"},"
    "\"finish_reason\":\"stop\",\"index\":0}],\"object\":\"chat.completion.chunk\"}\n\n",
    "data: [DONE]\n\n"};

const QByteArray kChatCompletion =
    R"j({"id":"chatcmpl-2","object":"chat.completion","model":"qwen3-asr-flash","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hello world.","annotations":[{"type":"audio_info","language":"en","emotion":"neutral"}]}}],"usage":{"prompt_tokens":42,"completion_tokens":4,"total_tokens":46,"seconds":2}})j";

const QByteArray kFunAsrResult =
    R"j({"file_url":"https://media.example/meeting.wav","properties":{"audio_format":"pcm_s16le","channels":[0],"original_sampling_rate":16000,"original_duration_in_milliseconds":1500},"transcripts":[{"channel_id":0,"content_duration_in_milliseconds":1300,"text":"Hello world.","sentences":[{"begin_time":100,"end_time":1400,"text":"Hello world.","sentence_id":1,"words":[{"begin_time":100,"end_time":600,"text":"Hello","punctuation":" "},{"begin_time":700,"end_time":1400,"text":"world","punctuation":"."}]}]}]})j";

// A captive portal's sign-in page: what a hotel or train network answers to anything.
const QByteArray kPortalPage =
    "<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><form "
    "action=\"/login\"><p>Accept the terms to continue.</p></form></body></html>\n";

QByteArray gatewayPage(int status)
{
    const QByteArray line = QByteArray::number(status) + (status == 502   ? " Bad Gateway"
                                                          : status == 504 ? " Gateway Time-out"
                                                                          : " Error");
    return "<html>\r\n<head><title>" + line + "</title></head>\r\n<body>\r\n<center><h1>" + line +
           "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

// 0.1 s of silence, 24 kHz mono 16-bit WAV (what /audio/speech answers for response_format wav).
QByteArray silentWav()
{
    const quint32 samples = 2400, rate = 24000, dataBytes = samples * 2;
    QByteArray wav;
    const auto u32 = [&wav](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        wav.append(b, 4);
    };
    const auto u16 = [&wav](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        wav.append(b, 2);
    };
    wav.append("RIFF");
    u32(36 + dataBytes);
    wav.append("WAVEfmt ");
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    wav.append("data");
    u32(dataBytes);
    wav.append(QByteArray(qsizetype(dataBytes), '\0'));
    return wav;
}

bool isDashScope(const QString &route)
{
    return route == u"policy" || route == u"submit" || route == u"task" || route == u"generation" ||
           route == u"chat" || route == u"chat-stream";
}

// The body a service sends with an error status: OpenAI's {"error":{...}}, DashScope's
// {code,message,request_id}, OSS's XML, and nginx's page for gateway errors.
QByteArray errorBody(const QString &route, int status, QByteArray *contentType)
{
    *contentType = "application/json";
    if (status == 502 || status == 504) {
        *contentType = "text/html";
        return gatewayPage(status);
    }
    if (route == u"oss" || route == u"result") {
        *contentType = "application/xml";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" +
               QByteArray(status == 429 ? "SlowDown" : "ServiceUnavailable") +
               "</Code><Message>Please reduce your request rate.</Message><RequestId>"
               "66C2FF0E</RequestId></Error>";
    }
    if (isDashScope(route)) {
        if (status == 429)
            return R"j({"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later.","request_id":"req-429"})j";
        if (status == 503)
            return R"j({"code":"ModelUnavailable","message":"Model is unavailable, please try again later.","request_id":"req-503"})j";
        return R"j({"code":"InternalError","message":"An internal error has occured, please try again later.","request_id":"req-500"})j";
    }
    if (status == 429)
        return R"j({"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}})j";
    return R"j({"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}})j";
}

void writeAll(httplib::DataSink &sink, const QByteArray &bytes)
{
    sink.write(bytes.constData(), size_t(bytes.size()));
}

} // namespace

FaultServer::FaultServer()
{
    httplib::Server &s = m_server.http();
    // Accepted sockets inherit TCP_NODELAY: an answer's header and body writes then go out at
    // once instead of waiting for the client's delayed ACK (40 ms per request otherwise).
    s.set_socket_options([](socket_t sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
    s.Post("/v1/audio/transcriptions", [this](const httplib::Request &req, httplib::Response &res) {
        handle(req.has_file("stream") ? u"openai-stream"_s : u"openai"_s, req, res);
    });
    s.Post("/v1/audio/speech", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"speech"_s, req, res);
    });
    s.Get("/api/v1/uploads", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"policy"_s, req, res);
    });
    s.Post("/oss", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"oss"_s, req, res);
    });
    s.Post("/api/v1/services/audio/asr/transcription",
           [this](const httplib::Request &req, httplib::Response &res) {
               handle(u"submit"_s, req, res);
           });
    s.Get("/api/v1/tasks/([^/]+)", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"task"_s, req, res);
    });
    s.Get("/results/(.+)", [this](const httplib::Request &req, httplib::Response &res) {
        handle(u"result"_s, req, res);
    });
    s.Post("/api/v1/services/aigc/multimodal-generation/generation",
           [this](const httplib::Request &req, httplib::Response &res) {
               handle(u"generation"_s, req, res);
           });
    s.Post("/compatible-mode/v1/chat/completions",
           [this](const httplib::Request &req, httplib::Response &res) {
               const QJsonObject body =
                   QJsonDocument::fromJson(QByteArray::fromStdString(req.body)).object();
               handle(body.value(u"stream"_s).toBool() ? u"chat-stream"_s : u"chat"_s, req, res);
           });
}

FaultServer::~FaultServer()
{
    releaseStalls();
}

bool FaultServer::start()
{
    const bool ok = m_server.start();
    setPlan({});
    return ok;
}

void FaultServer::setPlan(Plan plan)
{
    releaseStalls();
    std::lock_guard lock(m_mutex);
    m_plan = std::move(plan);
    m_hits.clear();
    m_auth.clear();
    m_uploadHost = m_server.url(u"/oss"_s);
    m_resultUrl = m_server.url(u"/results/r.json"_s) +
                  u"?Expires=1726213900&OSSAccessKeyId=LTAI&Signature=abc"_s;
}

void FaultServer::setUploadHost(const QString &url)
{
    std::lock_guard lock(m_mutex);
    m_uploadHost = url;
}

void FaultServer::setResultUrl(const QString &url)
{
    std::lock_guard lock(m_mutex);
    m_resultUrl = url;
}

int FaultServer::hits(const QString &route) const
{
    std::lock_guard lock(m_mutex);
    return m_hits.value(route);
}

QByteArray FaultServer::lastAuthorization(const QString &route) const
{
    std::lock_guard lock(m_mutex);
    return m_auth.value(route);
}

void FaultServer::releaseStalls()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_stallGeneration;
    }
    m_stallReleased.notify_all();
}

FaultServer::Reply FaultServer::happy(const QString &route) const
{
    Reply r;
    r.contentType = "application/json";
    if (route == u"openai") {
        r.body = kVerboseJson;
    } else if (route == u"openai-stream") {
        r.contentType = "text/event-stream";
        r.events = kOpenAiEvents;
    } else if (route == u"speech") {
        r.contentType = "audio/wav";
        r.body = silentWav();
    } else if (route == u"policy") {
        const QJsonObject policy{
            {u"request_id"_s, u"req-policy"_s},
            {u"data"_s,
             QJsonObject{{u"policy"_s, u"eyJleHBpcmF0aW9uIjoiMjAyNS0wNy0xMlQxMjowMDowMFoifQ=="_s},
                         {u"signature"_s, u"n3dNX/aD3+WAly0QgzsURfiIk00="_s},
                         {u"upload_dir"_s, u"dashscope-instant/52afe077/2025-07-12/b744f4f8"_s},
                         {u"upload_host"_s, m_uploadHost},
                         {u"expire_in_seconds"_s, 300},
                         {u"max_file_size_mb"_s, 1024},
                         {u"capacity_limit_mb"_s, 999999999},
                         {u"oss_access_key_id"_s, u"LTAI5tTEST"_s},
                         {u"x_oss_object_acl"_s, u"private"_s},
                         {u"x_oss_forbid_overwrite"_s, u"true"_s}}}};
        r.body = QJsonDocument(policy).toJson(QJsonDocument::Compact);
    } else if (route == u"oss") {
        r.contentType = "application/xml";
        r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Bucket>dashscope-"
                 "instant</Bucket><Key>dashscope-instant/52afe077/clip.wav</Key></PostResponse>";
    } else if (route == u"submit") {
        r.body =
            R"j({"request_id":"req-submit","output":{"task_id":"task-1","task_status":"PENDING"}})j";
    } else if (route == u"task") {
        const QJsonObject subtask{{u"file_url"_s, u"https://media.example/meeting.wav"_s},
                                  {u"transcription_url"_s, m_resultUrl},
                                  {u"subtask_status"_s, u"SUCCEEDED"_s}};
        const QJsonObject body{{u"request_id"_s, u"req-poll"_s},
                               {u"output"_s, QJsonObject{{u"task_id"_s, u"task-1"_s},
                                                         {u"task_status"_s, u"SUCCEEDED"_s},
                                                         {u"results"_s, QJsonArray{subtask}}}}};
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    } else if (route == u"result") {
        r.body = kFunAsrResult;
    } else if (route == u"generation") {
        r.contentType = "text/event-stream";
        r.events = kNativeEvents;
    } else if (route == u"chat") {
        r.body = kChatCompletion;
    } else if (route == u"chat-stream") {
        r.contentType = "text/event-stream";
        r.events = kCompatibleEvents;
    }
    return r;
}

void FaultServer::handle(const QString &route, const httplib::Request &req, httplib::Response &res)
{
    Plan plan;
    Reply reply;
    int generation = 0;
    bool faulted = false;
    {
        std::lock_guard lock(m_mutex);
        const int n = ++m_hits[route];
        m_auth[route] = QByteArray::fromStdString(req.get_header_value("Authorization"));
        plan = m_plan;
        reply = happy(route);
        generation = m_stallGeneration;
        faulted =
            plan.route == route && plan.fault != Fault::None && (plan.times < 0 || n <= plan.times);
    }
    const Fault fault = faulted ? plan.fault : Fault::None;
    switch (fault) {
    case Fault::None:
        break;
    case Fault::Stall: {
        std::unique_lock lock(m_mutex);
        m_stallReleased.wait_for(lock, std::chrono::seconds(20),
                                 [&] { return m_stallGeneration != generation; });
        break; // then answer a client that has given up
    }
    case Fault::Status: {
        QByteArray type;
        const QByteArray body = errorBody(route, plan.status, &type);
        res.status = plan.status;
        if (!plan.retryAfter.isEmpty())
            res.set_header("Retry-After", plan.retryAfter.toStdString());
        res.set_content(body.toStdString(), type.toStdString());
        return;
    }
    case Fault::Html:
        res.set_content(kPortalPage.toStdString(), "text/html; charset=utf-8");
        return;
    case Fault::TruncatedJson:
        if (reply.events.isEmpty()) {
            reply.body.truncate(reply.body.size() / 2);
            break;
        }
        reply.events = {reply.events.at(0), reply.events.at(1).left(reply.events.at(1).size() / 2)};
        break;
    case Fault::StreamEndsEarly:
        reply.events = {reply.events.at(0)};
        break;
    case Fault::ResetDownload:
    case Fault::SseCut:
        break;
    }

    res.status = reply.status;
    res.set_header("x-request-id", "fault-server-request");
    const bool drop = fault == Fault::ResetDownload || fault == Fault::SseCut;
    if (reply.events.isEmpty()) {
        if (!drop) {
            res.set_content(reply.body.toStdString(), reply.contentType.toStdString());
            return;
        }
        // The full length is announced, half of it is sent, then the connection goes.
        const auto body = std::make_shared<QByteArray>(reply.body);
        res.set_content_provider(size_t(body->size()), reply.contentType.toStdString(),
                                 [body](size_t offset, size_t, httplib::DataSink &sink) {
                                     if (offset > 0)
                                         return false;
                                     writeAll(sink, body->left(body->size() / 2));
                                     return true;
                                 });
        return;
    }
    QList<QByteArray> events = reply.events;
    if (fault == Fault::ResetDownload)
        events = {events.at(0)};
    else if (fault == Fault::SseCut)
        events = {events.at(0), events.at(1).left(events.at(1).size() / 2)};
    res.set_chunked_content_provider(
        reply.contentType.toStdString(), [events, drop](size_t offset, httplib::DataSink &sink) {
            if (offset > 0)
                return !drop;
            for (const QByteArray &e : events) {
                writeAll(sink, e);
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (drop)
                return false; // no last chunk: the stream is cut
            sink.done();
            return true;
        });
}

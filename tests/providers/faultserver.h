#pragma once

#include "testserver.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <condition_variable>
#include <mutex>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

// A loopback server (cpp-httplib) that answers every provider request Captioneer makes the way
// the real service does when all goes well, except that one route misbehaves as planned. Happy
// answers transcribe to "Hello world." everywhere. Routes and their paths:
//   "openai"        POST /v1/audio/transcriptions           verbose_json
//   "openai-stream" POST /v1/audio/transcriptions, stream=true  transcript.text.* events
//   "speech"        POST /v1/audio/speech                   a short WAV
//   "policy"        GET  /api/v1/uploads                    DashScope temporary-storage policy
//   "oss"           POST /oss                               the storage upload (upload_host)
//   "submit"        POST /api/v1/services/audio/asr/transcription   PENDING task-1
//   "task"          GET  /api/v1/tasks/task-1               SUCCEEDED with one result
//   "result"        GET  /results/r.json                    Fun-ASR transcription JSON
//   "generation"    POST /api/v1/services/aigc/multimodal-generation/generation  native SSE
//   "chat"          POST /compatible-mode/v1/chat/completions  (no stream) chat completion
//   "chat-stream"   POST /compatible-mode/v1/chat/completions, stream: true  compatible SSE
//                   (Qwen-Omni always, Qwen3-ASR compatible mode when partial text is wanted)
// Handlers run on the server's threads; everything shared is behind a mutex.
class FaultServer {
public:
    enum class Fault {
        None,
        Stall,           // no answer until releaseStalls() (or 20 s)
        ResetDownload,   // headers and part of the body (a stream: its first event), then dropped
        SseCut,          // a stream's first event and half of the second, then dropped
        StreamEndsEarly, // a stream's first event, then a clean end (no final event)
        Status,          // an HTTP error status with the service's error body
        Html,            // 200 with a web page instead of the answer
        TruncatedJson,   // 200 with the answer's JSON cut in half (a stream: its last event cut and
                         // the stream ended cleanly)
    };
    struct Plan {
        QString route;
        Fault fault = Fault::None;
        int status = 0;        // for Fault::Status
        QByteArray retryAfter; // Retry-After header of a Status answer; empty: none
        int times = 1;         // requests of the route hit by the fault; -1: all of them
    };

    FaultServer();
    ~FaultServer();
    bool start();
    QString url(const QString &path) const { return m_server.url(path); }

    // Forgets hits and stalls, restores the default upload host and result URL.
    void setPlan(Plan plan);
    void setUploadHost(const QString &url); // what the policy names (default: this server's /oss)
    void
    setResultUrl(const QString &url); // the task's transcription_url (default: /results/r.json)
    int hits(const QString &route) const;
    QByteArray lastAuthorization(const QString &route) const;
    // Lets every stalled handler go (they then answer a client that has left).
    void releaseStalls();

private:
    struct Reply {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        QList<QByteArray> events; // a stream when not empty
    };
    Reply happy(const QString &route) const;
    void handle(const QString &route, const httplib::Request &req, httplib::Response &res);

    TestServer m_server;
    mutable std::mutex m_mutex;
    std::condition_variable m_stallReleased;
    int m_stallGeneration = 0;
    Plan m_plan;
    QMap<QString, int> m_hits;
    QMap<QString, QByteArray> m_auth;
    QString m_uploadHost, m_resultUrl;
};

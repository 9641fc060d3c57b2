#include "httpcall.h"
#include "testserver.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <httplib.h>

#include <atomic>
#include <mutex>

using namespace Qt::StringLiterals;

// The HTTP layer against a real local server: retries, backoff, Retry-After, quota, timeouts,
// refused connections, cancellation, multipart progress and streamed bodies.
class TestHttpCall : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sendsAuthAndReturnsBody();
    void retriesServerErrorsThenSucceeds();
    void honoursRetryAfter();
    void doesNotRetryQuotaOrAuth_data();
    void doesNotRetryQuotaOrAuth();
    void refusesToWaitTooLong();
    void connectionRefusedIsRetriedThenReported();
    void stallTimesOut();
    void cancelStopsPromptly();
    void cancelDuringBackoff();
    void multipartStreamsFromDiskWithProgress();
    void streamsChunksAsTheyArrive();

private:
    Result<HttpResponse> run(HttpRequest request, RetryPolicy policy = fastPolicy(),
                             std::shared_ptr<HttpControl> control = {});
    static RetryPolicy fastPolicy()
    {
        RetryPolicy p;
        p.initialBackoffMs = 20;
        p.maxBackoffMs = 100;
        return p;
    }

    QNetworkAccessManager m_nam;
    TestServer m_server;
    std::atomic_int m_hits = 0;
    std::mutex m_mutex;
    QByteArray m_lastAuth;
    QList<QByteArray> m_partNames;
    qint64 m_uploadedBytes = 0;
};

Result<HttpResponse> TestHttpCall::run(HttpRequest request, RetryPolicy policy,
                                       std::shared_ptr<HttpControl> control)
{
    if (!control)
        control = std::make_shared<HttpControl>();
    return QCoro::waitFor(sendHttp(&m_nam, std::move(request), policy, u"TestProvider"_s, control));
}

void TestHttpCall::initTestCase()
{
    httplib::Server &s = m_server.http();
    s.Get("/ok", [this](const httplib::Request &req, httplib::Response &res) {
        std::lock_guard lock(m_mutex);
        m_lastAuth = QByteArray::fromStdString(req.get_header_value("Authorization"));
        res.set_content(R"j({"text":"hello"})j", "application/json");
    });
    s.Get("/flaky", [this](const httplib::Request &, httplib::Response &res) {
        if (++m_hits <= 2) {
            res.status = m_hits == 1 ? 500 : 503;
            res.set_content(R"j({"error":{"message":"busy"}})j", "application/json");
            return;
        }
        res.set_content("fine", "text/plain");
    });
    s.Get("/ratelimited", [this](const httplib::Request &, httplib::Response &res) {
        if (++m_hits == 1) {
            res.status = 429;
            res.set_header("Retry-After", "1");
            res.set_content(R"j({"error":{"message":"slow down"}})j", "application/json");
            return;
        }
        res.set_content("ok", "text/plain");
    });
    s.Get("/quota", [this](const httplib::Request &, httplib::Response &res) {
        ++m_hits;
        res.status = 429;
        res.set_header("Retry-After", "1");
        res.set_content(
            R"j({"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}})j",
            "application/json");
    });
    s.Get("/auth", [this](const httplib::Request &, httplib::Response &res) {
        ++m_hits;
        res.status = 401;
        res.set_content(R"j("Invalid token")j", "application/json");
    });
    s.Get("/longwait", [this](const httplib::Request &, httplib::Response &res) {
        ++m_hits;
        res.status = 503;
        res.set_header("Retry-After", "300");
        res.set_content("maintenance", "text/plain");
    });
    s.Get("/stall", [](const httplib::Request &, httplib::Response &res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        res.set_content("late", "text/plain");
    });
    s.Post("/upload", [this](const httplib::Request &req, httplib::Response &res) {
        std::lock_guard lock(m_mutex);
        m_partNames.clear();
        for (const auto &[name, file] : req.files) {
            m_partNames.append(QByteArray::fromStdString(name));
            if (name == "file")
                m_uploadedBytes = qint64(file.content.size());
        }
        res.set_content("stored", "text/plain");
    });
    s.Get("/stream", [](const httplib::Request &, httplib::Response &res) {
        res.set_chunked_content_provider(
            "text/event-stream", [](size_t offset, httplib::DataSink &sink) {
                if (offset > 0) {
                    sink.done();
                    return true;
                }
                for (int i = 0; i < 3; ++i) {
                    const std::string chunk = "data: {\"n\":" + std::to_string(i) + "}\n\n";
                    sink.write(chunk.data(), chunk.size());
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
                sink.done();
                return true;
            });
    });
    QVERIFY(m_server.start());
}

void TestHttpCall::sendsAuthAndReturnsBody()
{
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/ok"_s));
    r.apiKey = "sk-test-123";
    auto res = run(r);
    QVERIFY2(res.ok(), qPrintable(res.ok() ? QString() : res.error().toString()));
    QCOMPARE(res->status, 200);
    QCOMPARE(res->body, QByteArray(R"j({"text":"hello"})j"));
    std::lock_guard lock(m_mutex);
    QCOMPARE(m_lastAuth, QByteArray("Bearer sk-test-123"));
}

void TestHttpCall::retriesServerErrorsThenSucceeds()
{
    m_hits = 0;
    auto control = std::make_shared<HttpControl>();
    QList<int> retries;
    control->onRetry = [&](int attempt, qint64, const Error &e) {
        retries.append(attempt);
        QVERIFY(e.retryable);
    };
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/flaky"_s));
    auto res = run(r, fastPolicy(), control);
    QVERIFY(res.ok());
    QCOMPARE(res->body, QByteArray("fine"));
    QCOMPARE(m_hits.load(), 3);
    QCOMPARE(retries, (QList<int>{1, 2}));
}

void TestHttpCall::honoursRetryAfter()
{
    m_hits = 0;
    auto control = std::make_shared<HttpControl>();
    qint64 requestedDelay = -1;
    control->onRetry = [&](int, qint64 delay, const Error &) { requestedDelay = delay; };
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/ratelimited"_s));
    QElapsedTimer t;
    t.start();
    auto res = run(r, fastPolicy(), control);
    QVERIFY(res.ok());
    QCOMPARE(requestedDelay, 1000);
    QVERIFY(t.elapsed() >= 950);
    QCOMPARE(m_hits.load(), 2);
}

void TestHttpCall::doesNotRetryQuotaOrAuth_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("insufficient quota") << u"/quota"_s << 429 << u"quota"_s;
    QTest::newRow("bad key") << u"/auth"_s << 401 << u"API key"_s;
}

void TestHttpCall::doesNotRetryQuotaOrAuth()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, mentions);
    m_hits = 0;
    HttpRequest r;
    r.url = QUrl(m_server.url(path));
    auto res = run(r);
    QVERIFY(!res.ok());
    QCOMPARE(res.error().httpStatus, status);
    QVERIFY2(res.error().message.contains(mentions), qPrintable(res.error().message));
    QCOMPARE(m_hits.load(), 1);
}

void TestHttpCall::refusesToWaitTooLong()
{
    m_hits = 0;
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/longwait"_s));
    QElapsedTimer t;
    t.start();
    auto res = run(r);
    QVERIFY(!res.ok());
    QCOMPARE(res.error().retryAfterMs, 300000);
    QCOMPARE(m_hits.load(), 1);
    QVERIFY(t.elapsed() < 5000);
}

void TestHttpCall::connectionRefusedIsRetriedThenReported()
{
    TestServer closed;
    QVERIFY(closed.start());
    const QString url = closed.url(u"/x"_s);
    closed.http().stop(); // nothing listens there any more
    auto control = std::make_shared<HttpControl>();
    int retries = 0;
    control->onRetry = [&](int, qint64, const Error &) { ++retries; };
    HttpRequest r;
    r.url = QUrl(url);
    auto res = run(r, fastPolicy(), control);
    QVERIFY(!res.ok());
    QCOMPARE(res.error().code, ErrorCode::Network);
    QVERIFY2(res.error().message.contains(u"refused"_s), qPrintable(res.error().message));
    QCOMPARE(retries, 3);
}

void TestHttpCall::stallTimesOut()
{
    RetryPolicy noRetry = fastPolicy();
    noRetry.maxRetries = 0;
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/stall"_s));
    r.transferTimeout = std::chrono::milliseconds(300);
    QElapsedTimer t;
    t.start();
    auto res = run(r, noRetry);
    QVERIFY(!res.ok());
    QCOMPARE(res.error().code, ErrorCode::Network);
    QVERIFY2(res.error().message.contains(u"in time"_s), qPrintable(res.error().message));
    QVERIFY(t.elapsed() < 1400);
}

void TestHttpCall::cancelStopsPromptly()
{
    auto control = std::make_shared<HttpControl>();
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/stall"_s));
    QTimer::singleShot(100, control.get(), [control] { control->cancel(); });
    QElapsedTimer t;
    t.start();
    auto res = run(r, fastPolicy(), control);
    QVERIFY(!res.ok());
    QCOMPARE(res.error().code, ErrorCode::Cancelled);
    QVERIFY(t.elapsed() < 1000);
}

void TestHttpCall::cancelDuringBackoff()
{
    m_hits = 0;
    auto control = std::make_shared<HttpControl>();
    // A raw pointer: a shared_ptr captured in the control's own callback would keep it alive
    // forever (a cycle LeakSanitizer reports). The timer's context object guards the call.
    HttpControl *c = control.get();
    control->onRetry = [c](int, qint64, const Error &) {
        QTimer::singleShot(50, c, [c] { c->cancel(); });
    };
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/ratelimited"_s)); // asks for a 1 s wait
    QElapsedTimer t;
    t.start();
    auto res = run(r, fastPolicy(), control);
    QVERIFY(!res.ok());
    QCOMPARE(res.error().code, ErrorCode::Cancelled);
    QVERIFY(t.elapsed() < 800);
    QCOMPARE(m_hits.load(), 1);
}

void TestHttpCall::multipartStreamsFromDiskWithProgress()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray block(1 << 20, 'a');
    for (int i = 0; i < 8; ++i)
        file.write(block);
    file.flush();
    const QString path = file.fileName();
    auto control = std::make_shared<HttpControl>();
    qint64 lastSent = 0, total = 0;
    int progressCalls = 0;
    control->onUploadProgress = [&](qint64 sent, qint64 t) {
        QVERIFY(sent >= lastSent);
        lastSent = sent;
        total = t;
        ++progressCalls;
    };
    HttpRequest r;
    r.method = "POST";
    r.url = QUrl(m_server.url(u"/upload"_s));
    r.multipart = [path] {
        auto *mp = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart model;
        model.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"model\""_s);
        model.setBody("whisper-1");
        mp->append(model);
        QHttpPart filePart;
        filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                           u"form-data; name=\"file\"; filename=\"a.wav\""_s);
        auto *f = new QFile(path, mp);
        f->open(QIODevice::ReadOnly);
        filePart.setBodyDevice(f);
        mp->append(filePart);
        return mp;
    };
    auto res = run(r, fastPolicy(), control);
    QVERIFY2(res.ok(), qPrintable(res.ok() ? QString() : res.error().toString()));
    std::lock_guard lock(m_mutex);
    QCOMPARE(m_partNames, (QList<QByteArray>{"file", "model"})); // httplib sorts by name
    QCOMPARE(m_uploadedBytes, 8LL << 20);
    QVERIFY(progressCalls >= 2);
    QCOMPARE(lastSent, total);
}

void TestHttpCall::streamsChunksAsTheyArrive()
{
    QList<QByteArray> chunks;
    QList<qint64> times;
    QElapsedTimer t;
    t.start();
    HttpRequest r;
    r.url = QUrl(m_server.url(u"/stream"_s));
    r.onChunk = [&](const QByteArray &c) {
        chunks.append(c);
        times.append(t.elapsed());
    };
    auto res = run(r);
    QVERIFY(res.ok());
    QCOMPARE(chunks.join(),
             QByteArray("data: {\"n\":0}\n\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\n"));
    QVERIFY2(chunks.size() >= 2, "the body arrived in one piece, not streamed");
    QVERIFY(times.last() - times.first() >= 100);
    QVERIFY(res->body.isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpCall)
#include "tst_httpcall.moc"

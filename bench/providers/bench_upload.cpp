// Memory while uploading a large file: a 500 MB file is sent as a streamed multipart body through
// the provider HTTP layer to a loopback server that discards what it receives. Prints the process
// RSS before, the peak during the upload (sampled every 20 ms) and the growth. Not a test.
#include "httpcall.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QCoroTask>
#include <QFile>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>
#include <httplib.h>

#include <cstdio>
#include <fstream>

namespace {

qint64 rssKb()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            qint64 kb = 0;
            status >> kb;
            return kb;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 megabytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 500;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.wav"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || !f.resize(megabytes << 20)) // sparse: no disk needed
            return 1;
    }
    TestServer server;
    std::atomic<qint64> received = 0;
    server.http().Post("/v1/audio/transcriptions",
                       [&](const httplib::Request &, httplib::Response &res,
                           const httplib::ContentReader &reader) {
                           // Multipart parts are streamed and discarded: the server keeps nothing.
                           reader([&](const httplib::MultipartFormData &) { return true; },
                                  [&](const char *, size_t n) {
                                      received += qint64(n);
                                      return true;
                                  });
                           res.set_content(R"({"text":"ok"})", "application/json");
                       });
    if (!server.start())
        return 1;

    QNetworkAccessManager nam;
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(server.url(QStringLiteral("/v1/audio/transcriptions")));
    request.multipart = [path] {
        auto *mp = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart model;
        model.setHeader(QNetworkRequest::ContentDispositionHeader,
                        QStringLiteral("form-data; name=\"model\""));
        model.setBody("whisper-1");
        mp->append(model);
        QHttpPart file;
        file.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"file\"; filename=\"big.wav\""));
        auto *device = new QFile(path, mp);
        device->open(QIODevice::ReadOnly);
        file.setBodyDevice(device);
        mp->append(file);
        return mp;
    };
    const qint64 before = rssKb();
    qint64 peak = before;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { peak = std::max(peak, rssKb()); });
    sampler.start(20);
    auto control = std::make_shared<HttpControl>();
    auto result =
        QCoro::waitFor(sendHttp(&nam, request, RetryPolicy{}, QStringLiteral("bench"), control));
    peak = std::max(peak, rssKb());
    std::printf("{\"file_mb\": %lld, \"received_mb\": %.1f, \"ok\": %s, \"rss_before_mb\": %.1f, "
                "\"rss_peak_mb\": %.1f, \"growth_mb\": %.1f}\n",
                megabytes, double(received) / (1 << 20), result.ok() ? "true" : "false",
                double(before) / 1024, double(peak) / 1024, double(peak - before) / 1024);
    return result.ok() ? 0 : 1;
}

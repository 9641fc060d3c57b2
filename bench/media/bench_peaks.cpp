// Measures the waveform loader on a real file: time until the first 10 s of peaks are available,
// time until all peaks are computed (cold, decoding), time to re-open from the peak cache, and
// peak RSS. Prints one JSON object. Used by run_peaks_bench.py; not a test.
#include "waveformloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

namespace {

double maxRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_peaks MEDIA_FILE\n");
        return 2;
    }
    const QString path = args[1];
    QTemporaryDir cacheDir;
    QJsonObject result{{QStringLiteral("file"), path}};
    QElapsedTimer clock;
    int exitCode = 0;

    auto cold = new WaveformLoader(&app);
    cold->setCacheDirectory(cacheDir.path());
    qint64 firstTen = -1;
    QObject::connect(cold, &WaveformLoader::peaksAdded, [&](qint64, qint64 to) {
        if (firstTen < 0 && to >= 10000)
            firstTen = clock.elapsed();
    });
    QObject::connect(cold, &WaveformLoader::failed, [&](const QString &message) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(message));
        exitCode = 1;
        app.quit();
    });
    QObject::connect(cold, &WaveformLoader::finished, [&](bool) {
        result.insert(QStringLiteral("first_10s_ms"), double(firstTen));
        result.insert(QStringLiteral("full_ms"), double(clock.elapsed()));
        result.insert(QStringLiteral("duration_ms"), double(cold->peaks().availableMs()));
        result.insert(QStringLiteral("decode_max_rss_mb"), maxRssMb());
        // Re-open: a new loader, same cache.
        auto cached = new WaveformLoader(&app);
        cached->setCacheDirectory(cacheDir.path());
        QObject::connect(cached, &WaveformLoader::finished, [&, cached](bool fromCache) {
            result.insert(QStringLiteral("cached_ms"), double(clock.elapsed()));
            result.insert(QStringLiteral("cache_hit"), fromCache);
            result.insert(QStringLiteral("cached_peaks_equal"),
                          cached->peaks().base() == cold->peaks().base());
            app.quit();
        });
        clock.restart();
        cached->load(path);
    });
    QTimer::singleShot(0, [&] {
        clock.start();
        cold->load(path);
    });
    app.exec();
    result.insert(QStringLiteral("max_rss_mb"), maxRssMb());
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return exitCode;
}

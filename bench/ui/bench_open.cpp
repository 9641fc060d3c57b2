// Open-to-first-pixels benchmark (issue 8): the time from MainWindow::openFile() on a media file
// until the timeline has drawn waveform pixels, measured cold (no peak cache: decoding starts)
// and warm (peaks from the cache), several runs each.
//
//   QT_QPA_PLATFORM=offscreen bench_open MEDIA [--runs N]
//
// "First pixels" means a render of the timeline shows waveform colour in its wave area; the
// window processes events normally meanwhile (as a user would see it). Target: < 500 ms.
#include "mainwindow.h"
#include "timelineview.h"
#include "waveformloader.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// True when the wave area of the timeline shows anything but the background.
bool hasWaveformPixels(TimelineView *timeline)
{
    QImage image(timeline->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    timeline->viewport()->render(&image);
    const QRgb background = image.pixel(image.width() - 1, image.height() - 1);
    const int y0 = TimelineView::kRulerHeight + 2;
    for (int y = y0; y < image.height(); y += 3) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < std::min(image.width(), 400); ++x)
            if (line[x] != background)
                return true;
    }
    return false;
}

// Milliseconds from openFile() to the first waveform pixels; -1 on failure or after 30 s.
double openOnce(const QString &media, const QString &cacheDir)
{
    qputenv("XDG_CACHE_HOME", QFile::encodeName(cacheDir));
    MainWindow::Options options;
    options.audio = Player::Output::Disabled;
    options.autosave = false;
    options.offerRestore = false;
    MainWindow window(options);
    window.resize(1440, 900);
    window.show();
    QCoreApplication::processEvents();
    QElapsedTimer timer;
    timer.start();
    if (!window.openFile(media))
        return -1;
    const double opened = double(timer.nsecsElapsed()) / 1e6;
    double firstPeaks = -1;
    QObject::connect(window.waveformLoader(), &WaveformLoader::peaksAdded, &window, [&] {
        if (firstPeaks < 0)
            firstPeaks = double(timer.nsecsElapsed()) / 1e6;
    });
    while (timer.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (window.waveformLoader()->peaks().availableMs() > 0 &&
            hasWaveformPixels(window.timeline())) {
            if (qEnvironmentVariableIsSet("BENCH_OPEN_VERBOSE"))
                std::fprintf(stderr, "openFile returned %.1f ms, first peaks %.1f ms\n", opened,
                             firstPeaks);
            return double(timer.nsecsElapsed()) / 1e6;
        }
    }
    return -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_open MEDIA [--runs N]\n");
        return 2;
    }
    const QString media = args.at(1);
    int runs = 5;
    if (const qsizetype i = args.indexOf(u"--runs"_s); i >= 0 && i + 1 < args.size())
        runs = std::max(1, args.at(i + 1).toInt());
    std::vector<double> cold, warm;
    for (int r = 0; r < runs; ++r) {
        QTemporaryDir cache; // empty: the peaks must be decoded
        cold.push_back(openOnce(media, cache.path()));
        // Fill the cache with a complete decode, as a first opening that ran to the end would.
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        {
            WaveformLoader loader;
            bool done = false;
            QObject::connect(&loader, &WaveformLoader::finished, [&] { done = true; });
            QObject::connect(&loader, &WaveformLoader::failed, [&] { done = true; });
            loader.load(media);
            QElapsedTimer wait;
            wait.start();
            while (!done && wait.elapsed() < 120000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        warm.push_back(openOnce(media, cache.path()));
    }
    std::printf("Command: QT_QPA_PLATFORM=offscreen bench_open %s --runs %d\n\n", qPrintable(media),
                runs);
    std::printf("| case | median ms | worst ms | runs |\n|---|---:|---:|---:|\n");
    std::printf("| cold (decoding starts) | %.1f | %.1f | %d |\n", median(cold),
                *std::max_element(cold.begin(), cold.end()), runs);
    std::printf("| warm (peak cache) | %.1f | %.1f | %d |\n", median(warm),
                *std::max_element(warm.begin(), warm.end()), runs);
    const bool failed = std::find(cold.begin(), cold.end(), -1.0) != cold.end() ||
                        std::find(warm.begin(), warm.end(), -1.0) != warm.end();
    if (failed)
        std::printf("\nFAILED: no waveform within 30 s in some run\n");
    return failed ? 1 : 0;
}

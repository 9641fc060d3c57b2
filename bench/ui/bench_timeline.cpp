// Timeline paint benchmark (issue 8): paints a 1600x300 TimelineView over a generated 3-hour
// waveform with 5,000 cues at three zoom levels (whole file, ~1 minute, ~5 seconds visible) and
// reports the average and worst time per frame, with warm tiles (repainting the same view, as
// the playhead moves) and after a scroll step (new tiles come into view). Target: < 8 ms.
//
//   QT_QPA_PLATFORM=offscreen bench_timeline [--frames N]
//
// No decoding: the peaks are synthetic speech-like bursts (seeded), the cues have words with
// confidences, and one cue in ten is marked as violating a rule.

#include "document.h"
#include "peakpyramid.h"
#include "timelineview.h"
#include "track.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDurationMs = 3 * 3600 * 1000;
constexpr int kCues = 5000;

std::vector<Peak> makePeaks()
{
    std::mt19937 rng(8);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Peak> out(size_t(kDurationMs / PeakPyramid::kPeakMs));
    double envelope = 0.0;
    for (size_t i = 0; i < out.size(); ++i) {
        // Syllable-rate envelope with pauses: about 4 bursts a second, silence now and then.
        const double t = double(i) / PeakPyramid::kPeaksPerSecond;
        const bool pause = std::fmod(t, 7.3) > 6.1;
        envelope = pause ? envelope * 0.8 : 0.5 + 0.5 * std::sin(t * 2 * std::numbers::pi * 4.1);
        const double a = envelope * (0.3 + 0.7 * unit(rng)) * 30000.0;
        out[i] = Peak{qint16(-a * (0.8 + 0.2 * unit(rng))), qint16(a)};
    }
    return out;
}

Cues makeCues()
{
    Cues cues;
    const qint64 slot = kDurationMs / kCues; // 2160 ms
    for (int i = 0; i < kCues; ++i) {
        Cue c;
        c.start = qint64(i) * slot + 100;
        c.end = c.start + slot - 300;
        c.text = u"Cue number %1 with a line of text\nand a second line"_s.arg(i + 1);
        for (int w = 0; w < 8; ++w) {
            Word word;
            word.start = c.start + w * (c.duration() / 8);
            word.end = word.start + c.duration() / 8 - 20;
            word.text = u"word"_s;
            word.confidence = (i + w) % 13 == 0 ? 0.2f : 0.9f;
            c.words.append(word);
        }
        cues.append(c);
    }
    return cues;
}

struct Stats {
    double avgMs = 0, worstMs = 0;
};

// Paints `frames` frames; `step` (ms) scrolls the view before each frame (0 = same view).
Stats measure(TimelineView &view, QImage &target, int frames, double step)
{
    Stats s;
    QElapsedTimer timer;
    double total = 0;
    for (int f = 0; f < frames; ++f) {
        if (step > 0)
            view.setView(view.viewStartMs() + step, view.msPerPixel());
        view.setPlayhead(qint64(view.viewStartMs() + view.visibleMs() / 2) + f);
        // The event loop runs between frames (idle-time tile prerendering happens there).
        QCoreApplication::processEvents();
        timer.start();
        view.render(&target);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        total += ms;
        s.worstMs = std::max(s.worstMs, ms);
    }
    s.avgMs = total / frames;
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int frames = 200;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(u"--frames"_s); i >= 0 && i + 1 < args.size())
        frames = std::max(1, args.at(i + 1).toInt());

    PeakPyramid peaks;
    peaks.append(makePeaks());
    Document doc;
    if (!doc.load(makeCues())) {
        std::fprintf(stderr, "cannot load cues\n");
        return 1;
    }
    QSet<CueId> violating;
    for (int row = 0; row < doc.track()->count(); row += 10)
        violating.insert(doc.track()->at(row).id);

    TimelineView view;
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(1600, 300 + view.horizontalScrollBar()->sizeHint().height()); // 1600x300 viewport
    view.setDocument(&doc);
    view.setPeaks(&peaks);
    view.setViolatingCues(violating);
    view.setFollowPlayhead(false);
    view.show();
    QImage target(view.size(), QImage::Format_ARGB32_Premultiplied);

    struct Level {
        const char *name;
        double visibleMs;
    };
    const Level levels[] = {
        {"whole file (3 h)", double(kDurationMs)}, {"~1 minute", 60000.0}, {"~5 seconds", 5000.0}};
    std::printf("Command: QT_QPA_PLATFORM=offscreen bench_timeline --frames %d\n", frames);
    std::printf("%d cues, %lld ms of peaks, viewport %dx%d, %d frames per row\n\n", kCues,
                peaks.availableMs(), view.viewport()->width(), view.viewport()->height(), frames);
    std::printf("| zoom | ms/px | case | avg ms/frame | worst ms/frame | tiles rendered |\n");
    std::printf("|---|---:|---|---:|---:|---:|\n");
    bool missed = false;
    for (const Level &level : levels) {
        const double mpp = level.visibleMs / view.viewport()->width();
        // Start in the middle of the file (the whole-file level is clamped to 0).
        view.setView(double(kDurationMs) / 2, mpp);
        view.render(&target); // first paint renders the visible tiles: not counted as warm
        int rendered = view.tiles().renderedTiles();
        const Stats warm = measure(view, target, frames, 0);
        const int warmTiles = view.tiles().renderedTiles() - rendered;
        rendered = view.tiles().renderedTiles();
        // One wheel notch (1/8 of the view) per frame: new tiles at the right edge each frame.
        const Stats scroll = measure(view, target, frames, level.visibleMs / 8);
        const int scrollTiles = view.tiles().renderedTiles() - rendered;
        std::printf("| %s | %.1f | warm tiles | %.3f | %.3f | %d |\n", level.name, mpp, warm.avgMs,
                    warm.worstMs, warmTiles);
        std::printf("| %s | %.1f | scroll step | %.3f | %.3f | %d |\n", level.name, mpp,
                    scroll.avgMs, scroll.worstMs, scrollTiles);
        missed = missed || warm.avgMs >= 8.0 || scroll.avgMs >= 8.0;
    }
    if (missed)
        std::printf("\nTARGET MISSED: average paint time >= 8 ms\n");
    return 0;
}

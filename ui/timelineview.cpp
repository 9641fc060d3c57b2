#include "timelineview.h"

#include "document.h"
#include "peakpyramid.h"
#include "track.h"
#include "voiceactivity.h"
#include "waveformloader.h"

#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <climits>
#include <cmath>

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::WheelFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumHeight(kRulerHeight + 60);
    m_tiles.setColor(palette().color(QPalette::Text));
    m_prerender.setSingleShot(true);
    m_prerender.setInterval(0);
    connect(&m_prerender, &QTimer::timeout, this, &TimelineView::prerenderTiles);
    updateScrollBar();
}

TimelineView::~TimelineView() = default;

void TimelineView::setDocument(Document *document)
{
    if (m_document == document)
        return;
    if (m_document)
        m_document->track()->disconnect(this);
    m_document = document;
    m_selected = 0;
    m_drag = Drag::None;
    if (m_document) {
        Track *track = m_document->track();
        // Any change can move, lengthen or remove cues: recompute the lazily kept statistics.
        connect(track, &Track::cuesInserted, this, &TimelineView::trackChanged);
        connect(track, &Track::cuesRemoved, this, &TimelineView::trackChanged);
        connect(track, &Track::cueMoved, this, &TimelineView::trackChanged);
        connect(track, &Track::cuesChanged, this, &TimelineView::trackChanged);
        connect(track, &Track::wasReset, this, &TimelineView::trackChanged);
    }
    trackChanged();
}

void TimelineView::setPeaks(const PeakPyramid *peaks)
{
    m_peaks = peaks;
    m_tiles.setPeaks(peaks);
    updateScrollBar();
    viewport()->update();
}

void TimelineView::setWaveformLoader(WaveformLoader *loader)
{
    if (m_loader)
        m_loader->disconnect(this);
    m_loader = loader;
    if (!loader) {
        setPeaks(nullptr);
        return;
    }
    connect(loader, &WaveformLoader::started, this, [this](qint64 expected) {
        m_tiles.clear();
        setDurationMs(qMax<qint64>(0, expected));
    });
    connect(loader, &WaveformLoader::peaksAdded, this, &TimelineView::peaksAdded);
    connect(loader, &QObject::destroyed, this, [this] { setPeaks(nullptr); });
    setPeaks(&loader->peaks());
    if (loader->expectedDurationMs() > 0)
        setDurationMs(loader->expectedDurationMs());
}

void TimelineView::peaksAdded(qint64 fromMs, qint64 toMs)
{
    m_tiles.invalidate(fromMs, toMs);
    updateScrollBar();
    if (fromMs < m_scale.startMs() + visibleMs() && toMs > m_scale.startMs())
        viewport()->update();
}

void TimelineView::setDurationMs(qint64 ms)
{
    m_durationMs = qMax<qint64>(0, ms);
    updateScrollBar();
    viewport()->update();
}

qint64 TimelineView::durationMs() const
{
    ensureCueStats();
    return std::max({m_durationMs, m_peaks ? m_peaks->availableMs() : qint64(0), m_cuesEndMs});
}

double TimelineView::visibleMs() const
{
    return m_scale.msForWidth(viewport()->width());
}

void TimelineView::trackChanged()
{
    m_maxCueDuration = -1;
    if (m_document && m_selected && !m_document->track()->find(m_selected))
        m_selected = 0;
    updateScrollBar();
    viewport()->update();
}

void TimelineView::ensureCueStats() const
{
    if (m_maxCueDuration >= 0)
        return;
    m_maxCueDuration = 0;
    m_cuesEndMs = 0;
    if (!m_document)
        return;
    for (const Cue &c : m_document->track()->cues()) {
        m_maxCueDuration = std::max(m_maxCueDuration, c.duration());
        m_cuesEndMs = std::max(m_cuesEndMs, c.end);
    }
}

std::pair<int, int> TimelineView::visibleRows(double fromMs, double toMs) const
{
    if (!m_document)
        return {0, -1};
    ensureCueStats();
    const Track *track = m_document->track();
    // Rows are sorted by start: everything starting before `toMs` and after `fromMs` minus the
    // longest duration may overlap; the caller skips the few that end before `fromMs`.
    const int first = track->rowAtOrBefore(qint64(std::floor(fromMs)) - m_maxCueDuration) + 1;
    const int last = track->rowAtOrBefore(qint64(std::ceil(toMs)));
    return {std::max(0, first), last};
}

double TimelineView::maxMsPerPixel() const
{
    // Zooming out stops a little past "whole file fits".
    return std::max(100.0, 1.25 * double(std::max<qint64>(durationMs(), 1000)) /
                               std::max(1, viewport()->width()));
}

QRect TimelineView::waveRect() const
{
    const QRect r = viewport()->rect();
    return r.adjusted(0, kRulerHeight, 0, 0);
}

int TimelineView::xFor(double ms) const
{
    return int(std::floor(m_scale.xForMs(ms)));
}

void TimelineView::setView(double startMs, double msPerPixel)
{
    applyScale(TimelineScale(startMs, msPerPixel));
}

void TimelineView::applyScale(const TimelineScale &scale)
{
    const double mpp =
        std::clamp(scale.msPerPixel(), TimelineScale::kMinMsPerPixel, maxMsPerPixel());
    const double maxStart = std::max(0.0, double(durationMs()) - mpp * viewport()->width());
    const double start = std::clamp(scale.startMs(), 0.0, maxStart);
    if (start == m_scale.startMs() && mpp == m_scale.msPerPixel())
        return;
    m_scale = TimelineScale(start, mpp);
    updateScrollBar();
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::updateScrollBar()
{
    // The scroll bar counts milliseconds (3 h = 10.8 M, well inside int).
    const double visible = visibleMs();
    const qint64 maxStart = std::max<qint64>(0, qint64(std::ceil(double(durationMs()) - visible)));
    QScrollBar *bar = horizontalScrollBar();
    m_syncingScrollBar = true;
    bar->setRange(0, int(std::min<qint64>(maxStart, INT_MAX)));
    bar->setPageStep(std::max(1, int(visible)));
    bar->setSingleStep(std::max(1, int(visible / 20)));
    bar->setValue(int(std::llround(m_scale.startMs())));
    m_syncingScrollBar = false;
}

void TimelineView::scrollContentsBy(int, int)
{
    if (m_syncingScrollBar)
        return;
    const int value = horizontalScrollBar()->value();
    if (std::llround(m_scale.startMs()) == value)
        return;
    m_scale = TimelineScale(value, m_scale.msPerPixel());
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    applyScale(m_scale); // re-clamp: the end of the timeline may now be past the right edge
    updateScrollBar();
}

void TimelineView::ensureVisible(qint64 ms)
{
    if (ms >= m_scale.startMs() && ms < m_scale.startMs() + visibleMs())
        return;
    applyScale(TimelineScale(double(ms) - visibleMs() / 2, m_scale.msPerPixel()));
}

void TimelineView::zoomIn()
{
    applyScale(m_scale.zoomedAround(viewport()->width() / 2.0, 1.5, TimelineScale::kMinMsPerPixel,
                                    maxMsPerPixel()));
}

void TimelineView::zoomOut()
{
    applyScale(m_scale.zoomedAround(viewport()->width() / 2.0, 1 / 1.5,
                                    TimelineScale::kMinMsPerPixel, maxMsPerPixel()));
}

void TimelineView::zoomToFit()
{
    const double ms = double(std::max<qint64>(durationMs(), 1000));
    applyScale(TimelineScale(0.0, ms / std::max(1, viewport()->width())));
}

void TimelineView::setAmplitudeZoom(double factor)
{
    factor = std::clamp(factor, 0.25, 64.0);
    if (factor == m_amplitude)
        return;
    m_amplitude = factor;
    viewport()->update();
}

void TimelineView::amplitudeZoomIn()
{
    setAmplitudeZoom(m_amplitude * 1.5);
}

void TimelineView::amplitudeZoomOut()
{
    setAmplitudeZoom(m_amplitude / 1.5);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        // Zoom around the pointer: the time under it stays under it (one notch = 1.25x).
        const double factor = std::pow(1.25, delta.y() / 120.0);
        applyScale(m_scale.zoomedAround(event->position().x(), factor,
                                        TimelineScale::kMinMsPerPixel, maxMsPerPixel()));
    } else if (event->modifiers() & Qt::AltModifier) {
        const int steps = delta.y() != 0 ? delta.y() : delta.x();
        setAmplitudeZoom(m_amplitude * std::pow(1.25, steps / 120.0));
    } else {
        // Plain wheel scrolls time (one notch = 1/8 of the view), horizontal wheels too.
        const int steps = delta.x() != 0 ? delta.x() : delta.y();
        applyScale(TimelineScale(m_scale.startMs() - steps / 120.0 * visibleMs() / 8,
                                 m_scale.msPerPixel()));
    }
    event->accept();
}

void TimelineView::setPlayhead(qint64 ms)
{
    if (ms == m_playhead)
        return;
    m_playhead = ms;
    const double start = m_scale.startMs(), visible = visibleMs();
    if (m_follow && m_drag == Drag::None && (double(ms) < start || double(ms) >= start + visible))
        // Page like Subtitle Edit and Aegisub: the playhead reappears near the left edge.
        applyScale(TimelineScale(double(ms) - visible * 0.05, m_scale.msPerPixel()));
    viewport()->update();
}

void TimelineView::setFollowPlayhead(bool follow)
{
    m_follow = follow;
}

void TimelineView::setSelectedCue(CueId id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    viewport()->update();
}

void TimelineView::setViolatingCues(const QSet<CueId> &ids)
{
    m_violating = ids;
    viewport()->update();
}

void TimelineView::setLowConfidenceThreshold(double threshold)
{
    m_lowConfidence = threshold;
    viewport()->update();
}

void TimelineView::setSilenceEdges(const QList<qint64> &edges)
{
    m_silenceEdges = edges;
    std::sort(m_silenceEdges.begin(), m_silenceEdges.end());
}

void TimelineView::setSpeech(const QList<SpeechSegment> &speech)
{
    QList<qint64> edges;
    edges.reserve(speech.size() * 2);
    for (const SpeechSegment &s : speech)
        edges << s.start << s.end;
    setSilenceEdges(edges);
}

void TimelineView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_tiles.setColor(palette().color(QPalette::Text));
    if (event->type() == QEvent::FontChange)
        m_labels.clear();
    QAbstractScrollArea::changeEvent(event);
}

#pragma once

#include <QList>
#include <QtGlobal>

#include <optional>

// Pure mapping between media time (ms) and horizontal position (px) on the timeline, and the
// snapping rules used while dragging. No widgets: unit-testable on its own.
class TimelineScale {
public:
    // The finest useful zoom: level-0 peaks are 10 ms, so finer than 1 ms/px only stretches them.
    static constexpr double kMinMsPerPixel = 1.0;

    TimelineScale() = default;
    TimelineScale(double startMs, double msPerPixel)
        : m_startMs(startMs)
        , m_msPerPixel(msPerPixel)
    {}

    double startMs() const { return m_startMs; }
    double msPerPixel() const { return m_msPerPixel; }
    // x relative to the left edge of the view (x = 0 at startMs).
    double xForMs(double ms) const { return (ms - m_startMs) / m_msPerPixel; }
    double msForX(double x) const { return m_startMs + x * m_msPerPixel; }
    double msForWidth(double px) const { return px * m_msPerPixel; }
    // Absolute pixel of the view's left edge (time 0 is pixel 0): tiles are aligned to these.
    double startPixel() const { return m_startMs / m_msPerPixel; }

    // The scale with msPerPixel divided by `factor` (> 1 zooms in), clamped to [minMsPerPixel,
    // maxMsPerPixel], such that the time under view position `x` stays under `x`.
    TimelineScale zoomedAround(double x, double factor, double minMsPerPixel,
                               double maxMsPerPixel) const;

private:
    double m_startMs = 0.0;
    double m_msPerPixel = 10.0;
};

// The candidate nearest to `ms` if it is within `toleranceMs` (ties: the earlier candidate).
// `sortedCandidates` must be ascending; O(log n).
std::optional<qint64> nearestSnap(qint64 ms, const QList<qint64> &sortedCandidates,
                                  double toleranceMs);

// Snaps an edge time: the nearest candidate within tolerance, or `ms` unchanged when none is
// close or snapping is disabled (the user holds Shift).
qint64 snapEdge(qint64 ms, const QList<qint64> &sortedCandidates, double toleranceMs, bool enabled);

// Snaps a moved span [start, end) without changing its length: whichever edge is closer to a
// candidate snaps, the other follows. Returns the (possibly) adjusted start.
qint64 snapSpan(qint64 start, qint64 end, const QList<qint64> &sortedCandidates, double toleranceMs,
                bool enabled);

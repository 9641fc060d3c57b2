#include "timelinescale.h"

#include <algorithm>
#include <cmath>

TimelineScale TimelineScale::zoomedAround(double x, double factor, double minMsPerPixel,
                                          double maxMsPerPixel) const
{
    if (factor <= 0.0)
        return *this;
    const double anchorMs = msForX(x);
    const double mpp =
        std::clamp(m_msPerPixel / factor, minMsPerPixel, std::max(minMsPerPixel, maxMsPerPixel));
    return TimelineScale(anchorMs - x * mpp, mpp);
}

std::optional<qint64> nearestSnap(qint64 ms, const QList<qint64> &sortedCandidates,
                                  double toleranceMs)
{
    const auto it = std::lower_bound(sortedCandidates.cbegin(), sortedCandidates.cend(), ms);
    std::optional<qint64> best;
    double bestDistance = toleranceMs;
    // Only the neighbours of the insertion point can be nearest; check the earlier one first so
    // that it wins a tie.
    if (it != sortedCandidates.cbegin()) {
        const qint64 c = *(it - 1);
        if (double(ms - c) <= bestDistance) {
            best = c;
            bestDistance = double(ms - c);
        }
    }
    if (it != sortedCandidates.cend()) {
        const qint64 c = *it;
        if (double(c - ms) < bestDistance || (!best && double(c - ms) <= bestDistance))
            best = c;
    }
    return best;
}

qint64 snapEdge(qint64 ms, const QList<qint64> &sortedCandidates, double toleranceMs, bool enabled)
{
    if (!enabled)
        return ms;
    return nearestSnap(ms, sortedCandidates, toleranceMs).value_or(ms);
}

qint64 snapSpan(qint64 start, qint64 end, const QList<qint64> &sortedCandidates, double toleranceMs,
                bool enabled)
{
    if (!enabled)
        return start;
    const auto s = nearestSnap(start, sortedCandidates, toleranceMs);
    const auto e = nearestSnap(end, sortedCandidates, toleranceMs);
    if (s && e)
        return std::llabs(*s - start) <= std::llabs(*e - end) ? *s : start + (*e - end);
    if (s)
        return *s;
    if (e)
        return start + (*e - end);
    return start;
}

// Mouse interaction of TimelineView: hit-testing, retiming drags with snapping, creating cues,
// click to seek and double-click to activate.

#include "timelineview.h"

#include "document.h"
#include "track.h"

#include <QMouseEvent>

#include <algorithm>
#include <cmath>

TimelineView::Hit TimelineView::hitTest(const QPoint &pos, CueId *id) const
{
    *id = 0;
    if (!m_document || !waveRect().contains(pos))
        return Hit::None;
    const double grabMs = m_scale.msForWidth(kEdgeGrabPx + 1);
    const double ms = m_scale.msForX(pos.x() + 0.5);
    const auto [first, last] = visibleRows(ms - grabMs, ms + grabMs);
    const Track *track = m_document->track();
    Hit best = Hit::None;
    double bestScore = 1e9;
    for (int row = first; row <= last; ++row) {
        const Cue &c = track->at(row);
        const int x0 = xFor(double(c.start)), x1 = std::max(x0 + 1, xFor(double(c.end)));
        const bool inside = pos.x() >= x0 && pos.x() < x1;
        // Edges win over bodies; between two cues sharing an edge, the side the pointer is on
        // wins (the small penalty for being outside the cue).
        const double ds = std::abs(pos.x() - x0) + (inside ? 0.0 : 0.5);
        const double de = std::abs(pos.x() - x1) + (inside ? 0.0 : 0.5);
        // A cue narrower than two grab zones keeps a body to grab in its middle.
        const bool narrow = x1 - x0 < 3 * kEdgeGrabPx;
        const double bodyScore = kEdgeGrabPx + 1.0;
        auto consider = [&](Hit hit, double score) {
            if (score < bestScore) {
                best = hit;
                bestScore = score;
                *id = c.id;
            }
        };
        if (ds <= kEdgeGrabPx && (!narrow || pos.x() < (x0 + x1) / 2 - 1))
            consider(Hit::StartEdge, ds);
        if (de <= kEdgeGrabPx && (!narrow || pos.x() > (x0 + x1) / 2 + 1))
            consider(Hit::EndEdge, de);
        if (inside)
            consider(Hit::Body, bodyScore + (c.id == m_selected ? -0.5 : 0.0));
    }
    return best;
}

CueId TimelineView::cueAt(const QPoint &pos) const
{
    CueId id = 0;
    hitTest(pos, &id);
    return id;
}

QList<qint64> TimelineView::snapCandidates(CueId exclude) const
{
    // Neighbour edges within a few views either side are enough: snapping only reaches kSnapPx.
    QList<qint64> out;
    const double margin = 2 * visibleMs();
    const auto [first, last] =
        visibleRows(m_scale.startMs() - margin, m_scale.startMs() + visibleMs() + margin);
    if (m_document) {
        const Track *track = m_document->track();
        for (int row = first; row <= last; ++row) {
            const Cue &c = track->at(row);
            if (c.id != exclude)
                out << c.start << c.end;
        }
    }
    out << m_silenceEdges << m_playhead;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_pressPos = pos;
    m_pressMs = std::max<qint64>(0, std::llround(m_scale.msForX(pos.x())));
    if (pos.y() < kRulerHeight) {
        // The ruler only seeks (and scrubs while dragging).
        m_drag = Drag::None;
        Q_EMIT seekRequested(m_pressMs);
        event->accept();
        return;
    }
    m_pressHit = hitTest(pos, &m_dragCue);
    if (m_pressHit != Hit::None) {
        const Cue *c = m_document->track()->find(m_dragCue);
        m_origStart = c->start;
        m_origEnd = c->end;
    }
    m_drag = Drag::Pending;
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (!(event->buttons() & Qt::LeftButton)) {
        CueId id = 0;
        const Hit hit = hitTest(pos, &id);
        viewport()->setCursor(hit == Hit::StartEdge || hit == Hit::EndEdge ? Qt::SizeHorCursor
                              : hit == Hit::Body                           ? Qt::OpenHandCursor
                                                                           : Qt::ArrowCursor);
        return;
    }
    if (m_drag == Drag::None && pos.y() < kRulerHeight && m_pressPos.y() < kRulerHeight) {
        Q_EMIT seekRequested(std::max<qint64>(0, std::llround(m_scale.msForX(pos.x()))));
        return;
    }
    if (m_drag == Drag::Pending) {
        if ((pos - m_pressPos).manhattanLength() < kDragStartPx)
            return;
        switch (m_pressHit) {
        case Hit::StartEdge:
            m_drag = Drag::StartEdge;
            break;
        case Hit::EndEdge:
            m_drag = Drag::EndEdge;
            break;
        case Hit::Body:
            m_drag = Drag::Body;
            viewport()->setCursor(Qt::ClosedHandCursor);
            break;
        case Hit::None:
            m_drag = Drag::Create;
            break;
        }
        m_gesture = m_document ? m_document->beginGesture() : 0;
        m_dragSnaps = snapCandidates(m_drag == Drag::Create ? 0 : m_dragCue);
    }
    if (m_drag != Drag::None && m_drag != Drag::Pending)
        dragTo(pos, event->modifiers());
    event->accept();
}

void TimelineView::dragTo(const QPoint &pos, Qt::KeyboardModifiers modifiers)
{
    const bool snap = !(modifiers & Qt::ShiftModifier);
    const double tolerance = m_scale.msForWidth(kSnapPx);
    const qint64 ms = std::llround(m_scale.msForX(pos.x()));
    const qint64 delta = ms - m_pressMs;
    if (m_drag == Drag::Create) {
        const qint64 a = snapEdge(m_pressMs, m_dragSnaps, tolerance, snap);
        const qint64 b = std::max<qint64>(0, snapEdge(ms, m_dragSnaps, tolerance, snap));
        m_createStart = std::min(a, b);
        m_createEnd = std::max(a, b);
        viewport()->update();
        return;
    }
    if (!m_document)
        return;
    const Cue *cue = m_document->track()->find(m_dragCue);
    if (!cue) { // removed under us (undo during the drag)
        m_drag = Drag::None;
        return;
    }
    qint64 start = m_origStart, end = m_origEnd;
    if (m_drag == Drag::StartEdge) {
        start = snapEdge(m_origStart + delta, m_dragSnaps, tolerance, snap);
        start = std::clamp<qint64>(start, 0, std::max<qint64>(0, m_origEnd - kMinCueMs));
    } else if (m_drag == Drag::EndEdge) {
        end = snapEdge(m_origEnd + delta, m_dragSnaps, tolerance, snap);
        end = std::max(end, m_origStart + kMinCueMs);
    } else if (m_drag == Drag::Body) {
        const qint64 length = m_origEnd - m_origStart;
        start = snapSpan(m_origStart + delta, m_origEnd + delta, m_dragSnaps, tolerance, snap);
        start = std::max<qint64>(0, start);
        end = start + length;
    }
    // A refused edit (the document validates) leaves the cue where it was; the next move retries.
    if (start != cue->start || end != cue->end)
        (void)m_document->setCueTimes(m_dragCue, start, end, m_gesture);
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    finishDrag(event->position().toPoint(), event->modifiers());
    event->accept();
}

void TimelineView::finishDrag(const QPoint &pos, Qt::KeyboardModifiers modifiers)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    switch (drag) {
    case Drag::None:
        return;
    case Drag::Pending: // a click
        if (m_pressHit != Hit::None)
            Q_EMIT cueClicked(m_dragCue);
        Q_EMIT seekRequested(m_pressMs);
        return;
    case Drag::Create: {
        m_drag = Drag::Create;
        dragTo(pos, modifiers);
        m_drag = Drag::None;
        viewport()->update();
        if (m_createEnd - m_createStart < kMinNewCueMs) {
            Q_EMIT seekRequested(m_pressMs);
            return;
        }
        if (!m_document)
            return;
        Cue cue;
        cue.start = m_createStart;
        cue.end = m_createEnd;
        if (auto id = m_document->insertCue(cue))
            Q_EMIT cueCreated(*id);
        return;
    }
    case Drag::StartEdge:
    case Drag::EndEdge:
    case Drag::Body:
        m_drag = drag;
        dragTo(pos, modifiers);
        m_drag = Drag::None;
        viewport()->setCursor(drag == Drag::Body ? Qt::OpenHandCursor : Qt::SizeHorCursor);
        return;
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_drag = Drag::None;
    CueId id = 0;
    if (hitTest(pos, &id) != Hit::None && id != 0)
        Q_EMIT cueActivated(id);
    event->accept();
}

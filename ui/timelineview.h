#pragma once

#include "cue.h"
#include "document.h"
#include "timelinescale.h"
#include "waveformloader.h"
#include "waveformtiles.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStaticText>
#include <QTimer>

class PeakPyramid;
struct SpeechSegment;

// The waveform timeline of the editor (issue 8): the media's peaks drawn from cached tiles, a time
// ruler, the document's cues as translucent boxes with their text, and the playhead. Zoom with
// Ctrl+wheel or the slots, scroll with the wheel or the scroll bar. Dragging a cue's edge or body
// retimes it (snapping to neighbour cue edges, silence edges and the playhead; Shift disables
// snapping), one drag being one undo step; dragging in an empty area creates a cue; a click seeks;
// a double-click on a cue activates it. The widget only reads the peaks and edits the document
// through Document's methods; playback is the window's job (seekRequested, cueActivated).
// GUI thread only.
class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr int kRulerHeight = 20;
    static constexpr int kEdgeGrabPx = 4;       // an edge is hit within this many pixels
    static constexpr int kSnapPx = 8;           // snapping tolerance
    static constexpr int kDragStartPx = 3;      // a press becomes a drag after this much movement
    static constexpr qint64 kMinNewCueMs = 100; // shorter drags in an empty area only seek
    static constexpr qint64 kMinCueMs = 10;     // an edge drag never makes a cue shorter

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // The document whose cues are shown and edited; may be null. Not owned.
    void setDocument(Document *document);
    Document *document() const { return m_document; }
    // Peaks to draw (not owned; null clears). Call peaksAdded() when more arrive.
    void setPeaks(const PeakPyramid *peaks);
    // Convenience: draws the loader's peaks and follows its started/peaksAdded signals.
    void setWaveformLoader(WaveformLoader *loader);
    // Length of the media (scroll range); the timeline also covers the peaks and the cues.
    void setDurationMs(qint64 ms);
    qint64 durationMs() const;

    TimelineScale scale() const { return m_scale; }
    double viewStartMs() const { return m_scale.startMs(); }
    double msPerPixel() const { return m_scale.msPerPixel(); }
    double visibleMs() const;
    // Sets the left edge and zoom (clamped to the timeline).
    void setView(double startMs, double msPerPixel);
    // Scrolls so that `ms` is visible (centred when it was not).
    void ensureVisible(qint64 ms);
    double amplitudeZoom() const { return m_amplitude; }

    qint64 playhead() const { return m_playhead; }
    bool followPlayhead() const { return m_follow; }

    CueId selectedCue() const { return m_selected; }
    // Cues marked as breaking a rule (computed by the window, e.g. from checkCues()).
    void setViolatingCues(const QSet<CueId> &ids);
    // Words with a confidence below this are marked; <= 0 disables the marks.
    void setLowConfidenceThreshold(double threshold);
    double lowConfidenceThreshold() const { return m_lowConfidence; }
    // Silence edges to snap to (any order), e.g. from a VadResult; see setSpeech().
    void setSilenceEdges(const QList<qint64> &edges);
    void setSpeech(const QList<SpeechSegment> &speech);

    const WaveformTiles &tiles() const { return m_tiles; }
    // The colour of a speaker's cues (a strip along their top), the same for a name everywhere.
    static QColor speakerColor(const QString &speaker);
    // The cue under view position `pos` (viewport coordinates), or 0.
    CueId cueAt(const QPoint &pos) const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void setAmplitudeZoom(double factor); // 1 = full scale; clamped to [0.25, 64]
    void amplitudeZoomIn();
    void amplitudeZoomOut();
    // Connect to Player::positionChanged. Scrolls when following and the playhead leaves the view.
    void setPlayhead(qint64 ms);
    void setFollowPlayhead(bool follow);
    void setSelectedCue(CueId id);
    // Peaks in [fromMs, toMs) arrived (WaveformLoader::peaksAdded).
    void peaksAdded(qint64 fromMs, qint64 toMs);

Q_SIGNALS:
    void seekRequested(qint64 ms);
    void cueClicked(CueId id);
    void cueActivated(CueId id);
    void cueCreated(CueId id);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Hit { None, StartEdge, EndEdge, Body };
    enum class Drag { None, Pending, StartEdge, EndEdge, Body, Create };

    // timelineview.cpp: geometry and view state
    void updateScrollBar();
    void applyScale(const TimelineScale &scale);
    void trackChanged();
    void ensureCueStats() const;
    double maxMsPerPixel() const;
    QRect waveRect() const;
    int xFor(double ms) const;
    // Rows [first, last] of cues overlapping [fromMs, toMs); first > last when none.
    std::pair<int, int> visibleRows(double fromMs, double toMs) const;
    // timelineinput.cpp: hit-testing and dragging
    Hit hitTest(const QPoint &pos, CueId *id) const;
    QList<qint64> snapCandidates(CueId exclude) const;
    void dragTo(const QPoint &pos, Qt::KeyboardModifiers modifiers);
    void finishDrag(const QPoint &pos, Qt::KeyboardModifiers modifiers);
    // timelinepaint.cpp
    void paintRuler(QPainter &p, const QRect &rect) const;
    void paintWaveform(QPainter &p, const QRect &rect);
    // Renders, while the event loop is idle, the tiles just outside the view (one view width on
    // each side), so scrolling and playback follow find them ready. Bounded work per slice.
    void prerenderTiles();
    void paintCues(QPainter &p, const QRect &rect) const;
    void paintCue(QPainter &p, const Cue &cue, const QRect &box) const;
    QColor cueFill(bool violating, bool selected) const;

    QPointer<Document> m_document;
    QPointer<WaveformLoader> m_loader;
    const PeakPyramid *m_peaks = nullptr;
    WaveformTiles m_tiles;
    TimelineScale m_scale{0.0, 100.0};
    bool m_syncingScrollBar = false;
    qint64 m_durationMs = 0;
    // Longest cue and latest end, recomputed lazily after track changes (-1: stale). Cues that
    // start left of the view but reach into it are found by looking back by the longest duration.
    mutable qint64 m_maxCueDuration = -1;
    mutable qint64 m_cuesEndMs = 0;
    double m_amplitude = 1.0;
    qint64 m_playhead = 0;
    bool m_follow = true;
    CueId m_selected = 0;
    QSet<CueId> m_violating;
    double m_lowConfidence = 0.5;
    QList<qint64> m_silenceEdges; // sorted
    QTimer m_prerender;
    // Laid-out cue labels by cue id, valid for `source` at `width` px in the widget's font.
    struct Label {
        QString source;
        int width = -1;
        QStaticText text;
    };
    mutable QHash<CueId, Label> m_labels;

    // Drag state
    Drag m_drag = Drag::None;
    Hit m_pressHit = Hit::None;
    CueId m_dragCue = 0;
    QPoint m_pressPos;
    qint64 m_pressMs = 0;
    qint64 m_origStart = 0, m_origEnd = 0;
    quint64 m_gesture = 0;
    QList<qint64> m_dragSnaps;
    qint64 m_createStart = 0, m_createEnd = 0;
};

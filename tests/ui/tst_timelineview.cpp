#include "document.h"
#include "peakpyramid.h"
#include "timelinescale.h"
#include "timelineview.h"
#include "track.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

using namespace Qt::StringLiterals;

namespace {

// Level-0 peaks (10 ms each) for [fromMs, toMs): loud inside [loudFrom, loudTo), silent elsewhere.
std::vector<Peak> peaks(qint64 fromMs, qint64 toMs, qint64 loudFrom, qint64 loudTo)
{
    std::vector<Peak> out;
    for (qint64 t = fromMs; t < toMs; t += PeakPyramid::kPeakMs) {
        const bool loud = t >= loudFrom && t < loudTo;
        out.push_back(loud ? Peak{-20000, 20000} : Peak{});
    }
    return out;
}

Cue cue(qint64 start, qint64 end, const QString &text)
{
    Cue c;
    c.start = start;
    c.end = end;
    c.text = text;
    return c;
}

// Sends a mouse move with buttons and modifiers (QTest::mouseMove cannot carry modifiers).
void moveTo(QWidget *w, QPoint pos, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent e(QEvent::MouseMove, QPointF(pos), QPointF(w->mapToGlobal(pos)), Qt::NoButton,
                  Qt::LeftButton, modifiers);
    QApplication::sendEvent(w, &e);
}

void drag(QWidget *w, QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::mousePress(w, Qt::LeftButton, modifiers, from);
    moveTo(w, from + (to - from) / 2, modifiers);
    moveTo(w, to, modifiers);
    QTest::mouseRelease(w, Qt::LeftButton, modifiers, to);
}

} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void mapping_data();
    void mapping();
    void zoomAroundKeepsPoint_data();
    void zoomAroundKeepsPoint();
    void snapping();
    void snapSpanPicksCloserEdge();

    void drawsWaveformWherePeaksAre();
    void redrawsTileWhenPeaksArrive();
    void tintsCueRegion();
    void colorsSpeakers();
    void marksViolationsAndLowConfidence();
    void selectedCueShowsWordTicks();
    void longCueStartingLeftOfViewIsDrawn();
    void dragRightEdgeIsOneUndoStep();
    void dragBodySnapsToNeighbour();
    void shiftDragDoesNotSnap();
    void dragInEmptyAreaCreatesCue();
    void shortDragInEmptyAreaSeeks();
    void clickSeeks();
    void doubleClickActivates();
    void ctrlWheelZoomsAroundPointer();
    void plainWheelScrolls();
    void zoomSlotsAndFit();
    void playheadAutoScrolls();

private:
    // 40 s of media: silent except 10-20 s; cues A 2-4 s, B 6-8 s, C 12-14 s; view 0-20 s at
    // 20 ms/px on a 1000 px wide viewport.
    Document *m_doc = nullptr;
    PeakPyramid *m_peaks = nullptr;
    TimelineView *m_view = nullptr;
    CueId m_a = 0, m_b = 0, m_c = 0;

    QWidget *vp() const { return m_view->viewport(); }
    int waveY(int fromBottom) const { return vp()->height() - fromBottom; }
    QColor base() const { return m_view->palette().color(QPalette::Base); }
    QImage shot() const { return vp()->grab().toImage(); }
};

void TestTimelineView::init()
{
    m_doc = new Document;
    Cues cues{cue(2000, 4000, u"Alpha"_s), cue(6000, 8000, u"Beta"_s),
              cue(12000, 14000, u"Gamma"_s)};
    QVERIFY(m_doc->load(cues));
    m_a = m_doc->track()->at(0).id;
    m_b = m_doc->track()->at(1).id;
    m_c = m_doc->track()->at(2).id;
    m_peaks = new PeakPyramid;
    m_peaks->append(peaks(0, 40000, 10000, 20000));
    m_view = new TimelineView;
    m_view->resize(1000, 240);
    m_view->setDocument(m_doc);
    m_view->setPeaks(m_peaks);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    QCOMPARE(vp()->width(), 1000);
    m_view->setView(0, 20);
    QCOMPARE(m_view->viewStartMs(), 0.0);
    QCOMPARE(m_view->msPerPixel(), 20.0);
}

void TestTimelineView::cleanup()
{
    delete m_view;
    delete m_peaks;
    delete m_doc;
}

void TestTimelineView::mapping_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("mpp");
    QTest::addColumn<double>("ms");
    QTest::addColumn<double>("x");
    QTest::newRow("origin") << 0.0 << 10.0 << 0.0 << 0.0;
    QTest::newRow("10ms/px") << 0.0 << 10.0 << 2500.0 << 250.0;
    QTest::newRow("scrolled") << 60000.0 << 50.0 << 65000.0 << 100.0;
    QTest::newRow("left of view") << 1000.0 << 2.0 << 500.0 << -250.0;
    QTest::newRow("whole 3h on 1600px") << 0.0 << 6750.0 << 10800000.0 << 1600.0;
}

void TestTimelineView::mapping()
{
    QFETCH(double, start);
    QFETCH(double, mpp);
    QFETCH(double, ms);
    QFETCH(double, x);
    const TimelineScale s(start, mpp);
    QCOMPARE(s.xForMs(ms), x);
    QCOMPARE(s.msForX(x), ms);
    QCOMPARE(s.startPixel(), start / mpp);
}

void TestTimelineView::zoomAroundKeepsPoint_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("expectedMpp");
    QTest::newRow("in at left") << 0.0 << 2.0 << 50.0;
    QTest::newRow("in at middle") << 400.0 << 4.0 << 25.0;
    QTest::newRow("out at right") << 800.0 << 0.5 << 200.0;
    QTest::newRow("clamped in") << 300.0 << 1000.0 << 1.0;
    QTest::newRow("clamped out") << 300.0 << 0.001 << 1000.0;
}

void TestTimelineView::zoomAroundKeepsPoint()
{
    QFETCH(double, x);
    QFETCH(double, factor);
    QFETCH(double, expectedMpp);
    const TimelineScale s(30000.0, 100.0);
    const TimelineScale z = s.zoomedAround(x, factor, 1.0, 1000.0);
    QCOMPARE(z.msPerPixel(), expectedMpp);
    QVERIFY(qAbs(z.msForX(x) - s.msForX(x)) < 1e-6);
}

void TestTimelineView::snapping()
{
    const QList<qint64> c{1000, 2000, 2100, 5000};
    QCOMPARE(nearestSnap(1900, c, 150), std::optional<qint64>(2000));
    QCOMPARE(nearestSnap(2060, c, 150), std::optional<qint64>(2100)); // nearer than 2000
    QCOMPARE(nearestSnap(2050, c, 150), std::optional<qint64>(2000)); // tie: the earlier
    QCOMPARE(nearestSnap(3000, c, 150), std::nullopt);
    QCOMPARE(nearestSnap(5150, c, 150), std::optional<qint64>(5000)); // edge of tolerance
    QCOMPARE(nearestSnap(5151, c, 150), std::nullopt);
    QCOMPARE(nearestSnap(0, {}, 150), std::nullopt);
    QCOMPARE(snapEdge(1090, c, 150, true), 1000);
    QCOMPARE(snapEdge(1090, c, 150, false), 1090); // Shift held
    QCOMPARE(snapEdge(3000, c, 150, true), 3000);
}

void TestTimelineView::snapSpanPicksCloserEdge()
{
    const QList<qint64> c{1000, 4000};
    // Start 1100 is 100 from 1000; end 3950 is 50 from 4000: the end snaps, the start follows.
    QCOMPARE(snapSpan(1100, 3950, c, 150, true), 1150);
    QCOMPARE(snapSpan(1020, 3000, c, 150, true), 1000);
    QCOMPARE(snapSpan(1100, 3950, c, 150, false), 1100);
    QCOMPARE(snapSpan(2000, 3000, c, 150, true), 2000);
}

void TestTimelineView::drawsWaveformWherePeaksAre()
{
    const QImage img = shot();
    const int mid = TimelineView::kRulerHeight + (vp()->height() - TimelineView::kRulerHeight) / 2;
    QVERIFY(img.pixelColor(760, mid) != base());      // 15.2 s: loud, no cue there
    QVERIFY(img.pixelColor(760, mid - 30) != base()); // a tall column, not a line
    QCOMPARE(img.pixelColor(460, mid), base());       // 9.2 s: silent, no cue
    QVERIFY(img.pixelColor(990, mid) != base());      // 19.8 s: still loud
}

void TestTimelineView::redrawsTileWhenPeaksArrive()
{
    // Decoding in progress: only 0-15 s available.
    PeakPyramid partial;
    partial.append(peaks(0, 15000, 10000, 40000));
    m_view->setPeaks(&partial);
    const int mid = TimelineView::kRulerHeight + (vp()->height() - TimelineView::kRulerHeight) / 2;
    QImage img = shot();
    QVERIFY(img.pixelColor(720, mid) != base()); // 14.4 s: decoded part drawn at once
    QCOMPARE(img.pixelColor(760, mid), base());  // 15.2 s: not decoded yet (same tile as 14.4 s)
    partial.append(peaks(15000, 20000, 10000, 40000));
    m_view->peaksAdded(15000, 20000);
    img = shot();
    QVERIFY(img.pixelColor(760, mid) != base());
    QVERIFY(img.pixelColor(900, mid) != base());
    m_view->setPeaks(m_peaks);
}

void TestTimelineView::tintsCueRegion()
{
    const QImage img = shot();
    const int y = waveY(40);
    QVERIFY(img.pixelColor(150, y) != base()); // inside A (2-4 s = 100-200 px)
    QCOMPARE(img.pixelColor(250, y), base());  // between A and B
    QVERIFY(img.pixelColor(350, y) != base()); // inside B
}

void TestTimelineView::colorsSpeakers()
{
    const int top = TimelineView::kRulerHeight + 1; // the strip along a cue's top
    const QColor before = shot().pixelColor(150, top);
    QVERIFY(m_doc->setCueSpeaker({m_a}, u"Alice"_s));
    QVERIFY(m_doc->setCueSpeaker({m_b}, u"Bob"_s));
    const QImage img = shot();
    QCOMPARE(img.pixelColor(150, top).rgb(), TimelineView::speakerColor(u"Alice"_s).rgb());
    QCOMPARE(img.pixelColor(350, top).rgb(), TimelineView::speakerColor(u"Bob"_s).rgb());
    QVERIFY(TimelineView::speakerColor(u"Alice"_s) != TimelineView::speakerColor(u"Bob"_s));
    QVERIFY(img.pixelColor(150, top) != before);
    // The same name keeps its colour after a rename back and forth (no state).
    QCOMPARE(TimelineView::speakerColor(u"Alice"_s), TimelineView::speakerColor(u"Alice"_s));
}

void TestTimelineView::marksViolationsAndLowConfidence()
{
    const int y = waveY(40);
    const QColor normal = shot().pixelColor(150, y);
    m_view->setViolatingCues({m_a});
    const QColor violating = shot().pixelColor(150, y);
    QVERIFY(violating != normal);
    QVERIFY(violating.red() > violating.blue());

    Cue b = *m_doc->track()->find(m_b);
    Word sure{6000, 6800, u"Be"_s, 0.95f, {}};
    Word unsure{7000, 7800, u"ta"_s, 0.2f, {}};
    b.words = {sure, unsure};
    QVERIFY(m_doc->applyEdit(u"words"_s, {*m_doc->track()->find(m_b)}, {b}));
    const QImage img = shot();
    const int markY = vp()->height() - 3;
    const QColor atUnsure = img.pixelColor(370, markY); // 7.4 s
    const QColor atSure = img.pixelColor(320, markY);   // 6.4 s
    QVERIFY(atUnsure != atSure);
    QVERIFY(atUnsure.red() > atUnsure.blue() + 80);
    m_view->setLowConfidenceThreshold(0.1); // below every word: no mark
    QCOMPARE(shot().pixelColor(370, markY), atSure);
}

void TestTimelineView::selectedCueShowsWordTicks()
{
    Cue b = *m_doc->track()->find(m_b);
    b.words = {Word{6000, 6800, u"Be"_s, {}, {}}, Word{7000, 7800, u"ta"_s, {}, {}}};
    QVERIFY(m_doc->applyEdit(u"words"_s, {*m_doc->track()->find(m_b)}, {b}));
    const int y = vp()->height() - 8;
    QImage img = shot();
    QCOMPARE(img.pixelColor(350, y), img.pixelColor(345, y)); // not selected: no ticks
    m_view->setSelectedCue(m_b);
    img = shot();
    QVERIFY(img.pixelColor(350, y) != img.pixelColor(345, y)); // tick at 7.0 s
    QCOMPARE(img.pixelColor(345, y), img.pixelColor(330, y));  // box between ticks is plain
}

void TestTimelineView::longCueStartingLeftOfViewIsDrawn()
{
    m_view->setView(20000, 20); // 20-40 s: silent
    QCOMPARE(m_view->viewStartMs(), 20000.0);
    QVERIFY(m_doc->insertCue(cue(15000, 25000, u"Long"_s)));
    const QImage img = shot();
    QVERIFY(img.pixelColor(100, waveY(40)) != base()); // 22 s: inside the cue starting at 15 s
    QCOMPARE(img.pixelColor(300, waveY(40)), base());  // 26 s: after it
}

void TestTimelineView::dragRightEdgeIsOneUndoStep()
{
    QUndoStack *undo = m_doc->undoStack();
    QCOMPARE(undo->count(), 0);
    drag(vp(), QPoint(200, waveY(40)), QPoint(260, waveY(40)));
    QCOMPARE(m_doc->track()->find(m_a)->start, 2000);
    QCOMPARE(m_doc->track()->find(m_a)->end, 5200); // 4000 + 60 px * 20 ms
    QCOMPARE(undo->count(), 1);
    undo->undo();
    QCOMPARE(m_doc->track()->find(m_a)->end, 4000);
    QCOMPARE(m_doc->track()->find(m_a)->start, 2000);
}

void TestTimelineView::dragBodySnapsToNeighbour()
{
    // B (6-8 s) dragged left by 1900 ms: its start (4100) is 5 px from A's end (4000): snaps.
    drag(vp(), QPoint(350, waveY(40)), QPoint(255, waveY(40)));
    const Cue *b = m_doc->track()->find(m_b);
    QCOMPARE(b->start, 4000);
    QCOMPARE(b->end, 6000);
    QCOMPARE(m_doc->undoStack()->count(), 1);
}

void TestTimelineView::shiftDragDoesNotSnap()
{
    drag(vp(), QPoint(350, waveY(40)), QPoint(255, waveY(40)), Qt::ShiftModifier);
    const Cue *b = m_doc->track()->find(m_b);
    QCOMPARE(b->start, 4100);
    QCOMPARE(b->end, 6100);
    // Edge drags snap to the playhead too, unless Shift is held.
    m_view->setPlayhead(9000);
    drag(vp(), QPoint(305, waveY(40)), QPoint(445, waveY(40))); // end 6100 -> 8900, snaps
    QCOMPARE(m_doc->track()->find(m_b)->end, 9000);
}

void TestTimelineView::dragInEmptyAreaCreatesCue()
{
    QSignalSpy created(m_view, &TimelineView::cueCreated);
    drag(vp(), QPoint(450, waveY(40)), QPoint(550, waveY(40)));
    QCOMPARE(m_doc->track()->count(), 4);
    QCOMPARE(created.count(), 1);
    const Cue *c = m_doc->track()->find(created.at(0).at(0).value<CueId>());
    QVERIFY(c);
    QCOMPARE(c->start, 9000);
    QCOMPARE(c->end, 11000);
    QCOMPARE(m_doc->undoStack()->count(), 1);
}

void TestTimelineView::shortDragInEmptyAreaSeeks()
{
    QSignalSpy created(m_view, &TimelineView::cueCreated);
    QSignalSpy seek(m_view, &TimelineView::seekRequested);
    drag(vp(), QPoint(450, waveY(40)), QPoint(454, waveY(40))); // 80 ms
    QCOMPARE(m_doc->track()->count(), 3);
    QCOMPARE(created.count(), 0);
    QCOMPARE(seek.count(), 1);
    QCOMPARE(seek.at(0).at(0).toLongLong(), 9000);
}

void TestTimelineView::clickSeeks()
{
    QSignalSpy seek(m_view, &TimelineView::seekRequested);
    QSignalSpy clicked(m_view, &TimelineView::cueClicked);
    QTest::mouseClick(vp(), Qt::LeftButton, {}, QPoint(450, waveY(40)));
    QCOMPARE(seek.count(), 1);
    QCOMPARE(seek.at(0).at(0).toLongLong(), 9000);
    QCOMPARE(clicked.count(), 0);
    QTest::mouseClick(vp(), Qt::LeftButton, {}, QPoint(50, 5)); // the ruler
    QCOMPARE(seek.count(), 2);
    QCOMPARE(seek.at(1).at(0).toLongLong(), 1000);
    QTest::mouseClick(vp(), Qt::LeftButton, {}, QPoint(150, waveY(40))); // on cue A
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).value<CueId>(), m_a);
    QCOMPARE(m_doc->undoStack()->count(), 0); // clicks never edit
}

void TestTimelineView::doubleClickActivates()
{
    QSignalSpy activated(m_view, &TimelineView::cueActivated);
    QTest::mouseDClick(vp(), Qt::LeftButton, {}, QPoint(450, waveY(40))); // empty
    QCOMPARE(activated.count(), 0);
    QTest::mouseDClick(vp(), Qt::LeftButton, {}, QPoint(650, waveY(40))); // C
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<CueId>(), m_c);
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void TestTimelineView::ctrlWheelZoomsAroundPointer()
{
    const QPointF pos(500, waveY(40));
    const double before = m_view->scale().msForX(pos.x());
    QWheelEvent in(pos, vp()->mapToGlobal(pos), {}, QPoint(0, 120), Qt::NoButton,
                   Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(vp(), &in);
    QCOMPARE(m_view->msPerPixel(), 16.0); // one notch: 1.25x
    QVERIFY(qAbs(m_view->scale().msForX(pos.x()) - before) < 1e-6);
    QWheelEvent out(pos, vp()->mapToGlobal(pos), {}, QPoint(0, -240), Qt::NoButton,
                    Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(vp(), &out);
    QCOMPARE(m_view->msPerPixel(), 25.0);
}

void TestTimelineView::plainWheelScrolls()
{
    const QPointF pos(500, waveY(40));
    QWheelEvent down(pos, vp()->mapToGlobal(pos), {}, QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
    QApplication::sendEvent(vp(), &down);
    QCOMPARE(m_view->msPerPixel(), 20.0);
    QCOMPARE(m_view->viewStartMs(), 2500.0); // 1/8 of the 20 s view
}

void TestTimelineView::zoomSlotsAndFit()
{
    m_view->zoomIn();
    QCOMPARE(m_view->msPerPixel(), 20.0 / 1.5);
    m_view->zoomOut();
    QVERIFY(qAbs(m_view->msPerPixel() - 20.0) < 1e-9);
    m_view->zoomToFit();
    QCOMPARE(m_view->viewStartMs(), 0.0);
    QCOMPARE(m_view->visibleMs(), 40000.0);
    const double amp = m_view->amplitudeZoom();
    m_view->amplitudeZoomIn();
    QVERIFY(m_view->amplitudeZoom() > amp);
}

void TestTimelineView::playheadAutoScrolls()
{
    QSignalSpy changed(m_view, &TimelineView::viewChanged);
    m_view->setPlayhead(15000); // visible: no scroll
    QCOMPARE(m_view->viewStartMs(), 0.0);
    m_view->setPlayhead(25000);
    QVERIFY(m_view->viewStartMs() <= 25000 && 25000 < m_view->viewStartMs() + 20000);
    QVERIFY(m_view->viewStartMs() > 0);
    QCOMPARE(changed.count(), 1);
    m_view->setFollowPlayhead(false);
    const double start = m_view->viewStartMs();
    m_view->setPlayhead(2000);
    QCOMPARE(m_view->viewStartMs(), start);
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"

#include "cuetablemodel.h"
#include "document.h"
#include "track.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Cue cue(qint64 start, qint64 end, const QString &text)
{
    Cue c;
    c.start = start;
    c.end = end;
    c.text = text;
    return c;
}

Cues sample()
{
    Cue fox = cue(1000, 3000, u"The quick brown fox"_s);
    for (int i = 0; i < 4; ++i) {
        Word w;
        w.start = 1000 + i * 500;
        w.end = w.start + 400;
        w.text = QStringList{u"The"_s, u"quick"_s, u"brown"_s, u"fox"_s}[i];
        fox.words.append(w);
    }
    return {cue(0, 800, u"Intro"_s), fox, cue(4000, 5000, u"jumps over"_s),
            cue(6000, 7000, u"the lazy dog"_s)};
}

} // namespace

class TestDocument : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void everyEditUndoesExactly_data();
    void everyEditUndoesExactly();
    void refusedEditPushesNothing();
    void typingMergesWithinGesture();
    void draggingMergesWithinGesture();
    void modifiedFollowsCleanIndex();
    void undoRestoresIds();
    void modelTracksEverything();
    void modelEditsGoThroughUndo();

private:
    Document *m_doc = nullptr;
    CueTableModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestDocument::init()
{
    m_doc = new Document;
    m_model = new CueTableModel(m_doc);
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_doc->load(sample()).ok());
}

void TestDocument::cleanup()
{
    delete m_tester;
    delete m_model;
    delete m_doc;
}

void TestDocument::everyEditUndoesExactly_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("name");
    QTest::newRow("insert") << u"insert"_s << u"Insert cue"_s;
    QTest::newRow("remove") << u"remove"_s << u"Delete 2 cues"_s;
    QTest::newRow("times") << u"times"_s << u"Change cue times"_s;
    QTest::newRow("times reorder") << u"reorder"_s << u"Change cue times"_s;
    QTest::newRow("text") << u"text"_s << u"Edit text"_s;
    QTest::newRow("speaker") << u"speaker"_s << u"Set speaker"_s;
    QTest::newRow("split") << u"split"_s << u"Split cue"_s;
    QTest::newRow("split at word") << u"splitword"_s << u"Split cue"_s;
    QTest::newRow("merge next") << u"mergenext"_s << u"Merge cues"_s;
    QTest::newRow("merge previous") << u"mergeprev"_s << u"Merge cues"_s;
    QTest::newRow("shift") << u"shift"_s << u"Shift times"_s;
    QTest::newRow("two-point sync") << u"sync"_s << u"Synchronise"_s;
    QTest::newRow("frame rate") << u"fps"_s << u"Change frame rate"_s;
    QTest::newRow("replace") << u"replace"_s << u"Re-segment"_s;
}

void TestDocument::everyEditUndoesExactly()
{
    QFETCH(QString, edit);
    QFETCH(QString, name);
    Track *t = m_doc->track();
    const Cues original = t->cues();
    const QList<CueId> ids = t->allIds();
    bool ok = false;
    if (edit == u"insert")
        ok = m_doc->insertCue(cue(2000, 2500, u"new"_s)).ok();
    else if (edit == u"remove")
        ok = m_doc->removeCues({ids[0], ids[2]}).ok();
    else if (edit == u"times")
        ok = m_doc->setCueTimes(ids[2], 3900, 5200).ok();
    else if (edit == u"reorder")
        ok = m_doc->setCueTimes(ids[0], 6500, 6900).ok();
    else if (edit == u"text")
        ok = m_doc->setCueText(ids[1], u"changed"_s).ok();
    else if (edit == u"speaker")
        ok = m_doc->setCueSpeaker({ids[1], ids[2]}, u"Ann"_s).ok();
    else if (edit == u"split")
        ok = m_doc->splitCue(ids[1], 2000).ok();
    else if (edit == u"splitword")
        ok = m_doc->splitCueAtWord(ids[1], 2).ok();
    else if (edit == u"mergenext")
        ok = m_doc->mergeWithNext(ids[1]).ok();
    else if (edit == u"mergeprev")
        ok = m_doc->mergeWithPrevious(ids[2]).ok();
    else if (edit == u"shift")
        ok = m_doc->shiftCues(ids, 1234).ok();
    else if (edit == u"sync")
        ok = m_doc->mapCueTimes(ids, *TimeMap::twoPoint(0, 100, 6000, 6600), u"Synchronise"_s).ok();
    else if (edit == u"fps")
        ok = m_doc->changeFrameRate(ids, 25.0, 23.976).ok();
    else if (edit == u"replace")
        ok = m_doc
                 ->replaceCues({ids[1], ids[2]}, {cue(1000, 2000, u"x"_s), cue(2000, 5000, u"y"_s)},
                               u"Re-segment"_s)
                 .ok();
    QVERIFY(ok);
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(m_doc->undoStack()->undoText(), name);
    QVERIFY(t->cues() != original);
    QVERIFY(m_doc->isModified());
    const Cues edited = t->cues();
    m_doc->undoStack()->undo();
    QCOMPARE(t->cues(), original);
    QVERIFY(!m_doc->isModified());
    m_doc->undoStack()->redo();
    QCOMPARE(t->cues(), edited);
}

void TestDocument::refusedEditPushesNothing()
{
    const QList<CueId> ids = m_doc->track()->allIds();
    QVERIFY(!m_doc->setCueTimes(ids[0], 500, 100).ok());
    QVERIFY(!m_doc->mergeWithNext(ids.last()).ok());
    QVERIFY(!m_doc->mergeWithPrevious(ids.first()).ok());
    QVERIFY(!m_doc->shiftCues(ids, -100).ok());
    QVERIFY(!m_doc->splitCue(ids[0], 5000).ok());
    QVERIFY(!m_doc->removeCues({999}).ok());
    QCOMPARE(m_doc->undoStack()->count(), 0);
    QVERIFY(!m_doc->isModified());
}

void TestDocument::typingMergesWithinGesture()
{
    const CueId id = m_doc->track()->at(0).id;
    const quint64 g = m_doc->beginGesture();
    for (const QString &t : {u"I"_s, u"In"_s, u"Int"_s, u"Intr"_s})
        QVERIFY(m_doc->setCueText(id, t, g).ok());
    QCOMPARE(m_doc->undoStack()->count(), 1);
    const quint64 g2 = m_doc->beginGesture();
    QVERIFY(m_doc->setCueText(id, u"Intro!"_s, g2).ok());
    QCOMPARE(m_doc->undoStack()->count(), 2);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->track()->at(0).text, u"Intr"_s);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->track()->at(0).text, u"Intro"_s);
}

void TestDocument::draggingMergesWithinGesture()
{
    const CueId id = m_doc->track()->at(2).id;
    const Cues original = m_doc->track()->cues();
    const quint64 g = m_doc->beginGesture();
    for (int dx = 10; dx <= 2100; dx += 10) // drags past the next cue: the row moves
        QVERIFY(m_doc->setCueTimes(id, 4000 + dx, 5000 + dx, g).ok());
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(m_doc->track()->rowOf(id), 3);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->track()->cues(), original);
    QCOMPARE(m_doc->track()->rowOf(id), 2);
    QCOMPARE(m_doc->track()->find(id)->start, 4000);
}

void TestDocument::modifiedFollowsCleanIndex()
{
    QSignalSpy spy(m_doc, &Document::modifiedChanged);
    const CueId id = m_doc->track()->at(0).id;
    QVERIFY(m_doc->setCueText(id, u"a"_s).ok());
    QVERIFY(m_doc->isModified());
    m_doc->markSaved();
    QVERIFY(!m_doc->isModified());
    QVERIFY(m_doc->setCueText(id, u"b"_s).ok());
    QVERIFY(m_doc->isModified());
    m_doc->undoStack()->undo(); // back to the saved state
    QVERIFY(!m_doc->isModified());
    m_doc->undoStack()->undo(); // before the saved state
    QVERIFY(m_doc->isModified());
    QVERIFY(spy.count() >= 4);
    m_doc->setMedia(MediaReference{u"/tmp/x.wav"_s, 10, u"abc"_s, -1});
    m_doc->undoStack()->redo();
    QVERIFY(m_doc->isModified());
}

void TestDocument::undoRestoresIds()
{
    Track *t = m_doc->track();
    const QList<CueId> before = t->allIds();
    auto right = m_doc->splitCue(before[1], 2000);
    QVERIFY(right.ok());
    QVERIFY(!before.contains(*right));
    QVERIFY(m_doc->removeCues({before[0]}).ok());
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(t->allIds(), before);
    m_doc->undoStack()->redo();
    QVERIFY(t->allIds().contains(*right)); // redo recreates the same id
}

void TestDocument::modelTracksEverything()
{
    // The tester (installed in init) checks every signal while we edit, undo and redo.
    const QList<CueId> ids = m_doc->track()->allIds();
    QVERIFY(m_doc->insertCue(cue(100, 200, u"early"_s)).ok());
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->index(1, CueTableModel::TextColumn).data(Qt::EditRole).toString(),
             u"early"_s);
    QVERIFY(m_doc->setCueTimes(ids[0], 6500, 6600).ok());
    QVERIFY(m_doc->splitCue(ids[1], 2000).ok());
    QVERIFY(m_doc->mergeWithNext(ids[2]).ok());
    QVERIFY(m_doc->shiftCues(m_doc->track()->allIds(), 100).ok());
    QVERIFY(m_doc->removeCues({ids[1]}).ok());
    while (m_doc->undoStack()->canUndo())
        m_doc->undoStack()->undo();
    QCOMPARE(m_model->rowCount(), 4);
    while (m_doc->undoStack()->canRedo())
        m_doc->undoStack()->redo();
    QCOMPARE(m_model->rowCount(), m_doc->track()->count());
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->index(row, 0).data(CueTableModel::CueIdRole).toLongLong(),
                 m_doc->track()->at(row).id);
    QVERIFY(m_doc->load(sample()).ok()); // reset
    QCOMPARE(m_model->rowCount(), 4);
}

void TestDocument::modelEditsGoThroughUndo()
{
    QSignalSpy dataChanged(m_model, &QAbstractItemModel::dataChanged);
    const QModelIndex text = m_model->index(1, CueTableModel::TextColumn);
    QVERIFY(m_model->setData(text, u"edited"_s));
    QCOMPARE(dataChanged.count(), 1);
    QCOMPARE(dataChanged[0][0].toModelIndex().column(), int(CueTableModel::CpsColumn));
    QVERIFY(m_model->setData(m_model->index(1, CueTableModel::EndColumn), u"00:00:03.500"_s));
    QCOMPARE(m_doc->track()->at(1).end, 3500);
    QVERIFY(m_model->setData(m_model->index(1, CueTableModel::DurationColumn), u"1.5"_s));
    QCOMPARE(m_doc->track()->at(1).end, 2500);
    QVERIFY(!m_model->setData(m_model->index(1, CueTableModel::StartColumn), u"nonsense"_s));
    QCOMPARE(m_doc->undoStack()->count(), 3);
    QCOMPARE(m_model->index(1, CueTableModel::CpsColumn).data().toString(), u"4.0"_s);
    QCOMPARE(m_model->index(1, CueTableModel::StartColumn).data().toString(), u"00:00:01.000"_s);
    QCOMPARE(m_model->headerData(CueTableModel::CpsColumn, Qt::Horizontal).toString(), u"CPS"_s);
}

QTEST_MAIN(TestDocument)
#include "tst_document.moc"

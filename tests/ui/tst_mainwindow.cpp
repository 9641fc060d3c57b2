// Drives the real editor window offscreen: drops files on it, edits through the cue editor, the
// menus' actions, the keyboard and the timeline's mouse handling, undoes back to the original,
// saves and reopens, and checks autosave and the unsaved-changes prompt.
#include "../media/mediafixtures.h"
#include "autosaver.h"
#include "cueeditor.h"
#include "cuetablemodel.h"
#include "document.h"
#include "findreplacedialog.h"
#include "mainwindow.h"
#include "shortcutmap.h"
#include "shortcutsdialog.h"
#include "speechpreview.h"
#include "subtitlefile.h"
#include "timecodeedit.h"
#include "timelineview.h"
#include "track.h"
#include "waveformloader.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QKeySequenceEdit>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kBasicSrt = QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/basic.srt");

std::unique_ptr<MainWindow> makeWindow(const QString &autosaveDir = {})
{
    MainWindow::Options options;
    options.audio = Player::Output::Disabled;
    options.autosaveDirectory = autosaveDir;
    options.offerRestore = false;
    auto w = std::make_unique<MainWindow>(options);
    w->show();
    // Shortcuts only reach the active window.
    w->activateWindow();
    if (!QTest::qWaitForWindowActive(w.get()))
        qWarning("the window did not become active");
    return w;
}

void drop(QWidget *target, const QStringList &paths)
{
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls << QUrl::fromLocalFile(p);
    mime->setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
    delete mime;
}

void moveTo(QWidget *w, QPoint pos)
{
    QMouseEvent e(QEvent::MouseMove, QPointF(pos), QPointF(w->mapToGlobal(pos)), Qt::NoButton,
                  Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

// Texts and times of every cue, for comparing documents.
QStringList snapshot(const Document *doc)
{
    QStringList out;
    for (const Cue &c : doc->track()->cues())
        out << u"%1-%2 %3"_s.arg(c.start).arg(c.end).arg(c.text);
    return out;
}

// Clicks the button with `which` in the message box that is open on `window` (bounded wait).
bool answerBox(QWidget *window, QMessageBox::StandardButton which)
{
    QMessageBox *box = nullptr;
    for (int i = 0; i < 100 && !box; ++i) {
        const auto boxes = window->findChildren<QMessageBox *>();
        for (QMessageBox *b : boxes)
            if (b->isVisible())
                box = b;
        if (!box)
            QTest::qWait(10);
    }
    if (!box || !box->button(which))
        return false;
    box->button(which)->click();
    return true;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensShowsAndCloses();
    void reportsUnreadableFile();
    void dropMediaAndSubtitles();
    void editUndoSaveReopen();
    void editorShowsLineCountsAndCps();
    void timeFieldsRetime();
    void editActionsAreNamedUndoSteps_data();
    void editActionsAreNamedUndoSteps();
    void findAndReplaceRegex();
    void nextIssueAndUncertainWord();
    void shortcutsAreEditableAndStored();
    void exportWithPresetSummary();
    void saveFailureKeepsOldFile();
    void closeAsksAboutUnsavedChanges();
    void autosaveAndRestore();
    void relinksMovedMediaByContent();
    void recentFilesAreRemembered();
    void renamesSpeakersInOneStep();
    void speakFromHereReadsCuesInTime();

private:
    QTemporaryDir m_home;
    QString m_speech;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Settings of these tests never touch the user's.
    QStandardPaths::setTestModeEnabled(true);
    m_speech = fixtures::path(u"speech.wav"_s);
    QVERIFY(!m_speech.isEmpty());
}

void TestMainWindow::opensShowsAndCloses()
{
    auto w = makeWindow(m_home.filePath(u"a1"_s));
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(w->openFile(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/full.vtt")));
    QCOMPARE(w->document()->track()->count(), 6);
    QCOMPARE(w->table()->model()->rowCount(), 6);
    QVERIFY(w->windowTitle().contains(u"full.vtt"_s));
    // The first cue is current and shown in the editor.
    QCOMPARE(w->cueEditor()->cue(), w->document()->track()->at(0).id);
    QVERIFY(w->close()); // unmodified: closes without asking
}

void TestMainWindow::reportsUnreadableFile()
{
    auto w = makeWindow(m_home.filePath(u"a2"_s));
    QVERIFY(!w->openFile(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/garbage.txt")));
    QCOMPARE(w->document()->track()->count(), 0);
    QVERIFY(answerBox(w.get(), QMessageBox::Ok)); // the error was shown, without blocking
}

void TestMainWindow::dropMediaAndSubtitles()
{
    auto w = makeWindow(m_home.filePath(u"a3"_s));
    drop(w.get(), {m_speech, kBasicSrt});
    QCOMPARE(w->document()->track()->count(), 3);
    QCOMPARE(w->player()->mediaPath(), QFileInfo(m_speech).absoluteFilePath());
    QCOMPARE(w->document()->media().path, QFileInfo(m_speech).absoluteFilePath());
    QVERIFY(w->timeline()->durationMs() > 2000);
    // The waveform arrives without blocking, and the timeline draws it.
    QTRY_VERIFY_WITH_TIMEOUT(!w->waveformLoader()->isLoading() &&
                                 w->waveformLoader()->peaks().availableMs() > 2000,
                             10000);
    // Dropping onto the table (a child) works too.
    drop(w->table()->viewport(), {QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/full.vtt")});
    QCOMPARE(w->document()->track()->count(), 6);
}

void TestMainWindow::editUndoSaveReopen()
{
    auto w = makeWindow(m_home.filePath(u"a4"_s));
    QVERIFY(w->openFile(m_speech));
    QVERIFY(w->openFile(kBasicSrt));
    Document *doc = w->document();
    const QStringList original = snapshot(doc);
    const int baseIndex = doc->undoStack()->index();

    // Type into the cue editor: one undo step for the burst.
    w->selectCue(doc->track()->at(0).id);
    QPlainTextEdit *text = w->cueEditor()->textEdit();
    text->setFocus();
    text->moveCursor(QTextCursor::End);
    QTest::keyClicks(text, u" Again"_s);
    QCOMPARE(doc->track()->at(0).text, u"Hello, world. Again"_s);
    QCOMPARE(doc->undoStack()->index(), baseIndex + 1);

    // Split at the playhead (seek inside cue 2 by clicking the timeline), then merge back.
    w->timeline()->setView(0, 10.0); // 10 ms per pixel: cue 2 (4000-6250) at x 400-625
    QWidget *vp = w->timeline()->viewport();
    const int y = TimelineView::kRulerHeight + 40;
    QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(500, y));
    QTRY_COMPARE(w->playhead(), 5000);
    w->selectCue(doc->track()->at(1).id);
    w->timeline()->setPlayhead(5000);
    w->action(u"edit.splitPlayhead"_s)->trigger();
    QCOMPARE(doc->track()->count(), 4);
    QCOMPARE(doc->track()->at(1).end, 5000);
    QCOMPARE(doc->track()->at(2).start, 5000);
    QVERIFY(doc->undoStack()->undoText().contains(u"Split"_s));
    w->selectCue(doc->track()->at(1).id);
    w->action(u"edit.mergeNext"_s)->trigger();
    QCOMPARE(doc->track()->count(), 3);

    // Drag the right edge of cue 3 (7001-9999) 60 px to the right.
    w->timeline()->setView(5000, 10.0);
    const int edge = int(std::lround(w->timeline()->scale().xForMs(9999)));
    const QPoint from(edge, y);
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, from);
    moveTo(vp, from + QPoint(30, 0));
    moveTo(vp, from + QPoint(60, 0));
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, from + QPoint(60, 0));
    const qint64 expectedEnd = qint64(w->timeline()->scale().msForX(edge + 60));
    QVERIFY2(qAbs(doc->track()->at(2).end - expectedEnd) <= 10,
             qPrintable(QString::number(doc->track()->at(2).end)));
    const int edits = doc->undoStack()->index() - baseIndex;
    QCOMPARE(edits, 4); // typing, split, merge, drag

    // Undo everything with the keyboard: back to the original exactly.
    w->table()->setFocus();
    for (int i = 0; i < edits; ++i)
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(snapshot(doc), original);
    QVERIFY(!doc->isModified());
    for (int i = 0; i < edits; ++i)
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    const QStringList edited = snapshot(doc);
    QVERIFY(edited != original);

    // Save as a project, reopen in a new window: the same cues and the same media.
    const QString project = m_home.filePath(u"edited.captioneer"_s);
    QVERIFY(w->saveTo(project));
    QVERIFY(!doc->isModified());
    QVERIFY(!w->isWindowModified());
    auto again = makeWindow(m_home.filePath(u"a4b"_s));
    QVERIFY(again->openFile(project));
    QCOMPARE(snapshot(again->document()), edited);
    QCOMPARE(again->player()->mediaPath(), QFileInfo(m_speech).absoluteFilePath());
    // And as SRT: what an SRT can hold survives.
    const QString srt = m_home.filePath(u"edited.srt"_s);
    QVERIFY(w->saveTo(srt));
    auto third = makeWindow(m_home.filePath(u"a4c"_s));
    QVERIFY(third->openFile(srt));
    QCOMPARE(snapshot(third->document()), edited);
}

void TestMainWindow::editorShowsLineCountsAndCps()
{
    auto w = makeWindow(m_home.filePath(u"a5"_s));
    QVERIFY(w->openFile(kBasicSrt));
    w->selectCue(w->document()->track()->at(1).id); // "This is the second cue,\nwith two lines."
    QCOMPARE(w->cueEditor()->lineCountsText(), u"23 · 15"_s);
    // 38 visible characters in 2.25 s
    QCOMPARE(w->cueEditor()->cpsText(), u"16.9 chars/s"_s);
    QPlainTextEdit *text = w->cueEditor()->textEdit();
    text->setFocus();
    text->moveCursor(QTextCursor::End);
    QTest::keyClicks(text, u" And then a great deal more text than fits"_s);
    QVERIFY(w->cueEditor()->lineCountsText().endsWith(u"57"_s));
    // The table's issues column follows (after the check's short delay).
    QTRY_VERIFY(w->model()->hasIssues(w->document()->track()->at(1).id));
}

void TestMainWindow::timeFieldsRetime()
{
    auto w = makeWindow(m_home.filePath(u"a6"_s));
    QVERIFY(w->openFile(kBasicSrt));
    Document *doc = w->document();
    w->selectCue(doc->track()->at(0).id);
    TimecodeEdit *end = w->cueEditor()->endEdit();
    end->setFocus();
    end->selectAll();
    QTest::keyClicks(end, u"0:00:03.900"_s);
    QTest::keyClick(end, Qt::Key_Return);
    QCOMPARE(doc->track()->at(0).end, 3900);
    QTest::keyClick(end, Qt::Key_Up); // +100 ms
    QCOMPARE(doc->track()->at(0).end, 4000);
    TimecodeEdit *duration = w->cueEditor()->durationEdit();
    duration->setFocus();
    duration->selectAll();
    QTest::keyClicks(duration, u"2.5"_s);
    QTest::keyClick(duration, Qt::Key_Return);
    QCOMPARE(doc->track()->at(0).end, 3500);
    // Garbage is refused and nothing changes.
    end->selectAll();
    QTest::keyClicks(end, u"soon"_s);
    QTest::keyClick(end, Qt::Key_Return);
    QCOMPARE(doc->track()->at(0).end, 3500);
    QCOMPARE(end->text(), u"0:00:03.500"_s);
    QCOMPARE(doc->undoStack()->count(), 3);
}

void TestMainWindow::editActionsAreNamedUndoSteps_data()
{
    QTest::addColumn<QString>("actionId");
    QTest::addColumn<qint64>("playhead");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("undoName");
    // basic.srt: 1000-3500 "Hello, world." / 4000-6250 two lines / 7001-9999 "Third."; cue 2 is
    // current.
    const QString second = u"This is the second cue,\nwith two lines."_s;
    QTest::newRow("insert at playhead")
        << u"edit.insert"_s << qint64(10500)
        << QStringList{u"1000-3500 Hello, world."_s, u"4000-6250 "_s + second,
                       u"7001-9999 Third."_s, u"10500-12500 "_s}
        << u"Insert cue"_s;
    QTest::newRow("delete") << u"edit.delete"_s << qint64(0)
                            << QStringList{u"1000-3500 Hello, world."_s, u"7001-9999 Third."_s}
                            << u"Delete"_s;
    QTest::newRow("set start") << u"edit.setStart"_s << qint64(3800)
                               << QStringList{u"1000-3500 Hello, world."_s,
                                              u"3800-6250 "_s + second, u"7001-9999 Third."_s}
                               << u"cue times"_s;
    QTest::newRow("set end") << u"edit.setEnd"_s << qint64(6800)
                             << QStringList{u"1000-3500 Hello, world."_s, u"4000-6800 "_s + second,
                                            u"7001-9999 Third."_s}
                             << u"cue times"_s;
    QTest::newRow("merge with previous")
        << u"edit.mergePrevious"_s << qint64(0)
        << QStringList{u"1000-6250 Hello, world. This is the second cue,\nwith two lines."_s,
                       u"7001-9999 Third."_s}
        << u"Merge"_s;
    QTest::newRow("split at cursor (no words: at the line break)")
        << u"edit.splitCursor"_s << qint64(0)
        << QStringList{u"1000-3500 Hello, world."_s, u"4000-5384 This is the second cue,"_s,
                       u"5384-6250 with two lines."_s, u"7001-9999 Third."_s}
        << u"Split"_s;
}

void TestMainWindow::editActionsAreNamedUndoSteps()
{
    QFETCH(QString, actionId);
    QFETCH(qint64, playhead);
    QFETCH(QStringList, expected);
    QFETCH(QString, undoName);
    auto w = makeWindow(m_home.filePath(u"a7"_s));
    QVERIFY(w->openFile(kBasicSrt));
    Document *doc = w->document();
    const QStringList original = snapshot(doc);
    w->selectCue(doc->track()->at(1).id);
    w->timeline()->setPlayhead(playhead);
    QTextCursor cursor = w->cueEditor()->textEdit()->textCursor();
    cursor.setPosition(24); // after "cue," at the line break
    w->cueEditor()->textEdit()->setTextCursor(cursor);
    QAction *a = w->action(actionId);
    QVERIFY(a);
    QVERIFY(a->isEnabled());
    a->trigger();
    QCOMPARE(snapshot(doc), expected);
    QCOMPARE(doc->undoStack()->count(), 1);
    QAction *undo = w->action(u"edit.undo"_s);
    QVERIFY2(undo->text().contains(undoName, Qt::CaseInsensitive), qPrintable(undo->text()));
    undo->trigger();
    QCOMPARE(snapshot(doc), original);
}

void TestMainWindow::findAndReplaceRegex()
{
    auto w = makeWindow(m_home.filePath(u"a8"_s));
    QVERIFY(w->openFile(kBasicSrt));
    Document *doc = w->document();
    w->action(u"edit.replace"_s)->trigger();
    auto *dialog = w->findChild<FindReplaceDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    dialog->findEdit()->setText(u"(\\w+) (\\w+) lines"_s);
    dialog->regexBox()->setChecked(true);
    dialog->replaceEdit()->setText(u"\\2 \\1 rows"_s);
    QVERIFY(dialog->findNext());
    QCOMPARE(w->currentCue(), doc->track()->at(1).id);
    QCOMPARE(w->cueEditor()->textEdit()->textCursor().selectedText(), u"with two lines"_s);
    QVERIFY2(dialog->replaceAll() == 1, qPrintable(dialog->status()));
    QCOMPARE(doc->track()->at(1).text, u"This is the second cue,\ntwo with rows."_s);
    QVERIFY(doc->undoStack()->undoText().contains(u"Replace"_s));
    // A broken expression is reported, nothing changes.
    dialog->findEdit()->setText(u"(unclosed"_s);
    QCOMPARE(dialog->replaceAll(), 0);
    QVERIFY(dialog->status().contains(u"not valid"_s));
    // Literal, case-insensitive, in the selection only.
    dialog->regexBox()->setChecked(false);
    dialog->findEdit()->setText(u"IR"_s);
    dialog->replaceEdit()->setText(u"IR"_s);
    dialog->inSelectionBox()->setChecked(true);
    w->selectCue(doc->track()->at(2).id);
    QCOMPARE(dialog->replaceAll(), 1);
    QCOMPARE(doc->track()->at(2).text, u"ThIRd."_s);
    QCOMPARE(doc->track()->at(0).text, u"Hello, world."_s);
}

void TestMainWindow::nextIssueAndUncertainWord()
{
    auto w = makeWindow(m_home.filePath(u"a9"_s));
    Cues cues;
    for (int i = 0; i < 4; ++i) {
        Cue c;
        c.start = 1000 + i * 3000;
        c.end = c.start + 2000;
        c.text = i == 2 ? u"A line far too long for any reasonable preset to accept as is"_s
                        : u"fine words here"_s;
        for (int k = 0; k < 3; ++k) {
            Word word;
            word.start = c.start + k * 600;
            word.end = word.start + 500;
            word.text = QStringList{u"fine"_s, u"words"_s, u"here"_s}.at(k);
            word.confidence = (i == 3 && k == 1) ? 0.1f : 0.95f;
            c.words << word;
        }
        cues << c;
    }
    QVERIFY(w->document()->load(cues));
    w->selectCue(w->document()->track()->at(0).id);
    QVERIFY(w->goToNextViolation());
    QCOMPARE(w->currentCue(), w->document()->track()->at(2).id);
    QVERIFY(w->goToNextLowConfidenceWord());
    QCOMPARE(w->currentCue(), w->document()->track()->at(3).id);
    QCOMPARE(w->cueEditor()->textEdit()->textCursor().selectedText(), u"words"_s);
    QCOMPARE(w->playhead(), 10000 + 600);
}

void TestMainWindow::shortcutsAreEditableAndStored()
{
    {
        auto w = makeWindow(m_home.filePath(u"b1"_s));
        QVERIFY(w->openFile(kBasicSrt));
        Document *doc = w->document();
        w->selectCue(doc->track()->at(0).id);
        w->table()->setFocus();
        // Default Ctrl+M merges with the next cue.
        QTest::keyClick(w.get(), Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(doc->track()->count(), 2);
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->track()->count(), 3);

        // Rebind merge to Alt+J in the dialog; the old keys stop working, the new ones work.
        ShortcutsDialog dialog(w->shortcuts(), w.get());
        QTreeWidget *list = dialog.list();
        QTreeWidgetItem *merge = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == u"edit.mergeNext"_s)
                merge = list->topLevelItem(i);
        QVERIFY(merge);
        QCOMPARE(list->topLevelItemCount(), w->shortcuts()->entries().size());
        list->setCurrentItem(merge);
        dialog.editor()->setKeySequence(QKeySequence(Qt::ALT | Qt::Key_J));
        Q_EMIT dialog.editor()->editingFinished();
        QTest::keyClick(w.get(), Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(doc->track()->count(), 3);
        QCOMPARE(w->action(u"edit.mergeNext"_s)->shortcut(), QKeySequence(Qt::ALT | Qt::Key_J));
        QVERIFY(w->action(u"edit.mergeNext"_s)->isEnabled());
        QTest::keyClick(w.get(), Qt::Key_J, Qt::AltModifier);
        QCOMPARE(doc->track()->count(), 2);
        QVERIFY(w->close() || answerBox(w.get(), QMessageBox::Discard));
    }
    // Stored: a new window uses the user's choice.
    auto w = makeWindow(m_home.filePath(u"b2"_s));
    QCOMPARE(w->action(u"edit.mergeNext"_s)->shortcut(), QKeySequence(Qt::ALT | Qt::Key_J));
    w->shortcuts()->resetToDefaults();
    QCOMPARE(w->action(u"edit.mergeNext"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
    // Every shortcut is unique.
    QSet<QKeySequence> seen;
    for (const ShortcutMap::Entry &e : w->shortcuts()->entries())
        for (const QKeySequence &s : e.action->shortcuts()) {
            QVERIFY2(!seen.contains(s), qPrintable(s.toString()));
            seen.insert(s);
        }
}

void TestMainWindow::exportWithPresetSummary()
{
    auto w = makeWindow(m_home.filePath(u"b3"_s));
    QVERIFY(w->openFile(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/full.vtt")));
    const QString summary = w->presetSummary();
    QVERIFY2(summary.contains(u"Netflix"_s), qPrintable(summary));
    const QString out = m_home.filePath(u"export.vtt"_s);
    QVERIFY(w->exportTo(out));
    // Export leaves the document's own file alone.
    QVERIFY(w->document()->filePath().endsWith(u"full.vtt"_s));
    auto loaded = readSubtitleFile(out, {});
    QVERIFY(loaded);
    QCOMPARE(loaded->data.cues.size(), 6);
}

void TestMainWindow::saveFailureKeepsOldFile()
{
    auto w = makeWindow(m_home.filePath(u"b4"_s));
    QVERIFY(w->openFile(kBasicSrt));
    w->selectCue(w->document()->track()->at(0).id);
    QVERIFY(w->deleteSelectedCues());
    QVERIFY(!w->saveTo(u"/proc/captioneer-cannot-write-here.srt"_s));
    QVERIFY(answerBox(w.get(), QMessageBox::Ok));
    QVERIFY(w->document()->isModified());
    QVERIFY(w->document()->filePath().endsWith(u"basic.srt"_s));
}

void TestMainWindow::closeAsksAboutUnsavedChanges()
{
    auto w = makeWindow(m_home.filePath(u"b5"_s));
    QVERIFY(w->openFile(kBasicSrt));
    w->selectCue(w->document()->track()->at(0).id);
    QVERIFY(w->deleteSelectedCues());
    QVERIFY(!w->close()); // asks instead
    QVERIFY(w->isVisible());
    QVERIFY(answerBox(w.get(), QMessageBox::Cancel));
    QVERIFY(w->isVisible());
    QVERIFY(!w->close());
    QVERIFY(answerBox(w.get(), QMessageBox::Discard));
    QTRY_VERIFY(!w->isVisible());
}

void TestMainWindow::autosaveAndRestore()
{
    const QString dir = m_home.filePath(u"autosave"_s);
    QStringList edited;
    QString autosavePath;
    {
        auto w = makeWindow(dir);
        w->autosaver()->setIntervalMs(50);
        QVERIFY(w->openFile(kBasicSrt));
        // Nothing changed: nothing to autosave.
        QTest::qWait(120);
        QCOMPARE(w->autosaver()->saveCount(), 0);
        w->selectCue(w->document()->track()->at(2).id);
        QVERIFY(w->deleteSelectedCues());
        QTRY_COMPARE(w->autosaver()->saveCount(), 1);
        autosavePath = w->autosaver()->projectPath();
        QVERIFY(QFileInfo::exists(autosavePath));
        edited = snapshot(w->document());
        // A live session is not an orphan.
        QVERIFY(Autosaver::findOrphans(dir).isEmpty());
        // Leave the files behind as a crash would: the window goes without closing.
        w->autosaver()->setParent(nullptr);
        delete w->autosaver(); // releases the lock, keeps the files
    }
    const QList<Autosaver::Orphan> orphans = Autosaver::findOrphans(dir);
    QCOMPARE(orphans.size(), 1);
    QCOMPARE(orphans.first().projectPath, autosavePath);
    QVERIFY(orphans.first().originPath.endsWith(u"basic.srt"_s));

    // The next start offers it; accepting restores the cues, modified, with the original file.
    MainWindow::Options options;
    options.audio = Player::Output::Disabled;
    options.autosaveDirectory = dir;
    MainWindow w(options);
    w.show();
    QVERIFY(answerBox(&w, QMessageBox::Yes));
    QCOMPARE(snapshot(w.document()), edited);
    QVERIFY(w.document()->isModified());
    QVERIFY(w.document()->filePath().endsWith(u"basic.srt"_s));
    QVERIFY(!QFileInfo::exists(autosavePath)); // taken over by this session
    QVERIFY(QFileInfo::exists(w.autosaver()->projectPath()));
    // Saving removes this session's autosave: nothing to restore after a clean save.
    QVERIFY(w.saveTo(m_home.filePath(u"restored.captioneer"_s)));
    QVERIFY(!QFileInfo::exists(w.autosaver()->projectPath()));
}

void TestMainWindow::relinksMovedMediaByContent()
{
    QTemporaryDir first, second;
    const QString media = first.filePath(u"talk.wav"_s);
    QVERIFY(QFile::copy(m_speech, media));
    QString project = second.filePath(u"talk.captioneer"_s);
    {
        auto w = makeWindow(m_home.filePath(u"b6"_s));
        QVERIFY(w->openFile(media));
        QVERIFY(w->openFile(kBasicSrt));
        QVERIFY(w->saveTo(project));
    }
    // The media moves beside the project under another name.
    QVERIFY(QFile::rename(media, second.filePath(u"renamed.wav"_s)));
    auto w = makeWindow(m_home.filePath(u"b7"_s));
    QVERIFY(w->openFile(project));
    QCOMPARE(w->player()->mediaPath(), second.filePath(u"renamed.wav"_s));
    QCOMPARE(w->document()->media().path, second.filePath(u"renamed.wav"_s));
}

void TestMainWindow::recentFilesAreRemembered()
{
    auto w = makeWindow(m_home.filePath(u"b8"_s));
    QVERIFY(w->openFile(kBasicSrt));
    const QStringList recent = QSettings().value(u"recentFiles"_s).toStringList();
    QCOMPARE(recent.value(0), QFileInfo(kBasicSrt).absoluteFilePath());
}

void TestMainWindow::renamesSpeakersInOneStep()
{
    auto w = makeWindow(m_home.filePath(u"b9"_s));
    QVERIFY(w->openFile(kBasicSrt));
    Document *doc = w->document();
    QVERIFY(doc->setCueSpeaker({doc->track()->at(0).id, doc->track()->at(2).id}, u"Speaker 1"_s));
    QCOMPARE(w->speakers(), QStringList{u"Speaker 1"_s});
    QVERIFY(w->renameSpeaker(u"Speaker 1"_s, u"Ada"_s));
    QCOMPARE(doc->track()->at(0).speaker, u"Ada"_s);
    QCOMPARE(doc->track()->at(2).speaker, u"Ada"_s);
    QCOMPARE(doc->track()->at(1).speaker, QString());
    // Written as a WebVTT voice.
    const QString vtt = m_home.filePath(u"speakers.vtt"_s);
    QVERIFY(w->exportTo(vtt));
    QFile f(vtt);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<v Ada>Hello, world."));
    doc->undoStack()->undo();
    QCOMPARE(doc->track()->at(0).speaker, u"Speaker 1"_s);
}

// "Speak from here" without media: the cues are read one after another at their start times on a
// clock that moves the playhead, then it stops by itself (offline eSpeak NG, no audio device).
void TestMainWindow::speakFromHereReadsCuesInTime()
{
    QSettings().setValue(u"speech/engine"_s, u"espeak"_s);
    auto w = makeWindow(m_home.filePath(u"c1"_s));
    Cues cues;
    for (int i = 0; i < 3; ++i) {
        Cue c;
        c.start = 200 + i * 900;
        c.end = c.start + 800;
        c.text = QStringList{u"One."_s, u"Two."_s, u"Three."_s}.at(i);
        cues << c;
    }
    QVERIFY(w->document()->load(cues));
    w->selectCue(w->document()->track()->at(1).id); // from the second cue on
    SpeechPreview *speech = w->speechPreview();
    QList<std::pair<CueId, qint64>> spoken; // cue, playhead when it started
    connect(speech, &SpeechPreview::spoken, this, [&](CueId id, qint64) {
        spoken.append({id, w->playhead()});
    });
    QSignalSpy stopped(speech, &SpeechPreview::stopped);
    w->action(u"play.speakMix"_s)->setChecked(false);
    w->action(u"play.speakFrom"_s)->trigger();
    QVERIFY(speech->isSpeaking());
    QTRY_VERIFY_WITH_TIMEOUT(!stopped.isEmpty(), 15000);
    QCOMPARE(spoken.size(), 2);
    QCOMPARE(spoken.at(0).first, w->document()->track()->at(1).id);
    QCOMPARE(spoken.at(1).first, w->document()->track()->at(2).id);
    // Each line started at (or just after) its cue's start on the reading clock.
    QVERIFY2(spoken.at(0).second >= 1100 && spoken.at(0).second < 1400,
             qPrintable(QString::number(spoken.at(0).second)));
    QVERIFY2(spoken.at(1).second >= 2000 && spoken.at(1).second < 2300,
             qPrintable(QString::number(spoken.at(1).second)));
    QVERIFY(!speech->isSpeaking());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

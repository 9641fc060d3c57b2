// The window's menus and actions, each registered with the ShortcutMap under a stable id.
#include "mainwindow.h"

#include "cueeditor.h"
#include "document.h"
#include "findreplacedialog.h"
#include "shortcutmap.h"
#include "shortcutsdialog.h"
#include "timelineview.h"
#include "track.h"
#include "transportbar.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTableView>
#include <QUndoStack>

QAction *MainWindow::addAction(QMenu *menu, const QString &id, const QString &text,
                               const QList<QKeySequence> &shortcuts, std::function<void()> slot)
{
    auto *a = new QAction(text, this);
    a->setObjectName(id);
    if (slot)
        connect(a, &QAction::triggered, this, std::move(slot));
    // Window-wide, so they work whether the table, the editor or the timeline has focus.
    a->setShortcutContext(Qt::WindowShortcut);
    m_shortcuts->add(a, id, shortcuts);
    QMainWindow::addAction(a); // shortcuts work even when the menu bar is hidden
    if (menu)
        menu->addAction(a);
    return a;
}

void MainWindow::createActions()
{
    createFileMenu();
    createEditMenu();
    createPlaybackMenu();
    createViewMenu();
    createHelpMenu();
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    addAction(file, QStringLiteral("file.open"), tr("&Open…"),
              QKeySequence::keyBindings(QKeySequence::Open), [this] { chooseFileToOpen(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    addAction(file, QStringLiteral("file.import"), tr("&Import Cues…"), {},
              [this] { chooseFileToImport(); });
    file->addSeparator();
    addAction(file, QStringLiteral("file.save"), tr("&Save"),
              QKeySequence::keyBindings(QKeySequence::Save), [this] { save(); });
    addAction(file, QStringLiteral("file.saveAs"), tr("Save &As…"),
              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}, [this] { saveAs(); });
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    addAction(exportMenu, QStringLiteral("file.exportSrt"), tr("&SubRip (SRT)…"),
              {QKeySequence(Qt::CTRL | Qt::Key_E)}, [this] { exportAs(QStringLiteral("srt")); });
    addAction(exportMenu, QStringLiteral("file.exportVtt"), tr("&WebVTT…"),
              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)},
              [this] { exportAs(QStringLiteral("vtt")); });
    addAction(exportMenu, QStringLiteral("file.exportJson"), tr("&JSON…"), {},
              [this] { exportAs(QStringLiteral("json")); });
    file->addSeparator();
    addAction(file, QStringLiteral("file.quit"), tr("&Quit"),
              QKeySequence::keyBindings(QKeySequence::Quit), [this] { close(); });
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // The undo actions name the command they undo ("Undo Split cue").
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("edit.undo"));
    m_shortcuts->add(undo, undo->objectName(), QKeySequence::keyBindings(QKeySequence::Undo));
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("edit.redo"));
    m_shortcuts->add(
        redo, redo->objectName(),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    addAction(edit, QStringLiteral("edit.insert"), tr("&Insert Cue at Playhead"),
              {QKeySequence(Qt::Key_Insert)}, [this] { insertCueAtPlayhead(); });
    addAction(edit, QStringLiteral("edit.delete"), tr("&Delete Cues"),
              {QKeySequence(Qt::CTRL | Qt::Key_Delete)}, [this] { deleteSelectedCues(); });
    edit->addSeparator();
    addAction(edit, QStringLiteral("edit.splitPlayhead"), tr("S&plit at Playhead"),
              {QKeySequence(Qt::CTRL | Qt::Key_B)}, [this] { splitAtPlayhead(); });
    addAction(edit, QStringLiteral("edit.splitCursor"), tr("Split at &Cursor"),
              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B)}, [this] { splitAtCursor(); });
    addAction(edit, QStringLiteral("edit.mergeNext"), tr("&Merge with Next"),
              {QKeySequence(Qt::CTRL | Qt::Key_M)}, [this] { mergeWithNext(); });
    addAction(edit, QStringLiteral("edit.mergePrevious"), tr("Merge with Pre&vious"),
              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M)}, [this] { mergeWithPrevious(); });
    edit->addSeparator();
    addAction(edit, QStringLiteral("edit.setStart"), tr("Set &Start to Playhead"),
              {QKeySequence(Qt::CTRL | Qt::Key_BracketLeft)}, [this] { setStartToPlayhead(); });
    addAction(edit, QStringLiteral("edit.setEnd"), tr("Set &End to Playhead"),
              {QKeySequence(Qt::CTRL | Qt::Key_BracketRight)}, [this] { setEndToPlayhead(); });
    addAction(edit, QStringLiteral("edit.shift"), tr("S&hift Times…"),
              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)}, [this] { showShiftDialog(); });
    addAction(edit, QStringLiteral("edit.twoPoint"), tr("&Two-Point Sync…"), {},
              [this] { showTwoPointDialog(); });
    addAction(edit, QStringLiteral("edit.frameRate"), tr("Change &Frame Rate…"), {},
              [this] { showFrameRateDialog(); });
    edit->addSeparator();
    addAction(edit, QStringLiteral("edit.find"), tr("&Find…"),
              QKeySequence::keyBindings(QKeySequence::Find), [this] { showFindDialog(false); });
    addAction(edit, QStringLiteral("edit.replace"), tr("R&eplace…"),
              {QKeySequence(Qt::CTRL | Qt::Key_H)}, [this] { showFindDialog(true); });
    addAction(edit, QStringLiteral("edit.findNext"), tr("Find &Next"),
              QKeySequence::keyBindings(QKeySequence::FindNext), [this] {
                  if (m_find && !m_find->findEdit()->text().isEmpty())
                      m_find->findNext();
                  else
                      showFindDialog(false);
              });
    addAction(edit, QStringLiteral("edit.nextViolation"), tr("Next &Issue"),
              {QKeySequence(Qt::Key_F8)}, [this] { goToNextViolation(); });
    addAction(edit, QStringLiteral("edit.nextLowConfidence"), tr("Next &Uncertain Word"),
              {QKeySequence(Qt::CTRL | Qt::Key_F8)}, [this] { goToNextLowConfidenceWord(); });

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    addAction(tools, QStringLiteral("tools.transcribe"), tr("&Transcribe…"),
              {QKeySequence(Qt::CTRL | Qt::Key_T)}, [this] { showTranscribeDialog(); });
    addAction(tools, QStringLiteral("tools.resegment"), tr("&Re-segment with Current Preset"), {},
              [this] { resegment(); });
    addAction(tools, QStringLiteral("tools.renameSpeaker"), tr("Rename &Speaker…"), {},
              [this] { showRenameSpeakerDialog(); });
    tools->addSeparator();
    QMenu *presets = tools->addMenu(tr("Rule &Preset"));
    auto *group = new QActionGroup(this);
    for (const RulePreset &p : builtinPresets()) {
        QAction *a = presets->addAction(p.name);
        a->setObjectName(QStringLiteral("preset.") + p.id);
        a->setCheckable(true);
        a->setChecked(p.id == m_preset.id);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id = p.id] { setPreset(id); });
    }
    tools->addSeparator();
    addAction(tools, QStringLiteral("tools.settings"), tr("S&ettings…"),
              QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                  ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)}
                  : QKeySequence::keyBindings(QKeySequence::Preferences),
              [this] { showSettings(); });
    // Listed under Help too: the same dialog is the keyboard reference and the editor.
    addAction(tools, QStringLiteral("help.shortcuts"), tr("&Keyboard Shortcuts…"),
              {QKeySequence(Qt::Key_F1)}, [this] {
                  auto *dialog = new ShortcutsDialog(m_shortcuts, this);
                  dialog->setAttribute(Qt::WA_DeleteOnClose);
                  dialog->open();
              });
}

void MainWindow::createPlaybackMenu()
{
    QMenu *play = menuBar()->addMenu(tr("&Playback"));
    QAction *playPauseAction = addAction(play, QStringLiteral("play.playPause"), tr("&Play/Pause"),
                                         {QKeySequence(Qt::Key_Space)}, [this] { playPause(); });
    playPauseAction->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    QAction *cue = addAction(play, QStringLiteral("play.cue"), tr("Play &Cue"),
                             {QKeySequence(Qt::CTRL | Qt::Key_P)}, [this] { playCurrentCue(); });
    cue->setIcon(QIcon::fromTheme(QStringLiteral("media-seek-forward")));
    QAction *selection =
        addAction(play, QStringLiteral("play.selection"), tr("Play &Selection"),
                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, [this] { playSelection(); });
    QAction *loop = addAction(play, QStringLiteral("play.loop"), tr("&Loop"),
                              {QKeySequence(Qt::CTRL | Qt::Key_L)}, {});
    loop->setCheckable(true);
    loop->setIcon(QIcon::fromTheme(QStringLiteral("media-playlist-repeat")));
    connect(loop, &QAction::toggled, m_player, &Player::setLoop);
    play->addSeparator();
    QAction *speak = addAction(play, QStringLiteral("play.speak"), tr("Spea&k Cue"),
                               {QKeySequence(Qt::CTRL | Qt::Key_K)}, [this] { speakCurrentCue(); });
    speak->setToolTip(tr("Read the cue aloud with the speech engine chosen in Settings"));
    addAction(play, QStringLiteral("play.speakFrom"), tr("Speak from &Here"),
              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)}, [this] { speakFromHere(); });
    QAction *mix =
        addAction(play, QStringLiteral("play.speakMix"), tr("Speak &over the Media"), {}, {});
    mix->setCheckable(true);
    mix->setChecked(true);
    play->addSeparator();
    addAction(play, QStringLiteral("play.back"), tr("&Back 1 Second"),
              {QKeySequence(Qt::ALT | Qt::Key_Left)}, [this] {
                  const qint64 to = std::max<qint64>(0, playhead() - 1000);
                  m_player->seek(to);
                  m_timeline->setPlayhead(to);
              });
    addAction(play, QStringLiteral("play.forward"), tr("&Forward 1 Second"),
              {QKeySequence(Qt::ALT | Qt::Key_Right)}, [this] {
                  const qint64 to = playhead() + 1000;
                  m_player->seek(to);
                  m_timeline->setPlayhead(m_player->position());
              });
    addAction(play, QStringLiteral("play.faster"), tr("F&aster"),
              {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Up)},
              [this] { m_transport->stepSpeed(1); });
    addAction(play, QStringLiteral("play.slower"), tr("Slo&wer"),
              {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Down)},
              [this] { m_transport->stepSpeed(-1); });

    m_transport->addAction(playPauseAction);
    m_transport->addAction(cue);
    m_transport->addAction(selection);
    m_transport->addAction(loop);
    m_transport->addAction(speak);
    m_transport->addControls();
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    addAction(view, QStringLiteral("view.zoomIn"), tr("Zoom &In"),
              QKeySequence::keyBindings(QKeySequence::ZoomIn), [this] { m_timeline->zoomIn(); });
    addAction(view, QStringLiteral("view.zoomOut"), tr("Zoom &Out"),
              QKeySequence::keyBindings(QKeySequence::ZoomOut), [this] { m_timeline->zoomOut(); });
    addAction(view, QStringLiteral("view.fit"), tr("&Fit Whole File"),
              {QKeySequence(Qt::CTRL | Qt::Key_0)}, [this] { m_timeline->zoomToFit(); });
    addAction(view, QStringLiteral("view.amplitudeUp"), tr("Waveform &Taller"), {},
              [this] { m_timeline->amplitudeZoomIn(); });
    addAction(view, QStringLiteral("view.amplitudeDown"), tr("Waveform &Shorter"), {},
              [this] { m_timeline->amplitudeZoomOut(); });
    QAction *follow =
        addAction(view, QStringLiteral("view.follow"), tr("Follow &Playhead"), {}, {});
    follow->setCheckable(true);
    follow->setChecked(m_timeline->followPlayhead());
    connect(follow, &QAction::toggled, m_timeline, &TimelineView::setFollowPlayhead);
    view->addSeparator();
    view->addAction(m_editorDock->toggleViewAction());
    view->addAction(m_timelineDock->toggleViewAction());
    view->addAction(m_jobsDock->toggleViewAction());
    view->addAction(m_transport->toggleViewAction());
    addAction(view, QStringLiteral("view.resetLayout"), tr("&Reset Layout"), {}, [this] {
        restoreState(m_defaultState);
        m_editorDock->show();
        m_timelineDock->show();
        m_transport->show();
    });
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(QStringLiteral("help.shortcuts")));
    addAction(help, QStringLiteral("help.about"), tr("&About Captioneer"), {}, [this] {
        auto *box =
            new QMessageBox(QMessageBox::Information, tr("About Captioneer"),
                            tr("<b>Captioneer %1</b><p>Transcription and subtitle editing.</p>")
                                .arg(QApplication::applicationVersion()),
                            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::updateActions()
{
    const CueId current = currentCue();
    const bool hasCue = current != 0;
    const bool hasSelection = !m_table->selectionModel()->selectedRows().isEmpty();
    const bool hasCues = !m_document->track()->isEmpty();
    const int row = m_document->track()->rowOf(current);
    auto enable = [this](const char *id, bool on) {
        if (QAction *a = action(QString::fromLatin1(id)))
            a->setEnabled(on);
    };
    enable("edit.delete", hasSelection);
    enable("edit.splitCursor", hasCue);
    enable("edit.mergeNext", hasCue && row + 1 < m_document->track()->count());
    enable("edit.mergePrevious", hasCue && row > 0);
    enable("edit.setStart", hasCue);
    enable("edit.setEnd", hasCue);
    enable("edit.shift", hasCues);
    enable("edit.twoPoint", m_document->track()->count() >= 2);
    enable("edit.frameRate", hasCues);
    enable("play.cue", hasCue);
    enable("play.speak", hasCue);
    enable("play.speakFrom", hasCues);
    enable("play.selection", hasSelection);
    if (QAction *a = action(QStringLiteral("play.playPause"))) {
        const bool playing = m_player->state() == Player::State::Playing;
        a->setIcon(QIcon::fromTheme(playing ? QStringLiteral("media-playback-pause")
                                            : QStringLiteral("media-playback-start")));
    }
}

#pragma once

#include "autosaver.h"
#include "cue.h"
#include "player.h"
#include "rulepreset.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class CueEditor;
class CueTableModel;
class Document;
class FindReplaceDialog;
class JobsPanel;
class QNetworkAccessManager;
class SpeechPreview;
class TranscriptionJob;
struct TranscriptionJobSpec;
class QDockWidget;
class QLabel;
class QMenu;
class QTableView;
class ShortcutMap;
class TimelineView;
class TransportBar;
class WaveformLoader;

// The editor window: the cue table in the centre, the cue editor and the waveform timeline in
// docks, the transport bar, and every file, edit and playback action (see the menus). Owns the
// open document, the player and the waveform loader. Nothing here blocks: dialogs are window-
// modal and answer through callbacks, media is decoded on the thread pool. GUI thread only.
//
// mainwindow.cpp: layout, selection and state; mainwindowactions.cpp: menus and shortcuts;
// mainwindowedit.cpp: edit operations; mainwindowfiles.cpp: files, autosave and recovery.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        Player::Output audio = Player::Output::Default;
        QString autosaveDirectory; // empty: Autosaver::defaultDirectory()
        bool autosave = true;
        // Offer to restore the autosaves of sessions that crashed, once the window is shown.
        bool offerRestore = true;
    };

    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    Player *player() const { return m_player; }
    WaveformLoader *waveformLoader() const { return m_loader; }
    TimelineView *timeline() const { return m_timeline; }
    CueEditor *cueEditor() const { return m_editor; }
    QTableView *table() const { return m_table; }
    CueTableModel *model() const { return m_model; }
    ShortcutMap *shortcuts() const { return m_shortcuts; }
    Autosaver *autosaver() const { return m_autosaver; }
    TransportBar *transportBar() const { return m_transport; }
    JobsPanel *jobsPanel() const { return m_jobs; }
    SpeechPreview *speechPreview() const { return m_speech; }
    // The action with this id (see createActions()), or null.
    QAction *action(const QString &id) const;
    RulePreset preset() const { return m_preset; }

    // Opens any supported file: a project restores everything, subtitles replace the cues, media
    // opens the waveform and playback. Errors are shown and returned as false.
    bool openFile(const QString &path);
    bool openProject(const QString &path);
    bool openSubtitles(const QString &path);
    bool openMedia(const QString &path);
    // Several files at once (drop, command line): projects first, then media, then subtitles.
    void openFiles(const QStringList &paths);
    // Saves in the format of the extension (.captioneer, .srt, .vtt, .json) and makes it the
    // document's file. Errors are shown; the document stays modified.
    bool saveTo(const QString &path);
    // Writes a copy in the format of the extension without changing the document's file.
    bool exportTo(const QString &path);
    // "12 cues break Netflix (English): 5 × Line too long, …" or that all cues pass.
    QString presetSummary() const;

    CueId currentCue() const;
    QList<CueId> selectedCues() const; // in time order
    void selectCue(CueId id);
    qint64 playhead() const;

    // Restores a crashed session's autosave into this window (modified, with its origin as the
    // file) and removes the orphan. False when it cannot be read (it is then kept).
    bool restoreAutosave(const Autosaver::Orphan &orphan);
    void offerAutosaveRestore();

    // Edit operations (also the actions of the Edit menu); each is one undo step or nothing.
    bool insertCueAtPlayhead();
    bool deleteSelectedCues();
    bool splitAtPlayhead();
    bool splitAtCursor();
    bool mergeWithNext();
    bool mergeWithPrevious();
    bool setStartToPlayhead();
    bool setEndToPlayhead();
    bool shiftCues(const QList<CueId> &ids, qint64 deltaMs);
    bool twoPointSync(qint64 firstNow, qint64 firstNew, qint64 secondNow, qint64 secondNew);
    bool changeFrameRate(double fromFps, double toFps);
    bool goToNextViolation();
    bool goToNextLowConfidenceWord();
    void setPreset(const QString &id);

    // Transcription (mainwindowtranscribe.cpp). The panel opens on its own when media is dropped
    // on an empty window; a finished job's cues replace, or join, the document's in one undo step.
    void showTranscribeDialog(const QStringList &mediaPaths = {});
    TranscriptionJob *startTranscription(const TranscriptionJobSpec &spec);
    // Opens `paths` and transcribes the media among them with profile `profileId` without asking
    // (the command line's --transcribe). False, with a message, for an unknown profile.
    bool transcribeFiles(const QStringList &paths, const QString &profileId);
    // Cues again from the kept transcript (or from the cues) under the current preset.
    bool resegment();
    QStringList speakers() const;
    bool renameSpeaker(const QString &from, const QString &to);
    void speakCurrentCue();
    void speakFromHere();
    void showSettings();

    // Playback.
    void playPause();
    void playCurrentCue();
    void playSelection();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // mainwindow.cpp
    void buildLayout();
    void connectSignals();
    void currentRowChanged();
    void scheduleCheck();
    void runCheck();
    void updateTitle();
    void updateActions();
    void restoreWindowState();
    void saveWindowState();
    void showStatus(const QString &message);
    void showError(const QString &title, const QString &message);
    void ask(const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
             QMessageBox::StandardButton defaultButton,
             std::function<void(QMessageBox::StandardButton)> then);
    // mainwindowactions.cpp
    void createActions();
    void createFileMenu();
    void createEditMenu();
    void createPlaybackMenu();
    void createViewMenu();
    void createHelpMenu();
    QAction *addAction(QMenu *menu, const QString &id, const QString &text,
                       const QList<QKeySequence> &shortcuts, std::function<void()> slot);
    // mainwindowedit.cpp
    void showShiftDialog();
    void showTwoPointDialog();
    void showFrameRateDialog();
    void showFindDialog(bool replace);
    bool reportEdit(const Error &error);
    const Cue *cueAtPlayheadOrCurrent() const;
    // mainwindowfiles.cpp
    void chooseFileToOpen();
    void chooseFileToImport();
    void save();
    void saveAs();
    void exportAs(const QString &format);
    bool importFile(const QString &path);
    bool writeDocument(const QString &path, bool makeCurrent);
    void whenDiscardAllowed(std::function<void()> then);
    void relinkMedia(const QString &projectPath);
    void addRecentFile(const QString &path);
    void fillRecentMenu();
    void startSilenceDetection(const QString &path);
    // mainwindowtranscribe.cpp
    void transcriptionFinished(TranscriptionJob *job);
    void showRenameSpeakerDialog();
    void applySpeechSettings();

    Options m_options;
    Document *m_document;
    CueTableModel *m_model;
    Player *m_player;
    WaveformLoader *m_loader;
    QTableView *m_table;
    CueEditor *m_editor;
    TimelineView *m_timeline;
    TransportBar *m_transport;
    ShortcutMap *m_shortcuts;
    QNetworkAccessManager *m_nam;
    JobsPanel *m_jobs;
    SpeechPreview *m_speech;
    QDockWidget *m_jobsDock = nullptr;
    Autosaver *m_autosaver = nullptr;
    QDockWidget *m_editorDock = nullptr;
    QDockWidget *m_timelineDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_issuesLabel = nullptr;
    QPointer<FindReplaceDialog> m_find;
    RulePreset m_preset;
    QTimer m_checkTimer;
    QByteArray m_defaultState;
    bool m_closeConfirmed = false;
    bool m_restoreOffered = false;
    quint64 m_vadGeneration = 0;
    std::shared_ptr<std::atomic_bool> m_vadCancel = std::make_shared<std::atomic_bool>(false);
};

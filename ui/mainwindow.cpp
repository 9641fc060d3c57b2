#include "mainwindow.h"

#include "cueeditor.h"
#include "cuetablemodel.h"
#include "document.h"
#include "findreplacedialog.h"
#include "jobspanel.h"
#include "rulechecker.h"
#include "shortcutmap.h"
#include "speechpreview.h"
#include "timelineview.h"
#include "track.h"
#include "transportbar.h"
#include "waveformloader.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(Options{}, parent)
{}

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_document(new Document(this))
    , m_model(new CueTableModel(m_document, this))
    , m_player(new Player(this, options.audio))
    , m_loader(new WaveformLoader(this))
    , m_table(new QTableView(this))
    , m_editor(new CueEditor(this))
    , m_timeline(new TimelineView(this))
    , m_transport(new TransportBar(m_player, this))
    , m_shortcuts(new ShortcutMap(this))
    , m_nam(new QNetworkAccessManager(this))
    , m_jobs(new JobsPanel(m_nam, this))
    , m_speech(new SpeechPreview(m_player, m_nam, options.audio, this))
{
    m_preset = builtinPresets().constFirst();
    setAcceptDrops(true);
    buildLayout();
    createActions();
    connectSignals();
    if (m_options.autosave) {
        m_autosaver = new Autosaver(m_document, this);
        m_autosaver->setDirectory(m_options.autosaveDirectory);
        connect(m_autosaver, &Autosaver::failed, this, &MainWindow::showStatus);
        m_autosaver->start();
    }
    applySpeechSettings();
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(150);
    connect(&m_checkTimer, &QTimer::timeout, this, &MainWindow::runCheck);
    updateTitle();
    updateActions();
    resize(1280, 800);
    m_defaultState = saveState();
    restoreWindowState();
    showStatus(tr("Drop media, subtitles or a project here, or use File ▸ Open."));
}

MainWindow::~MainWindow()
{
    m_player->stop();
    m_loader->cancel();
    m_vadCancel->store(true);
    // The document goes after the widgets below (children die last), and clearing its undo stack
    // still signals: nothing of this window may listen by then.
    disconnect(m_document, nullptr, this, nullptr);
    disconnect(m_document->undoStack(), nullptr, this, nullptr);
    disconnect(m_document->track(), nullptr, this, nullptr);
    // Views before their model: a model that goes first leaves the table's header a queued reset
    // against a model that no longer exists.
    delete m_table;
}

void MainWindow::buildLayout()
{
    m_table->setObjectName(QStringLiteral("cueTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    for (int c : {CueTableModel::StartColumn, CueTableModel::EndColumn,
                  CueTableModel::DurationColumn, CueTableModel::CpsColumn})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->resizeSection(CueTableModel::IssuesColumn, 150);
    setCentralWidget(m_table);

    m_editor->setDocument(m_document);
    m_editorDock = new QDockWidget(tr("Cue"), this);
    m_editorDock->setObjectName(QStringLiteral("cueEditorDock"));
    m_editorDock->setWidget(m_editor);
    addDockWidget(Qt::RightDockWidgetArea, m_editorDock);

    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setDocument(m_document);
    m_timeline->setWaveformLoader(m_loader);
    m_timeline->setMinimumHeight(160);
    m_timelineDock = new QDockWidget(tr("Waveform"), this);
    m_timelineDock->setObjectName(QStringLiteral("timelineDock"));
    m_timelineDock->setWidget(m_timeline);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    resizeDocks({m_timelineDock}, {260}, Qt::Vertical);
    resizeDocks({m_editorDock}, {380}, Qt::Horizontal);

    m_jobs->setObjectName(QStringLiteral("jobsPanel"));
    m_jobsDock = new QDockWidget(tr("Transcription Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobs);
    addDockWidget(Qt::RightDockWidgetArea, m_jobsDock);
    m_jobsDock->hide(); // shown when the first job starts

    addToolBar(Qt::TopToolBarArea, m_transport);
    m_issuesLabel = new QLabel(this);
    m_issuesLabel->setObjectName(QStringLiteral("issuesLabel"));
    statusBar()->addPermanentWidget(m_issuesLabel);
}

void MainWindow::connectSignals()
{
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::currentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_editor, &CueEditor::editFailed, this, &MainWindow::showStatus);

    Track *track = m_document->track();
    for (auto signal : {&Track::cuesInserted, &Track::cuesRemoved, &Track::cueMoved})
        connect(track, signal, this, &MainWindow::scheduleCheck);
    connect(track, &Track::cuesChanged, this, &MainWindow::scheduleCheck);
    connect(track, &Track::wasReset, this, &MainWindow::scheduleCheck);
    connect(track, &Track::cuesChanged, this, &MainWindow::updateActions);

    connect(m_player, &Player::positionChanged, m_timeline, &TimelineView::setPlayhead);
    connect(m_player, &Player::stateChanged, this, &MainWindow::updateActions);
    connect(m_player, &Player::errorOccurred, this, &MainWindow::showStatus);
    connect(m_timeline, &TimelineView::seekRequested, this, [this](qint64 ms) {
        m_player->seek(ms);
        m_timeline->setPlayhead(ms);
    });
    connect(m_timeline, &TimelineView::cueClicked, this, &MainWindow::selectCue);
    connect(m_timeline, &TimelineView::cueActivated, this, [this](CueId id) {
        selectCue(id);
        playCurrentCue();
    });
    connect(m_timeline, &TimelineView::cueCreated, this, [this](CueId id) {
        selectCue(id);
        m_editor->textEdit()->setFocus();
    });
    connect(m_jobs, &JobsPanel::jobFinished, this, &MainWindow::transcriptionFinished);
    connect(m_jobs, &JobsPanel::openRequested, this,
            [this](const QString &path) { openFiles({path}); });
    connect(m_speech, &SpeechPreview::warning, this, &MainWindow::showStatus);
    connect(m_speech, &SpeechPreview::failed, this, &MainWindow::showStatus);
    connect(m_speech, &SpeechPreview::positionChanged, m_timeline, &TimelineView::setPlayhead);
    connect(m_speech, &SpeechPreview::spoken, this, [this](CueId id, qint64) {
        if (m_speech->isSpeaking())
            selectCue(id);
    });
    connect(m_loader, &WaveformLoader::failed, this, [this](const QString &message) {
        showStatus(tr("Cannot draw the waveform: %1").arg(message));
    });
}

QAction *MainWindow::action(const QString &id) const
{
    return m_shortcuts->action(id);
}

CueId MainWindow::currentCue() const
{
    const QModelIndex index = m_table->selectionModel()->currentIndex();
    return index.isValid() ? index.data(CueTableModel::CueIdRole).toLongLong() : 0;
}

QList<CueId> MainWindow::selectedCues() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    QList<CueId> ids;
    for (int row : std::as_const(rows))
        ids << m_document->track()->at(row).id;
    return ids;
}

void MainWindow::selectCue(CueId id)
{
    const int row = m_document->track()->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, CueTableModel::TextColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

qint64 MainWindow::playhead() const
{
    return m_timeline->playhead();
}

void MainWindow::currentRowChanged()
{
    const CueId id = currentCue();
    m_editor->setCue(id);
    m_timeline->setSelectedCue(id);
    if (const Cue *cue = m_document->track()->find(id)) {
        m_timeline->ensureVisible(cue->start);
        // Moving through the cues moves the playhead with them, unless something is playing.
        if (m_player->state() != Player::State::Playing) {
            m_player->seek(cue->start);
            m_timeline->setPlayhead(cue->start);
        }
    }
    updateActions();
}

void MainWindow::scheduleCheck()
{
    m_checkTimer.start();
}

void MainWindow::runCheck()
{
    CheckOptions options;
    options.minConfidence = confidenceThreshold(
        m_document->providerMeta().value(QStringLiteral("provider")).toString());
    m_timeline->setLowConfidenceThreshold(options.minConfidence);
    const QList<Violation> violations = checkCues(m_document->track()->cues(), m_preset, options);
    QHash<CueId, CueTableModel::Issues> issues;
    QSet<CueId> violating;
    for (const Violation &v : violations) {
        CueTableModel::Issues &entry = issues[v.cue];
        entry.summary +=
            (entry.summary.isEmpty() ? QString() : QStringLiteral(", ")) + ruleTitle(v.rule);
        entry.details += (entry.details.isEmpty() ? QString() : QStringLiteral("\n")) + v.message;
        if (v.rule != Rule::LowConfidence)
            violating.insert(v.cue);
    }
    m_model->setIssues(issues);
    m_timeline->setViolatingCues(violating);
    m_issuesLabel->setText(
        violations.isEmpty() ? tr("No issues (%1)").arg(m_preset.name)
                             : tr("%n issue(s) in %1 cue(s) (%2)", nullptr, int(violations.size()))
                                   .arg(issues.size())
                                   .arg(m_preset.name));
}

void MainWindow::updateTitle()
{
    const QString name = m_document->filePath().isEmpty()
                             ? tr("Untitled")
                             : QFileInfo(m_document->filePath()).fileName();
    setWindowTitle(QStringLiteral("%1[*] — Captioneer").arg(name));
    setWindowModified(m_document->isModified());
}

void MainWindow::showStatus(const QString &message)
{
    statusBar()->showMessage(message, 8000);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    showStatus(message);
    ask(title, message, QMessageBox::Ok, QMessageBox::Ok, {});
}

void MainWindow::ask(const QString &title, const QString &text,
                     QMessageBox::StandardButtons buttons,
                     QMessageBox::StandardButton defaultButton,
                     std::function<void(QMessageBox::StandardButton)> then)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, buttons, this);
    if (buttons == QMessageBox::Ok)
        box->setIcon(QMessageBox::Warning);
    box->setDefaultButton(defaultButton);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [box, then = std::move(then)] {
        if (then) // closed without a button (e.g. the window went away): NoButton
            then(box->standardButton(box->clickedButton()));
    });
    box->open();
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_options.offerRestore && !m_restoreOffered) {
        m_restoreOffered = true;
        QTimer::singleShot(0, this, &MainWindow::offerAutosaveRestore);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_document->isModified() && !m_closeConfirmed) {
        event->ignore();
        ask(tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them before closing?")
                .arg(m_document->filePath().isEmpty()
                         ? tr("The document")
                         : QFileInfo(m_document->filePath()).fileName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save,
            [this](QMessageBox::StandardButton answer) {
                if (answer == QMessageBox::Discard) {
                    m_closeConfirmed = true;
                    close();
                } else if (answer == QMessageBox::Save) {
                    save();
                    if (!m_document->isModified())
                        close();
                }
            });
        return;
    }
    saveWindowState();
    if (m_autosaver)
        m_autosaver->discard(); // closed on purpose: nothing to recover
    m_player->stop();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime->hasUrls()) {
        for (const QUrl &url : mime->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    openFiles(paths);
}

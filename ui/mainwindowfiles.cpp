// Files of the window: open (projects, subtitles, media), save and export, import, recent files,
// moved media, and recovery from the autosave of a session that crashed.
#include "mainwindow.h"

#include "cueeditor.h"
#include "document.h"
#include "mediainfo.h"
#include "rulechecker.h"
#include "subtitlefile.h"
#include "timelineview.h"
#include "track.h"
#include "voiceactivity.h"
#include "waveformloader.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QtConcurrent>

namespace {

constexpr int kMaxRecentFiles = 10;

bool isSubtitlePath(const QString &path)
{
    const SubtitleFormat f = subtitleFormatFromPath(path);
    return f == SubtitleFormat::Srt || f == SubtitleFormat::Vtt || f == SubtitleFormat::Json;
}

bool isProjectPath(const QString &path)
{
    return subtitleFormatFromPath(path) == SubtitleFormat::Project;
}

QString subtitleFilter()
{
    return MainWindow::tr("Subtitles and projects (*.captioneer *.srt *.vtt *.json)");
}

QString mediaFilter()
{
    return MainWindow::tr("Audio and video (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.wma "
                          "*.mp4 *.mkv *.mov *.webm *.avi *.mpeg *.mpg *.ts)");
}

} // namespace

void MainWindow::openFiles(const QStringList &paths)
{
    QStringList projects, media, subtitles;
    for (const QString &path : paths) {
        if (isProjectPath(path))
            projects << path;
        else if (isSubtitlePath(path))
            subtitles << path;
        else
            media << path;
    }
    auto openAll = [this, projects, media, subtitles] {
        // A project brings its own media; media dropped with it replaces that.
        for (const QString &p : projects)
            openProject(p);
        for (const QString &m : media)
            openMedia(m);
        for (const QString &s : subtitles)
            openSubtitles(s);
    };
    if (projects.isEmpty() && subtitles.isEmpty()) {
        // Media alone never replaces cues; on an empty window it is there to be transcribed.
        const bool empty = m_document->track()->isEmpty();
        openAll();
        if (empty && !media.isEmpty() && !m_player->mediaPath().isEmpty())
            showTranscribeDialog(media);
    } else
        whenDiscardAllowed(openAll);
}

bool MainWindow::openFile(const QString &path)
{
    if (isProjectPath(path))
        return openProject(path);
    if (isSubtitlePath(path))
        return openSubtitles(path);
    // Anything else: try it as media; if that fails, as subtitles with any extension.
    if (probeMedia(path))
        return openMedia(path);
    return openSubtitles(path);
}

bool MainWindow::openSubtitles(const QString &path)
{
    auto loaded = readSubtitleFile(path, {});
    if (!loaded) {
        showError(tr("Cannot open file"), loaded.error().toString());
        return false;
    }
    if (auto r = m_document->load(loaded->data.cues, loaded->data.meta,
                                  loaded->project ? loaded->project->transcript : Transcript{});
        !r) {
        showError(tr("Cannot open file"), r.error().toString());
        return false;
    }
    m_document->setFilePath(QFileInfo(path).absoluteFilePath());
    addRecentFile(path);
    QString message = tr("Loaded %n cue(s) from %1.", nullptr, m_document->track()->count())
                          .arg(QFileInfo(path).fileName());
    if (!loaded->data.diagnostics.isEmpty())
        message += u' ' + tr("%n line(s) could not be read; see the file for details.", nullptr,
                             int(loaded->data.diagnostics.size()));
    showStatus(message);
    // Subtitles usually sit beside their video: open it when nothing is open yet.
    if (m_player->mediaPath().isEmpty()) {
        const QFileInfo info(path);
        const QDir dir = info.absoluteDir();
        const QStringList candidates =
            dir.entryList({info.completeBaseName() + QStringLiteral(".*")}, QDir::Files);
        for (const QString &name : candidates) {
            const QString candidate = dir.filePath(name);
            if (!isSubtitlePath(candidate) && !isProjectPath(candidate) && probeMedia(candidate)) {
                openMedia(candidate);
                break;
            }
        }
    }
    if (m_document->track()->count() > 0)
        selectCue(m_document->track()->at(0).id);
    return true;
}

bool MainWindow::openProject(const QString &path)
{
    auto loaded = readSubtitleFile(path, {SubtitleFormat::Project, {}, {}});
    if (!loaded || !loaded->project) {
        showError(tr("Cannot open project"), loaded
                                                 ? tr("%1 is not a Captioneer project.").arg(path)
                                                 : loaded.error().toString());
        return false;
    }
    if (auto r = m_document->loadProject(*loaded->project); !r) {
        showError(tr("Cannot open project"), r.error().toString());
        return false;
    }
    m_document->setFilePath(QFileInfo(path).absoluteFilePath());
    if (!m_document->presetId().isEmpty())
        setPreset(m_document->presetId());
    addRecentFile(path);
    showStatus(tr("Opened %1 (%n cue(s)).", nullptr, m_document->track()->count())
                   .arg(QFileInfo(path).fileName()));
    relinkMedia(path);
    m_document->markSaved(); // relinking is not a change the user made
    if (m_document->track()->count() > 0)
        selectCue(m_document->track()->at(0).id);
    return true;
}

void MainWindow::relinkMedia(const QString &projectPath)
{
    const MediaReference ref = m_document->media();
    if (ref.isNull())
        return;
    const QString projectDir = QFileInfo(projectPath).absolutePath();
    const QString found =
        ref.locate({projectDir, QFileInfo(ref.path).absolutePath(), QDir::currentPath()});
    if (!found.isEmpty()) {
        if (found != ref.path)
            showStatus(tr("The media moved; found it by its content at %1.").arg(found));
        openMedia(found);
        return;
    }
    ask(tr("Media not found"),
        tr("The media of this project, %1, is not where it was and no file with the same content "
           "is beside the project. Locate it?")
            .arg(QFileInfo(ref.path).fileName()),
        QMessageBox::Open | QMessageBox::Ignore, QMessageBox::Open,
        [this, ref, projectDir](QMessageBox::StandardButton answer) {
            if (answer != QMessageBox::Open)
                return;
            auto *dialog =
                new QFileDialog(this, tr("Locate %1").arg(QFileInfo(ref.path).fileName()),
                                projectDir, mediaFilter());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setFileMode(QFileDialog::ExistingFile);
            connect(dialog, &QFileDialog::fileSelected, this, [this, ref](const QString &file) {
                if (!ref.matchesFile(file))
                    showStatus(tr("%1 is not the same file as the one this project was made "
                                  "with; the timing may not match.")
                                   .arg(QFileInfo(file).fileName()));
                openMedia(file);
            });
            dialog->open();
        });
}

bool MainWindow::openMedia(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const int stream = m_document->media().path == absolute ? m_document->media().streamIndex : -1;
    if (auto r = m_player->setMedia(absolute, stream); !r) {
        showError(tr("Cannot open media"), r.error().toString());
        return false;
    }
    m_loader->load(absolute, stream);
    m_timeline->setDurationMs(m_player->durationMs());
    m_timeline->setPlayhead(0);
    if (m_document->media().path != absolute) {
        MediaReference ref = MediaReference::fromFile(absolute);
        ref.streamIndex = stream;
        m_document->setMedia(ref);
    }
    addRecentFile(absolute);
    // Silence edges (snap targets) after the waveform: the two would otherwise share the cores
    // and the first waveform pixels would wait for both.
    m_vadCancel->store(true);
    m_vadCancel = std::make_shared<std::atomic_bool>(false);
    ++m_vadGeneration;
    m_timeline->setSpeech({});
    connect(
        m_loader, &WaveformLoader::finished, this,
        [this, absolute, generation = m_vadGeneration] {
            if (generation == m_vadGeneration && m_player->mediaPath() == absolute)
                startSilenceDetection(absolute);
        },
        Qt::SingleShotConnection);
    if (m_timeline->viewStartMs() == 0)
        m_timeline->zoomToFit();
    showStatus(tr("Opened %1 (%2).")
                   .arg(QFileInfo(path).fileName(),
                        QLocale().toString(QTime::fromMSecsSinceStartOfDay(int(
                                               std::min<qint64>(m_player->durationMs(), 86399999))),
                                           QStringLiteral("H:mm:ss"))));
    return true;
}

void MainWindow::startSilenceDetection(const QString &path)
{
    // Silence edges are snap targets for cue edges; found on the thread pool, dropped if another
    // file was opened meanwhile.
    const quint64 generation = m_vadGeneration;
    const std::shared_ptr<std::atomic_bool> cancel = m_vadCancel;
    auto *watcher = new QFutureWatcher<Result<VadResult>>(this);
    connect(watcher, &QFutureWatcher<Result<VadResult>>::finished, this,
            [this, watcher, generation] {
                watcher->deleteLater();
                const Result<VadResult> result = watcher->result();
                if (generation == m_vadGeneration && result)
                    m_timeline->setSpeech(result->speech);
            });
    const int stream = m_document->media().streamIndex;
    watcher->setFuture(QtConcurrent::run([path, stream, cancel] {
        return detectSpeechInFile(path, stream, VadOptions{}, cancel.get());
    }));
}

void MainWindow::whenDiscardAllowed(std::function<void()> then)
{
    if (!m_document->isModified()) {
        then();
        return;
    }
    ask(tr("Unsaved changes"),
        tr("The open document has unsaved changes. Discard them and open the new file?"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel,
        [then = std::move(then)](QMessageBox::StandardButton answer) {
            if (answer == QMessageBox::Discard)
                then();
        });
}

void MainWindow::chooseFileToOpen()
{
    auto *dialog = new QFileDialog(this, tr("Open"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters(
        {tr("Everything Captioneer opens (*)"), subtitleFilter(), mediaFilter()});
    connect(dialog, &QFileDialog::filesSelected, this, &MainWindow::openFiles);
    dialog->open();
}

void MainWindow::chooseFileToImport()
{
    auto *dialog = new QFileDialog(this, tr("Import cues"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilter(subtitleFilter());
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::importFile);
    dialog->open();
}

bool MainWindow::importFile(const QString &path)
{
    auto loaded = readSubtitleFile(path, {});
    if (!loaded) {
        showError(tr("Cannot import"), loaded.error().toString());
        return false;
    }
    Cues cues = loaded->data.cues;
    for (Cue &c : cues)
        c.id = 0;
    const auto ids = m_document->replaceCues({}, std::move(cues),
                                             tr("Import %1").arg(QFileInfo(path).fileName()));
    if (!ids) {
        showError(tr("Cannot import"), ids.error().toString());
        return false;
    }
    showStatus(tr("Imported %n cue(s).", nullptr, int(ids->size())));
    return true;
}

void MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        saveAs();
    else
        saveTo(m_document->filePath());
}

void MainWindow::saveAs()
{
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty() && !m_document->media().isNull()) {
        const QFileInfo media(m_document->media().path);
        suggestion =
            media.absolutePath() + u'/' + media.completeBaseName() + QStringLiteral(".captioneer");
    }
    auto *dialog = new QFileDialog(this, tr("Save as"), suggestion);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("Captioneer project (*.captioneer)"), tr("SubRip (*.srt)"),
                            tr("WebVTT (*.vtt)"), tr("JSON (*.json)")});
    dialog->setDefaultSuffix(QStringLiteral("captioneer"));
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::saveTo);
    dialog->open();
}

bool MainWindow::saveTo(const QString &path)
{
    return writeDocument(path, true);
}

bool MainWindow::exportTo(const QString &path)
{
    return writeDocument(path, false);
}

bool MainWindow::writeDocument(const QString &path, bool makeCurrent)
{
    const SubtitleFormat format = subtitleFormatFromPath(path);
    Result<QByteArray> bytes;
    if (format == SubtitleFormat::Project) {
        ProjectData project = m_document->toProject();
        if (!project.media.isNull())
            project.media.path = QFileInfo(project.media.path).absoluteFilePath();
        bytes = serializeProject(project);
    } else if (format == SubtitleFormat::Unknown) {
        bytes = makeError(ErrorCode::UnsupportedFormat,
                          tr("Choose a file name ending in .captioneer, .srt, .vtt or .json."));
    } else {
        bytes = serializeSubtitles(m_document->track()->cues(), m_document->meta(), format);
    }
    Result<void> written = bytes ? writeFileAtomically(path, *bytes) : Result<void>(bytes.error());
    if (!written) {
        showError(makeCurrent ? tr("Cannot save") : tr("Cannot export"),
                  tr("%1\nThe previous version of the file, if any, is unchanged.")
                      .arg(written.error().toString()));
        return false;
    }
    if (makeCurrent) {
        m_document->setFilePath(QFileInfo(path).absoluteFilePath());
        m_document->markSaved();
        showStatus(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    } else {
        showStatus(tr("Exported %n cue(s) to %1.", nullptr, m_document->track()->count())
                       .arg(QFileInfo(path).fileName()));
    }
    addRecentFile(path);
    return true;
}

QString MainWindow::presetSummary() const
{
    const QList<Violation> violations = checkCues(m_document->track()->cues(), m_preset);
    if (violations.isEmpty())
        return tr("All %n cue(s) meet the %1 preset.", nullptr, m_document->track()->count())
            .arg(m_preset.name);
    QMap<Rule, int> byRule;
    QSet<CueId> cues;
    for (const Violation &v : violations) {
        ++byRule[v.rule];
        cues.insert(v.cue);
    }
    QStringList parts;
    for (auto it = byRule.cbegin(); it != byRule.cend(); ++it)
        parts << tr("%1 × %2").arg(it.value()).arg(ruleTitle(it.key()));
    return tr("%n cue(s) break the %1 preset: %2.", nullptr, int(cues.size()))
        .arg(m_preset.name, parts.join(QStringLiteral(", ")));
}

void MainWindow::exportAs(const QString &format)
{
    QString base = m_document->filePath();
    if (base.isEmpty())
        base = m_document->media().path;
    const QFileInfo info(base);
    const QString suggestion =
        base.isEmpty() ? QString()
                       : info.absolutePath() + u'/' + info.completeBaseName() + u'.' + format;
    // The summary comes first, so problems are seen before the file is written.
    ask(tr("Export"), presetSummary() + QStringLiteral("\n\n") + tr("Export anyway?"),
        QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Ok,
        [this, suggestion, format](QMessageBox::StandardButton answer) {
            if (answer != QMessageBox::Ok)
                return;
            auto *dialog = new QFileDialog(this, tr("Export"), suggestion);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setAcceptMode(QFileDialog::AcceptSave);
            dialog->setDefaultSuffix(format);
            dialog->setNameFilter(format == QStringLiteral("srt")   ? tr("SubRip (*.srt)")
                                  : format == QStringLiteral("vtt") ? tr("WebVTT (*.vtt)")
                                                                    : tr("JSON (*.json)"));
            connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::exportTo);
            dialog->open();
        });
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName(), this,
                                             [this, path] { openFiles({path}); });
        a->setToolTip(path);
        a->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this,
                            [] { QSettings().remove(QStringLiteral("recentFiles")); });
}

void MainWindow::offerAutosaveRestore()
{
    if (!m_autosaver)
        return;
    const QList<Autosaver::Orphan> orphans = Autosaver::findOrphans(m_autosaver->directory());
    for (const Autosaver::Orphan &o : orphans) {
        // An autosave older than the file it came from was superseded by a save.
        const QFileInfo origin(o.originPath);
        if (!o.originPath.isEmpty() && origin.exists() &&
            origin.lastModified().toUTC() > o.savedAt) {
            Autosaver::removeOrphan(o);
            continue;
        }
        const QString name = o.originPath.isEmpty() ? tr("an untitled document")
                                                    : QFileInfo(o.originPath).fileName();
        ask(tr("Restore unsaved work?"),
            tr("Captioneer did not close properly. An autosave of %1 from %2 has changes that "
               "were not saved. Restore it?")
                .arg(name, QLocale().toString(o.savedAt.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Yes,
            [this, o](QMessageBox::StandardButton answer) {
                if (answer == QMessageBox::Yes)
                    restoreAutosave(o);
                else if (answer == QMessageBox::Discard)
                    Autosaver::removeOrphan(o);
            });
        return; // one at a time; the others are offered on the next start
    }
}

bool MainWindow::restoreAutosave(const Autosaver::Orphan &orphan)
{
    auto project = Autosaver::loadOrphan(orphan);
    if (!project) {
        showError(tr("Cannot restore"), project.error().toString());
        return false;
    }
    if (auto r = m_document->loadProject(std::move(*project)); !r) {
        showError(tr("Cannot restore"), r.error().toString());
        return false;
    }
    m_document->setFilePath(orphan.originPath);
    if (!m_document->presetId().isEmpty())
        setPreset(m_document->presetId());
    if (!m_document->media().isNull()) {
        const QString found =
            m_document->media().locate({QFileInfo(orphan.originPath).absolutePath(),
                                        QFileInfo(m_document->media().path).absolutePath()});
        if (!found.isEmpty())
            openMedia(found);
    }
    // Restored work is unsaved work: keep it modified, and in this session's autosave.
    m_document->markModified();
    if (m_autosaver)
        (void)m_autosaver->saveNow(true); // failures are reported through failed()
    Autosaver::removeOrphan(orphan);
    if (m_document->track()->count() > 0)
        selectCue(m_document->track()->at(0).id);
    showStatus(tr("Restored %n cue(s) from the autosave.", nullptr, m_document->track()->count()));
    return true;
}

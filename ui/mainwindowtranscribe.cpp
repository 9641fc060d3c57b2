// Transcription and speech in the window: the Transcribe panel, the jobs panel, applying a
// result to the document (one undo step, the transcript kept for re-segmenting), speakers, and
// the text-to-speech preview.
#include "mainwindow.h"

#include "cuetablemodel.h"
#include "document.h"
#include "jobspanel.h"
#include "profilestore.h"
#include "projectformat.h"
#include "segmenter.h"
#include "settingsdialog.h"
#include "speechpreview.h"
#include "subtitlefile.h"
#include "timelineview.h"
#include "track.h"
#include "transcribedialog.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QTableView>

void MainWindow::showTranscribeDialog(const QStringList &mediaPaths)
{
    QStringList media = mediaPaths;
    if (media.isEmpty() && !m_document->media().isNull())
        media << m_document->media().path;
    if (media.isEmpty()) {
        showStatus(tr("Open or drop a media file to transcribe it."));
        return;
    }
    std::pair<qint64, qint64> range{0, 0};
    const QList<CueId> ids = selectedCues();
    if (!ids.isEmpty()) {
        range.first = m_document->track()->find(ids.constFirst())->start;
        for (CueId id : ids)
            range.second = std::max(range.second, m_document->track()->find(id)->end);
    }
    auto *dialog =
        new TranscribeDialog(media, range, !m_document->track()->isEmpty(), m_preset.id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        for (const TranscriptionJobSpec &spec : dialog->specs())
            startTranscription(spec);
    });
    dialog->open();
}

TranscriptionJob *MainWindow::startTranscription(const TranscriptionJobSpec &spec)
{
    if (!m_jobsDock->isVisible()) {
        m_jobsDock->show();
        resizeDocks({m_editorDock, m_jobsDock}, {280, 320}, Qt::Vertical);
    }
    m_jobsDock->raise();
    return m_jobs->add(spec);
}

bool MainWindow::transcribeFiles(const QStringList &paths, const QString &profileId)
{
    QSettings settings;
    ProfileStore store(&settings);
    const ProviderProfile profile = store.find(profileId);
    if (profile.id.isEmpty()) {
        showError(tr("Unknown provider"),
                  tr("There is no provider profile \"%1\" (see Tools ▸ Settings).").arg(profileId));
        return false;
    }
    QStringList media, others;
    for (const QString &p : paths)
        (subtitleFormatFromPath(p) == SubtitleFormat::Unknown ? media : others) << p;
    if (!others.isEmpty())
        openFiles(others);
    if (!media.isEmpty() && m_player->mediaPath().isEmpty())
        openMedia(media.first());
    for (const QString &path : std::as_const(media)) {
        TranscriptionJobSpec spec;
        spec.mediaPath = QFileInfo(path).absoluteFilePath();
        spec.profile = profile;
        spec.presetId = m_preset.id;
        startTranscription(spec);
    }
    store.setLastUsed(profile.id);
    return true;
}

void MainWindow::transcriptionFinished(TranscriptionJob *job)
{
    const TranscriptionJobSpec &spec = job->spec();
    const QString media = QFileInfo(spec.mediaPath).absoluteFilePath();
    const RulePreset preset = presetById(spec.presetId).value_or(m_preset);
    Segmentation seg = segmentTranscript(job->result(), preset);
    if (m_document->media().path != media) {
        // A file of a batch that is not open: its result becomes a project beside it.
        ProjectData project;
        project.cues = seg.cues;
        project.transcript = job->result();
        project.media = MediaReference::fromFile(media);
        project.presetId = preset.id;
        const QFileInfo info(media);
        QString path =
            info.absolutePath() + u'/' + info.completeBaseName() + QStringLiteral(".captioneer");
        for (int n = 2; QFileInfo::exists(path); ++n)
            path = info.absolutePath() + u'/' + info.completeBaseName() +
                   QStringLiteral(" (%1).captioneer").arg(n);
        if (auto r = writeFileAtomically(path, serializeProject(project)); !r) {
            showError(tr("Cannot save the transcription"), r.error().toString());
            return;
        }
        job->setSavedTo(path);
        showStatus(
            tr("Transcribed %1: saved to %2.").arg(info.fileName(), QFileInfo(path).fileName()));
        return;
    }

    const Track *track = m_document->track();
    QList<CueId> remove;
    switch (spec.apply) {
    case TranscriptionJobSpec::Apply::ReplaceAll:
        remove = track->allIds();
        break;
    case TranscriptionJobSpec::Apply::ReplaceRange: {
        const qint64 from = spec.options.rangeStartMs;
        const qint64 to = spec.options.rangeEndMs < 0 ? LLONG_MAX : spec.options.rangeEndMs;
        for (const Cue &c : track->cues())
            if (c.start < to && c.end > from)
                remove << c.id;
        break;
    }
    case TranscriptionJobSpec::Apply::Merge:
        break;
    }
    const QString name = tr("Transcription (%1)").arg(spec.profile.displayName);
    const auto ids = m_document->replaceCues(remove, seg.cues, name);
    if (!ids) {
        showError(tr("Cannot apply the transcription"), ids.error().toString());
        return;
    }
    // The words as recognised stay with the document, so "Re-segment" can start from them.
    Transcript transcript = job->result();
    if (spec.apply != TranscriptionJobSpec::Apply::ReplaceAll &&
        !m_document->transcript().isEmpty()) {
        Transcript merged = m_document->transcript();
        merged.segments += transcript.segments;
        std::sort(merged.segments.begin(), merged.segments.end(),
                  [](const TranscriptSegment &a, const TranscriptSegment &b) {
                      return a.start < b.start;
                  });
        transcript = merged;
    }
    m_document->setTranscript(transcript);
    QJsonObject meta = m_document->providerMeta();
    meta.insert(QStringLiteral("provider"), spec.profile.id);
    meta.insert(QStringLiteral("model"), spec.profile.model);
    if (!job->result().requestId.isEmpty())
        meta.insert(QStringLiteral("requestId"), job->result().requestId);
    m_document->setProviderMeta(meta);
    if (m_preset.id != preset.id)
        setPreset(preset.id);
    if (!ids->isEmpty())
        selectCue(ids->constFirst());
    showStatus(tr("%n cue(s) from %1.", nullptr, int(ids->size())).arg(spec.profile.displayName));
}

bool MainWindow::resegment()
{
    const Transcript &transcript = m_document->transcript();
    Segmentation seg;
    if (!transcript.isEmpty())
        seg = segmentTranscript(transcript, m_preset);
    else
        seg = resegmentCues(m_document->track()->cues(), m_preset, transcript.language);
    const auto ids = m_document->replaceCues(m_document->track()->allIds(), seg.cues,
                                             tr("Re-segment (%1)").arg(m_preset.name));
    if (!ids)
        return reportEdit(ids.error());
    showStatus(tr("%n cue(s) under the %1 preset.", nullptr, int(ids->size())).arg(m_preset.name));
    return true;
}

QStringList MainWindow::speakers() const
{
    QStringList out;
    for (const Cue &c : m_document->track()->cues())
        if (!c.speaker.isEmpty() && !out.contains(c.speaker))
            out << c.speaker;
    return out;
}

bool MainWindow::renameSpeaker(const QString &from, const QString &to)
{
    QList<CueId> ids;
    for (const Cue &c : m_document->track()->cues())
        if (c.speaker == from)
            ids << c.id;
    if (ids.isEmpty() || to.trimmed().isEmpty())
        return false;
    if (auto r = m_document->setCueSpeaker(ids, to.trimmed()); !r)
        return reportEdit(r.error());
    return true;
}

void MainWindow::showRenameSpeakerDialog()
{
    const QStringList names = speakers();
    if (names.isEmpty()) {
        showStatus(tr("No cue has a speaker yet."));
        return;
    }
    const Cue *current = m_document->track()->find(currentCue());
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename Speaker"));
    dialog->setLabelText(
        tr("New name for %1:")
            .arg(current && !current->speaker.isEmpty() ? current->speaker : names.first()));
    const QString from = current && !current->speaker.isEmpty() ? current->speaker : names.first();
    dialog->setTextValue(from);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, from](const QString &to) { renameSpeaker(from, to); });
    dialog->open();
}

void MainWindow::applySpeechSettings()
{
    m_speech->setProfile(SettingsDialog::speechProfile());
    m_speech->setVoice(SettingsDialog::speechVoice());
    m_speech->setSpeed(SettingsDialog::speechSpeed());
}

void MainWindow::speakCurrentCue()
{
    const Cue *cue = m_document->track()->find(currentCue());
    if (!cue) {
        showStatus(tr("Select a cue to speak."));
        return;
    }
    m_player->pause();
    m_speech->speakCue(*cue);
}

void MainWindow::speakFromHere()
{
    if (m_speech->isSpeaking()) {
        m_speech->stop();
        return;
    }
    int row = m_document->track()->rowOf(currentCue());
    if (row < 0)
        row = std::max(0, m_document->track()->rowAtOrBefore(playhead()));
    const QAction *mix = action(QStringLiteral("play.speakMix"));
    m_speech->speakFrom(m_document->track(), row, mix && mix->isChecked());
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_nam, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::speechChanged, this, &MainWindow::applySpeechSettings);
    dialog->open();
}

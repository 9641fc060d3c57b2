// Edit operations of the window: each reads the selection and the playhead, then makes one
// Document call (one undo step) or explains in the status bar why nothing happened.
#include "mainwindow.h"

#include "cueeditor.h"
#include "cuetablemodel.h"
#include "cuetext.h"
#include "document.h"
#include "findreplacedialog.h"
#include "timelineview.h"
#include "timingdialogs.h"
#include "track.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>

namespace {
constexpr qint64 kNewCueMs = 2000;
}

bool MainWindow::reportEdit(const Error &error)
{
    showStatus(error.message);
    return false;
}

const Cue *MainWindow::cueAtPlayheadOrCurrent() const
{
    const Track *track = m_document->track();
    const qint64 at = playhead();
    if (const Cue *current = track->find(currentCue());
        current && current->start < at && at < current->end)
        return current;
    // The latest-starting cue that contains the playhead.
    for (int row = track->rowAtOrBefore(at); row >= 0; --row) {
        const Cue &c = track->at(row);
        if (c.start < at && at < c.end)
            return &c;
        if (c.end + 60 * 60 * 1000 < at)
            break; // nothing this long
    }
    return nullptr;
}

bool MainWindow::insertCueAtPlayhead()
{
    const Track *track = m_document->track();
    Cue cue;
    cue.start = playhead();
    // Inside a cue: the new one goes after it, like inserting a line after the current one.
    for (int row = track->rowAtOrBefore(cue.start); row >= 0; --row) {
        const Cue &c = track->at(row);
        if (c.start <= cue.start && cue.start < c.end) {
            cue.start = c.end + m_preset.minGap;
            break;
        }
        if (c.end < cue.start)
            break;
    }
    cue.end = cue.start + kNewCueMs;
    const int next = track->rowAtOrBefore(cue.start) + 1;
    if (next < track->count()) {
        const qint64 limit = track->at(next).start - m_preset.minGap;
        if (limit - cue.start >= m_preset.minDuration)
            cue.end = std::min(cue.end, limit);
    }
    const auto id = m_document->insertCue(cue);
    if (!id)
        return reportEdit(id.error());
    selectCue(*id);
    m_editor->textEdit()->setFocus();
    return true;
}

bool MainWindow::deleteSelectedCues()
{
    const QList<CueId> ids = selectedCues();
    if (ids.isEmpty())
        return reportEdit(makeError(ErrorCode::InvalidArgument, tr("Select the cues to delete.")));
    const int row = m_document->track()->rowOf(ids.constFirst());
    if (auto r = m_document->removeCues(ids); !r)
        return reportEdit(r.error());
    const int count = m_document->track()->count();
    if (count > 0)
        selectCue(m_document->track()->at(std::min(row, count - 1)).id);
    return true;
}

bool MainWindow::splitAtPlayhead()
{
    const Cue *cue = cueAtPlayheadOrCurrent();
    if (!cue)
        return reportEdit(
            makeError(ErrorCode::InvalidArgument, tr("The playhead is not inside a cue.")));
    const auto right = m_document->splitCue(cue->id, playhead());
    if (!right)
        return reportEdit(right.error());
    return true;
}

bool MainWindow::splitAtCursor()
{
    const Cue *cue = m_document->track()->find(currentCue());
    if (!cue)
        return reportEdit(makeError(ErrorCode::InvalidArgument, tr("Select a cue to split.")));
    const int word = m_editor->wordIndexAtCursor();
    Result<CueId> right =
        word > 0
            ? m_document->splitCueAtWord(cue->id, word)
            : m_document->splitCue(
                  cue->id, cue->start + qint64(std::clamp(m_editor->cursorFraction(), 0.05, 0.95) *
                                               double(cue->duration())));
    if (!right)
        return reportEdit(right.error());
    return true;
}

bool MainWindow::mergeWithNext()
{
    if (auto r = m_document->mergeWithNext(currentCue()); !r)
        return reportEdit(r.error());
    return true;
}

bool MainWindow::mergeWithPrevious()
{
    const CueId id = currentCue();
    const int row = m_document->track()->rowOf(id);
    if (row <= 0)
        return reportEdit(
            makeError(ErrorCode::InvalidArgument, tr("There is no cue before this one.")));
    const CueId previous = m_document->track()->at(row - 1).id;
    if (auto r = m_document->mergeWithPrevious(id); !r)
        return reportEdit(r.error());
    selectCue(previous);
    return true;
}

bool MainWindow::setStartToPlayhead()
{
    const Cue *cue = m_document->track()->find(currentCue());
    if (!cue)
        return reportEdit(makeError(ErrorCode::InvalidArgument, tr("Select a cue first.")));
    const qint64 at = playhead();
    // A start past the end keeps the duration, like dragging the whole cue there.
    const qint64 end = at < cue->end ? cue->end : at + cue->duration();
    if (auto r = m_document->setCueTimes(cue->id, at, end); !r)
        return reportEdit(r.error());
    return true;
}

bool MainWindow::setEndToPlayhead()
{
    const Cue *cue = m_document->track()->find(currentCue());
    if (!cue)
        return reportEdit(makeError(ErrorCode::InvalidArgument, tr("Select a cue first.")));
    if (playhead() <= cue->start)
        return reportEdit(makeError(ErrorCode::InvalidArgument,
                                    tr("The playhead is before the start of the cue.")));
    if (auto r = m_document->setCueTimes(cue->id, cue->start, playhead()); !r)
        return reportEdit(r.error());
    return true;
}

bool MainWindow::shiftCues(const QList<CueId> &ids, qint64 deltaMs)
{
    if (auto r = m_document->shiftCues(ids, deltaMs); !r)
        return reportEdit(r.error());
    showStatus(tr("Shifted %n cue(s).", nullptr, int(ids.size())));
    return true;
}

bool MainWindow::twoPointSync(qint64 firstNow, qint64 firstNew, qint64 secondNow, qint64 secondNew)
{
    const auto map = TimeMap::twoPoint(firstNow, firstNew, secondNow, secondNew);
    if (!map)
        return reportEdit(map.error());
    if (auto r = m_document->mapCueTimes(m_document->track()->allIds(), *map, tr("Two-point sync"));
        !r)
        return reportEdit(r.error());
    return true;
}

bool MainWindow::changeFrameRate(double fromFps, double toFps)
{
    if (auto r = m_document->changeFrameRate(m_document->track()->allIds(), fromFps, toFps); !r)
        return reportEdit(r.error());
    return true;
}

bool MainWindow::goToNextViolation()
{
    if (m_checkTimer.isActive()) {
        m_checkTimer.stop();
        runCheck();
    }
    const Track *track = m_document->track();
    const int n = track->count();
    const int from = track->rowOf(currentCue());
    for (int step = 1; step <= n; ++step) {
        const int row = (from + step) % n;
        if (m_model->hasIssues(track->at(row).id)) {
            selectCue(track->at(row).id);
            const QModelIndex issues = m_model->index(row, CueTableModel::IssuesColumn);
            showStatus(
                issues.data(Qt::ToolTipRole).toString().replace(u'\n', QStringLiteral("; ")));
            return true;
        }
    }
    showStatus(tr("No issues with the %1 preset.").arg(m_preset.name));
    return false;
}

bool MainWindow::goToNextLowConfidenceWord()
{
    const double threshold = m_timeline->lowConfidenceThreshold();
    const Track *track = m_document->track();
    const int n = track->count();
    if (n == 0 || threshold <= 0)
        return false;
    int row = std::max(0, track->rowOf(currentCue()));
    // Continue after the word the cursor is on when the current cue has one selected.
    qint64 after = -1;
    if (track->find(currentCue()) && m_editor->textEdit()->textCursor().hasSelection())
        after = playhead();
    for (int step = 0; step <= n; ++step) {
        const Cue &cue = track->at((row + step) % n);
        for (int w = 0; w < cue.words.size(); ++w) {
            const Word &word = cue.words.at(w);
            if (!word.confidence || *word.confidence >= threshold)
                continue;
            if (step == 0 && word.start <= after)
                continue;
            selectCue(cue.id);
            const QList<qsizetype> offsets = locateWords(cue.text, cue.words);
            if (offsets.value(w, -1) >= 0) {
                QTextCursor cursor = m_editor->textEdit()->textCursor();
                cursor.setPosition(int(offsets.at(w)));
                cursor.setPosition(int(offsets.at(w) + word.text.trimmed().size()),
                                   QTextCursor::KeepAnchor);
                m_editor->textEdit()->setTextCursor(cursor);
            }
            m_timeline->setPlayhead(word.start);
            m_player->playRange(word.start, std::max(word.end, word.start + 300));
            showStatus(tr("“%1”: confidence %2")
                           .arg(word.text.trimmed())
                           .arg(double(*word.confidence), 0, 'f', 2));
            return true;
        }
    }
    showStatus(tr("No uncertain words."));
    return false;
}

void MainWindow::setPreset(const QString &id)
{
    const auto preset = presetById(id);
    if (!preset)
        return;
    m_preset = *preset;
    m_editor->setPreset(m_preset);
    if (QAction *a = findChild<QAction *>(QStringLiteral("preset.") + m_preset.id))
        a->setChecked(true);
    if (m_document->presetId() != m_preset.id)
        m_document->setPresetId(m_preset.id);
    scheduleCheck();
}

void MainWindow::showShiftDialog()
{
    auto *dialog = new ShiftTimesDialog(!selectedCues().isEmpty(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto delta = dialog->deltaMs())
            shiftCues(dialog->allCues() ? m_document->track()->allIds() : selectedCues(), *delta);
    });
    dialog->open();
}

void MainWindow::showTwoPointDialog()
{
    const Track *track = m_document->track();
    if (track->count() < 2)
        return;
    QList<CueId> ids = selectedCues();
    if (ids.size() < 2)
        ids = {track->at(0).id, track->at(track->count() - 1).id};
    const qint64 first = track->find(ids.constFirst())->start;
    const qint64 second = track->find(ids.constLast())->start;
    auto *dialog = new TwoPointSyncDialog(first, second, playhead(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        twoPointSync(dialog->firstNow(), dialog->firstNew(), dialog->secondNow(),
                     dialog->secondNew());
    });
    dialog->open();
}

void MainWindow::showFrameRateDialog()
{
    auto *dialog = new FrameRateDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { changeFrameRate(dialog->fromFps(), dialog->toFps()); });
    dialog->open();
}

void MainWindow::showFindDialog(bool replace)
{
    if (!m_find) {
        m_find = new FindReplaceDialog(
            m_document, [this] { return currentCue(); }, [this] { return selectedCues(); }, this);
        connect(m_find, &FindReplaceDialog::matchFound, this,
                [this](CueId id, qsizetype offset, qsizetype length) {
                    selectCue(id);
                    QTextCursor cursor = m_editor->textEdit()->textCursor();
                    cursor.setPosition(int(offset));
                    cursor.setPosition(int(offset + length), QTextCursor::KeepAnchor);
                    m_editor->textEdit()->setTextCursor(cursor);
                });
    }
    m_find->setReplaceVisible(replace);
    m_find->inSelectionBox()->setChecked(selectedCues().size() > 1);
    if (const QString selected = m_editor->textEdit()->textCursor().selectedText();
        !selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_find->findEdit()->setText(selected);
    m_find->show();
    m_find->raise();
    m_find->activateWindow();
    m_find->findEdit()->setFocus();
    m_find->findEdit()->selectAll();
}

void MainWindow::playPause()
{
    if (m_player->mediaPath().isEmpty()) {
        showStatus(tr("Open a media file to play it."));
        return;
    }
    if (m_player->state() == Player::State::Playing)
        m_player->pause();
    else
        m_player->play();
}

void MainWindow::playCurrentCue()
{
    const Cue *cue = m_document->track()->find(currentCue());
    if (!cue || m_player->mediaPath().isEmpty())
        return;
    m_player->playRange(cue->start, cue->end);
}

void MainWindow::playSelection()
{
    const QList<CueId> ids = selectedCues();
    if (ids.isEmpty() || m_player->mediaPath().isEmpty())
        return;
    const Track *track = m_document->track();
    qint64 start = track->find(ids.constFirst())->start, end = 0;
    for (CueId id : ids) {
        start = std::min(start, track->find(id)->start);
        end = std::max(end, track->find(id)->end);
    }
    m_player->playRange(start, end);
}

#include "document.h"

#include "editcommand.h"
#include "track.h"

#include <QCoreApplication>

Document::Document(QObject *parent)
    : QObject(parent)
    , m_track(new Track(this))
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this] { setDirtyOutsideUndo(m_dirtyOutsideUndo); });
}

Document::~Document()
{
    // Commands refer to the track; drop them before the track goes.
    m_undo->clear();
}

Result<void> Document::load(Cues cues, SubtitleMeta meta, Transcript transcript)
{
    if (auto r = m_track->reset(std::move(cues)); !r)
        return r;
    m_undo->clear();
    m_meta = std::move(meta);
    m_transcript = std::move(transcript);
    setDirtyOutsideUndo(false);
    Q_EMIT transcriptChanged();
    Q_EMIT loaded();
    return {};
}

Result<void> Document::loadProject(ProjectData project)
{
    if (auto r =
            load(std::move(project.cues), std::move(project.meta), std::move(project.transcript));
        !r)
        return r;
    m_media = std::move(project.media);
    m_presetId = std::move(project.presetId);
    m_providerMeta = std::move(project.providerMeta);
    Q_EMIT mediaChanged();
    return {};
}

ProjectData Document::toProject() const
{
    ProjectData p;
    p.cues = m_track->cues();
    p.meta = m_meta;
    p.transcript = m_transcript;
    p.media = m_media;
    p.presetId = m_presetId;
    p.nextId = m_track->nextId();
    p.providerMeta = m_providerMeta;
    return p;
}

void Document::setProviderMeta(QJsonObject meta)
{
    if (meta == m_providerMeta)
        return;
    m_providerMeta = std::move(meta);
    setDirtyOutsideUndo(true);
}

void Document::setTranscript(Transcript transcript)
{
    m_transcript = std::move(transcript);
    setDirtyOutsideUndo(true);
    Q_EMIT transcriptChanged();
}

void Document::setMedia(MediaReference media)
{
    if (media == m_media)
        return;
    m_media = std::move(media);
    setDirtyOutsideUndo(true);
    Q_EMIT mediaChanged();
}

void Document::setPresetId(const QString &id)
{
    if (id == m_presetId)
        return;
    m_presetId = id;
    setDirtyOutsideUndo(true);
}

void Document::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

bool Document::isModified() const
{
    return m_dirtyOutsideUndo || !m_undo->isClean();
}

void Document::markSaved()
{
    m_undo->setClean();
    setDirtyOutsideUndo(false);
}

void Document::setDirtyOutsideUndo(bool dirty)
{
    m_dirtyOutsideUndo = dirty;
    const bool modified = isModified();
    if (modified != m_lastModified) {
        m_lastModified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

Result<Cue> Document::cueById(CueId id) const
{
    const Cue *cue = m_track->find(id);
    if (!cue)
        return makeError(ErrorCode::NotFound, tr("There is no cue with id %1.").arg(id));
    return *cue;
}

Result<void> Document::applyEdit(const QString &name, Cues before, Cues after, quint64 gesture)
{
    if (before == after)
        return {};
    m_undo->push(new EditCommand(m_track, name, std::move(before), std::move(after), gesture));
    return {};
}

Result<CueId> Document::insertCue(Cue cue)
{
    if (cue.start < 0 || cue.end < cue.start)
        return makeError(ErrorCode::InvalidArgument,
                         tr("A cue must start at or after 0 and end at or after its start."));
    cue.id = m_track->nextId();
    const CueId id = cue.id;
    if (auto r = applyEdit(tr("Insert cue"), {}, {cue}); !r)
        return r.error();
    return id;
}

Result<void> Document::removeCues(const QList<CueId> &ids)
{
    Cues before;
    for (CueId id : ids) {
        auto c = cueById(id);
        if (!c)
            return c.error();
        before.append(*c);
    }
    if (before.isEmpty())
        return {};
    return applyEdit(ids.size() == 1 ? tr("Delete cue") : tr("Delete %1 cues").arg(ids.size()),
                     before, {});
}

Result<void> Document::setCueTimes(CueId id, qint64 start, qint64 end, quint64 gesture)
{
    auto c = cueById(id);
    if (!c)
        return c.error();
    auto after = retimeCue(*c, start, end);
    if (!after)
        return after.error();
    return applyEdit(tr("Change cue times"), {*c}, {*after}, gesture);
}

Result<void> Document::setCueText(CueId id, const QString &text, quint64 gesture)
{
    auto c = cueById(id);
    if (!c)
        return c.error();
    Cue after = *c;
    after.text = text;
    return applyEdit(tr("Edit text"), {*c}, {after}, gesture);
}

Result<void> Document::setCueSpeaker(const QList<CueId> &ids, const QString &speaker)
{
    Cues before, after;
    for (CueId id : ids) {
        auto c = cueById(id);
        if (!c)
            return c.error();
        before.append(*c);
        c->speaker = speaker;
        for (Word &w : c->words)
            w.speaker = speaker;
        after.append(*c);
    }
    return applyEdit(tr("Set speaker"), before, after);
}

Result<CueId> Document::splitCue(CueId id, qint64 at)
{
    auto c = cueById(id);
    if (!c)
        return c.error();
    auto parts = ::splitCue(*c, at);
    if (!parts)
        return parts.error();
    parts->second.id = m_track->nextId();
    const CueId newId = parts->second.id;
    if (auto r = applyEdit(tr("Split cue"), {*c}, {parts->first, parts->second}); !r)
        return r.error();
    return newId;
}

Result<CueId> Document::splitCueAtWord(CueId id, int wordIndex)
{
    auto c = cueById(id);
    if (!c)
        return c.error();
    auto parts = ::splitCueAtWord(*c, wordIndex);
    if (!parts)
        return parts.error();
    parts->second.id = m_track->nextId();
    const CueId newId = parts->second.id;
    if (auto r = applyEdit(tr("Split cue"), {*c}, {parts->first, parts->second}); !r)
        return r.error();
    return newId;
}

Result<void> Document::mergeWithNext(CueId id)
{
    const int row = m_track->rowOf(id);
    if (row < 0)
        return makeError(ErrorCode::NotFound, tr("There is no cue with id %1.").arg(id));
    if (row + 1 >= m_track->count())
        return makeError(ErrorCode::InvalidArgument, tr("The last cue has no next cue."));
    const Cue &first = m_track->at(row);
    const Cue &second = m_track->at(row + 1);
    return applyEdit(tr("Merge cues"), {first, second}, {mergeCues(first, second)});
}

Result<void> Document::mergeWithPrevious(CueId id)
{
    const int row = m_track->rowOf(id);
    if (row < 0)
        return makeError(ErrorCode::NotFound, tr("There is no cue with id %1.").arg(id));
    if (row == 0)
        return makeError(ErrorCode::InvalidArgument, tr("The first cue has no previous cue."));
    return mergeWithNext(m_track->at(row - 1).id);
}

Result<void> Document::mapCueTimes(const QList<CueId> &ids, const TimeMap &map, const QString &name)
{
    Cues before, after;
    before.reserve(ids.size());
    after.reserve(ids.size());
    for (CueId id : ids) {
        auto c = cueById(id);
        if (!c)
            return c.error();
        auto mapped = mapCue(*c, map);
        if (!mapped)
            return mapped.error();
        before.append(std::move(*c));
        after.append(std::move(mapped).value());
    }
    return applyEdit(name, std::move(before), std::move(after));
}

Result<void> Document::shiftCues(const QList<CueId> &ids, qint64 deltaMs)
{
    return mapCueTimes(ids, TimeMap::shift(deltaMs), tr("Shift times"));
}

Result<void> Document::changeFrameRate(const QList<CueId> &ids, double fromFps, double toFps)
{
    auto map = TimeMap::frameRate(fromFps, toFps);
    if (!map)
        return map.error();
    return mapCueTimes(ids, *map, tr("Change frame rate"));
}

Result<QList<CueId>> Document::replaceCues(const QList<CueId> &removeIds, Cues cues,
                                           const QString &name)
{
    Cues before;
    for (CueId id : removeIds) {
        auto c = cueById(id);
        if (!c)
            return c.error();
        before.append(*c);
    }
    QList<CueId> ids;
    CueId next = m_track->nextId();
    for (Cue &c : cues) {
        if (c.start < 0 || c.end < c.start)
            return makeError(ErrorCode::InvalidArgument,
                             tr("A cue must start at or after 0 and end at or after its start."));
        if (c.id == 0)
            c.id = next++;
        ids.append(c.id);
    }
    if (auto r = applyEdit(name, before, cues); !r)
        return r.error();
    return ids;
}

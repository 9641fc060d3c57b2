#pragma once

#include "cue.h"
#include "cueedit.h"
#include "mediareference.h"
#include "projectformat.h"
#include "result.h"
#include "subtitledata.h"
#include "transcript.h"

#include <QObject>
#include <QUndoStack>

class Track;

// An open subtitle document: the track, the transcript it came from, the media it belongs to, and
// the undo history. Every edit goes through one of the methods below, which validates it, then
// pushes exactly one named undo command (nothing is pushed when the edit is refused).
// isModified() follows the undo stack's clean index. GUI thread only.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    Track *track() const { return m_track; }
    QUndoStack *undoStack() const { return m_undo; }

    // Loading replaces everything and clears the undo history (not undoable, like opening a file).
    Result<void> load(Cues cues, SubtitleMeta meta = {}, Transcript transcript = {});

    const Transcript &transcript() const { return m_transcript; }
    void setTranscript(Transcript transcript);
    const MediaReference &media() const { return m_media; }
    void setMedia(MediaReference media);
    const SubtitleMeta &meta() const { return m_meta; }
    QString presetId() const { return m_presetId; }
    void setPresetId(const QString &id);
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    // Provider, model, request ids and pending async tasks, kept with the project (free form).
    const QJsonObject &providerMeta() const { return m_providerMeta; }
    void setProviderMeta(QJsonObject meta);

    // Everything a .captioneer project stores, and loading it back (like load(), not undoable).
    ProjectData toProject() const;
    Result<void> loadProject(ProjectData project);

    bool isModified() const;
    // Marks the current state as saved.
    void markSaved();
    // Marks the document as changed outside the undo history (e.g. restored from an autosave).
    void markModified() { setDirtyOutsideUndo(true); }

    // A fresh id for edits that should merge into one undo step (one drag, one typing burst).
    quint64 beginGesture() { return ++m_lastGesture; }

    Result<CueId> insertCue(Cue cue);
    Result<void> removeCues(const QList<CueId> &ids);
    Result<void> setCueTimes(CueId id, qint64 start, qint64 end, quint64 gesture = 0);
    Result<void> setCueText(CueId id, const QString &text, quint64 gesture = 0);
    Result<void> setCueSpeaker(const QList<CueId> &ids, const QString &speaker);
    Result<CueId> splitCue(CueId id, qint64 at);
    Result<CueId> splitCueAtWord(CueId id, int wordIndex);
    Result<void> mergeWithNext(CueId id);
    Result<void> mergeWithPrevious(CueId id);
    Result<void> shiftCues(const QList<CueId> &ids, qint64 deltaMs);
    // Two-point synchronisation or any other linear retiming of the given cues.
    Result<void> mapCueTimes(const QList<CueId> &ids, const TimeMap &map, const QString &name);
    Result<void> changeFrameRate(const QList<CueId> &ids, double fromFps, double toFps);
    // Replaces the cues `removeIds` by `cues` (new ids are assigned to cues with id 0) as one
    // undo step: re-flow, a transcription result, a fix. Returns the ids of the new cues.
    Result<QList<CueId>> replaceCues(const QList<CueId> &removeIds, Cues cues, const QString &name);
    // Pushes an arbitrary validated edit (see EditCommand).
    Result<void> applyEdit(const QString &name, Cues before, Cues after, quint64 gesture = 0);

Q_SIGNALS:
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    void mediaChanged();
    void transcriptChanged();
    void loaded();

private:
    void setDirtyOutsideUndo(bool dirty);
    Result<Cue> cueById(CueId id) const;

    Track *m_track;
    QUndoStack *m_undo;
    Transcript m_transcript;
    MediaReference m_media;
    SubtitleMeta m_meta;
    QString m_presetId;
    QString m_filePath;
    QJsonObject m_providerMeta;
    bool m_dirtyOutsideUndo = false;
    bool m_lastModified = false;
    quint64 m_lastGesture = 0;
};

#pragma once

#include "cue.h"
#include "cueedit.h"
#include "result.h"

#include <QHash>
#include <QObject>

// An ordered list of cues with stable ids. Cues are kept sorted by (start, end, id): row order is
// time order. Every operation either fully succeeds or changes nothing and returns the reason.
// Notifications come in before/after pairs with rows (like QAbstractItemModel), so a model or a
// timeline can update exactly what changed. GUI thread only (not thread-safe).
class Track : public QObject {
    Q_OBJECT
public:
    enum Change {
        TimesChanged = 0x1,
        TextChanged = 0x2,
        WordsChanged = 0x4,
        SpeakerChanged = 0x8,
        FormatChanged = 0x10, // identifier, VTT settings or voice details
    };
    Q_DECLARE_FLAGS(Changes, Change)
    Q_FLAG(Changes)

    explicit Track(QObject *parent = nullptr);

    int count() const { return int(m_cues.size()); }
    bool isEmpty() const { return m_cues.isEmpty(); }
    const Cue &at(int row) const { return m_cues.at(row); }
    const Cues &cues() const { return m_cues; }
    // Row of the cue with `id`, or -1. O(1) amortised.
    int rowOf(CueId id) const;
    const Cue *find(CueId id) const;
    // Row of the last cue starting at or before `ms`, or -1.
    int rowAtOrBefore(qint64 ms) const;

    // Replaces everything (loading a file). Cues with id 0 get new ids; duplicate ids are refused.
    Result<void> reset(Cues cues);

    // Inserts cues; id 0 assigns a fresh id, a non-zero id (undo of a removal) must be unused.
    // Returns the ids in input order.
    Result<QList<CueId>> insert(Cues cues);
    Result<CueId> insert(Cue cue);
    Result<void> remove(const QList<CueId> &ids);
    // Replaces the cues with the same ids by these values (any fields), reordering as needed.
    Result<void> update(const Cues &cues);

    Result<void> setTimes(CueId id, qint64 start, qint64 end);
    Result<void> setText(CueId id, const QString &text);
    // Returns the id of the new right-hand cue.
    Result<CueId> splitAt(CueId id, qint64 at);
    Result<CueId> splitAtWord(CueId id, int wordIndex);
    // Merges the cue with the one in the next row; the merged cue keeps `id`.
    Result<void> mergeWithNext(CueId id);
    // Applies a linear time map (shift, two-point sync, frame rate) to the given cues.
    Result<void> mapTimes(const QList<CueId> &ids, const TimeMap &map);
    Result<void> shift(const QList<CueId> &ids, qint64 deltaMs);

    QList<CueId> allIds() const;
    // Ids of rows [first, last].
    QList<CueId> idsInRows(int first, int last) const;

    // The id the next new cue will get; ids are never reused, even after removal.
    CueId nextId() const { return m_nextId; }

Q_SIGNALS:
    void cuesAboutToBeInserted(int first, int last);
    void cuesInserted(int first, int last);
    void cuesAboutToBeRemoved(int first, int last);
    void cuesRemoved(int first, int last);
    // Same contract as QAbstractItemModel::beginMoveRows: `destination` is the row before which
    // the cue is placed, counted before the move.
    void cueAboutToBeMoved(int from, int destination);
    void cueMoved(int from, int destination);
    void cuesChanged(int first, int last, Track::Changes changes);
    void aboutToBeReset();
    void wasReset();

private:
    static bool lessThan(const Cue &a, const Cue &b);
    static Changes diff(const Cue &before, const Cue &after);
    static Result<void> validate(const Cue &cue);
    int insertionRow(const Cue &cue) const;
    void invalidateIndex() const { m_indexValid = false; }
    void restoreOrder(); // moves out-of-order cues into place, emitting move signals

    Cues m_cues;
    CueId m_nextId = 1;
    mutable QHash<CueId, int> m_index;
    mutable bool m_indexValid = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(Track::Changes)

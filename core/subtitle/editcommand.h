#pragma once

#include "cue.h"

#include <QUndoCommand>

class Track;

// One undoable edit of a track, stored as the before and after values of the cues it touches:
// a cue only in `before` was removed, only in `after` was inserted, in both was changed. Every
// edit kind (typing, retiming, split, merge, shift, sync, re-flow) is one of these with its own
// name, so undo restores exactly the old values and the old ids.
//
// Commands with the same non-zero `gesture` (one drag, one typing burst in one cue) merge into
// one undo step. The caller validates the edit first; redo/undo cannot fail for a track that only
// changes through the undo stack.
class EditCommand : public QUndoCommand {
public:
    EditCommand(Track *track, const QString &name, Cues before, Cues after, quint64 gesture = 0);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    quint64 gesture() const { return m_gesture; }

private:
    static void apply(Track *track, const Cues &from, const Cues &to);

    Track *m_track;
    Cues m_before;
    Cues m_after;
    quint64 m_gesture;
};

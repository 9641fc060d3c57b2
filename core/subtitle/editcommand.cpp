#include "editcommand.h"

#include "track.h"

#include <QHash>
#include <QSet>

EditCommand::EditCommand(Track *track, const QString &name, Cues before, Cues after,
                         quint64 gesture)
    : m_track(track)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_gesture(gesture)
{
    setText(name);
}

void EditCommand::apply(Track *track, const Cues &from, const Cues &to)
{
    QHash<CueId, int> inTo;
    for (int i = 0; i < to.size(); ++i)
        inTo.insert(to[i].id, i);
    QList<CueId> removed;
    QSet<CueId> inFrom;
    for (const Cue &c : from) {
        inFrom.insert(c.id);
        if (!inTo.contains(c.id))
            removed.append(c.id);
    }
    Cues changed, inserted;
    for (const Cue &c : to)
        (inFrom.contains(c.id) ? changed : inserted).append(c);

    // Any failure here means the track was changed behind the undo stack's back.
    auto r1 = track->remove(removed);
    auto r2 = track->update(changed);
    auto r3 = track->insert(inserted);
    Q_ASSERT(r1.ok() && r2.ok() && r3.ok());
    Q_UNUSED(r1);
    Q_UNUSED(r2);
    Q_UNUSED(r3);
}

void EditCommand::redo()
{
    apply(m_track, m_before, m_after);
}

void EditCommand::undo()
{
    apply(m_track, m_after, m_before);
}

int EditCommand::id() const
{
    return m_gesture == 0 ? -1 : 1;
}

bool EditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const EditCommand *>(other);
    if (o->m_gesture != m_gesture || m_gesture == 0)
        return false;
    // Keep our "before" for cues we already had; cues new to the gesture bring theirs.
    QSet<CueId> known;
    for (const Cue &c : std::as_const(m_before))
        known.insert(c.id);
    for (const Cue &c : std::as_const(m_after))
        known.insert(c.id);
    for (const Cue &c : o->m_before) {
        if (!known.contains(c.id))
            m_before.append(c);
    }
    QHash<CueId, Cue> after;
    for (const Cue &c : std::as_const(m_after))
        after.insert(c.id, c);
    QSet<CueId> removedNow;
    for (const Cue &c : o->m_before)
        removedNow.insert(c.id);
    for (const Cue &c : o->m_after) {
        removedNow.remove(c.id);
        after.insert(c.id, c);
    }
    for (CueId id : std::as_const(removedNow))
        after.remove(id);
    m_after = after.values();
    return true;
}

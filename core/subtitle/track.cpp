#include "track.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Track)
};

Error noSuchCue(CueId id)
{
    return makeError(ErrorCode::NotFound, Tr::tr("There is no cue with id %1.").arg(id));
}

} // namespace

Track::Track(QObject *parent)
    : QObject(parent)
{}

bool Track::lessThan(const Cue &a, const Cue &b)
{
    if (a.start != b.start)
        return a.start < b.start;
    if (a.end != b.end)
        return a.end < b.end;
    return a.id < b.id;
}

Track::Changes Track::diff(const Cue &before, const Cue &after)
{
    Changes c;
    if (before.start != after.start || before.end != after.end)
        c |= TimesChanged;
    if (before.text != after.text)
        c |= TextChanged;
    if (before.words != after.words)
        c |= WordsChanged;
    if (before.speaker != after.speaker)
        c |= SpeakerChanged;
    if (before.identifier != after.identifier || before.vttSettings != after.vttSettings ||
        before.vttVoiceClasses != after.vttVoiceClasses ||
        before.vttVoiceClosed != after.vttVoiceClosed)
        c |= FormatChanged;
    return c;
}

Result<void> Track::validate(const Cue &cue)
{
    if (cue.start < 0 || cue.end < cue.start)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("A cue must start at or after 0 and end at or after its start "
                                "(got %1 ms to %2 ms).")
                             .arg(cue.start)
                             .arg(cue.end));
    return {};
}

int Track::rowOf(CueId id) const
{
    if (!m_indexValid) {
        m_index.clear();
        m_index.reserve(m_cues.size());
        for (int i = 0; i < m_cues.size(); ++i)
            m_index.insert(m_cues[i].id, i);
        m_indexValid = true;
    }
    return m_index.value(id, -1);
}

const Cue *Track::find(CueId id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_cues[row];
}

int Track::rowAtOrBefore(qint64 ms) const
{
    auto it = std::upper_bound(m_cues.cbegin(), m_cues.cend(), ms,
                               [](qint64 t, const Cue &c) { return t < c.start; });
    return int(it - m_cues.cbegin()) - 1;
}

int Track::insertionRow(const Cue &cue) const
{
    return int(std::upper_bound(m_cues.cbegin(), m_cues.cend(), cue, lessThan) - m_cues.cbegin());
}

Result<void> Track::reset(Cues cues)
{
    QSet<CueId> seen;
    CueId maxId = m_nextId - 1;
    for (const Cue &c : cues) {
        if (auto v = validate(c); !v)
            return v;
        if (c.id != 0) {
            if (seen.contains(c.id))
                return makeError(ErrorCode::InvalidArgument,
                                 Tr::tr("Two cues have the same id %1.").arg(c.id));
            seen.insert(c.id);
            maxId = std::max(maxId, c.id);
        }
    }
    Q_EMIT aboutToBeReset();
    m_nextId = maxId + 1;
    for (Cue &c : cues) {
        if (c.id == 0)
            c.id = m_nextId++;
    }
    std::stable_sort(cues.begin(), cues.end(), lessThan);
    m_cues = std::move(cues);
    invalidateIndex();
    Q_EMIT wasReset();
    return {};
}

Result<QList<CueId>> Track::insert(Cues cues)
{
    QSet<CueId> newIds;
    for (const Cue &c : cues) {
        if (auto v = validate(c); !v)
            return v.error();
        if (c.id != 0 && (rowOf(c.id) >= 0 || newIds.contains(c.id)))
            return makeError(ErrorCode::InvalidArgument, Tr::tr("Cue id %1 is in use.").arg(c.id));
        if (c.id != 0)
            newIds.insert(c.id);
    }
    QList<CueId> ids;
    ids.reserve(cues.size());
    for (Cue &c : cues) {
        if (c.id == 0)
            c.id = m_nextId++;
        else
            m_nextId = std::max(m_nextId, c.id + 1);
        ids.append(c.id);
        const int row = insertionRow(c);
        Q_EMIT cuesAboutToBeInserted(row, row);
        m_cues.insert(row, std::move(c));
        invalidateIndex();
        Q_EMIT cuesInserted(row, row);
    }
    return ids;
}

Result<CueId> Track::insert(Cue cue)
{
    auto r = insert(Cues{std::move(cue)});
    if (!r)
        return r.error();
    return r->constFirst();
}

Result<void> Track::remove(const QList<CueId> &ids)
{
    QList<int> rows;
    rows.reserve(ids.size());
    for (CueId id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            return noSuchCue(id);
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Remove contiguous runs from the back so earlier rows stay valid.
    int i = int(rows.size()) - 1;
    while (i >= 0) {
        int j = i;
        while (j > 0 && rows[j - 1] == rows[j] - 1)
            --j;
        const int first = rows[j], last = rows[i];
        Q_EMIT cuesAboutToBeRemoved(first, last);
        m_cues.remove(first, last - first + 1);
        invalidateIndex();
        Q_EMIT cuesRemoved(first, last);
        i = j - 1;
    }
    return {};
}

// Restores time order after values changed in place, with the fewest row moves: the cues forming
// the longest run that is already in order stay, every other cue moves once, in final order,
// to just after its final predecessor. Shifting all cues therefore moves nothing and retiming one
// cue moves at most that cue.
void Track::restoreOrder()
{
    const int n = int(m_cues.size());
    if (std::is_sorted(m_cues.cbegin(), m_cues.cend(), lessThan))
        return;
    QList<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return lessThan(m_cues[a], m_cues[b]); });
    QList<int> rank(n);
    for (int t = 0; t < n; ++t)
        rank[order[t]] = t;

    // Longest increasing subsequence of ranks in current row order (patience sorting).
    QList<int> tails;         // tails[k]: row ending the best run of length k + 1
    QList<int> parent(n, -1); // previous row in that run
    for (int i = 0; i < n; ++i) {
        auto pos = std::lower_bound(tails.begin(), tails.end(), rank[i],
                                    [&rank](int row, int r) { return rank[row] < r; });
        if (pos != tails.begin())
            parent[i] = *(pos - 1);
        if (pos == tails.end())
            tails.append(i);
        else
            *pos = i;
    }
    QSet<CueId> keep;
    for (int i = tails.isEmpty() ? -1 : tails.constLast(); i >= 0; i = parent[i])
        keep.insert(m_cues[i].id);

    QList<CueId> finalIds(n);
    for (int t = 0; t < n; ++t)
        finalIds[t] = m_cues[order[t]].id;
    for (int t = 0; t < n; ++t) {
        if (keep.contains(finalIds[t]))
            continue;
        const int from = rowOf(finalIds[t]);
        const int after = t == 0 ? -1 : rowOf(finalIds[t - 1]);
        const int destination = after + 1; // pre-move numbering, as beginMoveRows expects
        if (destination == from || destination == from + 1)
            continue;
        Q_EMIT cueAboutToBeMoved(from, destination);
        m_cues.move(from, destination > from ? destination - 1 : destination);
        invalidateIndex();
        Q_EMIT cueMoved(from, destination);
    }
}

Result<void> Track::update(const Cues &cues)
{
    QList<int> rows;
    rows.reserve(cues.size());
    for (const Cue &c : cues) {
        const int row = rowOf(c.id);
        if (row < 0)
            return noSuchCue(c.id);
        if (auto v = validate(c); !v)
            return v;
        rows.append(row);
    }
    Changes all;
    QSet<CueId> changed;
    for (int i = 0; i < cues.size(); ++i) {
        const Changes c = diff(m_cues[rows[i]], cues[i]);
        if (!c)
            continue;
        all |= c;
        changed.insert(cues[i].id);
        m_cues[rows[i]] = cues[i];
    }
    if (changed.isEmpty())
        return {};
    if (all & TimesChanged)
        restoreOrder();
    // One notification over the span of changed rows (usually one row, or all of them).
    int first = int(m_cues.size()), last = -1;
    for (CueId id : std::as_const(changed)) {
        const int row = rowOf(id);
        first = std::min(first, row);
        last = std::max(last, row);
    }
    Q_EMIT cuesChanged(first, last, all);
    return {};
}

Result<void> Track::setTimes(CueId id, qint64 start, qint64 end)
{
    const Cue *cue = find(id);
    if (!cue)
        return noSuchCue(id);
    auto r = retimeCue(*cue, start, end);
    if (!r)
        return r.error();
    return update({*r});
}

Result<void> Track::setText(CueId id, const QString &text)
{
    const Cue *cue = find(id);
    if (!cue)
        return noSuchCue(id);
    Cue c = *cue;
    c.text = text;
    return update({c});
}

Result<CueId> Track::splitAt(CueId id, qint64 at)
{
    const Cue *cue = find(id);
    if (!cue)
        return noSuchCue(id);
    auto r = splitCue(*cue, at);
    if (!r)
        return r.error();
    if (auto u = update({r->first}); !u)
        return u.error();
    return insert(r->second);
}

Result<CueId> Track::splitAtWord(CueId id, int wordIndex)
{
    const Cue *cue = find(id);
    if (!cue)
        return noSuchCue(id);
    auto r = splitCueAtWord(*cue, wordIndex);
    if (!r)
        return r.error();
    if (auto u = update({r->first}); !u)
        return u.error();
    return insert(r->second);
}

Result<void> Track::mergeWithNext(CueId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return noSuchCue(id);
    if (row + 1 >= m_cues.size())
        return makeError(ErrorCode::InvalidArgument, Tr::tr("The last cue has no next cue."));
    const Cue merged = mergeCues(m_cues[row], m_cues[row + 1]);
    const CueId nextId = m_cues[row + 1].id;
    if (auto r = remove({nextId}); !r)
        return r;
    return update({merged});
}

Result<void> Track::mapTimes(const QList<CueId> &ids, const TimeMap &map)
{
    Cues mapped;
    mapped.reserve(ids.size());
    for (CueId id : ids) {
        const Cue *cue = find(id);
        if (!cue)
            return noSuchCue(id);
        auto r = mapCue(*cue, map);
        if (!r)
            return r.error();
        mapped.append(std::move(r).value());
    }
    return update(mapped);
}

Result<void> Track::shift(const QList<CueId> &ids, qint64 deltaMs)
{
    return mapTimes(ids, TimeMap::shift(deltaMs));
}

QList<CueId> Track::allIds() const
{
    return idsInRows(0, count() - 1);
}

QList<CueId> Track::idsInRows(int first, int last) const
{
    QList<CueId> ids;
    first = std::max(first, 0);
    last = std::min(last, count() - 1);
    for (int i = first; i <= last; ++i)
        ids.append(m_cues[i].id);
    return ids;
}

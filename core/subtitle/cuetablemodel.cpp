#include "cuetablemodel.h"

#include "document.h"
#include "textmetrics.h"
#include "timecode.h"
#include "track.h"

#include <cmath>

CueTableModel::CueTableModel(Document *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connectTrack();
}

void CueTableModel::connectTrack()
{
    Track *t = m_document->track();
    connect(t, &Track::cuesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(t, &Track::cuesInserted, this, [this] { endInsertRows(); });
    connect(t, &Track::cuesAboutToBeRemoved, this,
            [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(t, &Track::cuesRemoved, this, [this] { endRemoveRows(); });
    connect(t, &Track::cueAboutToBeMoved, this,
            [this](int from, int destination) { beginMoveRows({}, from, from, {}, destination); });
    connect(t, &Track::cueMoved, this, [this] { endMoveRows(); });
    connect(t, &Track::aboutToBeReset, this, [this] { beginResetModel(); });
    connect(t, &Track::wasReset, this, [this] { endResetModel(); });
    connect(t, &Track::cuesChanged, this, [this](int first, int last, Track::Changes changes) {
        int left = ColumnCount, right = -1;
        auto include = [&](int from, int to) {
            left = std::min(left, from);
            right = std::max(right, to);
        };
        if (changes & Track::TimesChanged)
            include(StartColumn, CpsColumn);
        if (changes & Track::TextChanged)
            include(CpsColumn, TextColumn);
        if (right >= 0)
            Q_EMIT dataChanged(index(first, left), index(last, right));
    });
}

int CueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_document ? 0 : m_document->track()->count();
}

int CueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CueTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Cue &cue = m_document->track()->at(index.row());
    switch (role) {
    case CueIdRole:
        return cue.id;
    case StartMsRole:
        return cue.start;
    case EndMsRole:
        return cue.end;
    case CpsRole:
        return charactersPerSecond(cue.text, cue.duration());
    case Qt::ToolTipRole:
        if (index.column() == IssuesColumn)
            return m_issues.value(cue.id).details;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != TextColumn && index.column() != IssuesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
    case Qt::EditRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case StartColumn:
        return formatTimestamp(cue.start);
    case EndColumn:
        return formatTimestamp(cue.end);
    case DurationColumn:
        return QString::number(double(cue.duration()) / 1000.0, 'f', 3);
    case CpsColumn: {
        const double cps = charactersPerSecond(cue.text, cue.duration());
        return std::isfinite(cps) ? QString::number(cps, 'f', 1) : QStringLiteral("∞");
    }
    case IssuesColumn:
        return m_issues.value(cue.id).summary;
    case TextColumn:
        if (role == Qt::DisplayRole) {
            QString shown = cue.text;
            return shown.replace(u'\n', QStringLiteral(" ⏎ "));
        }
        return cue.text;
    default:
        return {};
    }
}

QVariant CueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case DurationColumn:
        return tr("Duration");
    case CpsColumn:
        return tr("CPS");
    case IssuesColumn:
        return tr("Issues");
    case TextColumn:
        return tr("Text");
    default:
        return {};
    }
}

Qt::ItemFlags CueTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    switch (index.column()) {
    case StartColumn:
    case EndColumn:
    case DurationColumn:
    case TextColumn:
        return f | Qt::ItemIsEditable;
    default:
        return f;
    }
}

bool CueTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_document ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Cue cue = m_document->track()->at(index.row());
    if (index.column() == TextColumn)
        return m_document->setCueText(cue.id, value.toString()).ok();
    const auto ms = value.typeId() == QMetaType::QString
                        ? parseTimestamp(value.toString())
                        : std::optional<qint64>(value.toLongLong());
    if (!ms)
        return false;
    switch (index.column()) {
    case StartColumn:
        return m_document->setCueTimes(cue.id, *ms, std::max(*ms, cue.end)).ok();
    case EndColumn:
        return m_document->setCueTimes(cue.id, cue.start, *ms).ok();
    case DurationColumn:
        return m_document->setCueTimes(cue.id, cue.start, cue.start + *ms).ok();
    default:
        return false;
    }
}

void CueTableModel::setIssues(QHash<CueId, Issues> issues)
{
    m_issues = std::move(issues);
    if (const int rows = rowCount(); rows > 0)
        Q_EMIT dataChanged(index(0, IssuesColumn), index(rows - 1, IssuesColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

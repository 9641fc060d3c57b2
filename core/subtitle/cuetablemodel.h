#pragma once

#include "cue.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

class Document;

// Table of a document's cues: start, end, duration, CPS, issues, text; the vertical header is the
// cue number (positional, so it lives in the header rather than in the data). Rows are the track's
// rows (time order); the model follows the track's notifications exactly. Edits of start, end,
// duration and text go through the document, so each is one undo step. GUI thread only.
class CueTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StartColumn,
        EndColumn,
        DurationColumn,
        CpsColumn,
        IssuesColumn, // rule violations set by setIssues(); read-only
        TextColumn,
        ColumnCount
    };
    enum Role {
        CueIdRole = Qt::UserRole + 1, // qint64
        StartMsRole,                  // qint64
        EndMsRole,                    // qint64
        CpsRole,                      // double
    };

    explicit CueTableModel(Document *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Rule violations per cue for the issues column: a short summary (shown) and the full
    // messages (tool tip). Cues not in the map have none. Emits dataChanged for that column.
    struct Issues {
        QString summary;
        QString details;
    };
    void setIssues(QHash<CueId, Issues> issues);
    bool hasIssues(CueId id) const { return m_issues.contains(id); }

private:
    void connectTrack();

    QPointer<Document> m_document;
    QHash<CueId, Issues> m_issues;
};

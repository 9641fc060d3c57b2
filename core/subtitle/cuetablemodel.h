#pragma once

#include <QAbstractTableModel>
#include <QPointer>

class Document;

// Table of a document's cues: start, end, duration, CPS, text; the vertical header is the cue
// number (positional, so it lives in the header rather than in the data). Rows are the track's rows
// (time order); the model follows the track's notifications exactly. Edits of start, end, duration
// and text go through the document, so each is one undo step. GUI thread only.
class CueTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StartColumn, EndColumn, DurationColumn, CpsColumn, TextColumn, ColumnCount };
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

private:
    void connectTrack();

    QPointer<Document> m_document;
};

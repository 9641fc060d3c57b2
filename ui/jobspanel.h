#pragma once

#include "transcriptionjob.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QNetworkAccessManager;
class QVBoxLayout;

// The jobs panel: every transcription of this session with its stage, a progress bar, the text
// as it arrives, Cancel, Retry (of the failed chunks only) and the provider's error in words.
// Jobs run one after another in the order they were added (a batch), so several files can be
// queued while the user edits. Owns the jobs. GUI thread only.
class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QNetworkAccessManager *nam, QWidget *parent = nullptr);

    // Queues a job and starts it when nothing else runs. Returns it (owned by the panel).
    TranscriptionJob *add(TranscriptionJobSpec spec);
    QList<TranscriptionJob *> jobs() const { return m_jobs; }
    // The row widget of a job (for tests: its buttons are named "cancel", "retry", "open").
    QWidget *rowOf(const TranscriptionJob *job) const;
    bool isBusy() const;

Q_SIGNALS:
    void jobFinished(TranscriptionJob *job);
    void openRequested(const QString &path); // a batch result saved as a project

private:
    void startNext();
    QWidget *makeRow(TranscriptionJob *job);

    QPointer<QNetworkAccessManager> m_nam;
    QVBoxLayout *m_rows;
    QList<TranscriptionJob *> m_jobs;
    QHash<const TranscriptionJob *, QWidget *> m_rowWidgets;
};

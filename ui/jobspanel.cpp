#include "jobspanel.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

JobsPanel::JobsPanel(QNetworkAccessManager *nam, QWidget *parent)
    : QWidget(parent)
    , m_nam(nam)
{
    auto *inner = new QWidget;
    m_rows = new QVBoxLayout(inner);
    m_rows->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

TranscriptionJob *JobsPanel::add(TranscriptionJobSpec spec)
{
    auto *job = new TranscriptionJob(std::move(spec), m_nam, this);
    m_jobs.append(job);
    QWidget *row = makeRow(job);
    m_rowWidgets.insert(job, row);
    m_rows->insertWidget(m_rows->count() - 1, row);
    connect(job, &TranscriptionJob::ended, this, &JobsPanel::startNext);
    connect(job, &TranscriptionJob::finished, this, [this, job] { Q_EMIT jobFinished(job); });
    startNext();
    return job;
}

QWidget *JobsPanel::rowOf(const TranscriptionJob *job) const
{
    return m_rowWidgets.value(job);
}

bool JobsPanel::isBusy() const
{
    for (const TranscriptionJob *job : m_jobs)
        if (job->state() == TranscriptionJob::State::Running)
            return true;
    return false;
}

void JobsPanel::startNext()
{
    if (isBusy())
        return;
    for (TranscriptionJob *job : std::as_const(m_jobs)) {
        if (job->state() == TranscriptionJob::State::Queued) {
            job->start();
            return;
        }
    }
}

QWidget *JobsPanel::makeRow(TranscriptionJob *job)
{
    auto *row = new QFrame;
    row->setFrameShape(QFrame::StyledPanel);
    QString provider = job->spec().profile.displayName;
    if (!job->spec().profile.model.isEmpty())
        provider += u' ' + job->spec().profile.model;
    auto *title = new QLabel(tr("<b>%1</b> · %2")
                                 .arg(QFileInfo(job->spec().mediaPath).fileName().toHtmlEscaped(),
                                      provider.toHtmlEscaped()),
                             row);
    auto *stage = new QLabel(row);
    stage->setObjectName(QStringLiteral("stage"));
    auto *bar = new QProgressBar(row);
    bar->setObjectName(QStringLiteral("progress"));
    bar->setRange(0, 1000);
    bar->setTextVisible(false);
    bar->setMaximumHeight(10);
    auto *plan = new QLabel(row);
    plan->setObjectName(QStringLiteral("plan"));
    plan->setWordWrap(true);
    auto *partial = new QLabel(row);
    partial->setObjectName(QStringLiteral("partial"));
    partial->setWordWrap(true);
    partial->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *error = new QLabel(row);
    error->setObjectName(QStringLiteral("error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #d9534f"));
    error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *cancel = new QPushButton(tr("Cancel"), row);
    cancel->setObjectName(QStringLiteral("cancel"));
    auto *retry = new QPushButton(tr("Retry Failed Parts"), row);
    retry->setObjectName(QStringLiteral("retry"));
    auto *open = new QPushButton(tr("Open"), row);
    open->setObjectName(QStringLiteral("open"));

    auto *grid = new QGridLayout(row);
    grid->addWidget(title, 0, 0, 1, 3);
    grid->addWidget(stage, 1, 0);
    grid->addWidget(cancel, 1, 1);
    grid->addWidget(retry, 1, 2);
    grid->addWidget(open, 1, 2);
    grid->addWidget(bar, 2, 0, 1, 3);
    grid->addWidget(plan, 3, 0, 1, 3);
    grid->addWidget(partial, 4, 0, 1, 3);
    grid->addWidget(error, 5, 0, 1, 3);
    grid->setColumnStretch(0, 1);

    auto refresh = [job, stage, bar, plan, partial, error, cancel, retry, open] {
        const auto state = job->state();
        stage->setText(job->stageText());
        bar->setValue(int(job->progress() * 1000));
        plan->setText(job->planSummary());
        plan->setVisible(!job->planSummary().isEmpty());
        // The end of what has arrived, so the newest words stay visible.
        QString text = job->partialText();
        if (text.size() > 280)
            text = QStringLiteral("…") + text.right(280);
        partial->setText(text);
        partial->setVisible(!text.isEmpty() && state != TranscriptionJob::State::Finished);
        error->setText(job->errorText());
        error->setVisible(!job->errorText().isEmpty());
        cancel->setVisible(state == TranscriptionJob::State::Running ||
                           state == TranscriptionJob::State::Queued);
        retry->setVisible(job->canRetry());
        open->setVisible(!job->savedTo().isEmpty());
    };
    connect(job, &TranscriptionJob::changed, row, refresh);
    connect(cancel, &QPushButton::clicked, job, &TranscriptionJob::cancel);
    connect(retry, &QPushButton::clicked, job, &TranscriptionJob::retryFailed);
    connect(open, &QPushButton::clicked, this,
            [this, job] { Q_EMIT openRequested(job->savedTo()); });
    refresh();
    return row;
}

#include "transcriptionjob.h"

#include "credentials.h"
#include "providerregistry.h"

#include <QCoroTask>
#include <QFileInfo>

TranscriptionJob::TranscriptionJob(TranscriptionJobSpec spec, QNetworkAccessManager *nam,
                                   QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_nam(nam)
{}

TranscriptionJob::~TranscriptionJob()
{
    *m_alive = false;
    m_pipeline.reset(); // cancels its requests before the client goes
}

void TranscriptionJob::start()
{
    if (m_state == State::Running)
        return;
    setState(State::Running);
    m_error.clear();
    m_partial.clear();
    // The key lookup may ask the keychain (asynchronous); the job may be gone when it answers.
    std::shared_ptr<bool> alive = m_alive;
    lookupKey(m_spec.profile).then([this, alive](const KeyLookup &key) {
        if (!*alive || m_state != State::Running)
            return;
        if (m_spec.profile.needsKey() && key.key.isEmpty()) {
            fail(key.note);
            return;
        }
        begin(key.key);
    });
}

void TranscriptionJob::begin(const QByteArray &key)
{
    auto client = createTranscriptionClient(m_spec.profile, m_nam, key);
    if (!client) {
        fail(client.error().toString());
        return;
    }
    m_client = std::move(*client);
    m_pipeline = std::make_unique<TranscriptionPipeline>(m_client.get());
    connect(m_pipeline.get(), &TranscriptionPipeline::planned, this,
            [this](const TranscriptionPlan &plan) {
                m_plan = plan.summary();
                Q_EMIT changed();
            });
    connect(m_pipeline.get(), &TranscriptionPipeline::stageChanged, this,
            [this](TranscriptionPipeline::Stage stage) {
                m_stage = stage;
                Q_EMIT changed();
            });
    connect(m_pipeline.get(), &TranscriptionPipeline::chunkChanged, this,
            &TranscriptionJob::changed);
    connect(m_pipeline.get(), &TranscriptionPipeline::partialText, this,
            [this](int, const QString &text) {
                m_partial = text;
                Q_EMIT changed();
            });
    connect(m_pipeline.get(), &TranscriptionPipeline::partialTranscript, this,
            [this](const Transcript &soFar) {
                m_partial = soFar.text;
                Q_EMIT changed();
            });
    connect(m_pipeline.get(), &TranscriptionPipeline::finished, this,
            [this](const Transcript &transcript) {
                m_result = transcript;
                if (m_result.provider.isEmpty())
                    m_result.provider = m_spec.profile.id;
                if (m_result.model.isEmpty())
                    m_result.model = m_spec.profile.model;
                setState(State::Finished);
                Q_EMIT finished(m_result);
                Q_EMIT ended();
            });
    connect(m_pipeline.get(), &TranscriptionPipeline::failed, this, &TranscriptionJob::fail);
    m_pipeline->start(m_spec.mediaPath, m_spec.options);
}

void TranscriptionJob::fail(const QString &message)
{
    if (m_state == State::Cancelled)
        return;
    m_error = message;
    // The provider's own words for each failed part, when they say more than the summary.
    if (m_pipeline) {
        QStringList details;
        for (int i = 0; i < m_pipeline->chunkCount(); ++i) {
            const QString e = m_pipeline->chunkError(i);
            if (!e.isEmpty() && !details.contains(e) && !message.contains(e))
                details << e;
        }
        if (!details.isEmpty())
            m_error += u'\n' + details.join(u'\n');
    }
    setState(State::Failed);
    Q_EMIT failed(message);
    Q_EMIT ended();
}

void TranscriptionJob::cancel()
{
    if (m_state == State::Finished || m_state == State::Cancelled)
        return;
    const bool wasActive = m_state == State::Running || m_state == State::Queued;
    if (m_pipeline)
        m_pipeline->cancel();
    setState(State::Cancelled);
    if (wasActive)
        Q_EMIT ended();
}

bool TranscriptionJob::canRetry() const
{
    return m_state == State::Failed;
}

void TranscriptionJob::retryFailed()
{
    if (!canRetry())
        return;
    m_error.clear();
    if (!m_pipeline) { // failed before it started (no key, bad profile): start over
        m_state = State::Queued;
        start();
        return;
    }
    setState(State::Running);
    m_pipeline->retryFailed();
}

void TranscriptionJob::setSavedTo(const QString &path)
{
    m_savedTo = path;
    Q_EMIT changed();
}

void TranscriptionJob::setState(State state)
{
    m_state = state;
    Q_EMIT changed();
}

double TranscriptionJob::progress() const
{
    if (m_state == State::Finished)
        return 1.0;
    return m_pipeline ? m_pipeline->progress() : 0.0;
}

QString TranscriptionJob::stageText() const
{
    const QString name = m_spec.profile.displayName;
    switch (m_state) {
    case State::Queued:
        return tr("Queued");
    case State::Finished:
        return tr("Done");
    case State::Failed:
        return tr("Failed");
    case State::Cancelled:
        return tr("Cancelled");
    case State::Running:
        break;
    }
    const int percent = int(progress() * 100.0 + 0.5);
    switch (m_stage) {
    case TranscriptionPipeline::Stage::Preparing:
        return tr("Preparing the audio");
    case TranscriptionPipeline::Stage::Uploading:
        return tr("Uploading to %1 (%2%)").arg(name).arg(percent);
    case TranscriptionPipeline::Stage::Waiting:
        return tr("Queued or running at %1 (%2%)").arg(name).arg(percent);
    case TranscriptionPipeline::Stage::Receiving:
        return tr("Receiving from %1 (%2%)").arg(name).arg(percent);
    case TranscriptionPipeline::Stage::Finished:
        return tr("Done");
    case TranscriptionPipeline::Stage::Failed:
        return tr("Failed");
    case TranscriptionPipeline::Stage::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

#pragma once

#include "providerprofile.h"
#include "transcript.h"
#include "transcriptionpipeline.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;
class TranscriptionClient;

// What to transcribe and what to do with the result.
struct TranscriptionJobSpec {
    enum class Apply {
        ReplaceAll,   // the result replaces every cue
        ReplaceRange, // the result replaces the cues in the transcribed time range
        Merge,        // the result's cues are added beside the existing ones
    };
    QString mediaPath;
    ProviderProfile profile; // with the model and options chosen for this job
    PipelineOptions options; // language, prompt, time range, concurrency
    QString presetId;        // rule preset for segmentation
    Apply apply = Apply::ReplaceAll;
};

// One transcription in the jobs panel: looks up the key, creates the provider's client, runs the
// TranscriptionPipeline and keeps what the user sees (stage, progress, partial text, the error in
// plain words). Never touches a document: the window applies the result. GUI thread only.
class TranscriptionJob : public QObject {
    Q_OBJECT
public:
    enum class State { Queued, Running, Finished, Failed, Cancelled };
    Q_ENUM(State)

    TranscriptionJob(TranscriptionJobSpec spec, QNetworkAccessManager *nam,
                     QObject *parent = nullptr);
    ~TranscriptionJob() override;

    const TranscriptionJobSpec &spec() const { return m_spec; }
    State state() const { return m_state; }
    // Translated: "Queued", "Uploading 42%", "Waiting for DashScope", "Failed", ...
    QString stageText() const;
    double progress() const; // 0..1
    QString partialText() const { return m_partial; }
    QString errorText() const { return m_error; }
    bool canRetry() const;
    const Transcript &result() const { return m_result; }
    QString planSummary() const { return m_plan; }
    // Where the result was saved when it did not belong to the open document (batch).
    QString savedTo() const { return m_savedTo; }
    void setSavedTo(const QString &path);
    TranscriptionPipeline *pipeline() const { return m_pipeline.get(); }

public Q_SLOTS:
    void start();
    void cancel();
    void retryFailed();

Q_SIGNALS:
    void changed();
    void finished(const Transcript &transcript);
    void failed(const QString &message);
    void ended(); // finished, failed or cancelled: the queue moves on

private:
    void begin(const QByteArray &key);
    void setState(State state);
    void fail(const QString &message);

    TranscriptionJobSpec m_spec;
    QPointer<QNetworkAccessManager> m_nam;
    std::unique_ptr<TranscriptionClient> m_client;
    std::unique_ptr<TranscriptionPipeline> m_pipeline;
    State m_state = State::Queued;
    TranscriptionPipeline::Stage m_stage = TranscriptionPipeline::Stage::Preparing;
    QString m_partial;
    QString m_error;
    QString m_plan;
    QString m_savedTo;
    Transcript m_result;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// An asynchronous DashScope transcription task that was submitted and may still be running.
// DashScope keeps tasks and their results for 24 h (PROTOCOLS C.1.2), so a long transcription
// survives the application being closed: the editor stores the record in the project
// (ProjectData::providerMeta) when the task is submitted, and on reopening resumes polling with
// DashScopeFileTranscriptionClient::resume(). No key is stored: the profile id says which key.
struct DashScopePendingTask {
    QString taskId;
    QString profileId; // the profile that submitted it (its key and region)
    QString kind;      // "dashscope-funasr" or "dashscope-filetrans"
    QString model;
    QUrl baseUrl;             // native base it was submitted to (tasks exist only there)
    QString fileUrl;          // what the task transcribes (public URL or oss://)
    QString audioName;        // local file name, for people
    QDateTime submittedAt;    // UTC
    qint64 mediaOffsetMs = 0; // where the submitted audio starts in the project's media
    qint64 durationMs = 0;    // of the submitted audio, when known

    // Results are gone 24 h after submission (a little earlier is already doubtful).
    bool expired(const QDateTime &now) const;
    bool isValid() const { return !taskId.isEmpty() && baseUrl.isValid(); }

    QJsonObject toJson() const;
    static std::optional<DashScopePendingTask> fromJson(const QJsonObject &o);
    bool operator==(const DashScopePendingTask &) const = default;
};

// Reads and writes pending tasks in a project's free-form provider metadata, under the key
// "dashscope_tasks" (an array; other keys are left alone). Records that cannot be read are
// skipped on read and kept on write, so a newer Captioneer's records survive an older one.
class DashScopeTaskStore {
public:
    static QList<DashScopePendingTask> read(const QJsonObject &providerMeta);
    // Adds the task, replacing a record with the same task id.
    static void add(QJsonObject *providerMeta, const DashScopePendingTask &task);
    // Removes the task's record; true when there was one.
    static bool remove(QJsonObject *providerMeta, const QString &taskId);
    // Removes records whose results have expired at `now`; returns them (to tell the user).
    static QList<DashScopePendingTask> removeExpired(QJsonObject *providerMeta,
                                                     const QDateTime &now);
};

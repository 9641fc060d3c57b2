#include "dashscopetaskstore.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

const QString kKey = u"dashscope_tasks"_s;
constexpr qint64 kRetentionSecs = 24 * 3600; // PROTOCOLS C.1.2, C.6

QString idOf(const QJsonValue &v)
{
    return v.toObject().value(u"task_id"_s).toString();
}

} // namespace

bool DashScopePendingTask::expired(const QDateTime &now) const
{
    if (!submittedAt.isValid())
        return true;
    return submittedAt.secsTo(now) >= kRetentionSecs;
}

QJsonObject DashScopePendingTask::toJson() const
{
    return QJsonObject{
        {u"task_id"_s, taskId},
        {u"profile"_s, profileId},
        {u"kind"_s, kind},
        {u"model"_s, model},
        {u"base_url"_s, baseUrl.toString()},
        {u"file_url"_s, fileUrl},
        {u"audio_name"_s, audioName},
        {u"submitted_at"_s, submittedAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"media_offset_ms"_s, mediaOffsetMs},
        {u"duration_ms"_s, durationMs},
    };
}

std::optional<DashScopePendingTask> DashScopePendingTask::fromJson(const QJsonObject &o)
{
    DashScopePendingTask t;
    t.taskId = o.value(u"task_id"_s).toString();
    t.profileId = o.value(u"profile"_s).toString();
    t.kind = o.value(u"kind"_s).toString();
    t.model = o.value(u"model"_s).toString();
    t.baseUrl = QUrl(o.value(u"base_url"_s).toString());
    t.fileUrl = o.value(u"file_url"_s).toString();
    t.audioName = o.value(u"audio_name"_s).toString();
    t.submittedAt = QDateTime::fromString(o.value(u"submitted_at"_s).toString(), Qt::ISODateWithMs);
    if (t.submittedAt.isValid())
        t.submittedAt = t.submittedAt.toUTC();
    // Records come from project files: a time beyond 2^53 ms (1e300) is damage, and converting it
    // to qint64 would be undefined behaviour.
    const auto ms = [&o](const QString &key) {
        const double d = o.value(key).toDouble();
        return std::abs(d) < 9e15 ? qint64(d) : qint64(0);
    };
    t.mediaOffsetMs = ms(u"media_offset_ms"_s);
    t.durationMs = ms(u"duration_ms"_s);
    if (!t.isValid() || !t.submittedAt.isValid())
        return std::nullopt;
    return t;
}

QList<DashScopePendingTask> DashScopeTaskStore::read(const QJsonObject &providerMeta)
{
    QList<DashScopePendingTask> out;
    for (const QJsonValue &v : providerMeta.value(kKey).toArray()) {
        if (std::optional<DashScopePendingTask> t = DashScopePendingTask::fromJson(v.toObject()))
            out.append(*t);
    }
    return out;
}

void DashScopeTaskStore::add(QJsonObject *providerMeta, const DashScopePendingTask &task)
{
    QJsonArray kept;
    for (const QJsonValue &v : providerMeta->value(kKey).toArray()) {
        if (idOf(v) != task.taskId)
            kept.append(v);
    }
    kept.append(task.toJson());
    providerMeta->insert(kKey, kept);
}

bool DashScopeTaskStore::remove(QJsonObject *providerMeta, const QString &taskId)
{
    QJsonArray kept;
    bool found = false;
    for (const QJsonValue &v : providerMeta->value(kKey).toArray()) {
        if (idOf(v) == taskId)
            found = true;
        else
            kept.append(v);
    }
    if (kept.isEmpty())
        providerMeta->remove(kKey);
    else
        providerMeta->insert(kKey, kept);
    return found;
}

QList<DashScopePendingTask> DashScopeTaskStore::removeExpired(QJsonObject *providerMeta,
                                                              const QDateTime &now)
{
    QList<DashScopePendingTask> gone;
    for (const DashScopePendingTask &t : read(*providerMeta)) {
        if (t.expired(now)) {
            remove(providerMeta, t.taskId);
            gone.append(t);
        }
    }
    return gone;
}

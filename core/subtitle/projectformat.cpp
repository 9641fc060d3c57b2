#include "projectformat.h"

#include "jsoncodec.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <functional>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProjectFormat)
};

constexpr QLatin1StringView kProjectFormat("captioneer-project");
constexpr QLatin1StringView kCuesFormat("captioneer-cues");

// migrations[v - 1] upgrades a version-v object to version v + 1, in place. Version 1 is the
// first released format, so the list is empty; a future format change appends a step here and
// bumps kProjectVersion, and old files keep opening.
const QList<std::function<Result<void>(QJsonObject &)>> &migrations()
{
    static const QList<std::function<Result<void>(QJsonObject &)>> steps;
    return steps;
}

Result<QJsonObject> parseObject(const QByteArray &bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        Error e = makeError(ErrorCode::ParseError,
                            Tr::tr("The file is not valid JSON: %1.").arg(err.errorString()));
        e.line = lineOfOffset(bytes, err.offset);
        return e;
    }
    if (!doc.isObject())
        return makeError(ErrorCode::ParseError, Tr::tr("The file does not contain a JSON object."));
    return doc.object();
}

Error invalid(const QString &what)
{
    return makeError(ErrorCode::ParseError, Tr::tr("The project file is damaged: %1.").arg(what));
}

} // namespace

QByteArray serializeProject(const ProjectData &p)
{
    QJsonObject o;
    o.insert(QLatin1StringView("format"), kProjectFormat);
    o.insert(QLatin1StringView("version"), kProjectVersion);
    o.insert(QLatin1StringView("generator"),
             QStringLiteral("Captioneer %1").arg(QLatin1StringView(CAPTIONEER_VERSION)));
    if (!p.media.isNull())
        o.insert(QLatin1StringView("media"), mediaToJson(p.media));
    if (!p.presetId.isEmpty())
        o.insert(QLatin1StringView("preset"), p.presetId);
    o.insert(QLatin1StringView("meta"), metaToJson(p.meta));
    // Cues that never had an id (fresh from a subtitle file) get one after the known ids.
    CueId maxId = 0;
    for (const Cue &c : p.cues)
        maxId = std::max(maxId, c.id);
    CueId next = std::max(p.nextId, maxId + 1);
    QJsonArray cues;
    for (const Cue &c : p.cues) {
        QJsonObject cue = cueToJson(c, true);
        if (c.id == 0)
            cue.insert(QLatin1StringView("id"), double(next++));
        cues.append(cue);
    }
    o.insert(QLatin1StringView("next_id"), double(next));
    o.insert(QLatin1StringView("cues"), cues);
    if (!p.transcript.isEmpty())
        o.insert(QLatin1StringView("transcript"), transcriptToJson(p.transcript));
    if (!p.providerMeta.isEmpty())
        o.insert(QLatin1StringView("provider"), p.providerMeta);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<ProjectData> parseProject(const QByteArray &bytes)
{
    auto parsed = parseObject(bytes);
    if (!parsed)
        return parsed.error();
    QJsonObject o = std::move(parsed).value();
    if (o.value(QLatin1StringView("format")).toString() != kProjectFormat)
        return makeError(ErrorCode::ParseError, Tr::tr("This is not a Captioneer project file."));
    const QJsonValue versionValue = o.value(QLatin1StringView("version"));
    const int version = versionValue.toInt(-1);
    if (!versionValue.isDouble() || version < 1)
        return invalid(Tr::tr("its version is missing or not a positive integer"));
    if (version > kProjectVersion)
        return makeError(ErrorCode::NewerVersion,
                         Tr::tr("This project was saved by a newer Captioneer (format version %1; "
                                "this version reads up to %2). Update Captioneer to open it.")
                             .arg(version)
                             .arg(kProjectVersion));
    for (int v = version; v < kProjectVersion; ++v) {
        if (auto r = migrations().at(v - 1)(o); !r)
            return r.error();
    }

    ProjectData p;
    auto cues = cuesFromJson(o.value(QLatin1StringView("cues")));
    if (!cues)
        return invalid(cues.error().message);
    p.cues = std::move(cues).value();
    auto meta = metaFromJson(o.value(QLatin1StringView("meta")));
    if (!meta)
        return invalid(meta.error().message);
    p.meta = std::move(meta).value();
    auto transcript = transcriptFromJson(o.value(QLatin1StringView("transcript")));
    if (!transcript)
        return invalid(transcript.error().message);
    p.transcript = std::move(transcript).value();
    auto media = mediaFromJson(o.value(QLatin1StringView("media")));
    if (!media)
        return invalid(media.error().message);
    p.media = std::move(media).value();
    p.presetId = o.value(QLatin1StringView("preset")).toString();
    p.providerMeta = o.value(QLatin1StringView("provider")).toObject();
    CueId maxId = 0;
    for (Cue &c : p.cues) {
        if (c.id == 0)
            return invalid(Tr::tr("a cue has no id"));
        maxId = std::max(maxId, c.id);
    }
    // Ids stay below 2^53 (readMs); a larger next_id is damage, and converting it (1e300) to an
    // integer would be undefined behaviour.
    const double nextId = o.value(QLatin1StringView("next_id")).toDouble(0);
    p.nextId = std::max<CueId>(nextId > 0 && nextId < 9e15 ? qint64(nextId) : 0, maxId + 1);
    return p;
}

QByteArray serializeCuesJson(const Cues &cues)
{
    QJsonArray array;
    for (const Cue &c : cues)
        array.append(cueToJson(c, false));
    const QJsonObject o{{QLatin1StringView("format"), kCuesFormat},
                        {QLatin1StringView("version"), 1},
                        {QLatin1StringView("cues"), array}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<Cues> parseCuesJson(const QByteArray &bytes)
{
    auto parsed = parseObject(bytes);
    if (!parsed)
        return parsed.error();
    const QJsonObject &o = *parsed;
    const QString format = o.value(QLatin1StringView("format")).toString();
    if (format == kProjectFormat) {
        auto project = parseProject(bytes);
        if (!project)
            return project.error();
        return project->cues;
    }
    if (!format.isEmpty() && format != kCuesFormat)
        return makeError(ErrorCode::UnsupportedFormat,
                         Tr::tr("Unknown JSON subtitle format \"%1\".").arg(format));
    if (o.value(QLatin1StringView("version")).toInt(1) > 1)
        return makeError(ErrorCode::NewerVersion,
                         Tr::tr("This cue file was written by a newer Captioneer."));
    auto cues = cuesFromJson(o.value(QLatin1StringView("cues")));
    if (!cues)
        return makeError(ErrorCode::ParseError, cues.error().message);
    for (Cue &c : *cues)
        c.id = 0;
    return cues;
}

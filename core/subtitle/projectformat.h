#pragma once

#include "cue.h"
#include "mediareference.h"
#include "result.h"
#include "subtitledata.h"
#include "transcript.h"

#include <QByteArray>
#include <QJsonObject>

// The .captioneer project file: JSON with a "version" field. Older versions are migrated step by
// step on load; a newer version is refused (never half-read). Pure functions over bytes.
struct ProjectData {
    Cues cues;
    SubtitleMeta meta;
    Transcript transcript;
    MediaReference media;
    QString presetId;
    CueId nextId = 1;         // so ids stay unique across sessions
    QJsonObject providerMeta; // provider, model, request ids, pending async tasks (free form)
};

inline constexpr int kProjectVersion = 1;

QByteArray serializeProject(const ProjectData &project);
// Errors: ParseError (with line for malformed JSON, or naming the bad field/cue), NewerVersion.
Result<ProjectData> parseProject(const QByteArray &bytes);

// A JSON export of the cues (with words and speakers) for other tools, and its reader.
QByteArray serializeCuesJson(const Cues &cues);
Result<Cues> parseCuesJson(const QByteArray &bytes);

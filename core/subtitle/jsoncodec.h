#pragma once

#include "cue.h"
#include "mediareference.h"
#include "result.h"
#include "subtitledata.h"
#include "transcript.h"

#include <QJsonArray>
#include <QJsonObject>

// JSON forms of the data model, shared by the project file and the JSON export. Times are integer
// milliseconds in keys ending in "_ms". Readers check types and ranges and name what is wrong
// ("cue 12: end_ms is before start_ms"); they never assert on input.

QJsonObject wordToJson(const Word &word);
Result<Word> wordFromJson(const QJsonValue &value);

QJsonObject cueToJson(const Cue &cue, bool withId);
Result<Cue> cueFromJson(const QJsonValue &value);
Result<Cues> cuesFromJson(const QJsonValue &array); // errors name the cue's position (1-based)

QJsonObject transcriptToJson(const Transcript &transcript);
Result<Transcript> transcriptFromJson(const QJsonValue &value);

QJsonObject metaToJson(const SubtitleMeta &meta);
Result<SubtitleMeta> metaFromJson(const QJsonValue &value);

QJsonObject mediaToJson(const MediaReference &media);
Result<MediaReference> mediaFromJson(const QJsonValue &value);

// Line (1-based) of a byte offset in a JSON document, for parse error messages.
int lineOfOffset(const QByteArray &json, int offset);

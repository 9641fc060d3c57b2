#pragma once

#include "projectformat.h"
#include "result.h"
#include "subtitledata.h"
#include "textencoding.h"

#include <QByteArray>
#include <QString>

#include <optional>

// The one place where subtitle formats meet bytes and files. Everything else is pure.
enum class SubtitleFormat { Unknown, Srt, Vtt, Json, Project };

// "srt", "vtt"/"webvtt", "json", "captioneer" (case-insensitive); Unknown otherwise.
SubtitleFormat subtitleFormatFromName(const QString &name);
// From the file extension; Unknown for anything else.
SubtitleFormat subtitleFormatFromPath(const QString &path);
QString subtitleFormatName(SubtitleFormat format);

struct SubtitleReadOptions {
    SubtitleFormat format = SubtitleFormat::Unknown; // Unknown: from the content
    QString encoding;                                // empty: detect
    ParseMode mode = ParseMode::Lenient;
};

struct LoadedSubtitles {
    SubtitleFormat format = SubtitleFormat::Unknown;
    SubtitleData data;                  // cues, meta, diagnostics
    std::optional<ProjectData> project; // set for project files
    DecodedText decoding;               // encoding used (text is cleared to save memory)
};

// Parses bytes; `name` is used in error messages (a path, or "<stdin>"). Errors carry file and
// line. Input larger than kMaxSubtitleBytes is refused.
inline constexpr qint64 kMaxSubtitleBytes = 512LL * 1024 * 1024;
Result<LoadedSubtitles> parseSubtitles(const QByteArray &bytes, const SubtitleReadOptions &options,
                                       const QString &name);
Result<LoadedSubtitles> readSubtitleFile(const QString &path, const SubtitleReadOptions &options);

// Serialises cues in a subtitle format (not Project; use serializeProject) in `encoding`.
Result<QByteArray> serializeSubtitles(const Cues &cues, const SubtitleMeta &meta,
                                      SubtitleFormat format, const QString &encoding = {});

// Replaces `path` atomically (QSaveFile): the old file stays intact if anything fails.
Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes);

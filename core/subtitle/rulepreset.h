#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

// A readability rule preset (SUBTITLE-RULES.md, "Presets"). Times are milliseconds; line length
// and characters per second count visible characters (grapheme clusters, see textmetrics.h).
struct RulePreset {
    QString id;   // stable, stored in projects: "netflix-en", "zh-cn", "relaxed"
    QString name; // translated display name
    int maxCharsPerLine = 42;
    int maxLines = 2;
    double maxCps = 20.0;
    qint64 minDuration = 833;
    qint64 maxDuration = 7000;
    qint64 minGap = 83;

    bool operator==(const RulePreset &) const = default;
};

// The built-in presets in display order: Netflix English, Simplified Chinese, Relaxed.
QList<RulePreset> builtinPresets();
// The built-in preset with `id` (case-insensitive), or nullopt.
std::optional<RulePreset> presetById(QStringView id);
// The ids of the built-in presets, for messages and command-line help.
QStringList presetIds();

// True for a language reported as Chinese, Japanese, Korean or Cantonese: "zh", "zh-CN",
// "zh_TW", "ja", "ko", "yue", "chinese", "japanese", "korean", "cantonese" (case-insensitive).
bool isCjkLanguage(QStringView language);
// The preset to use when the user chose none: Simplified Chinese for CJK languages, Netflix
// English otherwise (including an unknown language).
RulePreset defaultPresetForLanguage(QStringView language);
// Like defaultPresetForLanguage, but an unknown language is decided by the script of `sample`:
// the Chinese preset when most of its letters are CJK.
RulePreset defaultPresetFor(QStringView language, QStringView sample);

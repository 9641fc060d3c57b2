#pragma once

#include <QString>
#include <QStringView>

#include <optional>

// Millisecond <-> text conversions shared by the formats, the table and the CLI.

// "HH:MM:SS,mmm" (SRT) / "HH:MM:SS.mmm" (WebVTT, UI). Hours grow past two digits when needed.
// Negative input is clamped to 0.
QString formatTimestamp(qint64 ms, QChar fractionSeparator = u'.');
// Appends the same form to `out` without temporary strings (for writers of 100k-cue files).
void appendTimestamp(QString &out, qint64 ms, QChar fractionSeparator);

// Lenient parse of "[H+:]MM:SS[.,]mmm" as typed by a person (1-2 digit fields accepted,
// fraction of 1-3 digits read as a decimal fraction: "1.5" is 1500 ms). Also accepts plain
// seconds ("12.5"). nullopt if it is not a time.
std::optional<qint64> parseTimestamp(QStringView text);

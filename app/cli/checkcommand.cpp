#include "checkcommand.h"

#include "cli.h"
#include "rulechecker.h"
#include "subtitlefile.h"
#include "timecode.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CheckCommand)
};

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

} // namespace

std::optional<RulePreset> presetFromOption(const QString &name)
{
    if (std::optional<RulePreset> p = presetById(name))
        return p;
    printError(Tr::tr("Unknown preset \"%1\" (known: %2).").arg(name, presetIds().join(u", "_s)));
    return std::nullopt;
}

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Checks subtitles against a readability preset (line length, line count, characters "
               "per second, minimum and maximum duration, minimum gap, overlap, empty text, "
               "low-confidence words) and lists every violation with its cue, value and limit.\n"
               "Exit status: 0 no violation, 1 violations found or the file could not be read, "
               "2 usage."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"FILE"_s,
                                 Tr::tr("Subtitle file (SRT, WebVTT, JSON or project), or - "
                                        "for standard input."));
    const QCommandLineOption preset(
        u"preset"_s,
        Tr::tr("Rule preset: %1 (default: the project's preset, else chosen by language).")
            .arg(presetIds().join(u", "_s)),
        u"name"_s);
    const QCommandLineOption json(u"json"_s, Tr::tr("Print JSON instead of text."));
    const QCommandLineOption from(u"from"_s, Tr::tr("Input format: srt, vtt, json or captioneer."),
                                  u"format"_s);
    const QCommandLineOption encoding(
        u"encoding"_s, Tr::tr("Encoding of the input (default: detected)."), u"name"_s);
    const QCommandLineOption minConfidence(
        u"min-confidence"_s,
        Tr::tr("Report words recognised with a confidence below this (0 to 1; 0 turns the check "
               "off; default: a threshold for the provider that made the transcript)."),
        u"value"_s);
    parser.addOptions({preset, json, from, encoding, minConfidence});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(u"help"_s)) {
        printOut(subcommandHelp(parser, u"check"_s));
        return Success;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        printError(Tr::tr("check needs one subtitle file (see captioneer check --help)."));
        return Usage;
    }
    const QString in = args[0];
    std::optional<RulePreset> chosen;
    if (parser.isSet(preset)) {
        chosen = presetFromOption(parser.value(preset));
        if (!chosen)
            return Usage;
    }
    CheckOptions options;
    bool confidenceSet = false;
    if (parser.isSet(minConfidence)) {
        bool ok = false;
        options.minConfidence = parser.value(minConfidence).toDouble(&ok);
        if (!ok || options.minConfidence < 0 || options.minConfidence > 1) {
            printError(Tr::tr("--min-confidence needs a number from 0 to 1."));
            return Usage;
        }
        confidenceSet = true;
    }
    SubtitleReadOptions read;
    read.encoding = parser.value(encoding);
    if (parser.isSet(from)) {
        read.format = subtitleFormatFromName(parser.value(from));
        if (read.format == SubtitleFormat::Unknown) {
            printError(Tr::tr("Unknown input format \"%1\".").arg(parser.value(from)));
            return Usage;
        }
    } else if (in != u"-") {
        read.format = subtitleFormatFromPath(in);
    }

    const QString name = in == u"-" ? u"<stdin>"_s : in;
    auto loaded = [&]() -> Result<LoadedSubtitles> {
        auto bytes = readInput(in);
        if (!bytes)
            return bytes.error();
        return parseSubtitles(*bytes, read, name);
    }();
    if (!loaded) {
        printError(loaded.error().toString());
        return Failure;
    }
    for (const Diagnostic &d : loaded->data.diagnostics)
        printWarning(d.line > 0 ? u"%1:%2: %3"_s.arg(name).arg(d.line).arg(d.message)
                                : u"%1: %2"_s.arg(name, d.message));

    Cues cues = std::move(loaded->data.cues);
    std::stable_sort(cues.begin(), cues.end(), [](const Cue &a, const Cue &b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    // Cues are named by their position in time order (1-based), as a person counts them.
    QHash<CueId, int> position;
    for (qsizetype i = 0; i < cues.size(); ++i) {
        cues[i].id = i + 1;
        position.insert(cues[i].id, int(i + 1));
    }
    const Transcript transcript = loaded->project ? loaded->project->transcript : Transcript{};
    if (!chosen && loaded->project)
        chosen = presetById(loaded->project->presetId);
    if (!chosen) {
        QString sample;
        for (qsizetype i = 0; i < cues.size() && sample.size() < 2000; ++i)
            sample += cues[i].text;
        chosen = defaultPresetFor(transcript.language, sample);
    }
    if (!confidenceSet)
        options.minConfidence = confidenceThreshold(transcript.provider);

    const QList<Violation> violations = checkCues(cues, *chosen, options);
    QSet<CueId> bad;
    for (const Violation &v : violations)
        bad.insert(v.cue);

    if (parser.isSet(json)) {
        QJsonArray list;
        for (const Violation &v : violations) {
            const Cue &c = cues[position.value(v.cue) - 1];
            list.append(QJsonObject{{u"cue"_s, position.value(v.cue)},
                                    {u"start_ms"_s, c.start},
                                    {u"end_ms"_s, c.end},
                                    {u"rule"_s, ruleName(v.rule)},
                                    {u"value"_s, number(v.value)},
                                    {u"limit"_s, number(v.limit)},
                                    {u"message"_s, v.message}});
        }
        const QJsonObject out{{u"file"_s, name},
                              {u"preset"_s, chosen->id},
                              {u"cues"_s, cues.size()},
                              {u"cues_with_violations"_s, bad.size()},
                              {u"violations"_s, list}};
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
    } else {
        QString text;
        for (const Violation &v : violations) {
            const Cue &c = cues[position.value(v.cue) - 1];
            text += Tr::tr("%1: cue %2 (%3): %4: %5\n")
                        .arg(name)
                        .arg(position.value(v.cue))
                        .arg(formatTimestamp(c.start), ruleName(v.rule), v.message);
        }
        text += violations.isEmpty()
                    ? Tr::tr("%1: no violations in %2 cues (%3).\n")
                          .arg(name)
                          .arg(cues.size())
                          .arg(chosen->id)
                    : QCoreApplication::translate("CheckCommand",
                                                  "%1: %n violation(s) in %2 of %3 cues (%4).\n",
                                                  nullptr, int(violations.size()))
                          .arg(name)
                          .arg(bad.size())
                          .arg(cues.size())
                          .arg(chosen->id);
        printOut(text);
    }
    return violations.isEmpty() ? Success : Failure;
}

} // namespace cli

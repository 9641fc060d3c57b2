#include "convertcommand.h"

#include "checkcommand.h"
#include "cli.h"
#include "projectformat.h"
#include "segmenter.h"
#include "subtitlefile.h"
#include "textencoding.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>

namespace cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ConvertCommand)
};

} // namespace

int runConvert(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Converts subtitles between SubRip (.srt), WebVTT (.vtt), JSON and Captioneer projects.\n"
        "Formats follow the file extensions unless --from/--to say otherwise; \"-\" is standard "
        "input or output. Cues are written in time order.\n"
        "Exit status: 0 success, 1 bad input (the message names the file and line), 2 usage."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("IN"),
                                 Tr::tr("Input file, or - for standard input."));
    parser.addPositionalArgument(QStringLiteral("OUT"),
                                 Tr::tr("Output file, or - for standard output."));
    const QCommandLineOption from(QStringLiteral("from"),
                                  Tr::tr("Input format: srt, vtt, json or captioneer."),
                                  QStringLiteral("format"));
    const QCommandLineOption to(QStringLiteral("to"),
                                Tr::tr("Output format: srt, vtt, json or captioneer."),
                                QStringLiteral("format"));
    const QCommandLineOption encoding(
        QStringLiteral("encoding"),
        Tr::tr("Encoding of the input (default: detected), e.g. UTF-8, GB18030, Big5, Shift_JIS, "
               "windows-1252."),
        QStringLiteral("name"));
    const QCommandLineOption outputEncoding(
        QStringLiteral("output-encoding"),
        Tr::tr("Encoding of SubRip output (default UTF-8; WebVTT and JSON are always UTF-8)."),
        QStringLiteral("name"));
    const QCommandLineOption strict(
        QStringLiteral("strict"),
        Tr::tr("Fail on the first problem instead of skipping what cannot be read."));
    const QCommandLineOption preset(
        QStringLiteral("preset"),
        Tr::tr("Rule preset for --resegment, also stored in project output: %1 (default: the "
               "project's preset, else chosen by language).")
            .arg(presetIds().join(QStringLiteral(", "))),
        QStringLiteral("name"));
    const QCommandLineOption resegment(
        QStringLiteral("resegment"),
        Tr::tr("Re-segment the cues into readable subtitles under the preset, from the words that "
               "JSON and project files keep; cues without words are split by their text, with "
               "approximate timing."));
    parser.addOptions({from, to, encoding, outputEncoding, strict, preset, resegment});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(subcommandHelp(parser, QStringLiteral("convert")));
        return Success;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        printError(Tr::tr("convert needs an input and an output (see captioneer convert --help)."));
        return Usage;
    }
    const QString in = args[0], out = args[1];
    std::optional<RulePreset> chosenPreset;
    if (parser.isSet(preset)) {
        chosenPreset = presetFromOption(parser.value(preset));
        if (!chosenPreset)
            return Usage;
    }
    for (const QCommandLineOption *option : {&encoding, &outputEncoding}) {
        if (parser.isSet(*option)) {
            if (auto check = encodeText(QString(), parser.value(*option)); !check) {
                printError(check.error().message);
                return Usage;
            }
        }
    }

    SubtitleReadOptions options;
    options.encoding = parser.value(encoding);
    options.mode = parser.isSet(strict) ? ParseMode::Strict : ParseMode::Lenient;
    if (parser.isSet(from)) {
        options.format = subtitleFormatFromName(parser.value(from));
        if (options.format == SubtitleFormat::Unknown) {
            printError(Tr::tr("Unknown input format \"%1\".").arg(parser.value(from)));
            return Usage;
        }
    } else if (in != u"-") {
        options.format = subtitleFormatFromPath(in);
    }
    SubtitleFormat outFormat = SubtitleFormat::Unknown;
    if (parser.isSet(to)) {
        outFormat = subtitleFormatFromName(parser.value(to));
        if (outFormat == SubtitleFormat::Unknown) {
            printError(Tr::tr("Unknown output format \"%1\".").arg(parser.value(to)));
            return Usage;
        }
    } else {
        outFormat = subtitleFormatFromPath(out);
        if (outFormat == SubtitleFormat::Unknown) {
            printError(Tr::tr("Cannot tell the output format from \"%1\"; use --to.").arg(out));
            return Usage;
        }
    }

    const QString name = in == u"-" ? QStringLiteral("<stdin>") : in;
    // The input bytes are released as soon as they are parsed (peak memory on 100k-cue files).
    auto loaded = [&]() -> Result<LoadedSubtitles> {
        auto bytes = readInput(in);
        if (!bytes)
            return bytes.error();
        return parseSubtitles(*bytes, options, name);
    }();
    if (!loaded) {
        printError(loaded.error().toString());
        return Failure;
    }
    for (const Diagnostic &d : loaded->data.diagnostics)
        printWarning(d.line > 0 ? QStringLiteral("%1:%2: %3").arg(name).arg(d.line).arg(d.message)
                                : QStringLiteral("%1: %2").arg(name, d.message));

    Cues cues = std::move(loaded->data.cues);
    const auto byTime = [](const Cue &a, const Cue &b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    };
    if (!std::is_sorted(cues.cbegin(), cues.cend(), byTime))
        std::stable_sort(cues.begin(), cues.end(), byTime);
    if (parser.isSet(resegment)) {
        const QString language = loaded->project ? loaded->project->transcript.language : QString();
        if (!chosenPreset && loaded->project)
            chosenPreset = presetById(loaded->project->presetId);
        if (!chosenPreset) {
            QString sample;
            for (qsizetype i = 0; i < cues.size() && sample.size() < 2000; ++i)
                sample += cues[i].text;
            chosenPreset = defaultPresetFor(language, sample);
        }
        Segmentation s = resegmentCues(cues, *chosenPreset, language);
        if (s.approximate)
            printWarning(Tr::tr("%1: some cues have no word timings; their new cues are timed by "
                                "their characters (approximate).")
                             .arg(name));
        cues = std::move(s.cues); // ids 0: a project gets fresh ids after its next_id
    }
    Result<QByteArray> output = [&]() -> Result<QByteArray> {
        if (outFormat == SubtitleFormat::Project) {
            ProjectData p = loaded->project.value_or(ProjectData{});
            p.cues = cues;
            p.meta = loaded->data.meta;
            if (chosenPreset)
                p.presetId = chosenPreset->id;

            return serializeProject(p);
        }
        return serializeSubtitles(cues, loaded->data.meta, outFormat, parser.value(outputEncoding));
    }();
    if (!output) {
        printError(output.error().toString());
        return Failure;
    }
    if (auto w = writeOutput(out, *output); !w) {
        printError(w.error().toString());
        return Failure;
    }
    return Success;
}

} // namespace cli

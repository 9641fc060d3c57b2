#include "transcribecommand.h"

#include "checkcommand.h"
#include "cli.h"
#include "mediareference.h"
#include "profilestore.h"
#include "projectformat.h"
#include "providerregistry.h"
#include "segmenter.h"
#include "subtitlefile.h"
#include "transcriptionpipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCoroTask>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSettings>

#include <cstdio>
#include <unistd.h>

namespace cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TranscribeCommand)
};

const QStringList kFormats{QStringLiteral("srt"), QStringLiteral("vtt"), QStringLiteral("json"),
                           QStringLiteral("txt"), QStringLiteral("captioneer")};

QString stageName(TranscriptionPipeline::Stage stage)
{
    switch (stage) {
    case TranscriptionPipeline::Stage::Preparing:
        return Tr::tr("preparing");
    case TranscriptionPipeline::Stage::Uploading:
        return Tr::tr("uploading");
    case TranscriptionPipeline::Stage::Waiting:
        return Tr::tr("waiting for the provider");
    case TranscriptionPipeline::Stage::Receiving:
        return Tr::tr("receiving");
    case TranscriptionPipeline::Stage::Finished:
        return Tr::tr("done");
    case TranscriptionPipeline::Stage::Failed:
        return Tr::tr("failed");
    case TranscriptionPipeline::Stage::Cancelled:
        return Tr::tr("cancelled");
    }
    return {};
}

// Progress on stderr: a redrawn bar on a terminal, plain lines when redirected.
class ProgressReporter {
public:
    explicit ProgressReporter(QString name)
        : m_name(std::move(name))
        , m_tty(isatty(2) == 1)
    {}
    void update(TranscriptionPipeline &p)
    {
        const int percent = int(p.progress() * 100.0 + 0.5);
        const QString stage = stageName(p.stage());
        if (m_tty) {
            const int filled = percent / 5;
            const QString bar = QString(filled, u'#') + QString(20 - filled, u'-');
            std::fprintf(stderr, "\r%s [%s] %3d%% %-28s", qPrintable(m_name), qPrintable(bar),
                         percent, qPrintable(stage));
            std::fflush(stderr);
        } else if (stage != m_lastStage || percent / 10 != m_lastPercent / 10) {
            std::fprintf(stderr, "%s: %d%% %s\n", qPrintable(m_name), percent, qPrintable(stage));
        }
        m_lastStage = stage;
        m_lastPercent = percent;
    }
    void done()
    {
        if (m_tty)
            std::fprintf(stderr, "\n");
    }

private:
    QString m_name;
    bool m_tty;
    QString m_lastStage;
    int m_lastPercent = -1;
};

Result<QByteArray> render(const Transcript &transcript, const QString &format,
                          const RulePreset &preset, const QString &mediaPath)
{
    if (format == u"txt")
        return QByteArray(transcript.text.toUtf8() + '\n');
    const Segmentation seg = segmentTranscript(transcript, preset);
    if (format == u"captioneer") {
        ProjectData project;
        project.cues = seg.cues;
        project.transcript = transcript;
        project.media = MediaReference::fromFile(mediaPath);
        project.presetId = preset.id;
        return serializeProject(project);
    }
    return serializeSubtitles(seg.cues, {}, subtitleFormatFromName(format));
}

} // namespace

int runTranscribe(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Transcribes audio or video files into timed subtitles. The default provider, local, "
        "runs offline (PocketSphinx, English); cloud providers need an API key from the "
        "keychain or their environment variable (see captioneer providers). Files a provider "
        "cannot take are transcoded and cut at silences automatically. Progress goes to "
        "standard error, results to standard output or -o."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("Media files."),
                                 QStringLiteral("FILE..."));
    const QCommandLineOption provider(QStringLiteral("provider"),
                                      Tr::tr("Provider profile id (default: local)."),
                                      QStringLiteral("ID"), QStringLiteral("local"));
    const QCommandLineOption model(QStringLiteral("model"), Tr::tr("Model name."),
                                   QStringLiteral("M"));
    const QCommandLineOption baseUrl(
        QStringLiteral("base-url"),
        Tr::tr("Base URL of the service, e.g. http://127.0.0.1:8080/v1."), QStringLiteral("URL"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      Tr::tr("Language of the audio (ISO 639-1)."),
                                      QStringLiteral("L"));
    const QCommandLineOption prompt(QStringLiteral("prompt"), Tr::tr("Context or style hint."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption temperature(QStringLiteral("temperature"),
                                         Tr::tr("Sampling temperature 0..1."), QStringLiteral("T"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    Tr::tr("Output: srt (default), vtt, json, txt or captioneer."),
                                    QStringLiteral("F"));
    const QCommandLineOption output(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        Tr::tr("Output file, or a folder when several files are given."), QStringLiteral("OUT"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
                                         Tr::tr("Requests in flight (default 4)."),
                                         QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption translate(QStringLiteral("translate"),
                                       Tr::tr("Translate to English."));
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    Tr::tr("Readability preset: %1 (default: by language).")
                                        .arg(presetIds().join(QStringLiteral(", "))),
                                    QStringLiteral("P"));
    parser.addOptions({provider, model, baseUrl, language, prompt, temperature, format, output,
                       concurrency, translate, preset});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(subcommandHelp(parser, QStringLiteral("transcribe")));
        return Success;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printError(
            Tr::tr("transcribe needs at least one media file (see captioneer transcribe --help)."));
        return Usage;
    }
    const QString out = parser.value(output);
    QString fmt = parser.value(format).toLower();
    if (fmt.isEmpty())
        fmt = files.size() == 1 && !out.isEmpty() &&
                      kFormats.contains(QFileInfo(out).suffix().toLower())
                  ? QFileInfo(out).suffix().toLower()
                  : QStringLiteral("srt");
    if (!kFormats.contains(fmt)) {
        printError(Tr::tr("Unknown output format \"%1\".").arg(fmt));
        return Usage;
    }
    if (files.size() > 1 && out.isEmpty()) {
        printError(Tr::tr("Several files need -o FOLDER for their results."));
        return Usage;
    }
    std::optional<RulePreset> chosenPreset;
    if (parser.isSet(preset)) {
        chosenPreset = presetFromOption(parser.value(preset));
        if (!chosenPreset) {
            printError(Tr::tr("Unknown preset \"%1\".").arg(parser.value(preset)));
            return Usage;
        }
    }
    bool ok = true;
    PipelineOptions options;
    options.concurrency = parser.value(concurrency).toInt(&ok);
    if (!ok || options.concurrency < 1) {
        printError(Tr::tr("The concurrency must be a positive number."));
        return Usage;
    }
    if (parser.isSet(temperature)) {
        const double t = parser.value(temperature).toDouble(&ok);
        if (!ok || t < 0.0 || t > 1.0) {
            printError(Tr::tr("The temperature must be a number from 0 to 1."));
            return Usage;
        }
        options.base.temperature = t;
    }
    options.base.language = parser.value(language);
    options.base.prompt = parser.value(prompt);
    options.base.translateToEnglish = parser.isSet(translate);

    QSettings settings;
    ProfileStore store(&settings);
    ProviderProfile profile = store.find(parser.value(provider));
    if (profile.id.isEmpty()) {
        printError(Tr::tr("Unknown provider \"%1\" (see captioneer providers).")
                       .arg(parser.value(provider)));
        return Usage;
    }
    const std::optional<QByteArray> key = prepareProfile(profile, parser, model, baseUrl);
    if (!key)
        return Failure;
    QNetworkAccessManager nam;
    auto client = createTranscriptionClient(profile, &nam, *key);
    if (!client) {
        printError(client.error().toString());
        return Failure;
    }
    if (files.size() > 1 && !QDir().mkpath(out)) {
        printError(Tr::tr("Cannot create the folder %1.").arg(out));
        return Failure;
    }

    int status = Success;
    for (const QString &file : files) {
        TranscriptionPipeline pipeline(client->get());
        ProgressReporter progress(QFileInfo(file).fileName());
        QEventLoop loop;
        std::optional<Transcript> result;
        QString failure;
        auto refresh = [&] { progress.update(pipeline); };
        QObject::connect(&pipeline, &TranscriptionPipeline::stageChanged, &loop, refresh);
        QObject::connect(&pipeline, &TranscriptionPipeline::chunkChanged, &loop, refresh);
        QObject::connect(&pipeline, &TranscriptionPipeline::finished, &loop,
                         [&](const Transcript &t) {
                             result = t;
                             loop.quit();
                         });
        QObject::connect(&pipeline, &TranscriptionPipeline::failed, &loop,
                         [&](const QString &message) {
                             failure = message;
                             loop.quit();
                         });
        QObject::connect(&pipeline, &TranscriptionPipeline::stageChanged, &loop,
                         [&](TranscriptionPipeline::Stage s) {
                             if (s == TranscriptionPipeline::Stage::Cancelled)
                                 loop.quit();
                         });
        pipeline.start(file, options);
        loop.exec();
        progress.done();
        if (!result) {
            printError(QStringLiteral("%1: %2").arg(file, failure.isEmpty() ? Tr::tr("cancelled")
                                                                            : failure));
            status = Failure;
            continue;
        }
        const RulePreset rules =
            chosenPreset ? *chosenPreset : defaultPresetFor(result->language, result->text);
        auto bytes = render(*result, fmt, rules, file);
        if (!bytes) {
            printError(bytes.error().toString());
            status = Failure;
            continue;
        }
        QString target = out.isEmpty() ? QStringLiteral("-") : out;
        if (files.size() > 1)
            target = QDir(out).filePath(QFileInfo(file).completeBaseName() + u'.' + fmt);
        if (auto w = writeOutput(target, *bytes); !w) {
            printError(w.error().toString());
            status = Failure;
        }
    }
    store.setLastUsed(profile.id);
    return status;
}

} // namespace cli

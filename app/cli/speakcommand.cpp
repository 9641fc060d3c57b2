#include "speakcommand.h"

#include "cli.h"
#include "player.h"
#include "providerregistry.h"
#include "subtitlefile.h"
#include "wavfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCoroTask>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SpeakCommand)
};

ProviderProfile speechProfile(const QString &id)
{
    for (const ProviderProfile &p : builtInSpeechProfiles()) {
        if (p.id == id)
            return p;
    }
    return {};
}

} // namespace

int runSpeak(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Speaks text with a speech provider: offline with eSpeak NG (the default, about 100 "
        "languages) or through an /audio/speech service. Writes the audio to a file (-o, WAV "
        "or the service's own format) or plays it (--play)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("TEXT"), Tr::tr("The text to speak."),
                                 QStringLiteral("[TEXT...]"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  Tr::tr("Read the text from a UTF-8 file (- for standard input)."),
                                  QStringLiteral("F"));
    const QCommandLineOption provider(QStringLiteral("provider"),
                                      Tr::tr("Speech provider: local (default) or openai."),
                                      QStringLiteral("ID"), QStringLiteral("local"));
    const QCommandLineOption voice(
        QStringLiteral("voice"),
        Tr::tr("Voice: a language for local (en, en-us, de, cmn, ...), a voice "
               "name for services (alloy, nova, ...)."),
        QStringLiteral("V"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   Tr::tr("Speed from 0.25 to 4.0 (default 1)."),
                                   QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        Tr::tr("Service response format: mp3, opus, aac, flac, wav or pcm."), QStringLiteral("F"));
    const QCommandLineOption model(QStringLiteral("model"), Tr::tr("Service model (e.g. tts-1)."),
                                   QStringLiteral("M"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"), Tr::tr("Service base URL."),
                                     QStringLiteral("URL"));
    const QCommandLineOption output(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        Tr::tr("Write the audio to this file (.wav, or the format asked of the service)."),
        QStringLiteral("OUT"));
    const QCommandLineOption play(QStringLiteral("play"), Tr::tr("Play the audio."));
    parser.addOptions({file, provider, voice, speed, format, model, baseUrl, output, play});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(subcommandHelp(parser, QStringLiteral("speak")));
        return Success;
    }
    QString text = parser.positionalArguments().join(u' ');
    if (parser.isSet(file)) {
        auto bytes = readInput(parser.value(file));
        if (!bytes) {
            printError(bytes.error().toString());
            return Failure;
        }
        text = QString::fromUtf8(*bytes);
    }
    if (text.trimmed().isEmpty() || (parser.isSet(output) == parser.isSet(play))) {
        printError(Tr::tr(
            "speak needs text and exactly one of -o OUT or --play (see captioneer speak --help)."));
        return Usage;
    }
    bool speedOk = false;
    const double speedValue = parser.value(speed).toDouble(&speedOk);
    if (!speedOk) {
        printError(Tr::tr("The speed must be a number."));
        return Usage;
    }
    ProviderProfile profile = speechProfile(parser.value(provider));
    if (profile.id.isEmpty()) {
        printError(Tr::tr("Unknown speech provider \"%1\" (see captioneer providers).")
                       .arg(parser.value(provider)));
        return Usage;
    }
    const std::optional<QByteArray> key = prepareProfile(profile, parser, model, baseUrl);
    if (!key)
        return Failure;
    QNetworkAccessManager nam;
    auto client = createSpeechClient(profile, &nam, *key);
    if (!client) {
        printError(client.error().toString());
        return Failure;
    }
    SpeechRequest request;
    request.text = text;
    request.voice = parser.isSet(voice) ? parser.value(voice)
                                        : profile.options.value(QStringLiteral("voice")).toString();
    request.speed = speedValue;
    request.format = parser.value(format);
    auto control = std::make_shared<HttpControl>();
    auto speech = QCoro::waitFor((*client)->synthesize(request, control));
    if (!speech) {
        printError(speech.error().toString());
        return Failure;
    }
    printWarning(Tr::tr("%1 s of speech.").arg(double(speech->durationMs()) / 1000.0, 0, 'f', 2));

    if (parser.isSet(output)) {
        const QString out = parser.value(output);
        const QString ext = QFileInfo(out).suffix().toLower();
        Result<void> written;
        if (ext == u"wav" || speech->encoded.isEmpty() || ext != speech->format)
            written = ext == u"wav"
                          ? writeWavFile(out, speech->samples, speech->sampleRate)
                          : Result<void>(makeError(
                                ErrorCode::InvalidArgument,
                                Tr::tr("Write .wav, or ask the service for .%1 with --format.")
                                    .arg(ext)));
        else
            written = writeFileAtomically(out, speech->encoded);
        if (!written) {
            printError(written.error().toString());
            return Failure;
        }
        return Success;
    }

    Player player;
    if (!player.hasAudioOutput()) {
        printError(player.outputStatus());
        return Failure;
    }
    QEventLoop loop;
    QObject::connect(&player, &Player::finished, &loop, &QEventLoop::quit);
    QObject::connect(&player, &Player::errorOccurred, &loop, [&](const QString &message) {
        printError(message);
        loop.exit(1);
    });
    player.playSamples(speech->samples, speech->sampleRate);
    return loop.exec() == 0 ? Success : Failure;
}

} // namespace cli

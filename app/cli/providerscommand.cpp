#include "providerscommand.h"

#include "cli.h"
#include "profilestore.h"
#include "providerregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProvidersCommand)
};

QString limit(qint64 bytes, qint64 ms)
{
    QStringList parts;
    if (bytes > 0)
        parts.append(Tr::tr("%1 MB per request").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 0));
    if (ms > 0)
        parts.append(Tr::tr("%1 min per request").arg(ms / 60000));
    return parts.isEmpty() ? Tr::tr("no limit") : parts.join(QStringLiteral(", "));
}

QJsonObject capabilitiesJson(const ProviderCapabilities &c)
{
    return QJsonObject{
        {QStringLiteral("formats"), QJsonArray::fromStringList(c.acceptedFormats)},
        {QStringLiteral("max_upload_bytes"), double(c.maxUploadBytes)},
        {QStringLiteral("max_duration_ms"), double(c.maxDurationMs)},
        {QStringLiteral("word_timestamps"), c.wordTimestamps},
        {QStringLiteral("segment_timestamps"), c.segmentTimestamps},
        {QStringLiteral("speakers"), c.speakers},
        {QStringLiteral("prompt"), c.prompt},
        {QStringLiteral("language"), c.language},
        {QStringLiteral("temperature"), c.temperature},
        {QStringLiteral("streaming"), c.streaming},
        {QStringLiteral("translation"), c.translation},
        {QStringLiteral("response_formats"), QJsonArray::fromStringList(c.responseFormats)},
        {QStringLiteral("models"), QJsonArray::fromStringList(c.models)}};
}

} // namespace

int runProviders(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Lists the provider profiles (built-in presets and your own) with their base URL, "
               "model, where the API key comes from, and what they can do. Keys are never shown."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print JSON instead of text."));
    parser.addOption(json);
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(subcommandHelp(parser, QStringLiteral("providers")));
        return Success;
    }
    QSettings settings;
    const ProfileStore store(&settings);
    QJsonArray transcription, speech;
    QString text = Tr::tr("Transcription providers:\n");
    for (const ProviderProfile &p : store.all()) {
        const ProviderCapabilities c = p.capabilities();
        QJsonObject o = p.toJson();
        o.insert(QStringLiteral("capabilities"), capabilitiesJson(c));
        transcription.append(o);
        QStringList features;
        if (c.wordTimestamps)
            features.append(Tr::tr("word times"));
        else if (!c.timed())
            features.append(Tr::tr("text only (timed by speech segments)"));
        if (c.prompt)
            features.append(Tr::tr("prompt"));
        if (c.translation)
            features.append(Tr::tr("translation"));
        if (c.streaming)
            features.append(Tr::tr("streaming"));
        text +=
            QStringLiteral("  %1  %2 [%3]\n      %4%5\n      %6; %7\n")
                .arg(p.id, -12)
                .arg(p.displayName, p.model)
                .arg(p.baseUrl.isEmpty() ? Tr::tr("on this computer") : p.baseUrl.toString())
                .arg(p.needsKey() ? Tr::tr(" (key: %1)").arg(p.keyName) : QString())
                .arg(limit(c.maxUploadBytes, c.maxDurationMs), features.join(QStringLiteral(", ")));
    }
    text += Tr::tr("Speech providers:\n");
    for (const ProviderProfile &p : builtInSpeechProfiles()) {
        speech.append(p.toJson());
        text += QStringLiteral("  %1  %2 [%3]\n").arg(p.id, -12).arg(p.displayName, p.model);
    }
    if (parser.isSet(json))
        printOut(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("transcription"), transcription},
                                      {QStringLiteral("speech"), speech}})
                .toJson(QJsonDocument::Indented)));
    else
        printOut(text);
    return Success;
}

} // namespace cli

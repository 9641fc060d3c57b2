#include "infocommand.h"

#include "cli.h"
#include "mediainfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(InfoCommand)
};

} // namespace

int runInfo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Shows what media files contain: container, duration, size, bitrate and every audio "
               "stream (codec, sample rate, channels, language). The stream Captioneer uses by "
               "default is marked.\nExit status: 0 success, 1 a file could not be read, 2 usage."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("Media files."),
                                 QStringLiteral("FILE..."));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print JSON instead of text."));
    parser.addOption(json);
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(subcommandHelp(parser, QStringLiteral("info")));
        return Success;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printError(Tr::tr("info needs at least one file (see captioneer info --help)."));
        return Usage;
    }
    int status = Success;
    QJsonArray all;
    for (const QString &file : files) {
        auto info = probeMedia(file);
        if (!info) {
            printError(info.error().toString());
            status = Failure;
            continue;
        }
        if (parser.isSet(json))
            all.append(info->toJson());
        else
            printOut(info->toText() + (files.size() > 1 ? QStringLiteral("\n") : QString()));
    }
    if (parser.isSet(json)) {
        const QJsonDocument doc = files.size() == 1 && all.size() == 1
                                      ? QJsonDocument(all.first().toObject())
                                      : QJsonDocument(all);
        printOut(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    }
    return status;
}

} // namespace cli

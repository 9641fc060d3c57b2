#include "cli.h"

#include "checkcommand.h"
#include "convertcommand.h"
#include "credentials.h"
#include "infocommand.h"
#include "providerscommand.h"
#include "speakcommand.h"
#include "subtitlefile.h"
#include "transcribecommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCoroTask>
#include <QFile>

#include <cstdio>

namespace cli {

bool isSubcommand(const QString &name)
{
    return name == u"check" || name == u"convert" || name == u"info" || name == u"providers" ||
           name == u"speak" || name == u"transcribe";
}

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    QStringList rest = arguments;
    rest.removeAt(1);
    rest[0] = arguments[0] + u' ' + command;
    if (command == u"check")
        return runCheck(rest);
    if (command == u"convert")
        return runConvert(rest);
    if (command == u"info")
        return runInfo(rest);
    if (command == u"providers")
        return runProviders(rest);
    if (command == u"speak")
        return runSpeak(rest);
    if (command == u"transcribe")
        return runTranscribe(rest);
    printError(QCoreApplication::translate("Cli", "Unknown command \"%1\".").arg(command));
    return Usage;
}

Result<QByteArray> readInput(const QString &path)
{
    QFile file;
    const bool stdinInput = path == u"-";
    const bool opened = stdinInput ? file.open(stdin, QIODevice::ReadOnly)
                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        Error e = makeError(ErrorCode::IoError,
                            QCoreApplication::translate("Cli", "Cannot read the file: %1.")
                                .arg(file.errorString()));
        e.file = path;
        return e;
    }
    if (!stdinInput && file.size() > kMaxSubtitleBytes) {
        Error e = makeError(ErrorCode::InvalidArgument,
                            QCoreApplication::translate("Cli", "The file is too large (%1 MB).")
                                .arg(file.size() / (1024 * 1024)));
        e.file = path;
        return e;
    }
    QByteArray bytes = file.read(kMaxSubtitleBytes + 1);
    if (bytes.size() > kMaxSubtitleBytes) {
        Error e = makeError(ErrorCode::InvalidArgument,
                            QCoreApplication::translate("Cli", "The input is too large."));
        e.file = path;
        return e;
    }
    return bytes;
}

Result<void> writeOutput(const QString &path, const QByteArray &bytes)
{
    if (path != u"-")
        return writeFileAtomically(path, bytes);
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.flush())
        return makeError(ErrorCode::IoError,
                         QCoreApplication::translate("Cli", "Cannot write to standard output."));
    return {};
}

void printError(const QString &message)
{
    std::fprintf(stderr, "captioneer: %s\n", message.toLocal8Bit().constData());
}

void printWarning(const QString &message)
{
    std::fprintf(stderr, "captioneer: %s: %s\n",
                 QCoreApplication::translate("Cli", "warning").toLocal8Bit().constData(),
                 message.toLocal8Bit().constData());
}

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

std::optional<QByteArray> prepareProfile(ProviderProfile &profile, const QCommandLineParser &parser,
                                         const QCommandLineOption &model,
                                         const QCommandLineOption &baseUrl)
{
    if (parser.isSet(model))
        profile.model = parser.value(model);
    if (parser.isSet(baseUrl))
        profile.baseUrl = QUrl(parser.value(baseUrl));
    const KeyLookup key = QCoro::waitFor(CredentialStore().lookup(profile));
    if (profile.needsKey() && key.key.isEmpty()) {
        printError(key.note);
        return std::nullopt;
    }
    return key.key;
}

QString subcommandHelp(const QCommandLineParser &parser, const QString &command)
{
    // The first line is "Usage: <argv[0]> [options] ..." in the user's language (Qt translates
    // "Usage: %1"): name the command instead of the program's path.
    QString help = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const qsizetype lineEnd = help.indexOf(u'\n');
    const qsizetype at = program.isEmpty() ? -1 : help.indexOf(program);
    if (at >= 0 && (lineEnd < 0 || at < lineEnd))
        help.replace(at, program.size(), QStringLiteral("captioneer ") + command);
    return help;
}

} // namespace cli

#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;
struct ProviderProfile;

// Shared plumbing of the command-line subcommands. Exit codes: 0 success, 1 bad input or a
// failed operation (message on stderr naming the file and line), 2 usage error.
namespace cli {

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

// True when `name` is a subcommand (so main() can choose QCoreApplication over QApplication).
bool isSubcommand(const QString &name);
// Runs `captioneer <subcommand> args...`; `arguments` starts with the program name.
int run(const QStringList &arguments);

// "-" reads stdin / writes stdout.
Result<QByteArray> readInput(const QString &path);
Result<void> writeOutput(const QString &path, const QByteArray &bytes);

void printError(const QString &message);   // "captioneer: message" on stderr
void printWarning(const QString &message); // "captioneer: warning: message" on stderr
void printOut(const QString &text);        // stdout, UTF-8

// Applies --model and --base-url to `profile` and reads its API key (environment variable, then
// keychain). Returns the key (empty for profiles that need none), or prints why a needed key is
// missing and returns nullopt.
std::optional<QByteArray> prepareProfile(ProviderProfile &profile, const QCommandLineParser &parser,
                                         const QCommandLineOption &model,
                                         const QCommandLineOption &baseUrl);

// The parser's help text with the usage line naming "captioneer COMMAND".
QString subcommandHelp(const QCommandLineParser &parser, const QString &command);

} // namespace cli

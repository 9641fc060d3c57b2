#include "cli/cli.h"
#include "mainwindow.h"
#include "settingslock.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>

#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Captioneer"));
    QCoreApplication::setApplicationName(QStringLiteral("captioneer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAPTIONEER_VERSION));
    removeAbandonedApplicationSettingsLock();
}

QString topLevelDescription()
{
    return QCoreApplication::translate(
        "Main", "Captioneer: transcribe audio and video, edit subtitles on a waveform, export SRT "
                "and WebVTT.\n\n"
                "Without a command, opens the editor with the given files.\n\n"
                "Commands (see captioneer COMMAND --help):\n"
                "  check     Check subtitles against a readability preset\n"
                "  convert   Convert subtitles between SRT, WebVTT, JSON and projects\n"
                "  info      Show the container, duration and audio streams of media files\n"
                "  providers List transcription and speech providers and what they can do\n"
                "  speak     Speak text offline (eSpeak NG) or through a speech service\n"
                "  transcribe Transcribe audio or video into timed subtitles");
}

// The editor's own arguments, for its --help and for parsing.
void addWindowArguments(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(
        QStringLiteral("transcribe"),
        QCoreApplication::translate("Main", "Transcribe the media files with this provider "
                                            "profile right away (see captioneer providers)."),
        QStringLiteral("PROFILE")));
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("Main", "Media, subtitle or project files to open."),
        QStringLiteral("[files...]"));
}

bool wantsInfoOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "--version" || a == "-v" || a == "--help-all")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    // Subcommands and --help/--version need no display: use a core application for them.
    if (argc > 1 &&
        (cli::isSubcommand(QString::fromLocal8Bit(argv[1])) || wantsInfoOnly(argc, argv))) {
        QCoreApplication app(argc, argv);
        setIdentity();
        installTranslations(app, languageSetting());
        const QStringList args = QCoreApplication::arguments();
        if (cli::isSubcommand(args.value(1)))
            return cli::run(args);
        QCommandLineParser parser;
        parser.setApplicationDescription(topLevelDescription());
        parser.addHelpOption();
        parser.addVersionOption();
        addWindowArguments(parser);
        parser.process(app); // prints help or version and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    installTranslations(app, languageSetting());
    QApplication::setApplicationDisplayName(QStringLiteral("Captioneer"));
    // Matches the installed .desktop file, so Wayland compositors find the icon and the entry.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.captioneer.Captioneer"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("io.github.captioneer.Captioneer"),
                         QIcon(QStringLiteral(":/icons/io.github.captioneer.Captioneer.svg"))));
    QCommandLineParser parser;
    parser.setApplicationDescription(topLevelDescription());
    parser.addHelpOption();
    parser.addVersionOption();
    addWindowArguments(parser);
    parser.process(app);

    auto window = std::make_unique<MainWindow>();
    window->show();
    QStringList files;
    for (const QString &file : parser.positionalArguments())
        files << QFileInfo(file).absoluteFilePath();
    const QString transcribeWith = parser.value(QStringLiteral("transcribe"));
    if (!transcribeWith.isEmpty())
        window->transcribeFiles(files, transcribeWith);
    else if (!files.isEmpty())
        window->openFiles(files);
    return app.exec();
}

// A Captioneer editor that edits and saves as fast as it can until it is killed: the subject of
// tst_crashsafety. Usage:
//   editor_victim autosave AUTOSAVE_DIR   edits, then autosaves (Autosaver::saveNow) each time
//   editor_victim save PROJECT_PATH       edits, then saves the project (MainWindow::saveTo)
// Edit i sets the text of cue (i % kCues) to "edit i". After each completed save it prints
// "saved i" and flushes (before the first save: "ready SETTINGS_FILE"), so the test knows the last
// save that certainly finished. Stops by itself after kMaxEdits edits.
#include "autosaver.h"
#include "document.h"
#include "mainwindow.h"
#include "settingslock.h"
#include "track.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
constexpr int kCues = 2000; // big enough that a save takes a few milliseconds
constexpr int kMaxEdits = 20000;
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never the user's settings
    QCoreApplication::setOrganizationName(u"Captioneer"_s);
    removeAbandonedApplicationSettingsLock(); // as the application does at start
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    const bool autosave = args.at(1) == u"autosave"_s;
    MainWindow::Options options;
    options.audio = Player::Output::Disabled;
    options.offerRestore = false;
    options.autosave = autosave;
    options.autosaveDirectory = autosave ? args.at(2) : QString();
    MainWindow window(options);
    Cues cues;
    for (int i = 0; i < kCues; ++i) {
        Cue c;
        c.start = i * 2000;
        c.end = c.start + 1500;
        c.text = u"original %1"_s.arg(i);
        cues << c;
    }
    if (!window.document()->load(cues))
        return 3;
    if (autosave)
        window.autosaver()->setIntervalMs(1000 * 1000); // only the explicit saves below
    int edit = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &app, [&] {
        const Cue &cue = window.document()->track()->at(edit % kCues);
        if (!window.document()->setCueText(cue.id, u"edit %1"_s.arg(edit))) {
            std::fprintf(stderr, "editor_victim: edit %d refused\n", edit);
            QCoreApplication::exit(4);
            return;
        }
        if (autosave) {
            const auto saved = window.autosaver()->saveNow();
            if (!saved) {
                std::fprintf(stderr, "editor_victim: autosave %d failed: %s\n", edit,
                             qPrintable(saved.error().toString()));
                QCoreApplication::exit(5);
                return;
            }
        } else if (!window.saveTo(args.at(2))) {
            std::fprintf(stderr, "editor_victim: save %d failed\n", edit);
            QCoreApplication::exit(5);
            return;
        }
        std::printf("saved %d\n", edit);
        std::fflush(stdout);
        if (++edit >= kMaxEdits)
            QCoreApplication::quit();
    });
    timer.start(0);
    std::printf("ready %s\n", qPrintable(QSettings().fileName()));
    std::fflush(stdout);
    return app.exec();
}

// Kills a running editor (SIGKILL) at random moments while it saves its project or autosaves,
// many times, and checks that what is on disk is always a complete, loadable version: the old
// one or the new one, never a mix, and never less than the last save that reported success.
#include "autosaver.h"
#include "document.h"
#include "mainwindow.h"
#include "projectformat.h"
#include "subtitlefile.h"
#include "track.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

constexpr int kCues = 2000; // as in editor_victim.cpp

// The number of the newest edit in `cues` ("edit N"), -1 if none; fails the consistency check
// (returns -2) unless every cue holds exactly what edits 0..N leave there.
int newestEdit(const Cues &cues)
{
    if (cues.size() != kCues)
        return -2;
    int newest = -1;
    static const QRegularExpression editRe(QStringLiteral("^edit (\\d+)$"));
    for (const Cue &c : cues) {
        const auto m = editRe.match(c.text);
        if (m.hasMatch())
            newest = std::max(newest, m.captured(1).toInt());
    }
    for (int i = 0; i < kCues; ++i) {
        // The newest edit of cue i at or before `newest`.
        const int last = newest < i ? -1 : newest - (newest - i) % kCues;
        const QString want = last < 0 ? u"original %1"_s.arg(i) : u"edit %1"_s.arg(last);
        if (cues.at(i).text != want)
            return -2;
    }
    return newest;
}

int iterations()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("CAPTIONEER_KILL_ITERATIONS", &ok);
    return ok && n > 0 ? n : 100;
}

// Starts the victim, lets it work for a random time, kills it; returns the last "saved N"
// it printed (-1 if none).
int runAndKill(const QStringList &args, QString *error)
{
    QProcess victim;
    victim.start(QStringLiteral(CAPTIONEER_BINARY_DIR "/tests/ui/editor_victim"), args);
    if (!victim.waitForStarted(10000)) {
        *error = u"cannot start editor_victim"_s;
        return -1;
    }
    QByteArray out;
    // Wait for the first save, then a random moment within the next ~300 ms.
    for (int i = 0; i < 200 && !out.contains("saved"); ++i) {
        victim.waitForReadyRead(50);
        out += victim.readAllStandardOutput();
    }
    if (!out.contains("saved")) {
        *error = u"the victim never saved: "_s + QString::fromUtf8(victim.readAllStandardError());
        victim.kill();
        victim.waitForFinished(5000);
        return -1;
    }
    QTest::qSleep(int(QRandomGenerator::global()->bounded(5, 300)));
    ::kill(pid_t(victim.processId()), SIGKILL);
    victim.waitForFinished(5000);
    out += victim.readAllStandardOutput();
    int last = -1;
    for (const QByteArray &line : out.split('\n'))
        if (line.startsWith("saved "))
            last = line.mid(6).toInt();
    return last;
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killDuringSave();
    void killDuringAutosave();
};

void TestCrashSafety::killDuringSave()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"work.captioneer"_s);
    const int n = iterations();
    int previous = -1;
    for (int i = 0; i < n; ++i) {
        QString error;
        const int last = runAndKill({u"save"_s, project}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto loaded = readSubtitleFile(project, {SubtitleFormat::Project, {}, {}});
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().toString()));
        const int onDisk = newestEdit(loaded->data.cues);
        QVERIFY2(onDisk != -2, "the saved project is not one consistent version");
        // The last save reported complete is there, or the one after it (killed after the
        // rename, before the print). Each run starts again from the originals.
        QVERIFY2(onDisk == last || onDisk == last + 1,
                 qPrintable(u"on disk %1, last reported %2"_s.arg(onDisk).arg(last)));
        previous = onDisk;
        // Nothing but the project may be left behind (QSaveFile's temporary files are removed
        // or reused; at most one stale one from the killed save).
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).size() <= 2);
    }
    qInfo("%d kills during save survived (last save on disk: edit %d)", n, previous);
}

void TestCrashSafety::killDuringAutosave()
{
    QTemporaryDir dir;
    const int n = iterations();
    for (int i = 0; i < n; ++i) {
        QString error;
        const int last = runAndKill({u"autosave"_s, dir.path()}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Autosaver::Orphan> orphans = Autosaver::findOrphans(dir.path());
        QCOMPARE(orphans.size(), 1);
        auto restored = Autosaver::loadOrphan(orphans.first());
        QVERIFY2(restored, restored ? "" : qPrintable(restored.error().toString()));
        const int onDisk = newestEdit(restored->cues);
        QVERIFY2(onDisk != -2, "the autosave is not one consistent version");
        QVERIFY2(onDisk == last || onDisk == last + 1,
                 qPrintable(u"autosave holds %1, last reported %2"_s.arg(onDisk).arg(last)));
        if (i == 0) {
            // Once, the whole way: a window offered the orphan restores exactly that document.
            MainWindow::Options options;
            options.audio = Player::Output::Disabled;
            options.offerRestore = false;
            options.autosaveDirectory = dir.filePath(u"other"_s);
            MainWindow window(options);
            QVERIFY(window.restoreAutosave(orphans.first()));
            QCOMPARE(newestEdit(window.document()->track()->cues()), onDisk);
            QVERIFY(window.document()->isModified());
        } else {
            Autosaver::removeOrphan(orphans.first());
        }
    }
    qInfo("%d kills during autosave survived", n);
}

QTEST_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"

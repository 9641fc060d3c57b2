// The editor plays through a real audio server: a private PulseAudio daemon with a null sink,
// whose monitor is recorded. Playing a cue moves the playhead across the cue and stops at its end,
// and the sink really received about the cue's length of sound.
#include "../media/mediafixtures.h"
#include "../media/pulsefixture.h"
#include "document.h"
#include "mainwindow.h"
#include "timelineview.h"
#include "track.h"
#include "transportbar.h"

#include <QAction>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestEditorPlayback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void playCueAdvancesPlayheadAndStopsAtEnd();
    void playPauseWithSpace();

private:
    PulseFixture m_pulse;
    QTemporaryDir m_dir;
};

void TestEditorPlayback::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_pulse.start(&error), qPrintable(error));
}

void TestEditorPlayback::playCueAdvancesPlayheadAndStopsAtEnd()
{
    const QString tone = fixtures::path(u"tone.wav"_s); // 5 s of 440/660 Hz
    QVERIFY(!tone.isEmpty());
    MainWindow::Options options;
    options.autosaveDirectory = m_dir.filePath(u"autosave"_s);
    options.offerRestore = false;
    MainWindow w(options);
    w.show();
    QVERIFY2(w.player()->hasAudioOutput(), qPrintable(w.player()->outputStatus()));
    QVERIFY(w.openFile(tone));
    Cue cue;
    cue.start = 1000;
    cue.end = 2500;
    cue.text = u"A tone"_s;
    QVERIFY(w.document()->load({cue}));
    w.selectCue(w.document()->track()->at(0).id);

    QList<qint64> positions;
    connect(w.player(), &Player::positionChanged, this, [&](qint64 ms) { positions << ms; });
    QVERIFY(m_pulse.startRecording());
    w.action(u"play.cue"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.player()->state() == Player::State::Playing, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(w.player()->state() != Player::State::Playing, 6000);
    const std::vector<qint16> recorded = m_pulse.stopRecording();

    // The timeline's playhead followed the player through the cue and stopped at its end.
    QVERIFY(positions.size() > 20);
    QVERIFY(positions.first() >= 1000 && positions.first() < 1200);
    QVERIFY2(std::is_sorted(positions.cbegin(), positions.cend()), "the playhead went back");
    QCOMPARE(w.timeline()->playhead(), 2500);
    QVERIFY(w.transportBar()->positionText().startsWith(u"00:00:02.500"_s));
    // The sink played about 1.5 s of tone.
    const double audible = PulseFixture::audibleMs(recorded);
    QVERIFY2(qAbs(audible - 1500) < 120, qPrintable(QString::number(audible)));
}

void TestEditorPlayback::playPauseWithSpace()
{
    const QString tone = fixtures::path(u"tone.wav"_s);
    MainWindow::Options options;
    options.autosaveDirectory = m_dir.filePath(u"autosave2"_s);
    options.offerRestore = false;
    MainWindow w(options);
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openFile(tone));
    QTest::keyClick(&w, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(w.timeline()->playhead() > 300, 5000);
    QTest::keyClick(&w, Qt::Key_Space);
    QTRY_COMPARE(w.player()->state(), Player::State::Paused);
    const qint64 paused = w.timeline()->playhead();
    QTest::qWait(300);
    QVERIFY(qAbs(w.timeline()->playhead() - paused) < 50);
}

QTEST_MAIN(TestEditorPlayback)
#include "tst_editorplayback.moc"

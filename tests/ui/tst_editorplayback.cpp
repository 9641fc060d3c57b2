// The editor plays through a real audio server: a private PulseAudio daemon with a null sink,
// whose monitor is recorded. Playing a cue moves the playhead across the cue and stops at its end,
// and the sink really received about the cue's length of sound.
#include "../media/mediafixtures.h"
#include "../media/pulsefixture.h"
#include "document.h"
#include "mainwindow.h"
#include "speechpreview.h"
#include "testserver.h"
#include "timelineview.h"
#include "track.h"
#include "transportbar.h"
#include "wavfile.h"

#include <httplib.h>

#include <QSettings>
#include <cmath>
#include <numbers>

#include <QAction>
#include <QSignalSpy>
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
    void speakCue_data();
    void speakCue();

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

void TestEditorPlayback::speakCue_data()
{
    QTest::addColumn<bool>("service");
    QTest::newRow("offline eSpeak NG") << false;
    QTest::newRow("/audio/speech service") << true;
}

// Speaks a cue through the null sink: the sink plays about as long as the synthesised speech,
// a line longer than its cue is flagged, and speaking it again comes from the cache.
void TestEditorPlayback::speakCue()
{
    QFETCH(bool, service);
    TestServer server;
    std::atomic_int requests{0};
    constexpr int kServiceMs = 1200;
    if (service) {
        // 1.2 s of a 330 Hz tone at 24 kHz, as a speech service would return a WAV.
        std::vector<float> tone(24000 * kServiceMs / 1000);
        for (size_t i = 0; i < tone.size(); ++i)
            tone[i] = 0.4f * float(std::sin(2 * std::numbers::pi * 330.0 * double(i) / 24000.0));
        const QByteArray wav = wavBytes(tone, 24000);
        server.http().Post("/v1/audio/speech",
                           [&requests, wav](const httplib::Request &, httplib::Response &res) {
                               ++requests;
                               res.set_content(wav.toStdString(), "audio/wav");
                           });
        QVERIFY(server.start());
        qputenv("CAPTIONEER_SPEECH_KEY", "sk-test-speech");
    }
    {
        QSettings settings;
        settings.setValue(u"speech/engine"_s, service ? u"openai"_s : u"espeak"_s);
        settings.setValue(u"speech/url"_s, server.url(u"/v1"_s));
        settings.setValue(u"speech/model"_s, u"tts-1"_s);
    }
    MainWindow::Options options;
    options.autosaveDirectory = m_dir.filePath(u"autosave3"_s);
    options.offerRestore = false;
    MainWindow w(options);
    w.show();
    Cue cue;
    cue.start = 1000;
    cue.end = 1500; // too short for the line: a warning
    cue.text = u"Welcome to the subtitle editor."_s;
    QVERIFY(w.document()->load({cue}));
    w.selectCue(w.document()->track()->at(0).id);
    SpeechPreview *speech = w.speechPreview();
    QSignalSpy spoken(speech, &SpeechPreview::spoken);
    QSignalSpy warned(speech, &SpeechPreview::warning);
    QSignalSpy failed(speech, &SpeechPreview::failed);
    QVERIFY(m_pulse.startRecording());
    w.action(u"play.speak"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!spoken.isEmpty() || !failed.isEmpty(), 20000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const qint64 speechMs = spoken.first().at(1).toLongLong();
    if (service)
        QCOMPARE(speechMs, kServiceMs);
    QVERIFY(speechMs > 800);
    QCOMPARE(warned.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(speech->voicePlayer()->state() != Player::State::Playing,
                             speechMs + 5000);
    const std::vector<qint16> recorded = m_pulse.stopRecording();
    const double audible = PulseFixture::audibleMs(recorded);
    // eSpeak's pauses inside the line are quiet: compare with some slack for leading silence.
    QVERIFY2(audible > speechMs * 0.75 && audible < speechMs + 150,
             qPrintable(u"audible %1 ms, speech %2 ms"_s.arg(audible).arg(speechMs)));
    // Again: from the cache, no new synthesis.
    const int synthesized = speech->synthesisCount();
    w.action(u"play.speak"_s)->trigger();
    QTRY_COMPARE(spoken.size(), 2);
    QCOMPARE(speech->synthesisCount(), synthesized);
    if (service)
        QCOMPARE(requests.load(), 1);
    speech->stop();
}

QTEST_MAIN(TestEditorPlayback)
#include "tst_editorplayback.moc"

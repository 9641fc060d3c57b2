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
    void speakFromHereOverOrInsteadOfMedia_data();
    void speakFromHereOverOrInsteadOfMedia();

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

namespace {

// A loopback /audio/speech service answering every request with `ms` of a 330 Hz tone (amplitude
// 0.4) as a 24 kHz WAV, counted in `requests`; Settings ▸ Speech then points at `server` (or at
// the offline engine when `server` is null).
void serveSpeech(TestServer &server, int ms, std::atomic_int *requests)
{
    std::vector<float> tone(size_t(24000 * ms / 1000));
    for (size_t i = 0; i < tone.size(); ++i)
        tone[i] = 0.4f * float(std::sin(2 * std::numbers::pi * 330.0 * double(i) / 24000.0));
    const QByteArray wav = wavBytes(tone, 24000);
    server.http().Post("/v1/audio/speech",
                       [requests, wav](const httplib::Request &, httplib::Response &res) {
                           ++*requests;
                           res.set_content(wav.toStdString(), "audio/wav");
                       });
}

void chooseSpeech(const TestServer *server)
{
    QSettings settings;
    settings.setValue(u"speech/engine"_s, server ? u"openai"_s : u"espeak"_s);
    settings.setValue(u"speech/url"_s, server ? server->url(u"/v1"_s) : QString());
    settings.setValue(u"speech/model"_s, u"tts-1"_s);
    qputenv("CAPTIONEER_SPEECH_KEY", "sk-test-speech");
}

} // namespace

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
        serveSpeech(server, kServiceMs, &requests);
        QVERIFY(server.start());
    }
    chooseSpeech(service ? &server : nullptr);
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

namespace {

// Amplitude (0..1) of the `hz` sine in `samples` over [fromMs, toMs): one DFT bin.
double toneAmplitude(const std::vector<qint16> &samples, double hz, qint64 fromMs, qint64 toMs)
{
    const size_t from = size_t(fromMs * PulseFixture::kRecordRate / 1000);
    const size_t to = std::min(samples.size(), size_t(toMs * PulseFixture::kRecordRate / 1000));
    if (to <= from)
        return 0;
    double re = 0, im = 0;
    const double w = 2 * std::numbers::pi * hz / PulseFixture::kRecordRate;
    for (size_t i = from; i < to; ++i) {
        const double x = samples[i] / 32768.0;
        re += x * std::cos(w * double(i));
        im -= x * std::sin(w * double(i));
    }
    return 2 * std::hypot(re, im) / double(to - from);
}

// Where the `hz` sine first sounds in `samples` (50 ms windows), in ms; -1 if never.
qint64 toneStartMs(const std::vector<qint16> &samples, double hz)
{
    const qint64 lengthMs = qint64(samples.size()) * 1000 / PulseFixture::kRecordRate;
    for (qint64 at = 0; at + 50 <= lengthMs; at += 25) {
        if (toneAmplitude(samples, hz, at, at + 50) > 0.1)
            return at;
    }
    return -1;
}

} // namespace

void TestEditorPlayback::speakFromHereOverOrInsteadOfMedia_data()
{
    QTest::addColumn<bool>("over");
    QTest::newRow("over the media") << true;
    QTest::newRow("instead of the media") << false;
}

// Speak from Here with "Speak over the Media" on: the sink plays the media's tone (440 Hz) and the
// spoken line (a 330 Hz tone from a loopback /audio/speech server) together; off: the line alone,
// the media stays paused.
void TestEditorPlayback::speakFromHereOverOrInsteadOfMedia()
{
    QFETCH(bool, over);
    TestServer server;
    constexpr int kSpeechMs = 1000;
    std::atomic_int requests{0};
    serveSpeech(server, kSpeechMs, &requests);
    QVERIFY(server.start());
    chooseSpeech(&server);
    MainWindow::Options options;
    options.autosaveDirectory = m_dir.filePath(u"autosave4"_s);
    options.offerRestore = false;
    MainWindow w(options);
    w.show();
    QVERIFY(w.openFile(fixtures::path(u"tone.wav"_s)));
    Cue cue;
    cue.start = 1000;
    cue.end = 2500;
    cue.text = u"Over the tone."_s;
    QVERIFY(w.document()->load({cue}));
    w.selectCue(w.document()->track()->at(0).id);
    QAction *mix = w.action(u"play.speakMix"_s);
    QVERIFY(mix && mix->isCheckable());
    mix->setChecked(over);

    SpeechPreview *speech = w.speechPreview();
    QSignalSpy spoken(speech, &SpeechPreview::spoken);
    QSignalSpy failed(speech, &SpeechPreview::failed);
    QVERIFY(m_pulse.startRecording());
    w.action(u"play.speakFrom"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!spoken.isEmpty() || !failed.isEmpty(), 10000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(speech->voicePlayer()->state() != Player::State::Playing, 8000);
    w.player()->pause();
    const std::vector<qint16> recorded = m_pulse.stopRecording();
    speech->stop();

    // The spoken line is in the recording either way; measure over its middle.
    const qint64 start = toneStartMs(recorded, 330);
    QVERIFY2(start >= 0, "the spoken line is not in the recording");
    const double voiceLevel = toneAmplitude(recorded, 330, start + 200, start + kSpeechMs - 200);
    const double mediaLevel = toneAmplitude(recorded, 440, start + 200, start + kSpeechMs - 200);
    qInfo("330 Hz (speech) %.3f, 440 Hz (media) %.3f", voiceLevel, mediaLevel);
    QVERIFY2(voiceLevel > 0.1, qPrintable(QString::number(voiceLevel)));
    if (over)
        QVERIFY2(mediaLevel > 0.05, qPrintable(QString::number(mediaLevel)));
    else
        QVERIFY2(mediaLevel < 0.01, qPrintable(QString::number(mediaLevel)));
}

QTEST_MAIN(TestEditorPlayback)
#include "tst_editorplayback.moc"

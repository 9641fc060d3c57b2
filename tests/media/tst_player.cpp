#include "mediafixtures.h"
#include "player.h"
#include "pulsefixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

// Plays through a real PulseAudio null sink and records its monitor, so assertions are about what
// was actually played: length, level and pitch.
class TestPlayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rangeStopsExactlyAtItsEnd();
    void speedKeepsPitchAndHalvesTime();
    void loopsARange();
    void pauseFreezesTheClock();
    void seekWhilePlaying();
    void playsSampleBuffers();
    void withoutOutputTheClockStillRuns();
    void reportsBadMedia();
    void clockMatchesWhatWasPlayed_data();
    void clockMatchesWhatWasPlayed();

private:
    PulseFixture m_pulse;
};

void TestPlayer::initTestCase()
{
    QString error;
    QVERIFY2(m_pulse.start(&error), qPrintable(error));
    for (const char *f : {"tone.wav", "stereo-split.wav", "tone.mp3"})
        QVERIFY(!fixtures::path(QString::fromLatin1(f)).isEmpty());
}

void TestPlayer::rangeStopsExactlyAtItsEnd()
{
    Player player;
    QVERIFY2(player.hasAudioOutput(), qPrintable(player.outputStatus()));
    QVERIFY(player.setMedia(fixtures::path(u"tone.wav"_s)).ok());
    QCOMPARE(player.durationMs(), 5000);
    QSignalSpy finished(&player, &Player::finished);
    QList<qint64> positions;
    connect(&player, &Player::positionChanged, this, [&](qint64 ms) { positions.append(ms); });
    QVERIFY(m_pulse.startRecording());
    QElapsedTimer wall;
    wall.start();
    player.playRange(1000, 2000);
    QCOMPARE(player.state(), Player::State::Playing);
    QVERIFY(finished.wait(10000));
    const qint64 took = wall.elapsed();
    const std::vector<qint16> recorded = m_pulse.stopRecording();
    QCOMPARE(player.state(), Player::State::Stopped);
    QCOMPARE(player.position(), 2000);
    QCOMPARE(positions.last(), 2000);
    // Positions move forward through the range at display rate.
    QVERIFY2(positions.size() >= 20, qPrintable(QString::number(positions.size())));
    for (int i = 1; i < positions.size(); ++i) {
        QVERIFY(positions[i] >= positions[i - 1]);
        QVERIFY(positions[i] >= 1000 && positions[i] <= 2000);
    }
    // What the sink played: one second of the tone, not silence.
    const double audible = PulseFixture::audibleMs(recorded);
    QVERIFY2(std::abs(audible - 1000.0) <= 50.0, qPrintable(QString::number(audible)));
    QVERIFY(PulseFixture::rms(recorded) > 0.02);
    QVERIFY2(took >= 950 && took < 3000, qPrintable(QString::number(took)));
}

void TestPlayer::speedKeepsPitchAndHalvesTime()
{
    Player player;
    QVERIFY(player.setMedia(fixtures::path(u"stereo-split.wav"_s)).ok()); // 440 Hz on the left
    player.setSpeed(2.0);
    QSignalSpy finished(&player, &Player::finished);
    QVERIFY(m_pulse.startRecording());
    player.playRange(0, 2000);
    QVERIFY(finished.wait(10000));
    const std::vector<qint16> recorded = m_pulse.stopRecording();
    QCOMPARE(player.position(), 2000);
    const double audible = PulseFixture::audibleMs(recorded);
    QVERIFY2(std::abs(audible - 1000.0) <= 60.0, qPrintable(QString::number(audible)));
    const double hz = PulseFixture::zeroCrossingHz(recorded);
    QVERIFY2(std::abs(hz - 440.0) < 15.0, qPrintable(QString::number(hz))); // not 880: pitch kept
    player.setSpeed(9.0);
    QCOMPARE(player.speed(), 2.0);
}

void TestPlayer::loopsARange()
{
    Player player;
    QVERIFY(player.setMedia(fixtures::path(u"tone.wav"_s)).ok());
    player.setLoop(true);
    QList<qint64> positions;
    connect(&player, &Player::positionChanged, this, [&](qint64 ms) { positions.append(ms); });
    player.playRange(500, 1000);
    QTest::qWait(1400);
    QCOMPARE(player.state(), Player::State::Playing);
    int wraps = 0;
    for (int i = 1; i < positions.size(); ++i) {
        QVERIFY(positions[i] >= 500 && positions[i] <= 1000);
        wraps += positions[i] < positions[i - 1];
    }
    QVERIFY2(wraps >= 2, qPrintable(QString::number(wraps)));
    player.stop();
    QCOMPARE(player.state(), Player::State::Stopped);
}

void TestPlayer::pauseFreezesTheClock()
{
    Player player;
    QVERIFY(player.setMedia(fixtures::path(u"tone.mp3"_s)).ok());
    player.play();
    QTest::qWait(400);
    player.pause();
    QCOMPARE(player.state(), Player::State::Paused);
    const qint64 paused = player.position();
    QVERIFY2(paused > 150 && paused < 900, qPrintable(QString::number(paused)));
    QTest::qWait(300);
    QCOMPARE(player.position(), paused);
    player.play();
    QTest::qWait(300);
    QVERIFY(player.position() > paused + 100);
    player.stop();
    const qint64 stopped = player.position();
    QTest::qWait(100);
    QCOMPARE(player.position(), stopped);
}

void TestPlayer::seekWhilePlaying()
{
    Player player;
    QVERIFY(player.setMedia(fixtures::path(u"tone.wav"_s)).ok());
    QSignalSpy finished(&player, &Player::finished);
    player.play();
    QTest::qWait(200);
    player.seek(4500);
    QTest::qWait(100);
    QVERIFY2(player.position() >= 4500, qPrintable(QString::number(player.position())));
    QVERIFY(finished.wait(5000)); // plays on to the end of the media
    QCOMPARE(player.position(), 5000);
    player.seek(1234); // stopped: just moves
    QCOMPARE(player.position(), 1234);
}

void TestPlayer::playsSampleBuffers()
{
    Player player;
    QVERIFY(player.setMedia(fixtures::path(u"tone.wav"_s)).ok());
    player.seek(3000);
    std::vector<float> samples(11025); // 0.5 s at 22.05 kHz
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = 0.5f * std::sin(2.0f * float(M_PI) * 660.0f * float(i) / 22050.0f);
    QSignalSpy finished(&player, &Player::finished);
    QVERIFY(m_pulse.startRecording());
    player.playSamples(samples, 22050);
    QVERIFY(player.isPlayingSamples());
    QVERIFY(finished.wait(5000));
    const std::vector<qint16> recorded = m_pulse.stopRecording();
    QVERIFY(!player.isPlayingSamples());
    QCOMPARE(player.position(), 3000); // the media position is untouched
    const double audible = PulseFixture::audibleMs(recorded);
    QVERIFY2(std::abs(audible - 500.0) <= 40.0, qPrintable(QString::number(audible)));
    QVERIFY(std::abs(PulseFixture::zeroCrossingHz(recorded) - 660.0) < 15.0);
}

void TestPlayer::withoutOutputTheClockStillRuns()
{
    Player player(nullptr, Player::Output::Disabled);
    QVERIFY(!player.hasAudioOutput());
    QVERIFY(!player.outputStatus().isEmpty());
    QVERIFY(player.setMedia(fixtures::path(u"tone.wav"_s)).ok());
    QSignalSpy finished(&player, &Player::finished);
    QList<qint64> positions;
    connect(&player, &Player::positionChanged, this, [&](qint64 ms) { positions.append(ms); });
    player.setSpeed(2.0);
    player.playRange(1000, 1600);
    QVERIFY(finished.wait(5000));
    QCOMPARE(player.position(), 1600);
    QVERIFY(positions.size() >= 5);
    QVERIFY(std::is_sorted(positions.cbegin(), positions.cend()));
}

void TestPlayer::reportsBadMedia()
{
    Player player;
    auto r = player.setMedia(fixtures::path(u"notmedia.wav"_s));
    QVERIFY(!r.ok());
    QVERIFY(player.mediaPath().isEmpty());
    player.play(); // nothing to play: no crash, stays stopped
    QCOMPARE(player.state(), Player::State::Stopped);
}

void TestPlayer::clockMatchesWhatWasPlayed_data()
{
    QTest::addColumn<int>("playMs");
    QTest::addColumn<double>("speed");
    QTest::newRow("400 ms") << 400 << 1.0;
    QTest::newRow("900 ms") << 900 << 1.0;
    QTest::newRow("1500 ms") << 1500 << 1.0;
    QTest::newRow("900 ms at 1.5x") << 900 << 1.5;
}

// The position when playback stops must equal the media time of the audio the sink rendered.
void TestPlayer::clockMatchesWhatWasPlayed()
{
    QFETCH(int, playMs);
    QFETCH(double, speed);
    Player player;
    QVERIFY(player.setMedia(fixtures::path(u"tone.wav"_s)).ok());
    player.setSpeed(speed);
    player.seek(500);
    QVERIFY(m_pulse.startRecording());
    player.play();
    QTest::qWait(playMs);
    const qint64 before = player.position();
    player.stop();
    const qint64 played = player.position() - 500;
    const std::vector<qint16> recorded = m_pulse.stopRecording();
    const double audibleMediaMs = PulseFixture::audibleMs(recorded) * speed;
    qInfo("reported %lld ms of media, sink rendered %.1f ms of media (difference %.1f ms)", played,
          audibleMediaMs, double(played) - audibleMediaMs);
    QVERIFY(player.position() >= before);
    QVERIFY2(std::abs(double(played) - audibleMediaMs) <= 20.0 * speed,
             qPrintable(QString::number(double(played) - audibleMediaMs)));
}

QTEST_GUILESS_MAIN(TestPlayer)
#include "tst_player.moc"

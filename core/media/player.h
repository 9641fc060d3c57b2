#pragma once

#include "result.h"

#include <QAudioFormat>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

class PlaybackFeed;
class QAudioSink;
class QIODevice;

// Plays the document's media (or any PCM buffer, e.g. a text-to-speech preview) through a
// QAudioSink. Decodes on demand from the file on a feed thread, so memory stays small for long
// files. Ranges stop exactly at their end or loop; speed 0.5x-2x keeps the pitch.
//
// The position comes from the sink's processed-sample clock (what the audio server has played)
// mapped through the speed, and is emitted at display rate while playing. Without an audio device
// the player says so (hasAudioOutput() is false) and a wall clock advances instead, so the editor
// and tests behave the same. GUI thread only.
class Player : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Playing, Paused };
    Q_ENUM(State)
    enum class Output { Default, Disabled }; // Disabled: never open a device (tests, "no audio")

    explicit Player(QObject *parent = nullptr, Output output = Output::Default);
    ~Player() override;

    // The media to play; probes it. Stops playback.
    Result<void> setMedia(const QString &path, int streamIndex = -1);
    void clearMedia();
    QString mediaPath() const { return m_path; }
    qint64 durationMs() const { return m_durationMs; }

    void play();                                  // from position() to the end of the media
    void playRange(qint64 startMs, qint64 endMs); // [start, end): stops exactly at end, or loops
    void pause();
    void stop();
    void seek(qint64 ms);
    void setLoop(bool loop);
    bool loop() const { return m_loop; }
    // Pitch-preserving, 0.5 to 2.0; out-of-range values are clamped. Applies at once.
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    void setVolume(double volume); // 0..1
    double volume() const { return m_volume; }

    // Plays mono samples (any rate) instead of the media, e.g. a synthesised line. The media
    // position is left alone; finished() is emitted at the end.
    void playSamples(std::vector<float> samples, int sampleRate);
    bool isPlayingSamples() const { return m_samplesMode; }

    State state() const { return m_state; }
    qint64 position() const;
    bool hasAudioOutput() const { return m_hasOutput; }
    // "", or why there is no sound ("No audio output device is available.").
    QString outputStatus() const { return m_outputStatus; }
    int outputSampleRate() const { return m_format.sampleRate(); }

Q_SIGNALS:
    void stateChanged(Player::State state);
    void positionChanged(qint64 ms);
    void finished(); // the media, the range or the samples played to the end (not after stop())
    void errorOccurred(const QString &message);

private:
    void setupOutput(Output output);
    void startSegment(qint64 fromMs, std::shared_ptr<const std::vector<float>> samples = {});
    void stopSegment();
    void tick();
    void feedSink();
    void endReached();
    void setState(State state);
    qint64 segmentElapsedUs() const;
    qint64 playbackEndMs() const;

    QString m_path;
    int m_streamIndex = -1;
    qint64 m_durationMs = 0;

    QAudioFormat m_format;
    QAudioSink *m_sink = nullptr;
    QIODevice *m_sinkDevice = nullptr;
    bool m_hasOutput = false;
    QString m_outputStatus;
    std::unique_ptr<PlaybackFeed> m_feed;
    std::vector<qint16> m_scratch;
    qint64 m_written = 0; // samples written to the sink in this segment

    QTimer m_timer;
    QElapsedTimer m_wallClock;      // clock when there is no sink
    qint64 m_wallAccumulatedUs = 0; // wall clock time before the last pause
    State m_state = State::Stopped;
    qint64 m_position = 0;       // position when not playing
    qint64 m_segmentStartMs = 0; // media position the segment started at
    qint64 m_rangeStart = -1, m_rangeEnd = -1;
    bool m_loop = false;
    double m_speed = 1.0;
    double m_volume = 1.0;
    bool m_samplesMode = false;
    qint64 m_samplesDurationMs = 0;
    qint64 m_lastEmitted = -1;
};

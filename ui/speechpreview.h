#pragma once

#include "cue.h"
#include "player.h"
#include "providerprofile.h"
#include "result.h"
#include "transcriptionclient.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class Track;

// Text-to-speech preview of cues: "speak this cue" and "speak from here" (cue after cue at their
// start times, mixed over the media or instead of it). Synthesised audio is cached per (text,
// provider, voice, speed), so replaying is instant. Plays through its own Player, so the voice can
// sound over the media player. GUI thread only; the media player and track must outlive it.
class SpeechPreview : public QObject {
    Q_OBJECT
public:
    static constexpr int kCacheEntries = 256;

    SpeechPreview(Player *media, QNetworkAccessManager *nam,
                  Player::Output output = Player::Output::Default, QObject *parent = nullptr);
    ~SpeechPreview() override;

    // The speech profile (kind "espeak" = offline, or an OpenAI-style /audio/speech service).
    void setProfile(const ProviderProfile &profile);
    const ProviderProfile &profile() const { return m_profile; }
    void setVoice(const QString &voice) { m_voice = voice; }
    void setSpeed(double speed) { m_speed = speed; }
    Player *voicePlayer() const { return m_player; }

    // Speaks one cue. Warns (warning()) when the speech is longer than the cue.
    void speakCue(const Cue &cue);
    // Reads the cues of `track` from row `row` on, each at its start time. `mix`: the media plays
    // underneath; otherwise only the voices, on a clock that moves the playhead.
    void speakFrom(const Track *track, int row, bool mix);
    void stop();
    bool isSpeaking() const { return m_running; }

    int cacheSize() const { return int(m_cache.size()); }
    int synthesisCount() const { return m_synthesized; } // requests made (cache misses)

Q_SIGNALS:
    void spoken(CueId cue, qint64 speechMs); // playback of a cue's speech started
    void warning(const QString &message);
    void failed(const QString &message);
    void positionChanged(qint64 ms); // "speak from here" without media: the reading clock
    void stopped();

private:
    using Speech = std::shared_ptr<const SynthesizedSpeech>;
    QString cacheKey(const QString &text) const;
    QCoro::Task<Result<Speech>> synthesize(QString text);
    QCoro::Task<> speakCueTask(Cue cue);
    void prefetch(int fromRow);
    void tick();
    void play(const Cue &cue, const Speech &speech);

    QPointer<Player> m_media;
    QPointer<QNetworkAccessManager> m_nam;
    Player *m_player;
    ProviderProfile m_profile;
    QString m_voice;
    double m_speed = 1.0;
    std::unique_ptr<SpeechClient> m_client;
    QByteArray m_clientKey;
    QHash<QString, Speech> m_cache;
    QList<QString> m_cacheOrder; // oldest first
    QHash<QString, bool> m_pending;
    int m_synthesized = 0;
    // "Speak from here"
    QPointer<const Track> m_track;
    int m_nextRow = -1;
    bool m_mix = false;
    bool m_running = false;
    qint64 m_clockStartMs = 0;
    QElapsedTimer m_clock;
    QTimer m_timer;
    quint64 m_generation = 0;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

#include "speechpreview.h"

#include "credentials.h"
#include "providerregistry.h"
#include "textmetrics.h"
#include "track.h"

#include <QCoroTask>

SpeechPreview::SpeechPreview(Player *media, QNetworkAccessManager *nam, Player::Output output,
                             QObject *parent)
    : QObject(parent)
    , m_media(media)
    , m_nam(nam)
    , m_player(new Player(this, output))
{
    m_profile = builtInSpeechProfiles().constFirst();
    m_timer.setInterval(15);
    connect(&m_timer, &QTimer::timeout, this, &SpeechPreview::tick);
}

SpeechPreview::~SpeechPreview()
{
    *m_alive = false;
}

void SpeechPreview::setProfile(const ProviderProfile &profile)
{
    m_profile = profile;
    m_client.reset();
}

QString SpeechPreview::cacheKey(const QString &text) const
{
    return m_profile.id + u'\x1f' + m_profile.kind + u'\x1f' + m_profile.baseUrl.toString() +
           u'\x1f' + m_profile.model + u'\x1f' + m_voice + u'\x1f' + QString::number(m_speed) +
           u'\x1f' + text;
}

QCoro::Task<Result<SpeechPreview::Speech>> SpeechPreview::synthesize(QString text)
{
    const QString key = cacheKey(text);
    if (const auto it = m_cache.constFind(key); it != m_cache.cend())
        co_return *it;
    std::shared_ptr<bool> alive = m_alive;
    if (!m_client) {
        const KeyLookup lookup = co_await lookupKey(m_profile);
        if (!*alive)
            co_return makeError(ErrorCode::Cancelled, tr("Cancelled."));
        if (m_profile.needsKey() && lookup.key.isEmpty())
            co_return makeError(ErrorCode::InvalidArgument, lookup.note);
        auto client = createSpeechClient(m_profile, m_nam, lookup.key);
        if (!client)
            co_return client.error();
        m_client = std::move(*client);
    }
    SpeechRequest request;
    request.text = text;
    request.voice =
        m_voice.isEmpty() ? m_profile.options.value(QStringLiteral("voice")).toString() : m_voice;
    request.speed = m_speed;
    auto control = std::make_shared<HttpControl>();
    ++m_synthesized;
    auto result = co_await m_client->synthesize(request, control);
    if (!*alive)
        co_return makeError(ErrorCode::Cancelled, tr("Cancelled."));
    if (!result)
        co_return result.error();
    auto speech = std::make_shared<const SynthesizedSpeech>(std::move(*result));
    m_cache.insert(key, speech);
    m_cacheOrder.append(key);
    while (m_cacheOrder.size() > kCacheEntries)
        m_cache.remove(m_cacheOrder.takeFirst());
    co_return Speech(speech);
}

void SpeechPreview::speakCue(const Cue &cue)
{
    stop();
    speakCueTask(cue);
}

QCoro::Task<> SpeechPreview::speakCueTask(Cue cue)
{
    const quint64 generation = ++m_generation;
    std::shared_ptr<bool> alive = m_alive;
    const QString text = visibleText(cue.text).replace(u'\n', u' ').trimmed();
    if (text.isEmpty())
        co_return;
    auto speech = co_await synthesize(text);
    if (!*alive || generation != m_generation)
        co_return;
    if (!speech) {
        Q_EMIT failed(speech.error().toString());
        co_return;
    }
    play(cue, *speech);
}

void SpeechPreview::play(const Cue &cue, const Speech &speech)
{
    const qint64 ms = speech->durationMs();
    if (ms > cue.duration())
        Q_EMIT warning(tr("The spoken line takes %1 s, longer than the cue (%2 s).")
                           .arg(double(ms) / 1000.0, 0, 'f', 1)
                           .arg(double(cue.duration()) / 1000.0, 0, 'f', 1));
    m_player->playSamples(speech->samples, speech->sampleRate);
    Q_EMIT spoken(cue.id, ms);
}

void SpeechPreview::speakFrom(const Track *track, int row, bool mix)
{
    stop();
    if (!track || row < 0 || row >= track->count())
        return;
    ++m_generation;
    m_track = track;
    m_nextRow = row;
    m_mix = mix && m_media && !m_media->mediaPath().isEmpty();
    m_running = true;
    m_clockStartMs = track->at(row).start;
    prefetch(row);
    if (m_mix) {
        m_media->seek(m_clockStartMs);
        m_media->play();
    } else {
        if (m_media)
            m_media->pause();
        m_clock.start();
    }
    m_timer.start();
}

void SpeechPreview::prefetch(int fromRow)
{
    // Two cues ahead, so each is ready when its time comes.
    for (int r = fromRow; m_track && r < std::min(fromRow + 3, m_track->count()); ++r) {
        const QString text = visibleText(m_track->at(r).text).replace(u'\n', u' ').trimmed();
        const QString key = cacheKey(text);
        if (text.isEmpty() || m_cache.contains(key) || m_pending.contains(key))
            continue;
        m_pending.insert(key, true);
        std::shared_ptr<bool> alive = m_alive;
        synthesize(text).then([this, alive, key](const Result<Speech> &r) {
            if (!*alive)
                return;
            m_pending.remove(key);
            if (!r && r.error().code != ErrorCode::Cancelled)
                Q_EMIT failed(r.error().toString());
        });
    }
}

void SpeechPreview::tick()
{
    if (!m_running || !m_track) {
        stop();
        return;
    }
    const qint64 now = m_mix ? m_media->position() : m_clockStartMs + m_clock.elapsed();
    if (!m_mix)
        Q_EMIT positionChanged(now);
    if (m_nextRow >= m_track->count()) {
        if (m_player->state() != Player::State::Playing)
            stop(); // the last line was spoken
        return;
    }
    const Cue &cue = m_track->at(m_nextRow);
    if (now < cue.start)
        return;
    const QString text = visibleText(cue.text).replace(u'\n', u' ').trimmed();
    const auto it = m_cache.constFind(cacheKey(text));
    if (text.isEmpty() || it != m_cache.cend()) {
        if (it != m_cache.cend())
            play(cue, *it);
        ++m_nextRow;
        prefetch(m_nextRow);
        return;
    }
    // Not synthesised yet (a slow service): wait for it rather than skipping the line.
    prefetch(m_nextRow);
}

void SpeechPreview::stop()
{
    const bool was = m_running;
    m_running = false;
    m_timer.stop();
    ++m_generation;
    m_player->stop();
    if (was && m_mix && m_media)
        m_media->pause();
    if (was)
        Q_EMIT stopped();
}

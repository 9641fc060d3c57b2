#include "player.h"

#include "mediainfo.h"
#include "playbackfeed.h"
#include "tempofilter.h"

#include <QAudioDevice>
#include <QAudioSink>
#include <QCoreApplication>
#include <QMediaDevices>

#include <cmath>

namespace {

constexpr int kTickMs = 15;           // feeding and position updates (about display rate)
constexpr qint64 kSinkBufferMs = 100; // audio queued in the server: the seek/stop latency

} // namespace

Player::Player(QObject *parent, Output output)
    : QObject(parent)
{
    m_timer.setInterval(kTickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Player::tick);
    setupOutput(output);
}

Player::~Player()
{
    stopSegment();
}

void Player::setupOutput(Output output)
{
    m_format.setChannelCount(1);
    m_format.setSampleFormat(QAudioFormat::Int16);
    m_format.setSampleRate(48000);
    if (output == Output::Disabled) {
        m_outputStatus = tr("Audio output is turned off.");
        return;
    }
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull()) {
        m_outputStatus = tr("No audio output device is available; playback runs silently.");
        return;
    }
    const int preferred = device.preferredFormat().sampleRate();
    if (preferred >= 8000)
        m_format.setSampleRate(preferred);
    if (!device.isFormatSupported(m_format))
        m_format.setChannelCount(2);
    if (!device.isFormatSupported(m_format)) {
        m_outputStatus =
            tr("The audio device does not accept 16-bit audio; playback runs silently.");
        return;
    }
    m_sink = new QAudioSink(device, m_format, this);
    m_sink->setBufferSize(qsizetype(m_format.bytesForDuration(kSinkBufferMs * 1000)));
    m_hasOutput = true;
}

Result<void> Player::setMedia(const QString &path, int streamIndex)
{
    stop();
    auto info = probeMedia(path);
    if (!info)
        return info.error();
    m_path = path;
    m_streamIndex = streamIndex;
    m_durationMs = std::max<qint64>(0, info->durationMs);
    m_position = 0;
    Q_EMIT positionChanged(0);
    return {};
}

void Player::clearMedia()
{
    stop();
    m_path.clear();
    m_durationMs = 0;
    m_position = 0;
}

void Player::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

qint64 Player::playbackEndMs() const
{
    if (m_samplesMode)
        return m_samplesDurationMs;
    return m_rangeEnd >= 0 ? m_rangeEnd : m_durationMs;
}

qint64 Player::segmentElapsedUs() const
{
    if (m_sink && m_sinkDevice)
        return m_sink->processedUSecs();
    return m_wallAccumulatedUs + (m_wallClock.isValid() ? m_wallClock.nsecsElapsed() / 1000 : 0);
}

qint64 Player::position() const
{
    if (m_state == State::Stopped || m_samplesMode)
        return m_position;
    const double sourceMs = double(segmentElapsedUs()) / 1000.0 * m_speed;
    qint64 pos = m_segmentStartMs + qint64(std::llround(sourceMs));
    const qint64 end = playbackEndMs();
    if (m_loop && m_rangeStart >= 0 && m_rangeEnd > m_rangeStart && pos >= m_rangeEnd)
        pos = m_rangeStart + (pos - m_rangeEnd) % (m_rangeEnd - m_rangeStart);
    return std::clamp<qint64>(pos, 0, std::max<qint64>(end, 0));
}

void Player::play()
{
    if (m_samplesMode)
        stop();
    if (m_state == State::Paused && m_rangeStart < 0) {
        // Resume where we paused.
        setState(State::Playing);
        if (m_sink && m_sinkDevice)
            m_sink->resume();
        else
            m_wallClock.start();
        m_timer.start();
        return;
    }
    if (m_path.isEmpty())
        return;
    m_rangeStart = m_rangeEnd = -1;
    qint64 from = m_state == State::Stopped ? m_position : position();
    if (from >= m_durationMs)
        from = 0;
    startSegment(from);
}

void Player::playRange(qint64 startMs, qint64 endMs)
{
    if (m_path.isEmpty() || endMs <= startMs)
        return;
    if (m_samplesMode)
        stop();
    m_rangeStart = std::max<qint64>(0, startMs);
    m_rangeEnd = m_durationMs > 0 ? std::min(endMs, m_durationMs) : endMs;
    startSegment(m_rangeStart);
}

void Player::pause()
{
    if (m_state != State::Playing)
        return;
    m_timer.stop();
    if (m_sink && m_sinkDevice) {
        m_sink->suspend();
    } else {
        m_wallAccumulatedUs += m_wallClock.nsecsElapsed() / 1000;
        m_wallClock.invalidate();
    }
    setState(State::Paused);
    Q_EMIT positionChanged(position());
}

void Player::stop()
{
    if (m_state == State::Stopped)
        return;
    if (!m_samplesMode)
        m_position = position();
    stopSegment();
    m_samplesMode = false;
    setState(State::Stopped);
    Q_EMIT positionChanged(m_position);
}

void Player::seek(qint64 ms)
{
    ms = std::clamp<qint64>(ms, 0, std::max<qint64>(0, m_durationMs));
    if (m_state == State::Playing && !m_samplesMode) {
        if (m_rangeStart >= 0 && (ms < m_rangeStart || ms >= m_rangeEnd))
            m_rangeStart = m_rangeEnd = -1; // seeking out of a range plays on normally
        startSegment(ms);
        return;
    }
    if (m_state == State::Paused) {
        stopSegment();
        setState(State::Stopped);
    }
    m_position = ms;
    Q_EMIT positionChanged(ms);
}

void Player::setLoop(bool loop)
{
    if (loop == m_loop)
        return;
    const bool restart = m_state == State::Playing && !m_samplesMode;
    const qint64 at = position();
    m_loop = loop;
    if (restart)
        startSegment(at);
}

void Player::setSpeed(double speed)
{
    speed = std::clamp(speed, TempoFilter::kMinSpeed, TempoFilter::kMaxSpeed);
    if (std::abs(speed - m_speed) < 1e-9)
        return;
    const qint64 at = position();
    m_speed = speed;
    if (m_state == State::Playing && !m_samplesMode)
        startSegment(at);
}

void Player::setVolume(double volume)
{
    m_volume = std::clamp(volume, 0.0, 1.0);
    if (m_sink)
        m_sink->setVolume(m_volume);
}

void Player::playSamples(std::vector<float> samples, int sampleRate)
{
    if (m_state != State::Stopped && !m_samplesMode)
        m_position = position();
    auto resampled = resampleMono(samples, sampleRate, m_format.sampleRate());
    if (!resampled) {
        Q_EMIT errorOccurred(resampled.error().message);
        return;
    }
    m_samplesMode = true;
    m_samplesDurationMs = qint64(resampled->size()) * 1000 / m_format.sampleRate();
    auto shared = std::make_shared<const std::vector<float>>(std::move(resampled).value());
    startSegment(0, std::move(shared));
}

void Player::stopSegment()
{
    m_timer.stop();
    m_feed.reset();
    if (m_sink && m_sinkDevice) {
        m_sink->stop();
        m_sinkDevice = nullptr;
    }
    m_wallClock.invalidate();
    m_wallAccumulatedUs = 0;
    m_written = 0;
}

void Player::startSegment(qint64 fromMs, std::shared_ptr<const std::vector<float>> samples)
{
    stopSegment();
    PlaybackFeed::Params params;
    params.outputRate = m_format.sampleRate();
    params.speed = m_samplesMode ? 1.0 : m_speed;
    params.startMs = fromMs;
    if (samples) {
        params.buffer = std::move(samples);
    } else {
        params.path = m_path;
        params.streamIndex = m_streamIndex;
        params.endMs = m_rangeEnd;
        params.loop = m_loop;
        params.loopStartMs = m_rangeStart >= 0 ? m_rangeStart : 0;
    }
    m_segmentStartMs = fromMs;
    if (m_hasOutput) {
        m_feed = std::make_unique<PlaybackFeed>(params);
        m_sink->setVolume(m_volume);
        m_sinkDevice = m_sink->start();
        if (!m_sinkDevice || m_sink->error() != QAudio::NoError) {
            // The device went away: carry on silently with the wall clock.
            m_sinkDevice = nullptr;
            m_hasOutput = false;
            m_outputStatus = tr("The audio device could not be opened; playback runs silently.");
            m_feed.reset();
            Q_EMIT errorOccurred(m_outputStatus);
        }
    }
    if (!m_sinkDevice)
        m_wallClock.start();
    m_lastEmitted = -1;
    setState(State::Playing);
    feedSink();
    m_timer.start();
}

void Player::feedSink()
{
    if (!m_sink || !m_sinkDevice || !m_feed)
        return;
    const int bytesPerFrame = m_format.bytesPerFrame();
    const qint64 frames = m_sink->bytesFree() / bytesPerFrame;
    if (frames <= 0)
        return;
    const int channels = m_format.channelCount();
    m_scratch.resize(size_t(frames * channels));
    const qint64 n = m_feed->take(m_scratch.data(), frames);
    if (n <= 0)
        return;
    if (channels == 2) {
        for (qint64 i = n - 1; i >= 0; --i)
            m_scratch[size_t(2 * i)] = m_scratch[size_t(2 * i + 1)] = m_scratch[size_t(i)];
    }
    m_sinkDevice->write(reinterpret_cast<const char *>(m_scratch.data()), n * bytesPerFrame);
    m_written += n;
}

void Player::tick()
{
    feedSink();
    if (m_feed && m_feed->drained() && !m_feed->error().isEmpty()) {
        const QString error = m_feed->error();
        stop();
        Q_EMIT errorOccurred(error);
        return;
    }
    bool ended;
    if (m_sinkDevice) {
        // Everything produced was written and the server has played it.
        const qint64 playedSamples = m_sink->processedUSecs() * m_format.sampleRate() / 1000000;
        ended =
            m_feed && m_feed->drained() && playedSamples >= m_written - m_format.sampleRate() / 200;
    } else {
        // Wall clock: the linear position passed the end (a loop never ends by itself).
        const double speed = m_samplesMode ? 1.0 : m_speed;
        const qint64 linear =
            m_segmentStartMs + qint64(double(segmentElapsedUs()) / 1000.0 * speed);
        ended = (m_samplesMode || !m_loop) && linear >= playbackEndMs();
    }
    if (ended) {
        endReached();
        return;
    }
    if (!m_samplesMode) {
        const qint64 pos = position();
        if (pos != m_lastEmitted) {
            m_lastEmitted = pos;
            Q_EMIT positionChanged(pos);
        }
    }
}

void Player::endReached()
{
    const qint64 end = playbackEndMs();
    const bool samples = m_samplesMode;
    stopSegment();
    m_samplesMode = false;
    if (!samples) {
        m_position = end;
        m_rangeStart = m_rangeEnd = -1;
    }
    setState(State::Stopped);
    if (!samples)
        Q_EMIT positionChanged(m_position);
    Q_EMIT finished();
}

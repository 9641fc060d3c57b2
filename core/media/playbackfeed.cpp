#include "playbackfeed.h"

#include "audiodecoder.h"
#include "tempofilter.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

PlaybackFeed::PlaybackFeed(Params params)
    : m_params(std::move(params))
    , m_ring(size_t(std::max<qint64>(1024, m_params.outputRate * m_params.bufferMs / 1000)))
{
    m_thread = std::thread([this] { run(); });
}

PlaybackFeed::~PlaybackFeed()
{
    m_stop = true;
    m_notFull.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

qint64 PlaybackFeed::take(qint16 *dst, qint64 maxSamples)
{
    std::lock_guard lock(m_mutex);
    const size_t n = std::min<size_t>(size_t(std::max<qint64>(0, maxSamples)), m_size);
    const size_t first = std::min(n, m_ring.size() - m_head);
    std::copy_n(m_ring.data() + m_head, first, dst);
    std::copy_n(m_ring.data(), n - first, dst + first);
    m_head = (m_head + n) % m_ring.size();
    m_size -= n;
    m_notFull.notify_all();
    return qint64(n);
}

qint64 PlaybackFeed::buffered() const
{
    std::lock_guard lock(m_mutex);
    return qint64(m_size);
}

bool PlaybackFeed::drained() const
{
    std::lock_guard lock(m_mutex);
    return m_done && m_size == 0;
}

QString PlaybackFeed::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

bool PlaybackFeed::push(const std::vector<float> &samples)
{
    size_t done = 0;
    while (done < samples.size()) {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_stop || m_size < m_ring.size(); });
        if (m_stop)
            return false;
        const size_t n = std::min(samples.size() - done, m_ring.size() - m_size);
        for (size_t i = 0; i < n; ++i) {
            const float v = std::clamp(samples[done + i], -1.0f, 1.0f);
            m_ring[(m_head + m_size + i) % m_ring.size()] = qint16(std::lrint(v * 32767.0f));
        }
        m_size += n;
        done += n;
    }
    return true;
}

void PlaybackFeed::run()
{
    const Params &p = m_params;
    const int rate = p.outputRate;
    auto finish = [this](const QString &error) {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_error = error;
    };

    std::unique_ptr<AudioDecoder> decoder;
    if (!p.buffer) {
        auto opened = AudioDecoder::open(p.path, DecodeOptions{p.streamIndex, rate, -1}, &m_stop);
        if (!opened) {
            finish(opened.error().toString());
            return;
        }
        decoder = std::move(opened).value();
    }
    std::unique_ptr<TempoFilter> tempo;
    if (std::abs(p.speed - 1.0) > 1e-6) {
        auto created = TempoFilter::create(rate, p.speed);
        if (!created) {
            finish(created.error().message);
            return;
        }
        tempo = std::move(created).value();
    }

    const qint64 endSample =
        p.endMs < 0 ? std::numeric_limits<qint64>::max() : p.endMs * rate / 1000;
    qint64 position = 0; // source samples at the output rate
    auto seekTo = [&](qint64 ms) -> bool {
        position = ms * rate / 1000;
        if (!decoder)
            return true;
        return decoder->seek(ms).ok();
    };
    if (!seekTo(p.startMs)) {
        finish(QCoreApplication::translate("Player", "Cannot seek in the media file."));
        return;
    }

    std::vector<float> block, stretched;
    QString error;
    int emptyLoops = 0;
    while (!m_stop) {
        block.clear();
        if (decoder) {
            auto n = decoder->read(block);
            if (!n) {
                if (n.error().code != ErrorCode::Cancelled)
                    error = n.error().toString();
                break;
            }
        } else {
            const qint64 size = qint64(p.buffer->size());
            const qint64 n = std::clamp<qint64>(size - position, 0, rate / 10);
            block.assign(p.buffer->begin() + position, p.buffer->begin() + position + n);
        }
        const bool atEnd = block.empty() || position + qint64(block.size()) >= endSample;
        if (position + qint64(block.size()) > endSample)
            block.resize(size_t(std::max<qint64>(0, endSample - position)));
        position += qint64(block.size());
        emptyLoops = block.empty() ? emptyLoops + 1 : 0;
        const std::vector<float> *ready = &block;
        if (tempo) {
            stretched.clear();
            if (!tempo->process(block.data(), qint64(block.size()), stretched))
                break;
            ready = &stretched;
        }
        if (!push(*ready))
            return; // stopped: nobody reads any more
        if (atEnd) {
            // A loop over an empty range (or a failing seek) would spin: stop instead.
            if (p.loop && emptyLoops < 2 && seekTo(p.loopStartMs))
                continue;
            break;
        }
    }
    if (tempo && !m_stop) {
        stretched.clear();
        if (tempo->flush(stretched))
            push(stretched);
    }
    finish(error);
}

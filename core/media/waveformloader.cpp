#include "waveformloader.h"

#include "audiodecoder.h"
#include "peakcache.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QtConcurrent>

namespace {

// A batch is sent after this much wall time, so the waveform grows smoothly while decoding; the
// first batch goes as soon as there are peaks for the first seconds.
constexpr qint64 kBatchIntervalMs = 100;
constexpr size_t kFirstBatchPeaks = 10 * PeakPyramid::kPeaksPerSecond;

} // namespace

WaveformLoader::WaveformLoader(QObject *parent)
    : QObject(parent)
    , m_cacheDirectory(PeakCache::defaultDirectory())
{}

WaveformLoader::~WaveformLoader()
{
    // The worker posts to this object; it must be gone before we are. It checks the flag for every
    // decoded block, so this wait is a few milliseconds.
    cancel();
    m_future.waitForFinished();
}

void WaveformLoader::cancel()
{
    if (m_cancel)
        *m_cancel = true;
    m_loading = false;
}

void WaveformLoader::load(const QString &path, int streamIndex)
{
    cancel();
    m_future.waitForFinished();
    m_peaks.clear();
    m_path = path;
    m_loading = true;
    m_expectedMs = -1;
    const quint64 generation = ++m_generation;
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;
    const QString cacheDir = m_cacheDirectory;

    m_future = QtConcurrent::run([this, path, streamIndex, generation, cancelFlag, cacheDir] {
        const std::atomic_bool *cancel = cancelFlag.get();
        auto post = [&](auto &&fn) {
            if (!*cancel)
                QMetaObject::invokeMethod(this, std::forward<decltype(fn)>(fn),
                                          Qt::QueuedConnection);
        };
        auto decoder = AudioDecoder::open(path, DecodeOptions{streamIndex, 0, -1}, cancel);
        if (!decoder) {
            const QString message = decoder.error().toString();
            post([this, generation, message] { complete(generation, false, message); });
            return;
        }
        AudioDecoder &dec = **decoder;
        const qint64 expected = dec.durationMs();
        post([this, generation, expected] {
            if (generation == m_generation) {
                m_expectedMs = expected;
                Q_EMIT started(expected);
            }
        });

        const PeakCache cache(cacheDir);
        const QString key =
            cacheDir.isEmpty() ? QString() : PeakCache::keyFor(path, dec.streamIndex());
        PeakPyramid cached;
        if (cache.load(key, &cached)) {
            std::vector<Peak> all = cached.base();
            post([this, generation, all = std::move(all)]() mutable {
                receive(generation, std::move(all));
                complete(generation, true, {});
            });
            return;
        }

        PeakAccumulator accumulator(dec.sampleRate());
        PeakPyramid full; // kept for the cache
        std::vector<float> samples;
        std::vector<Peak> batch;
        QElapsedTimer sinceBatch;
        sinceBatch.start();
        bool firstSent = false;
        auto send = [&] {
            if (batch.empty())
                return;
            full.append(batch);
            post([this, generation, b = std::move(batch)]() mutable {
                receive(generation, std::move(b));
            });
            batch = {};
            sinceBatch.restart();
            firstSent = true;
        };
        QString error;
        for (;;) {
            samples.clear();
            auto n = dec.read(samples);
            if (!n) {
                if (n.error().code != ErrorCode::Cancelled)
                    error = n.error().toString();
                break;
            }
            if (*n == 0)
                break;
            accumulator.feed(samples.data(), *n, batch);
            if ((!firstSent && batch.size() >= kFirstBatchPeaks) ||
                sinceBatch.elapsed() >= kBatchIntervalMs)
                send();
        }
        if (*cancel)
            return;
        accumulator.flush(batch);
        send();
        if (error.isEmpty())
            cache.store(key, full);
        post([this, generation, error] { complete(generation, false, error); });
    });
}

void WaveformLoader::receive(quint64 generation, std::vector<Peak> batch)
{
    if (generation != m_generation || batch.empty())
        return;
    const qint64 from = m_peaks.availableMs();
    m_peaks.append(batch);
    Q_EMIT peaksAdded(from, m_peaks.availableMs());
}

void WaveformLoader::complete(quint64 generation, bool fromCache, const QString &error)
{
    if (generation != m_generation)
        return;
    m_loading = false;
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT finished(fromCache);
}

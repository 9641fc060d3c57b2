#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

// Produces 16-bit mono PCM for one playback segment on its own thread: decodes the media from
// `startMs` (or reads a buffer already at the output rate), stops exactly at `endMs` or loops back
// to `loopStartMs`, applies a pitch-preserving speed, and fills a bounded ring buffer that the
// GUI thread drains into the audio sink. A dedicated thread (not the pool) because it blocks while
// the buffer is full, for as long as playback lasts. Destruction stops and joins it promptly.
class PlaybackFeed {
public:
    struct Params {
        QString path; // media file; empty when `buffer` is used
        int streamIndex = -1;
        std::shared_ptr<const std::vector<float>> buffer; // samples at `outputRate`
        int outputRate = 48000;
        qint64 startMs = 0;
        qint64 endMs = -1; // -1: to the end of the media
        bool loop = false; // at endMs (or the end) continue from loopStartMs
        qint64 loopStartMs = 0;
        double speed = 1.0;
        qint64 bufferMs = 400; // ring buffer capacity
    };

    explicit PlaybackFeed(Params params);
    ~PlaybackFeed();
    PlaybackFeed(const PlaybackFeed &) = delete;
    PlaybackFeed &operator=(const PlaybackFeed &) = delete;

    // GUI thread: moves up to `maxSamples` samples into `dst`; returns how many.
    qint64 take(qint16 *dst, qint64 maxSamples);
    qint64 buffered() const;
    // True when the producer has ended (end of range or error) and everything was taken.
    bool drained() const;
    // The reason production stopped early, empty if none. Valid once drained().
    QString error() const;

private:
    void run();
    bool push(const std::vector<float> &samples); // false when stopping

    Params m_params;
    mutable std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::vector<qint16> m_ring;
    size_t m_head = 0, m_size = 0;
    bool m_done = false;
    QString m_error;
    std::atomic_bool m_stop = false;
    std::thread m_thread;
};

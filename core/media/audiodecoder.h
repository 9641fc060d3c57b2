#pragma once

#include "result.h"

#include <QString>

#include <atomic>
#include <memory>
#include <vector>

struct DecodeOptions {
    int streamIndex = -1; // FFmpeg stream index; -1: the best audio stream
    int sampleRate = 0;   // output rate in Hz; 0: the stream's own rate
    int channel = -1;     // -1: mix all channels to mono; n >= 0: only channel n
};

// Decodes one audio stream of a file to mono float samples in [-1, 1], block by block, so memory
// stays small however long the file is. Sample positions count output samples from the start of
// the stream. Not thread-safe: use one decoder from one thread at a time (a worker); `cancel`
// (may be null, must outlive the decoder) makes blocking FFmpeg calls return promptly.
class AudioDecoder {
public:
    static Result<std::unique_ptr<AudioDecoder>> open(const QString &path,
                                                      const DecodeOptions &options,
                                                      const std::atomic_bool *cancel = nullptr);
    ~AudioDecoder();
    AudioDecoder(const AudioDecoder &) = delete;
    AudioDecoder &operator=(const AudioDecoder &) = delete;

    int sampleRate() const;
    int streamIndex() const;
    int inputChannels() const;
    qint64 durationMs() const; // -1 when the container does not say

    // Appends the next decoded samples (typically one codec frame) to `out`. Returns how many were
    // appended; 0 at the end of the stream. Damaged packets are skipped and counted. A read error
    // after valid data ends decoding with an error whose detail says where it stopped; what was
    // decoded before stays valid.
    Result<qint64> read(std::vector<float> &out);

    // Positions the decoder so the next read() starts exactly at `ms` (sample accurate: decoding
    // restarts at the preceding key point and samples before `ms` are dropped).
    Result<void> seek(qint64 ms);

    qint64 position() const; // output samples before the next sample read() will return
    qint64 positionMs() const;
    int damagedPackets() const;

private:
    struct Impl;
    explicit AudioDecoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

#pragma once

#include "result.h"

#include <memory>
#include <vector>

// Pitch-preserving change of playback speed for mono float audio (FFmpeg's atempo filter).
// Not thread-safe; one instance per playback stream.
class TempoFilter {
public:
    static constexpr double kMinSpeed = 0.5;
    static constexpr double kMaxSpeed = 2.0;

    // Fails for a speed outside [kMinSpeed, kMaxSpeed] or when the filter cannot be built.
    static Result<std::unique_ptr<TempoFilter>> create(int sampleRate, double speed);
    ~TempoFilter();
    TempoFilter(const TempoFilter &) = delete;
    TempoFilter &operator=(const TempoFilter &) = delete;

    // Feeds samples and appends the output that is ready (about count / speed samples, delayed).
    Result<void> process(const float *samples, qint64 count, std::vector<float> &out);
    // Ends the input and appends the remaining output.
    Result<void> flush(std::vector<float> &out);

private:
    struct Impl;
    explicit TempoFilter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

// Resamples mono float audio (FFmpeg's swresample). Returns the input unchanged for equal rates.
Result<std::vector<float>> resampleMono(const std::vector<float> &samples, int fromRate,
                                        int toRate);

#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

// Speech/silence segmentation of a decoded signal: frame energy against an adaptive noise floor,
// with hysteresis and minimum speech and silence lengths. Times in milliseconds.
struct VadOptions {
    int frameMs = 10;          // analysis frame length
    double onsetDb = 10.0;     // speech starts when a frame is this far above the noise floor
    double offsetDb = 6.0;     // and ends when frames fall below floor + offsetDb (hysteresis)
    qint64 minSpeechMs = 100;  // shorter bursts are treated as noise
    qint64 minSilenceMs = 250; // shorter pauses are bridged (part of the surrounding speech)
    qint64 paddingMs = 30;     // added before and after each segment (clamped, never overlapping)
    double floorRiseDbPerSec = 3.0;   // how fast the noise floor may rise (it falls immediately)
    double absoluteSilenceDb = -60.0; // frames below this are silence whatever the floor
};

struct SpeechSegment {
    qint64 start = 0;
    qint64 end = 0;
    bool operator==(const SpeechSegment &) const = default;
};

struct VadResult {
    QList<SpeechSegment> speech;      // sorted, non-overlapping
    std::vector<float> frameEnergyDb; // one value per frame (frameMs), for "quietest point" search
    int frameMs = 10;
    qint64 durationMs = 0;
};

// Streaming detector: feed mono samples in any block sizes, then finish(). Memory is O(frames).
// Not thread-safe; use from one thread.
class VoiceActivityDetector {
public:
    VoiceActivityDetector(int sampleRate, const VadOptions &options = {});
    void feed(const float *samples, qint64 count);
    VadResult finish();

private:
    void endFrame();

    int m_sampleRate;
    VadOptions m_options;
    qint64 m_frameSamples;
    qint64 m_inFrame = 0;
    double m_sumSquares = 0.0;
    std::vector<float> m_energyDb;
};

// Convenience over a whole buffer.
VadResult detectSpeech(const float *samples, qint64 count, int sampleRate,
                       const VadOptions &options = {});

// Decodes the file's audio (16 kHz mono) and detects speech. `progress` (may be empty) gets the
// decoded position in ms; `cancel` (may be null) stops it with ErrorCode::Cancelled. Any thread.
Result<VadResult> detectSpeechInFile(const QString &path, int streamIndex,
                                     const VadOptions &options,
                                     const std::atomic_bool *cancel = nullptr,
                                     const std::function<void(qint64)> &progress = {});

// Where to cut a recording into chunks for upload. Each chunk is at most `maxChunkMs` long; cuts
// fall inside silences, preferring the longest silence in the `searchWindowMs` before each target
// (cutting in its middle, so no word is cut); with no silence there, at the quietest frame.
struct SplitOptions {
    qint64 maxChunkMs = 0;         // required, > 0
    qint64 searchWindowMs = 30000; // how far before the limit to look for a silence
    qint64 minChunkMs = 1000;      // never produce a chunk shorter than this (except the last)
};

// Returns the cut points (ms, strictly increasing, each inside (0, durationMs)); empty when the
// whole duration fits in one chunk. A byte limit is turned into `maxChunkMs` by the caller using
// the encoder's size estimate.
QList<qint64> chooseSplitPoints(const VadResult &vad, const SplitOptions &options);

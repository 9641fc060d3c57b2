#pragma once

#include <QByteArray>
#include <QList>

#include <vector>

// One min/max pair of a waveform, samples scaled to int16 (-32767..32767).
struct Peak {
    qint16 min = 0;
    qint16 max = 0;
    bool operator==(const Peak &) const = default;
};

// Multi-resolution min/max peaks of a mono signal. Level 0 holds one peak per 10 ms (100 per
// second); each coarser level halves the rate. Peaks are appended as decoding proceeds, so the
// part decoded so far can be drawn at once. A value type; not thread-safe (each thread owns its
// copy; the waveform loader sends level-0 batches to the GUI thread's pyramid).
class PeakPyramid {
public:
    static constexpr int kPeaksPerSecond = 100;
    static constexpr int kPeakMs = 1000 / kPeaksPerSecond;

    // Appends level-0 peaks and extends the coarser levels. Amortised O(count).
    void append(const Peak *peaks, qint64 count);
    void append(const std::vector<Peak> &peaks) { append(peaks.data(), qint64(peaks.size())); }
    void clear();

    qint64 availableMs() const
    {
        return qint64(m_levels.empty() ? 0 : m_levels[0].size()) * kPeakMs;
    }
    int levelCount() const { return int(m_levels.size()); }
    const std::vector<Peak> &level(int index) const { return m_levels[size_t(index)]; }
    const std::vector<Peak> &base() const { return m_levels[0]; }

    // Fills `columns` min/max values (-1..1) for pixel columns starting at `startMs`, each
    // `msPerColumn` wide. Columns past the available data get min = max = 0 and are reported
    // by the return value (the number of columns with data). O(columns): the level whose peaks
    // are the largest not wider than a column is used, so a column reads at most three peaks
    // (the one or two columns over the file's unpaired tail also read that tail from level 0).
    int query(double startMs, double msPerColumn, int columns, float *mins, float *maxs) const;

    // Compact binary form of level 0 (coarser levels are rebuilt on load).
    QByteArray serialize() const;
    static bool deserialize(const QByteArray &bytes, PeakPyramid *out);

private:
    void extendLevel(size_t level);

    std::vector<std::vector<Peak>> m_levels;
};

// Turns mono float samples at any rate into level-0 peaks: sample n belongs to peak
// floor(n * 100 / sampleRate), so peaks are exactly 10 ms whatever the rate.
class PeakAccumulator {
public:
    explicit PeakAccumulator(int sampleRate)
        : m_rate(sampleRate)
    {}
    // Appends the peaks completed by these samples to `out`.
    void feed(const float *samples, qint64 count, std::vector<Peak> &out);
    // Appends the last, partial peak (if any).
    void flush(std::vector<Peak> &out);

private:
    int m_rate;
    qint64 m_sample = 0; // index of the next sample
    qint64 m_peak = 0;   // index of the peak being accumulated
    float m_min = 0.0f, m_max = 0.0f;
    bool m_open = false;
};

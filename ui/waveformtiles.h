#pragma once

#include <QCache>
#include <QColor>
#include <QImage>
#include <QList>

class PeakPyramid;

// Cache of rendered waveform tiles. A tile is kTileWidth pixel columns at one zoom, aligned to
// absolute pixels (time 0 is pixel 0, pixel p covers [p, p+1) * msPerPixel), so scrolling only
// renders the tiles that come into view and zooming back to a level reuses its tiles. Keyed by
// (msPerPixel, tile index, height, amplitude zoom); least recently used tiles are evicted beyond a
// memory budget. Peaks still being decoded: invalidate() drops every tile overlapping the range
// that became available, so a partly drawn tile is redrawn once its peaks arrive.
// GUI thread only; the pyramid must outlive the cache or be replaced with setPeaks().
class WaveformTiles {
public:
    static constexpr int kTileWidth = 256;

    WaveformTiles();

    void setPeaks(const PeakPyramid *peaks);
    const PeakPyramid *peaks() const { return m_peaks; }
    // Colour of the waveform; clears the cache when it changes (palette change).
    void setColor(const QColor &color);
    void setBudgetBytes(qint64 bytes);
    void clear() { m_cache.clear(); }
    // Peaks in [fromMs, toMs) changed or arrived: drops the tiles that show any of that range.
    void invalidate(qint64 fromMs, qint64 toMs);

    // The tile `index` for this zoom, rendered on a miss. Null when the tile lies entirely past
    // the available peaks (nothing to draw; not cached, so it appears when peaks arrive).
    QImage tile(qint64 index, double msPerPixel, int height, double amplitude);

    int cachedTiles() const { return int(m_cache.count()); }
    int renderedTiles() const { return m_rendered; } // total renders since construction

private:
    struct Key {
        double msPerPixel;
        qint64 index;
        int height;
        double amplitude;
        bool operator==(const Key &) const = default;
        friend size_t qHash(const Key &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.msPerPixel, k.index, k.height, k.amplitude);
        }
    };
    QImage render(qint64 index, double msPerPixel, int height, double amplitude);

    const PeakPyramid *m_peaks = nullptr;
    QColor m_color = Qt::darkGreen;
    QCache<Key, QImage> m_cache; // cost in KiB
    QList<float> m_mins, m_maxs;
    int m_rendered = 0;
};

#include "waveformtiles.h"

#include "peakpyramid.h"

#include <algorithm>
#include <cmath>

WaveformTiles::WaveformTiles()
    : m_cache(96 * 1024) // 96 MiB: about 300 tiles of 300 px height
    , m_mins(kTileWidth)
    , m_maxs(kTileWidth)
{}

void WaveformTiles::setPeaks(const PeakPyramid *peaks)
{
    m_peaks = peaks;
    m_cache.clear();
}

void WaveformTiles::setColor(const QColor &color)
{
    if (color == m_color)
        return;
    m_color = color;
    m_cache.clear();
}

void WaveformTiles::setBudgetBytes(qint64 bytes)
{
    m_cache.setMaxCost(qMax<qint64>(1, bytes / 1024));
}

void WaveformTiles::invalidate(qint64 fromMs, qint64 toMs)
{
    const QList<Key> keys = m_cache.keys();
    for (const Key &k : keys) {
        const double tileMs = kTileWidth * k.msPerPixel;
        const double start = double(k.index) * tileMs;
        if (start < double(toMs) && start + tileMs > double(fromMs))
            m_cache.remove(k);
    }
}

QImage WaveformTiles::tile(qint64 index, double msPerPixel, int height, double amplitude)
{
    if (!m_peaks || height <= 0 || index < 0 ||
        double(index) * kTileWidth * msPerPixel >= double(m_peaks->availableMs()))
        return {};
    const Key key{msPerPixel, index, height, amplitude};
    if (const QImage *cached = m_cache.object(key))
        return *cached;
    QImage image = render(index, msPerPixel, height, amplitude);
    const qsizetype cost = qMax<qsizetype>(1, image.sizeInBytes() / 1024);
    m_cache.insert(key, new QImage(image), cost);
    return image;
}

QImage WaveformTiles::render(qint64 index, double msPerPixel, int height, double amplitude)
{
    ++m_rendered;
    const int columns = kTileWidth;
    m_peaks->query(double(index) * columns * msPerPixel, msPerPixel, columns, m_mins.data(),
                   m_maxs.data());
    QImage image(columns, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const QRgb pixel = qPremultiply(m_color.rgba());
    const double half = height / 2.0;
    // Written straight into the pixels column by column: much cheaper than QPainter lines.
    for (int x = 0; x < columns; ++x) {
        const float lo = m_mins[x], hi = m_maxs[x];
        if (lo == 0.0f && hi == 0.0f)
            continue; // digital silence or no data yet: draw nothing
        const double top = std::clamp(half - double(hi) * amplitude * half, 0.0, height - 1.0);
        const double bottom = std::clamp(half - double(lo) * amplitude * half, 0.0, height - 1.0);
        const int y0 = int(std::floor(std::min(top, bottom)));
        const int y1 = std::max(y0, int(std::ceil(std::max(top, bottom))) - 1);
        for (int y = y0; y <= y1; ++y)
            reinterpret_cast<QRgb *>(image.scanLine(y))[x] = pixel;
    }
    return image;
}

#include "peakpyramid.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>

namespace {

constexpr quint32 kMagic = 0x4b504143; // "CAPK"
constexpr quint32 kFormatVersion = 1;

qint16 toInt16(float v)
{
    return qint16(std::lrint(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
}

Peak merged(const Peak &a, const Peak &b)
{
    return Peak{std::min(a.min, b.min), std::max(a.max, b.max)};
}

} // namespace

void PeakPyramid::clear()
{
    m_levels.clear();
}

void PeakPyramid::append(const Peak *peaks, qint64 count)
{
    if (count <= 0)
        return;
    if (m_levels.empty())
        m_levels.emplace_back();
    m_levels[0].insert(m_levels[0].end(), peaks, peaks + count);
    extendLevel(1);
}

// Extends levels `level` and up with the complete pairs of the level below. Only complete pairs
// are stored, so every stored peak is final; query() reads the unpaired tail from level 0.
void PeakPyramid::extendLevel(size_t level)
{
    for (; level < 64; ++level) {
        if (m_levels[level - 1].size() < 2)
            return;
        if (m_levels.size() <= level)
            m_levels.emplace_back(); // may reallocate: take references only after this
        const std::vector<Peak> &src = m_levels[level - 1];
        std::vector<Peak> &dst = m_levels[level];
        const size_t complete = src.size() / 2;
        dst.reserve(complete);
        for (size_t i = dst.size(); i < complete; ++i)
            dst.push_back(merged(src[2 * i], src[2 * i + 1]));
    }
}

int PeakPyramid::query(double startMs, double msPerColumn, int columns, float *mins,
                       float *maxs) const
{
    if (columns <= 0)
        return 0;
    std::fill(mins, mins + columns, 0.0f);
    std::fill(maxs, maxs + columns, 0.0f);
    if (m_levels.empty() || msPerColumn <= 0.0)
        return 0;
    // The coarsest level whose peaks are not wider than a column.
    int level = 0;
    while (level + 1 < int(m_levels.size()) && double(kPeakMs << (level + 1)) <= msPerColumn)
        ++level;
    const std::vector<Peak> &peaks = m_levels[size_t(level)];
    const double peakMs = double(kPeakMs << level);
    const qint64 available = qint64(peaks.size());
    int filled = 0;
    const std::vector<Peak> &base = m_levels[0];
    // Level `level` covers base peaks [0, available << level); the rest is the unpaired tail.
    const qint64 coveredBase = available << level;
    for (int c = 0; c < columns; ++c) {
        const double t0 = startMs + c * msPerColumn;
        const double t1 = t0 + msPerColumn;
        const qint64 first = std::max<qint64>(qint64(std::floor(t0 / peakMs)), 0);
        const qint64 wanted = std::max(first, qint64(std::ceil(t1 / peakMs)) - 1);
        Peak p{32767, -32767};
        bool any = false;
        for (qint64 i = first; i <= std::min(wanted, available - 1); ++i) {
            p = merged(p, peaks[size_t(i)]);
            any = true;
        }
        if (level > 0 && wanted >= available) {
            const qint64 last = std::min(((wanted + 1) << level) - 1, qint64(base.size()) - 1);
            for (qint64 i = std::max(first << level, coveredBase); i <= last; ++i) {
                p = merged(p, base[size_t(i)]);
                any = true;
            }
        }
        if (!any)
            continue;
        mins[c] = p.min / 32767.0f;
        maxs[c] = p.max / 32767.0f;
        filled = c + 1;
    }
    return filled;
}

QByteArray PeakPyramid::serialize() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    const std::vector<Peak> empty;
    const std::vector<Peak> &b = m_levels.empty() ? empty : m_levels[0];
    out << kMagic << kFormatVersion << quint32(kPeaksPerSecond) << quint64(b.size());
    bytes.reserve(bytes.size() + qsizetype(b.size() * sizeof(Peak)));
    for (const Peak &p : b)
        out << p.min << p.max;
    return bytes;
}

bool PeakPyramid::deserialize(const QByteArray &bytes, PeakPyramid *out)
{
    QDataStream in(bytes);
    in.setByteOrder(QDataStream::LittleEndian);
    quint32 magic = 0, version = 0, rate = 0;
    quint64 count = 0;
    in >> magic >> version >> rate >> count;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kFormatVersion ||
        rate != quint32(kPeaksPerSecond) || count != quint64(bytes.size() - 20) / sizeof(Peak))
        return false;
    std::vector<Peak> peaks(count);
    for (Peak &p : peaks)
        in >> p.min >> p.max;
    if (in.status() != QDataStream::Ok)
        return false;
    out->clear();
    out->append(peaks);
    return true;
}

void PeakAccumulator::feed(const float *samples, qint64 count, std::vector<Peak> &out)
{
    while (count > 0) {
        // Samples [ceil(p * rate / 100), ceil((p + 1) * rate / 100)) make peak p.
        const qint64 boundary = ((m_peak + 1) * m_rate + PeakPyramid::kPeaksPerSecond - 1) /
                                PeakPyramid::kPeaksPerSecond;
        const qint64 take = std::min(count, boundary - m_sample);
        float lo = samples[0], hi = samples[0];
        for (qint64 i = 1; i < take; ++i) {
            lo = std::min(lo, samples[i]);
            hi = std::max(hi, samples[i]);
        }
        m_min = m_open ? std::min(m_min, lo) : lo;
        m_max = m_open ? std::max(m_max, hi) : hi;
        m_open = true;
        m_sample += take;
        samples += take;
        count -= take;
        if (m_sample == boundary) {
            out.push_back(Peak{toInt16(m_min), toInt16(m_max)});
            m_open = false;
            ++m_peak;
        }
    }
}

void PeakAccumulator::flush(std::vector<Peak> &out)
{
    if (m_open)
        out.push_back(Peak{toInt16(m_min), toInt16(m_max)});
    m_open = false;
}

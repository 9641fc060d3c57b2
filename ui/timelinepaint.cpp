// Painting of TimelineView: ruler, waveform tiles, cue boxes, word marks and the playhead.
// Per frame the work is O(visible tiles + visible cues): tiles come from WaveformTiles and cues
// from a binary search of the time-sorted track.

#include "timelineview.h"

#include "document.h"
#include "markup.h"
#include "track.h"

#include <QElapsedTimer>
#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

namespace {

// Fixed hues for meanings that must stay recognisable in light and dark palettes.
const QColor kPlayhead(230, 40, 40);
const QColor kViolation(220, 50, 47);
const QColor kLowConfidence(245, 150, 0);

// Ruler steps: the first one leaving at least kLabelPx between labels is used.
constexpr qint64 kSteps[] = {10,     20,     50,     100,     200,     500,    1000,
                             2000,   5000,   10000,  15000,   30000,   60000,  120000,
                             300000, 600000, 900000, 1800000, 3600000, 7200000};
constexpr double kLabelPx = 80.0;

QString tickLabel(qint64 ms, qint64 step)
{
    const qint64 h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
    QString out = h > 0 ? QString::asprintf("%lld:%02lld:%02lld", h, m, s)
                        : QString::asprintf("%lld:%02lld", m, s);
    if (step < 100)
        out += QString::asprintf(".%02lld", frac / 10);
    else if (step < 1000)
        out += QString::asprintf(".%lld", frac / 100);
    return out;
}

// Cue text as shown in the box: markup tags and {\...} overrides removed, lines joined.
QString displayText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == u'<') {
            if (const qsizetype n = markupTagLength(text, i); n > 0) {
                i += n - 1;
                continue;
            }
        } else if (ch == u'{' && i + 1 < text.size() && text.at(i + 1) == u'\\') {
            const qsizetype close = text.indexOf(u'}', i);
            if (close > 0) {
                i = close;
                continue;
            }
        }
        out += ch == u'\n' ? u' ' : ch;
    }
    return out;
}

} // namespace

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QRect all = viewport()->rect();
    p.fillRect(all, palette().color(QPalette::Base));
    const QRect wave = waveRect();
    paintWaveform(p, wave);
    paintCues(p, wave);
    if (m_drag == Drag::Create && m_createEnd > m_createStart) {
        QColor c = palette().color(QPalette::Highlight);
        c.setAlpha(90);
        const int x0 = xFor(double(m_createStart)), x1 = xFor(double(m_createEnd));
        p.fillRect(QRect(x0, wave.top(), std::max(1, x1 - x0), wave.height()), c);
    }
    paintRuler(p, QRect(all.left(), all.top(), all.width(), kRulerHeight));
    const int px = xFor(double(m_playhead));
    if (px >= 0 && px < all.width())
        p.fillRect(QRect(px, all.top(), 1, all.height()), kPlayhead);
}

void TimelineView::paintRuler(QPainter &p, const QRect &rect) const
{
    p.fillRect(rect, palette().color(QPalette::Window));
    const double mpp = m_scale.msPerPixel();
    const qint64 *stepIt = std::find_if(std::begin(kSteps), std::end(kSteps),
                                        [&](qint64 s) { return double(s) / mpp >= kLabelPx; });
    const qint64 step = stepIt == std::end(kSteps) ? kSteps[std::size(kSteps) - 1] : *stepIt;
    // Minor ticks: the step divided by 5 when that is at least 6 px apart, else by 2.
    const qint64 minor = double(step) / 5 / mpp >= 6 && step % 5 == 0 ? step / 5 : step / 2;
    const double startMs = m_scale.startMs(), endMs = startMs + rect.width() * mpp;
    QColor tickColor = palette().color(QPalette::WindowText);
    p.setPen(tickColor);
    QFont font = p.font();
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.8));
    p.setFont(font);
    for (qint64 t = qint64(startMs / double(minor)) * minor; double(t) <= endMs; t += minor) {
        const int x = rect.left() + xFor(double(t));
        const bool major = t % step == 0;
        const int len = major ? rect.height() / 2 : rect.height() / 4;
        p.drawLine(x, rect.bottom() - len, x, rect.bottom());
        if (major)
            p.drawText(QRect(x + 3, rect.top(), int(kLabelPx), rect.height() - 2),
                       Qt::AlignLeft | Qt::AlignVCenter, tickLabel(t, step));
    }
    tickColor.setAlpha(80);
    p.fillRect(QRect(rect.left(), rect.bottom(), rect.width(), 1), tickColor);
}

void TimelineView::paintWaveform(QPainter &p, const QRect &rect)
{
    if (!m_peaks)
        return;
    const double mpp = m_scale.msPerPixel();
    const qint64 startPx = std::llround(m_scale.startPixel());
    const qint64 firstTile = startPx / WaveformTiles::kTileWidth;
    for (qint64 tile = firstTile;; ++tile) {
        const qint64 x = tile * WaveformTiles::kTileWidth - startPx;
        if (x >= rect.width())
            break;
        const QImage image = m_tiles.tile(tile, mpp, rect.height(), m_amplitude);
        if (image.isNull())
            break; // this and later tiles lie past the available peaks
        p.drawImage(QPoint(rect.left() + int(x), rect.top()), image);
    }
    m_prerender.start();
}

void TimelineView::prerenderTiles()
{
    if (!m_peaks)
        return;
    constexpr qint64 kSliceNs = 4'000'000; // keep input responsive between slices
    const QRect rect = waveRect();
    const double mpp = m_scale.msPerPixel();
    const qint64 startPx = std::llround(m_scale.startPixel());
    const qint64 tileWidth = WaveformTiles::kTileWidth;
    const qint64 first = startPx / tileWidth;
    const qint64 last = (startPx + rect.width()) / tileWidth;
    const qint64 ahead = std::max<qint64>(1, rect.width() / tileWidth + 1);
    const int renderedBefore = m_tiles.renderedTiles();
    QElapsedTimer slice;
    slice.start();
    // Nearest first, alternating right (the usual direction) and left.
    for (qint64 d = 1; d <= ahead; ++d) {
        for (const qint64 tile : {last + d, first - d}) {
            if (tile >= 0)
                m_tiles.tile(tile, mpp, rect.height(), m_amplitude);
            if (slice.nsecsElapsed() > kSliceNs) {
                if (m_tiles.renderedTiles() > renderedBefore)
                    m_prerender.start(); // more may be missing: continue in the next slice
                return;
            }
        }
    }
}

void TimelineView::paintCues(QPainter &p, const QRect &rect) const
{
    if (!m_document)
        return;
    const double startMs = m_scale.startMs();
    const double endMs = startMs + m_scale.msForWidth(rect.width());
    const auto [first, last] = visibleRows(startMs, endMs);
    const Track *track = m_document->track();
    // At whole-file zoom thousands of cues share a few hundred pixels. Boxes narrower than
    // kNarrowPx carry no edges, text or marks, so they are coloured into a one-pixel-high strip
    // (violating cues win a shared column) that is drawn stretched once: a fill per cue would
    // cost far more (the raster engine splits every tall fill across threads) and only darken
    // the same columns.
    constexpr int kNarrowPx = 3;
    QImage strip;
    const QRgb plainRgb = qPremultiply(cueFill(false, false).rgba());
    const QRgb violatingRgb = qPremultiply(cueFill(true, false).rgba());
    for (int row = first; row <= last; ++row) {
        const Cue &c = track->at(row);
        if (double(c.end) < startMs)
            continue;
        const int x0 = std::max(-1, xFor(double(c.start)));
        const int x1 = std::min(rect.width() + 1, std::max(x0 + 1, xFor(double(c.end))));
        if (c.id != m_selected && x1 - x0 < kNarrowPx) {
            if (strip.isNull()) {
                strip = QImage(rect.width(), 1, QImage::Format_ARGB32_Premultiplied);
                strip.fill(Qt::transparent);
            }
            const QRgb rgb = m_violating.contains(c.id) ? violatingRgb : plainRgb;
            auto *line = reinterpret_cast<QRgb *>(strip.scanLine(0));
            for (int x = std::max(0, x0); x < std::min(rect.width(), x1); ++x)
                if (line[x] != violatingRgb)
                    line[x] = rgb;
            continue;
        }
        paintCue(p, c, QRect(x0, rect.top(), x1 - x0, rect.height()));
    }
    if (!strip.isNull())
        p.drawImage(QRect(rect.left(), rect.top(), rect.width(), rect.height()), strip);
}

QColor TimelineView::cueFill(bool violating, bool selected) const
{
    QColor fill = violating ? kViolation : palette().color(QPalette::Highlight);
    fill.setAlpha(selected ? 110 : 60);
    return fill;
}

QColor TimelineView::speakerColor(const QString &speaker)
{
    // A stable colour per name: the hue from a hash, saturation and value fixed so every speaker
    // reads on light and dark backgrounds.
    const int hue = int(qHash(speaker, 0x5eed) % 360);
    return QColor::fromHsv(hue, 170, 220);
}

void TimelineView::paintCue(QPainter &p, const Cue &cue, const QRect &box) const
{
    const bool selected = cue.id == m_selected;
    const QColor fill = cueFill(m_violating.contains(cue.id), selected);
    p.fillRect(box, fill);
    if (box.width() >= 3) {
        QColor edge = fill;
        edge.setAlpha(220);
        p.fillRect(QRect(box.left(), box.top(), 1, box.height()), edge);
        p.fillRect(QRect(box.right(), box.top(), 1, box.height()), edge);
        if (selected)
            p.fillRect(QRect(box.left(), box.top(), box.width(), 2), edge);
    }
    if (!cue.speaker.isEmpty() && box.width() >= 3)
        p.fillRect(QRect(box.left(), box.top(), box.width(), 4), speakerColor(cue.speaker));
    if (box.width() < 6)
        return;

    // Word marks along the bottom: low-confidence words as coloured bars, and for the selected
    // cue a tick at every word boundary.
    const int markTop = box.bottom() - 5;
    for (const Word &w : cue.words) {
        const int wx0 = xFor(double(w.start)), wx1 = xFor(double(w.end));
        if (m_lowConfidence > 0 && w.confidence && *w.confidence < m_lowConfidence)
            p.fillRect(QRect(wx0, markTop, std::max(1, wx1 - wx0), 5), kLowConfidence);
        if (selected) {
            const QColor tick = palette().color(QPalette::Text);
            p.fillRect(QRect(wx0, markTop - 6, 1, 11), tick);
            p.fillRect(QRect(wx1, markTop - 3, 1, 8), tick);
        }
    }

    if (box.width() < 24 || cue.text.isEmpty())
        return;
    const QRect textRect = box.adjusted(4, 3, -3, -8);
    // Eliding and shaping text is the most expensive part of a frame, and a playing or scrolling
    // view shows the same labels at the same widths frame after frame: keep them laid out.
    Label &label = m_labels[cue.id];
    const QString source =
        cue.speaker.isEmpty() ? cue.text : QString(cue.speaker + u'\x1f' + cue.text);
    if (label.width != textRect.width() || label.source != source) {
        if (m_labels.size() > 4096) { // a long scroll; start over rather than grow without bound
            m_labels.clear();
            return paintCue(p, cue, box);
        }
        label.width = textRect.width();
        label.source = source;
        label.text.setTextFormat(Qt::PlainText);
        const QString shown = cue.speaker.isEmpty()
                                  ? displayText(cue.text)
                                  : cue.speaker + QStringLiteral(": ") + displayText(cue.text);
        label.text.setText(p.fontMetrics().elidedText(shown, Qt::ElideRight, label.width));
        label.text.prepare(QTransform(), p.font());
    }
    if (label.text.text().isEmpty())
        return;
    p.setPen(palette().color(QPalette::Text));
    p.save();
    p.setClipRect(textRect);
    p.drawStaticText(textRect.topLeft(), label.text);
    p.restore();
}

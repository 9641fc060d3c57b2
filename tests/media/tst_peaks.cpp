#include "mediafixtures.h"
#include "peakcache.h"
#include "peakpyramid.h"
#include "waveformloader.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

std::vector<float> ramp(qint64 n)
{
    std::vector<float> s(static_cast<size_t>(n));
    for (qint64 i = 0; i < n; ++i)
        s[size_t(i)] = std::sin(float(i) * 0.01f) * (float(i % 1000) / 1000.0f);
    return s;
}

std::vector<Peak> peaksOf(const std::vector<float> &s, int rate, qint64 block)
{
    PeakAccumulator acc(rate);
    std::vector<Peak> out;
    for (qint64 i = 0; i < qint64(s.size()); i += block)
        acc.feed(s.data() + i, std::min<qint64>(block, qint64(s.size()) - i), out);
    acc.flush(out);
    return out;
}

} // namespace

class TestPeaks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accumulatorIsExactAtAnyRate_data();
    void accumulatorIsExactAtAnyRate();
    void accumulatorIgnoresBlockSizes();
    void queryMatchesBruteForce_data();
    void queryMatchesBruteForce();
    void incrementalEqualsAtOnce();
    void serializeRoundTrip();
    void cacheKeyFollowsFileIdentity();
    void loaderDecodesThenUsesCache();
    void loaderReportsFailure();
    void loaderCancels();
};

void TestPeaks::accumulatorIsExactAtAnyRate_data()
{
    QTest::addColumn<int>("rate");
    for (int r : {8000, 11025, 16000, 22050, 44100, 48000, 96000})
        QTest::newRow(qPrintable(QString::number(r))) << r;
}

void TestPeaks::accumulatorIsExactAtAnyRate()
{
    QFETCH(int, rate);
    const std::vector<float> s = ramp(qint64(rate) * 3 + 7);
    const std::vector<Peak> peaks = peaksOf(s, rate, 4096);
    QCOMPARE(qint64(peaks.size()), 301); // 3 s plus a partial peak
    for (int p : {0, 1, 150, 299}) {
        const qint64 from = (qint64(p) * rate + 99) / 100, to = (qint64(p + 1) * rate + 99) / 100;
        const auto [lo, hi] = std::minmax_element(s.begin() + from, s.begin() + to);
        QCOMPARE(peaks[size_t(p)].min, qint16(std::lrint(*lo * 32767.0f)));
        QCOMPARE(peaks[size_t(p)].max, qint16(std::lrint(*hi * 32767.0f)));
    }
}

void TestPeaks::accumulatorIgnoresBlockSizes()
{
    const std::vector<float> s = ramp(44100 * 2 + 123);
    const std::vector<Peak> reference = peaksOf(s, 44100, qint64(s.size()));
    for (qint64 block : {1, 7, 441, 1152, 4096})
        QCOMPARE(peaksOf(s, 44100, block), reference);
}

void TestPeaks::queryMatchesBruteForce_data()
{
    QTest::addColumn<double>("msPerColumn");
    QTest::addColumn<double>("startMs");
    QTest::newRow("zoomed in past peaks") << 2.5 << 1234.0;
    QTest::newRow("one peak per column") << 10.0 << 0.0;
    QTest::newRow("between levels") << 37.0 << 5003.3;
    QTest::newRow("coarse") << 1000.0 << 0.0;
    QTest::newRow("very coarse, whole file") << 40000.0 << 0.0;
    QTest::newRow("ending past the data") << 123.0 << 590000.0;
}

void TestPeaks::queryMatchesBruteForce()
{
    QFETCH(double, msPerColumn);
    QFETCH(double, startMs);
    QRandomGenerator rng(11);
    std::vector<Peak> base(60007); // 600.07 s, an odd count so every level has an unpaired tail
    for (Peak &p : base) {
        const auto a = qint16(rng.bounded(-32767, 32768)), b = qint16(rng.bounded(-32767, 32768));
        p = Peak{std::min(a, b), std::max(a, b)};
    }
    PeakPyramid pyramid;
    pyramid.append(base);
    const int columns = 800;
    std::vector<float> mins(columns), maxs(columns);
    const int filled = pyramid.query(startMs, msPerColumn, columns, mins.data(), maxs.data());
    int expectedFilled = 0;
    for (int c = 0; c < columns; ++c) {
        const double t0 = startMs + c * msPerColumn, t1 = t0 + msPerColumn;
        // Brute force over level 0, widened to the peaks of the level the query uses.
        int level = 0;
        while (level + 1 < pyramid.levelCount() && double(10 << (level + 1)) <= msPerColumn)
            ++level;
        const double peakMs = double(10 << level);
        qint64 first = qint64(std::floor(t0 / peakMs)) << level;
        qint64 last = (qint64(std::ceil(t1 / peakMs)) << level) - 1;
        first = std::max<qint64>(first, 0);
        last = std::min<qint64>(last, qint64(base.size()) - 1);
        if (first > last) {
            QCOMPARE(mins[size_t(c)], 0.0f);
            continue;
        }
        qint16 lo = 32767, hi = -32767;
        for (qint64 i = first; i <= last; ++i) {
            lo = std::min(lo, base[size_t(i)].min);
            hi = std::max(hi, base[size_t(i)].max);
        }
        QCOMPARE(mins[size_t(c)], lo / 32767.0f);
        QCOMPARE(maxs[size_t(c)], hi / 32767.0f);
        expectedFilled = c + 1;
    }
    QCOMPARE(filled, expectedFilled);
}

void TestPeaks::incrementalEqualsAtOnce()
{
    const std::vector<Peak> base = peaksOf(ramp(44100 * 30), 44100, 4096);
    PeakPyramid once, pieces;
    once.append(base);
    for (size_t i = 0; i < base.size(); i += 37)
        pieces.append(base.data() + i, qint64(std::min<size_t>(37, base.size() - i)));
    QCOMPARE(pieces.levelCount(), once.levelCount());
    for (int l = 0; l < once.levelCount(); ++l)
        QCOMPARE(pieces.level(l), once.level(l));
    QCOMPARE(once.availableMs(), 30000);
    QVERIFY(once.levelCount() >= 11); // 3000 peaks halve down to one
}

void TestPeaks::serializeRoundTrip()
{
    PeakPyramid p;
    p.append(peaksOf(ramp(16000 * 5), 16000, 1000));
    PeakPyramid back;
    QVERIFY(PeakPyramid::deserialize(p.serialize(), &back));
    QCOMPARE(back.base(), p.base());
    QCOMPARE(back.levelCount(), p.levelCount());
    QByteArray damaged = p.serialize();
    damaged.chop(3);
    QVERIFY(!PeakPyramid::deserialize(damaged, &back));
    QVERIFY(!PeakPyramid::deserialize(QByteArray("garbage"), &back));
    QVERIFY(!PeakPyramid::deserialize(QByteArray(), &back));
}

void TestPeaks::cacheKeyFollowsFileIdentity()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(u"a.wav"_s);
    QVERIFY(QFile::copy(fixtures::path(u"tone.wav"_s), a));
    const QString key = PeakCache::keyFor(a, 0);
    QVERIFY(!key.isEmpty());
    QCOMPARE(PeakCache::keyFor(a, 0), key);
    QVERIFY(PeakCache::keyFor(a, 1) != key);
    {
        QFile f(a);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write("x");
    }
    QVERIFY(PeakCache::keyFor(a, 0) != key); // content changed
    QVERIFY(PeakCache::keyFor(dir.filePath(u"missing.wav"_s), 0).isEmpty());

    PeakCache cache(dir.filePath(u"cache"_s));
    PeakPyramid p;
    p.append(peaksOf(ramp(8000), 8000, 100));
    QVERIFY(cache.store(key, p));
    PeakPyramid back;
    QVERIFY(cache.load(key, &back));
    QCOMPARE(back.base(), p.base());
    QVERIFY(!cache.load(u"unknown"_s, &back));
}

void TestPeaks::loaderDecodesThenUsesCache()
{
    QTemporaryDir cacheDir;
    const QString path = fixtures::path(u"tone.mp3"_s);
    WaveformLoader first;
    first.setCacheDirectory(cacheDir.path());
    QSignalSpy added(&first, &WaveformLoader::peaksAdded);
    QSignalSpy finished(&first, &WaveformLoader::finished);
    first.load(path);
    QVERIFY(first.isLoading());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false); // decoded
    QVERIFY(!first.isLoading());
    qint64 previous = 0;
    for (const QList<QVariant> &range : std::as_const(added)) {
        QCOMPARE(range[0].toLongLong(), previous); // contiguous, growing ranges
        QVERIFY(range[1].toLongLong() > previous);
        previous = range[1].toLongLong();
    }
    QVERIFY2(std::abs(previous - 5000) <= 60, qPrintable(QString::number(previous)));
    // The tone is at -12 dBFS per channel: peaks near +-0.25.
    std::vector<float> mins(10), maxs(10);
    QCOMPARE(first.peaks().query(0, 500, 10, mins.data(), maxs.data()), 10);
    for (int c = 0; c < 10; ++c)
        QVERIFY2(maxs[size_t(c)] > 0.2f && maxs[size_t(c)] < 0.3f,
                 qPrintable(QString::number(maxs[size_t(c)])));

    WaveformLoader second;
    second.setCacheDirectory(cacheDir.path());
    QSignalSpy finished2(&second, &WaveformLoader::finished);
    second.load(path);
    QVERIFY(finished2.wait(20000));
    QCOMPARE(finished2.first().first().toBool(), true); // from the cache
    QCOMPARE(second.peaks().base(), first.peaks().base());
}

void TestPeaks::loaderReportsFailure()
{
    WaveformLoader loader;
    loader.setCacheDirectory({});
    QSignalSpy failed(&loader, &WaveformLoader::failed);
    QSignalSpy finished(&loader, &WaveformLoader::finished);
    loader.load(fixtures::path(u"notmedia.wav"_s));
    QVERIFY(failed.wait(20000));
    QVERIFY(failed.first().first().toString().contains(u"notmedia.wav"_s));
    QCOMPARE(finished.count(), 0);
}

void TestPeaks::loaderCancels()
{
    WaveformLoader loader;
    loader.setCacheDirectory({});
    QSignalSpy finished(&loader, &WaveformLoader::finished);
    QSignalSpy failed(&loader, &WaveformLoader::failed);
    loader.load(fixtures::path(u"tone.flac"_s));
    loader.cancel();
    QVERIFY(!loader.isLoading());
    QTest::qWait(300);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 0);
    // A new load after a cancel works, and a load replacing a running one wins.
    loader.load(fixtures::path(u"tone.wav"_s));
    loader.load(fixtures::path(u"tone.ogg"_s));
    QVERIFY(finished.wait(20000));
    QCOMPARE(loader.path(), fixtures::path(u"tone.ogg"_s));
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TestPeaks)
#include "tst_peaks.moc"

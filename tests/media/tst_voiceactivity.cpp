#include "voiceactivity.h"

#include "audiodecoder.h"
#include "mediafixtures.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

char *toString(const SpeechSegment &s)
{
    return QTest::toString(u"[%1, %2]"_s.arg(s.start).arg(s.end));
}

namespace {

constexpr int kRate = 16000;
constexpr qint64 kToleranceMs = 50;

double fromDb(double db)
{
    return std::pow(10.0, db / 20.0);
}

// A synthetic recording: Gaussian background noise plus "speech" bursts (a mix of four tones with a
// 4-6 Hz syllable-like amplitude modulation) at known times. Deterministic for a given seed.
struct Layout {
    std::vector<float> samples;
    QList<SpeechSegment> truth; // where the bursts are, unpadded
    qint64 durationMs() const { return qint64(samples.size()) * 1000 / kRate; }
};

// A sine by complex rotation: exact enough over minutes, and much cheaper than std::sin per sample.
class Oscillator {
public:
    Oscillator(double hz, double phase, int rate)
        : m_re(std::cos(phase))
        , m_im(std::sin(phase))
        , m_cos(std::cos(2.0 * std::numbers::pi * hz / rate))
        , m_sin(std::sin(2.0 * std::numbers::pi * hz / rate))
    {}
    double next()
    {
        const double value = m_im;
        const double re = m_re * m_cos - m_im * m_sin;
        m_im = m_re * m_sin + m_im * m_cos;
        m_re = re;
        return value;
    }

private:
    double m_re, m_im, m_cos, m_sin;
};

class SignalBuilder {
public:
    SignalBuilder(qint64 durationMs, quint32 seed, int rate = kRate)
        : m_rate(rate)
        , m_rng(seed)
    {
        m_layout.samples.resize(size_t(durationMs * rate / 1000));
    }

    // Gaussian noise whose RMS level moves linearly in dB from fromDbfs to toDbfs over the signal.
    SignalBuilder &noise(double fromDbfs, double toDbfs)
    {
        const size_t n = m_layout.samples.size();
        const double step = fromDb((toDbfs - fromDbfs) / double(std::max<size_t>(1, n)));
        double gain = fromDb(fromDbfs);
        for (size_t i = 0; i + 1 < n; i += 2) { // Box-Muller gives two values at a time
            const double radius = std::sqrt(-2.0 * std::log(1.0 - m_rng.generateDouble()));
            const double angle = 2.0 * std::numbers::pi * m_rng.generateDouble();
            m_layout.samples[i] += float(gain * radius * std::cos(angle));
            gain *= step;
            m_layout.samples[i + 1] += float(gain * radius * std::sin(angle));
            gain *= step;
        }
        return *this;
    }

    // A burst whose RMS at the modulation peak is about levelDb; recorded in the truth.
    SignalBuilder &speech(qint64 startMs, qint64 endMs, double levelDb, bool inTruth = true)
    {
        std::vector<Oscillator> tones;
        for (double hz : {180.0, 420.0, 950.0, 2100.0})
            tones.emplace_back(hz, m_rng.bounded(2.0 * std::numbers::pi), m_rate);
        Oscillator syllables(4.0 + m_rng.bounded(2.0), 0.0, m_rate); // 4-6 Hz
        const double amplitude = fromDb(levelDb) / std::sqrt(2.0); // four tones of equal amplitude
        fill(startMs, endMs, [&] {
            double v = 0.0;
            for (Oscillator &t : tones)
                v += t.next();
            return amplitude * (0.6 + 0.4 * syllables.next()) * v;
        });
        if (inTruth)
            m_layout.truth.append({startMs, endMs});
        return *this;
    }

    SignalBuilder &tone(qint64 startMs, qint64 endMs, double hz, double rmsDb)
    {
        const double amplitude = fromDb(rmsDb) * std::sqrt(2.0);
        Oscillator o(hz, 0.0, m_rate);
        fill(startMs, endMs, [&] { return amplitude * o.next(); });
        return *this;
    }

    SignalBuilder &silence(qint64 startMs, qint64 endMs)
    {
        std::fill(m_layout.samples.begin() + startMs * m_rate / 1000,
                  m_layout.samples.begin() + endMs * m_rate / 1000, 0.0f);
        return *this;
    }

    Layout take() { return std::move(m_layout); }

private:
    // Adds next() for each sample of [startMs, endMs), with 5 ms raised-cosine fades.
    template <typename F>
    void fill(qint64 startMs, qint64 endMs, F next)
    {
        const qint64 from = startMs * m_rate / 1000;
        const qint64 to = std::min<qint64>(endMs * m_rate / 1000, qint64(m_layout.samples.size()));
        const double ramp = 0.005 * m_rate;
        for (qint64 i = from; i < to; ++i) {
            const double edge = std::min(double(i - from), double(to - 1 - i));
            const double fade =
                edge >= ramp ? 1.0 : 0.5 - 0.5 * std::cos(std::numbers::pi * edge / ramp);
            m_layout.samples[size_t(i)] += float(fade * next());
        }
    }

    int m_rate;
    QRandomGenerator m_rng;
    Layout m_layout;
};

// The segments the detector should report for `truth`: padded, clamped, merged when touching.
QList<SpeechSegment> padded(const QList<SpeechSegment> &truth, qint64 padding, qint64 duration)
{
    QList<SpeechSegment> out;
    for (const SpeechSegment &s : truth) {
        const SpeechSegment p{std::max<qint64>(0, s.start - padding),
                              std::min(duration, s.end + padding)};
        if (!out.isEmpty() && p.start <= out.last().end)
            out.last().end = p.end;
        else
            out.append(p);
    }
    return out;
}

// Empty when every boundary is within `tolerance`; otherwise why not. `maxError` gets the worst.
QString compareBoundaries(const QList<SpeechSegment> &got, const QList<SpeechSegment> &want,
                          qint64 tolerance, qint64 *maxError = nullptr)
{
    auto list = [](const QList<SpeechSegment> &l) {
        QStringList parts;
        for (const SpeechSegment &s : l)
            parts.append(u"[%1, %2]"_s.arg(s.start).arg(s.end));
        return parts.join(u' ');
    };
    const QString both = u"got %1, want %2"_s.arg(list(got), list(want));
    if (got.size() != want.size())
        return u"segment count differs: "_s + both;
    qint64 worst = 0;
    for (qsizetype i = 0; i < got.size(); ++i)
        worst = std::max(
            {worst, std::abs(got[i].start - want[i].start), std::abs(got[i].end - want[i].end)});
    if (maxError)
        *maxError = worst;
    if (worst > tolerance)
        return u"boundary off by %1 ms: "_s.arg(worst) + both;
    return {};
}

// Decodes a whole file to 16 kHz mono (small fixtures only).
std::vector<float> decodeAll(const QString &path)
{
    std::vector<float> out;
    Result<std::unique_ptr<AudioDecoder>> d = AudioDecoder::open(path, DecodeOptions{-1, kRate});
    if (!d)
        return out;
    for (;;) {
        const Result<qint64> n = (*d)->read(out);
        if (!n || *n == 0)
            break;
    }
    return out;
}

// Where `samples` is audible: first and last sample above -50 dBFS, in ms. {-1, -1} if nowhere.
SpeechSegment audibleSpan(const std::vector<float> &samples)
{
    const float threshold = float(fromDb(-50.0));
    const auto loud = [&](float s) { return std::abs(s) > threshold; };
    const auto first = std::find_if(samples.begin(), samples.end(), loud);
    if (first == samples.end())
        return {-1, -1};
    const auto last = std::find_if(samples.rbegin(), samples.rend(), loud);
    const qint64 from = qint64(first - samples.begin());
    const qint64 to = qint64(samples.rend() - last); // one past the last loud sample
    return {from * 1000 / kRate, (to * 1000 + kRate - 1) / kRate};
}

bool writeWav16(const QString &path, const std::vector<float> &samples)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray data;
    data.reserve(qsizetype(samples.size()) * 2);
    for (float s : samples) {
        const qint16 v = qint16(std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f));
        data.append(char(v & 0xff)).append(char((v >> 8) & 0xff));
    }
    auto u32 = [](quint32 v) {
        QByteArray b(4, Qt::Uninitialized);
        for (int i = 0; i < 4; ++i)
            b[i] = char((v >> (8 * i)) & 0xff);
        return b;
    };
    QByteArray header = QByteArrayLiteral("RIFF");
    header.append(u32(quint32(36 + data.size()))).append("WAVEfmt ").append(u32(16));
    header.append(u32(0x00010001));                                           // PCM, one channel
    header.append(u32(kRate)).append(u32(kRate * 2)).append(u32(0x00100002)); // align 2, 16 bits
    header.append("data").append(u32(quint32(data.size())));
    return f.write(header) == header.size() && f.write(data) == data.size();
}

// The real-speech layout: espeak-ng phrases separated by known pauses over -55 dBFS noise.
struct SpeechLayout {
    Layout layout;
    QString wavPath; // the same layout as a 16-bit WAV file
};

const SpeechLayout &espeakLayout()
{
    static SpeechLayout cached;
    if (!cached.layout.samples.empty())
        return cached;
    const QStringList phrases{u"Subtitles need accurate timing"_s,
                              u"The weather was lovely yesterday afternoon"_s,
                              u"Please remember to buy some bread and milk"_s};
    const qint64 gapsMs[] = {700, 1200, 500, 900}; // before, between and after the phrases
    std::vector<std::vector<float>> audio;
    for (qsizetype i = 0; i < phrases.size(); ++i) {
        const QString path = fixtures::dir() + u"/vad-phrase-%1.wav"_s.arg(i);
        const QString partial = path + u".partial"_s; // never reuse a half-written file
        if (!QFileInfo::exists(path) &&
            !(fixtures::espeak(phrases[i], partial) && QFile::rename(partial, path)))
            return cached;
        audio.push_back(decodeAll(path));
        if (audio.back().empty())
            return cached;
    }
    qint64 totalMs = 0;
    for (const std::vector<float> &a : audio)
        totalMs += qint64(a.size()) * 1000 / kRate;
    for (qint64 g : gapsMs)
        totalMs += g;
    SignalBuilder builder(totalMs + 10, 99);
    builder.noise(-55.0, -55.0);
    Layout layout = builder.take();
    qint64 at = gapsMs[0] * kRate / 1000; // in samples
    for (size_t i = 0; i < audio.size(); ++i) {
        const SpeechSegment span = audibleSpan(audio[i]);
        const qint64 atMs = at * 1000 / kRate;
        layout.truth.append({atMs + span.start, atMs + span.end});
        for (size_t k = 0; k < audio[i].size(); ++k)
            layout.samples[size_t(at) + k] += audio[i][k];
        at += qint64(audio[i].size()) + gapsMs[i + 1] * kRate / 1000;
    }
    const QString wav = fixtures::dir() + u"/vad-espeak-layout.wav"_s;
    if (!writeWav16(wav, layout.samples))
        return cached;
    cached.wavPath = wav;
    cached.layout = std::move(layout);
    return cached;
}

// Every cut must be strictly increasing, inside (0, duration), every chunk <= maxChunkMs and every
// chunk but the last >= minChunkMs. Empty when fine; otherwise why not.
QString checkCuts(const QList<qint64> &cuts, qint64 duration, const SplitOptions &o)
{
    qint64 previous = 0;
    for (qsizetype i = 0; i <= cuts.size(); ++i) {
        const qint64 cut = i < cuts.size() ? cuts[i] : duration;
        if (i < cuts.size() && (cut <= previous || cut >= duration))
            return u"cut %1 at %2 ms is not in (%3, %4)"_s.arg(i).arg(cut).arg(previous).arg(
                duration);
        if (cut - previous > o.maxChunkMs)
            return u"chunk [%1, %2] is longer than %3 ms"_s.arg(previous).arg(cut).arg(
                o.maxChunkMs);
        if (i < cuts.size() && cut - previous < o.minChunkMs)
            return u"chunk [%1, %2] is shorter than %3 ms"_s.arg(previous).arg(cut).arg(
                o.minChunkMs);
        previous = cut;
    }
    return {};
}

// The first cut that falls inside a segment of `speech` (edges included), or -1.
qint64 cutInSpeech(const QList<qint64> &cuts, const QList<SpeechSegment> &speech)
{
    for (qint64 cut : cuts) {
        for (const SpeechSegment &s : speech) {
            if (cut >= s.start && cut <= s.end)
                return cut;
        }
    }
    return -1;
}

// A VadResult built directly: speech segments at speechDb, the rest at silenceDb.
VadResult syntheticVad(qint64 durationMs, const QList<SpeechSegment> &speech,
                       float speechDb = -20.0f, float silenceDb = -50.0f)
{
    VadResult v;
    v.durationMs = durationMs;
    v.speech = speech;
    v.frameEnergyDb.assign(size_t((durationMs + v.frameMs - 1) / v.frameMs), silenceDb);
    for (const SpeechSegment &s : speech) {
        for (qint64 f = s.start / v.frameMs; f < (s.end + v.frameMs - 1) / v.frameMs; ++f)
            v.frameEnergyDb[size_t(f)] = speechDb;
    }
    return v;
}

// A plain restatement of the documented algorithm, quadratic, to check the linear one against.
QList<qint64> referenceSplit(const VadResult &vad, const SplitOptions &o)
{
    if (o.maxChunkMs <= 0 || vad.durationMs <= o.maxChunkMs)
        return {};
    QList<SpeechSegment> silences;
    qint64 previousEnd = 0;
    for (const SpeechSegment &s : vad.speech) {
        if (s.start > previousEnd)
            silences.append({previousEnd, s.start});
        previousEnd = std::max(previousEnd, s.end);
    }
    if (vad.durationMs > previousEnd)
        silences.append({previousEnd, vad.durationMs});
    const qint64 minStep = std::clamp<qint64>(o.minChunkMs, 1, o.maxChunkMs);
    QList<qint64> cuts;
    for (qint64 s = 0; vad.durationMs - s > o.maxChunkMs;) {
        const qint64 hi = s + o.maxChunkMs;
        const qint64 lo = std::max(hi - std::max<qint64>(0, o.searchWindowMs), s + minStep);
        qint64 from = 0, to = 0;
        for (const SpeechSegment &sil : silences) {
            const qint64 a = std::max(sil.start, lo), b = std::min(sil.end, hi);
            if (b > a && b - a >= to - from) {
                from = a;
                to = b;
            }
        }
        qint64 cut = hi;
        if (to > from) {
            cut = from + (to - from) / 2;
        } else {
            qint64 best = -1;
            for (qint64 f = 0; f < qint64(vad.frameEnergyDb.size()); ++f) {
                if (f * vad.frameMs >= lo && (f + 1) * vad.frameMs <= hi &&
                    (best < 0 || vad.frameEnergyDb[size_t(f)] <= vad.frameEnergyDb[size_t(best)]))
                    best = f;
            }
            if (best >= 0)
                cut = best * vad.frameMs + vad.frameMs / 2;
        }
        cuts.append(cut);
        s = cut;
    }
    return cuts;
}

} // namespace

Q_DECLARE_METATYPE(SpeechSegment)
Q_DECLARE_METATYPE(Layout)
Q_DECLARE_METATYPE(VadOptions)

class TestVoiceActivity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void frameEnergyIsRmsDbfs_data();
    void frameEnergyIsRmsDbfs();
    void syntheticLayouts_data();
    void syntheticLayouts();
    void blockSizesGiveIdenticalResults_data();
    void blockSizesGiveIdenticalResults();
    void framesFollowTimeAtAnyRate_data();
    void framesFollowTimeAtAnyRate();
    void constantToneBecomesBackground_data();
    void constantToneBecomesBackground();
    void paddingMergesAndClamps();
    void realSpeechBoundaries();
    void fileMatchesBuffer();
    void fileProgressIsMonotonic_data();
    void fileProgressIsMonotonic();
    void fileCancelStopsPromptly();
    void fileErrors_data();
    void fileErrors();
    void damagedFileStillGivesResult_data();
    void damagedFileStillGivesResult();

    void splitFitsInOneChunk_data();
    void splitFitsInOneChunk();
    void splitChoosesSilence_data();
    void splitChoosesSilence();
    void splitAtQuietestFrameWithoutSilence();
    void splitContinuousSpeech();
    void splitTenMinutesOfSpeechCutsInPauses();
    void splitMatchesReference_data();
    void splitMatchesReference();
    void splitThreeHoursIsLinear();
};

void TestVoiceActivity::frameEnergyIsRmsDbfs_data()
{
    QTest::addColumn<QString>("signal");
    QTest::addColumn<double>("expectedDb");
    QTest::newRow("full-scale square wave is 0 dB") << u"square"_s << 0.0;
    QTest::newRow("sine of amplitude 0.5 is -9.03 dB") << u"sine"_s << -9.0309;
    QTest::newRow("digital silence is the -120 dB floor") << u"zero"_s << -120.0;
    QTest::newRow("1e-9 constant is clamped to -120 dB") << u"tiny"_s << -120.0;
}

void TestVoiceActivity::frameEnergyIsRmsDbfs()
{
    QFETCH(QString, signal);
    QFETCH(double, expectedDb);
    std::vector<float> samples(kRate); // 1 s
    for (size_t i = 0; i < samples.size(); ++i) {
        if (signal == u"square")
            samples[i] = (i / 8) % 2 ? 1.0f : -1.0f;
        else if (signal == u"sine") // 400 Hz: exactly four periods per 10 ms frame
            samples[i] = float(0.5 * std::sin(2.0 * std::numbers::pi * 400.0 * double(i) / kRate));
        else if (signal == u"tiny")
            samples[i] = 1e-9f;
    }
    const VadResult r = detectSpeech(samples.data(), qint64(samples.size()), kRate);
    QCOMPARE(r.durationMs, 1000);
    QCOMPARE(r.frameEnergyDb.size(), size_t(100));
    for (float e : r.frameEnergyDb)
        QVERIFY2(std::abs(e - expectedDb) < 0.01, qPrintable(QString::number(e)));
    QVERIFY(r.speech.isEmpty());
}

void TestVoiceActivity::syntheticLayouts_data()
{
    QTest::addColumn<Layout>("layout");
    QTest::addColumn<VadOptions>("options");
    const VadOptions defaults;

    // Boundaries deliberately fall inside frames.
    const Layout clean = SignalBuilder(10000, 1)
                             .noise(-50, -50)
                             .speech(1003, 2507, -20)
                             .speech(3012, 4195, -20)
                             .speech(6234, 8001, -20)
                             .take();
    QTest::newRow("clean: three bursts with 0.5 s and 2 s pauses") << clean << defaults;

    const Layout quiet = SignalBuilder(8000, 2)
                             .noise(-50, -50)
                             .speech(1005, 3004, -32)
                             .speech(4017, 6496, -32)
                             .take();
    QTest::newRow("quiet speech 18 dB above the noise") << quiet << defaults;

    Layout shortPause = SignalBuilder(6000, 3)
                            .noise(-50, -50)
                            .speech(1004, 2000, -20)
                            .speech(2150, 3006, -20)
                            .take();
    VadOptions shortSilence;
    shortSilence.minSilenceMs = 100;
    QTest::newRow("150 ms pause is kept with minSilenceMs 100") << shortPause << shortSilence;
    shortPause.truth = {{1004, 3006}};
    QTest::newRow("150 ms pause is bridged") << shortPause << defaults;

    const Layout click = SignalBuilder(8000, 4)
                             .noise(-50, -50)
                             .speech(1000, 2000, -20)
                             .speech(4005, 4065, -10, false)
                             .speech(6000, 7000, -20)
                             .take();
    QTest::newRow("60 ms click is dropped") << click << defaults;

    const Layout rising = SignalBuilder(20000, 5)
                              .noise(-60, -40)
                              .speech(1500, 3000, -20)
                              .speech(6000, 7500, -20)
                              .speech(11000, 12500, -20)
                              .speech(16500, 18500, -20)
                              .take();
    QTest::newRow("noise floor rising from -60 to -40 dB over 20 s") << rising << defaults;

    const Layout leading =
        SignalBuilder(6000, 6).noise(-50, -50).speech(0, 1500, -20).speech(3000, 4500, -20).take();
    QTest::newRow("speech from t = 0, no leading silence") << leading << defaults;

    const Layout trailing = SignalBuilder(5000, 7).noise(-50, -50).speech(1000, 5000, -20).take();
    QTest::newRow("speech until the end of the file") << trailing << defaults;

    const Layout clean16 = SignalBuilder(6000, 8).speech(2000, 4000, -20).take();
    QTest::newRow("speech in digital silence, no background") << clean16 << defaults;

    // Digital silence must not drag the floor down: the noise after it is not speech.
    const Layout gated =
        SignalBuilder(12000, 9).noise(-50, -50).silence(0, 3000).speech(6000, 7500, -20).take();
    QTest::newRow("digital silence, then noise with speech") << gated << defaults;

    QTest::newRow("digital silence: no speech") << SignalBuilder(5000, 9).take() << defaults;
    QTest::newRow("background noise only: no speech")
        << SignalBuilder(10000, 10).noise(-50, -50).take() << defaults;
    // Documented behaviour: a stationary sound is background, whatever its level, because the floor
    // follows it; only its start (and end) stand out, for as long as the floor takes to rise.
    QTest::newRow("loud constant tone over the whole file: no speech")
        << SignalBuilder(10000, 11).tone(0, 10000, 1000, -6).take() << defaults;
}

void TestVoiceActivity::syntheticLayouts()
{
    QFETCH(Layout, layout);
    QFETCH(VadOptions, options);
    const VadResult r =
        detectSpeech(layout.samples.data(), qint64(layout.samples.size()), kRate, options);
    QCOMPARE(r.durationMs, layout.durationMs());
    QCOMPARE(r.frameMs, options.frameMs);
    QCOMPARE(qint64(r.frameEnergyDb.size()), layout.durationMs() / options.frameMs);
    qint64 error = 0;
    const QString why = compareBoundaries(
        r.speech, padded(layout.truth, options.paddingMs, r.durationMs), kToleranceMs, &error);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    qInfo("worst boundary error %lld ms", error);
}

void TestVoiceActivity::blockSizesGiveIdenticalResults_data()
{
    QTest::addColumn<qint64>("blockSize");
    for (qint64 size : {1, 7, 160, 4096})
        QTest::addRow("blocks of %lld samples", size) << size;
}

void TestVoiceActivity::blockSizesGiveIdenticalResults()
{
    QFETCH(qint64, blockSize);
    const Layout l = SignalBuilder(5003, 12) // not a whole number of frames
                         .noise(-50, -50)
                         .speech(500, 1700, -20)
                         .speech(2500, 4000, -25)
                         .take();
    const qint64 count = qint64(l.samples.size());
    const VadResult whole = detectSpeech(l.samples.data(), count, kRate);
    VoiceActivityDetector d(kRate);
    for (qint64 at = 0; at < count; at += blockSize)
        d.feed(l.samples.data() + at, std::min(blockSize, count - at));
    const VadResult blocks = d.finish();
    QCOMPARE(blocks.speech, whole.speech);
    QCOMPARE(blocks.durationMs, whole.durationMs);
    QCOMPARE(blocks.frameEnergyDb.size(), size_t(501)); // the partial last frame counts
    QVERIFY(blocks.frameEnergyDb == whole.frameEnergyDb);
    QCOMPARE(whole.speech.size(), 2);

    // finish() leaves the detector ready for another stream.
    d.feed(l.samples.data(), count);
    QCOMPARE(d.finish().speech, whole.speech);
}

void TestVoiceActivity::framesFollowTimeAtAnyRate_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("frameMs");
    QTest::newRow("22050 Hz, 10 ms frames of 220 or 221 samples") << 22050 << 10;
    QTest::newRow("44100 Hz, 10 ms frames") << 44100 << 10;
    QTest::newRow("8000 Hz, 20 ms frames") << 8000 << 20;
    QTest::newRow("11025 Hz, 30 ms frames") << 11025 << 30;
}

void TestVoiceActivity::framesFollowTimeAtAnyRate()
{
    QFETCH(int, rate);
    QFETCH(int, frameMs);
    const qint64 durationMs = 60000; // long enough that truncated frame sizes would drift
    const Layout l = SignalBuilder(durationMs, 13, rate)
                         .noise(-50, -50)
                         .speech(2000, 3000, -20)
                         .speech(57000, 58500, -20)
                         .take();
    VadOptions o;
    o.frameMs = frameMs;
    const VadResult r = detectSpeech(l.samples.data(), qint64(l.samples.size()), rate, o);
    QCOMPARE(r.durationMs, durationMs);
    QCOMPARE(qint64(r.frameEnergyDb.size()), durationMs / frameMs);
    const QString why =
        compareBoundaries(r.speech, padded(l.truth, o.paddingMs, durationMs), kToleranceMs);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestVoiceActivity::constantToneBecomesBackground_data()
{
    QTest::addColumn<double>("riseDbPerSec");
    QTest::newRow("floor rising 3 dB/s") << 3.0;
    QTest::newRow("floor rising 6 dB/s") << 6.0;
}

void TestVoiceActivity::constantToneBecomesBackground()
{
    QFETCH(double, riseDbPerSec);
    // A tone 30 dB above -50 dBFS noise from 5 s to 35 s: the floor climbs towards it from both
    // sides at riseDbPerSec, so the tone is speech until the floor is within offsetDb of it.
    const double noiseDb = -50.0, toneDb = -20.0;
    const Layout l =
        SignalBuilder(40000, 14).noise(noiseDb, noiseDb).tone(5000, 35000, 1000, toneDb).take();
    VadOptions o;
    o.floorRiseDbPerSec = riseDbPerSec;
    const VadResult r = detectSpeech(l.samples.data(), qint64(l.samples.size()), kRate, o);
    QCOMPARE(r.speech.size(), 2);
    QVERIFY(std::abs(r.speech[0].start - (5000 - o.paddingMs)) <= kToleranceMs);
    QVERIFY(std::abs(r.speech[1].end - (35000 + o.paddingMs)) <= kToleranceMs);
    // The floor tracks the noise minimum, about 2 dB under its RMS: allow 1 s for that.
    const qint64 heldMs = qint64((toneDb - o.offsetDb - noiseDb) / riseDbPerSec * 1000.0);
    QVERIFY2(std::abs(r.speech[0].end - (5000 + heldMs)) <= 1000,
             qPrintable(QString::number(r.speech[0].end)));
    QVERIFY2(std::abs(r.speech[1].start - (35000 - heldMs)) <= 1000,
             qPrintable(QString::number(r.speech[1].start)));
}

void TestVoiceActivity::paddingMergesAndClamps()
{
    const Layout l = SignalBuilder(5000, 15)
                         .noise(-50, -50)
                         .speech(100, 1000, -20)
                         .speech(1300, 2000, -20)
                         .speech(4000, 4950, -20)
                         .take();
    VadOptions o;
    o.paddingMs = 200; // makes the first two touch across their 300 ms pause; clamped at 0 and 5 s
    const VadResult r = detectSpeech(l.samples.data(), qint64(l.samples.size()), kRate, o);
    QCOMPARE(r.speech.size(), 2);
    QCOMPARE(r.speech[0].start, 0);
    QVERIFY(std::abs(r.speech[0].end - 2200) <= kToleranceMs);
    QVERIFY(std::abs(r.speech[1].start - 3800) <= kToleranceMs);
    QCOMPARE(r.speech[1].end, 5000);
}

void TestVoiceActivity::realSpeechBoundaries()
{
    const SpeechLayout &s = espeakLayout();
    QVERIFY(!s.wavPath.isEmpty());
    const Layout &l = s.layout;
    const VadOptions o;
    const VadResult r = detectSpeech(l.samples.data(), qint64(l.samples.size()), kRate, o);
    qint64 error = 0;
    const QString why = compareBoundaries(r.speech, padded(l.truth, o.paddingMs, r.durationMs),
                                          kToleranceMs, &error);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    qInfo("worst boundary error %lld ms", error);
}

void TestVoiceActivity::fileMatchesBuffer()
{
    const SpeechLayout &s = espeakLayout();
    QVERIFY(!s.wavPath.isEmpty());
    const VadOptions o;
    const Result<VadResult> r = detectSpeechInFile(s.wavPath, -1, o);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->durationMs, s.layout.durationMs());
    const QString why = compareBoundaries(
        r->speech, padded(s.layout.truth, o.paddingMs, r->durationMs), kToleranceMs);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestVoiceActivity::fileProgressIsMonotonic_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("speech.wav (22.05 kHz espeak)") << u"speech.wav"_s;
    QTest::newRow("tone.mp3 (44.1 kHz stereo)") << u"tone.mp3"_s;
    QTest::newRow("espeak layout (16 kHz)") << QString();
}

void TestVoiceActivity::fileProgressIsMonotonic()
{
    QFETCH(QString, fixture);
    const QString path = fixture.isEmpty() ? espeakLayout().wavPath : fixtures::path(fixture);
    QVERIFY(!path.isEmpty());
    QList<qint64> reports;
    const Result<VadResult> r =
        detectSpeechInFile(path, -1, VadOptions{}, nullptr, [&](qint64 ms) { reports.append(ms); });
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QVERIFY(reports.size() >= 3);
    QVERIFY(std::is_sorted(reports.begin(), reports.end()));
    QVERIFY(std::adjacent_find(reports.begin(), reports.end()) == reports.end());
    QCOMPARE(reports.last(), r->durationMs);
    if (fixture == u"speech.wav") {
        // One sentence without pauses: one segment around its audible part.
        const SpeechSegment span = audibleSpan(decodeAll(path));
        const QString why = compareBoundaries(
            r->speech, padded({span}, VadOptions{}.paddingMs, r->durationMs), kToleranceMs);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
}

void TestVoiceActivity::fileCancelStopsPromptly()
{
    const QString path = espeakLayout().wavPath;
    QVERIFY(!path.isEmpty());
    std::atomic_bool cancel = false;
    int reports = 0;
    const Result<VadResult> r = detectSpeechInFile(path, -1, VadOptions{}, &cancel, [&](qint64) {
        ++reports;
        cancel = true;
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
    QCOMPARE(reports, 1);

    const Result<VadResult> before = detectSpeechInFile(path, -1, VadOptions{}, &cancel);
    QVERIFY(!before.ok());
    QCOMPARE(before.error().code, ErrorCode::Cancelled);
}

void TestVoiceActivity::fileErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("stream");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("missing file") << fixtures::dir() + u"/no-such-file.wav"_s << -1
                                  << ErrorCode::NotFound;
    QTest::newRow("text file named .wav")
        << fixtures::path(u"notmedia.wav"_s) << -1 << ErrorCode::UnsupportedFormat;
    QTest::newRow("empty file") << fixtures::path(u"empty.wav"_s) << -1
                                << ErrorCode::UnsupportedFormat;
    QTest::newRow("a folder") << fixtures::dir() << -1 << ErrorCode::UnsupportedFormat;
    QTest::newRow("stream that is not audio")
        << fixtures::path(u"video.mkv"_s) << 0 << ErrorCode::UnsupportedFormat;
}

void TestVoiceActivity::fileErrors()
{
    QFETCH(QString, path);
    QFETCH(int, stream);
    QFETCH(ErrorCode, code);
    const Result<VadResult> r = detectSpeechInFile(path, stream, VadOptions{});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY(!r.error().message.isEmpty());
}

void TestVoiceActivity::damagedFileStillGivesResult_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<qint64>("minDurationMs");
    QTest::newRow("mp3 with 4 KiB of garbage in the middle") << u"corrupt.mp3"_s << qint64(4000);
    QTest::newRow("flac cut at 40%") << u"truncated.flac"_s << qint64(3000);
    QTest::newRow("silence.wav") << u"silence.wav"_s << qint64(5000);
}

void TestVoiceActivity::damagedFileStillGivesResult()
{
    QFETCH(QString, fixture);
    QFETCH(qint64, minDurationMs);
    const QString path = fixtures::path(fixture);
    QVERIFY(!path.isEmpty());
    const Result<VadResult> r = detectSpeechInFile(path, -1, VadOptions{});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QVERIFY2(r->durationMs >= minDurationMs, qPrintable(QString::number(r->durationMs)));
    const qint64 framesMs = qint64(r->frameEnergyDb.size()) * 10;
    QVERIFY(framesMs >= r->durationMs && framesMs <= r->durationMs + 10);
    if (fixture == u"silence.wav")
        QVERIFY(r->speech.isEmpty());
}

void TestVoiceActivity::splitFitsInOneChunk_data()
{
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<qint64>("maxChunkMs");
    QTest::newRow("shorter than the limit") << qint64(50000) << qint64(60000);
    QTest::newRow("exactly the limit") << qint64(60000) << qint64(60000);
    QTest::newRow("empty recording") << qint64(0) << qint64(60000);
    QTest::newRow("invalid limit 0") << qint64(600000) << qint64(0);
}

void TestVoiceActivity::splitFitsInOneChunk()
{
    QFETCH(qint64, durationMs);
    QFETCH(qint64, maxChunkMs);
    const VadResult v = syntheticVad(durationMs, {{1000, std::max<qint64>(1000, durationMs / 2)}});
    QCOMPARE(chooseSplitPoints(v, SplitOptions{maxChunkMs, 30000, 1000}), QList<qint64>());
}

void TestVoiceActivity::splitChoosesSilence_data()
{
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<QList<SpeechSegment>>("speech");
    QTest::addColumn<qint64>("maxChunkMs");
    QTest::addColumn<qint64>("minChunkMs");
    QTest::addColumn<QList<qint64>>("expected");
    // Window [30 s, 60 s]; silences 300 ms at 35 s, 900 ms at 42 s, 500 ms at 55 s.
    QTest::newRow("longest silence in the window, cut in its middle")
        << qint64(90000)
        << QList<SpeechSegment>{{0, 35000}, {35300, 42000}, {42900, 55000}, {55500, 90000}}
        << qint64(60000) << qint64(1000) << QList<qint64>{42450};
    QTest::newRow("equal silences: the later one")
        << qint64(90000)
        << QList<SpeechSegment>{{0, 35000}, {35900, 42000}, {42900, 55000}, {55500, 90000}}
        << qint64(60000) << qint64(1000) << QList<qint64>{42450};
    QTest::newRow("silence before the window is not considered")
        << qint64(90000) << QList<SpeechSegment>{{0, 20000}, {25000, 50000}, {50200, 90000}}
        << qint64(60000) << qint64(1000) << QList<qint64>{50100};
    QTest::newRow("silence across the limit counts only its part in the window")
        << qint64(90000) << QList<SpeechSegment>{{0, 40000}, {40400, 58000}, {64000, 90000}}
        << qint64(60000) << qint64(1000) << QList<qint64>{59000};
    QTest::newRow("silence across the window start counts only its part in the window")
        << qint64(90000) << QList<SpeechSegment>{{0, 20000}, {31000, 50000}, {50600, 90000}}
        << qint64(60000) << qint64(1000) << QList<qint64>{30500};
    QTest::newRow("leading silence is a silence")
        << qint64(90000) << QList<SpeechSegment>{{40000, 90000}} << qint64(60000) << qint64(1000)
        << QList<qint64>{35000};
    QTest::newRow("trailing silence is a silence")
        << qint64(100000) << QList<SpeechSegment>{{0, 30000}, {30500, 75000}} << qint64(60000)
        << qint64(1000) << QList<qint64>{30250, 82625};
    // The window starts at 30 s, but minChunkMs 40 s moves it: the long silence at 35 s is out.
    QTest::newRow("minChunkMs keeps cuts away from the chunk start")
        << qint64(90000) << QList<SpeechSegment>{{0, 35000}, {37000, 45000}, {45200, 90000}}
        << qint64(60000) << qint64(40000) << QList<qint64>{45100};
    QTest::newRow("minChunkMs clips a silence across it")
        << qint64(90000) << QList<SpeechSegment>{{0, 38000}, {42000, 45000}, {45200, 90000}}
        << qint64(60000) << qint64(40000) << QList<qint64>{41000};
}

void TestVoiceActivity::splitChoosesSilence()
{
    QFETCH(qint64, durationMs);
    QFETCH(QList<SpeechSegment>, speech);
    QFETCH(qint64, maxChunkMs);
    QFETCH(qint64, minChunkMs);
    QFETCH(QList<qint64>, expected);
    const VadResult v = syntheticVad(durationMs, speech);
    const SplitOptions o{maxChunkMs, 30000, minChunkMs};
    const QList<qint64> cuts = chooseSplitPoints(v, o);
    QCOMPARE(cuts, expected);
    const QString why = checkCuts(cuts, durationMs, o);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestVoiceActivity::splitAtQuietestFrameWithoutSilence()
{
    // Speech throughout the window [30 s, 60 s] (the only silence, at 10 s, is before it).
    VadResult v = syntheticVad(100000, {{0, 10000}, {10500, 100000}});
    v.frameEnergyDb[4712] = -35.0f; // 47.12 s
    v.frameEnergyDb[2900] = -60.0f; // 29 s: quieter, but outside the window
    v.frameEnergyDb[6000] = -60.0f; // 60 s: a frame that ends after the limit
    const SplitOptions o{60000, 30000, 1000};
    const QList<qint64> cuts = chooseSplitPoints(v, o);
    QVERIFY(!cuts.isEmpty());
    QCOMPARE(cuts.first(), 47125);
    const QString why = checkCuts(cuts, v.durationMs, o);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestVoiceActivity::splitContinuousSpeech()
{
    // No silence at all and flat energy: cuts at the latest frame before each limit.
    const VadResult v = syntheticVad(200000, {{0, 200000}});
    const SplitOptions o{60000, 30000, 1000};
    const QList<qint64> cuts = chooseSplitPoints(v, o);
    QCOMPARE(cuts, (QList<qint64>{59995, 119985, 179975}));
    const QString why = checkCuts(cuts, v.durationMs, o);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // Without frame energies (a VadResult built by hand), cuts land on the limits.
    VadResult bare = v;
    bare.frameEnergyDb.clear();
    QCOMPARE(chooseSplitPoints(bare, o), (QList<qint64>{60000, 120000, 180000}));
}

void TestVoiceActivity::splitTenMinutesOfSpeechCutsInPauses()
{
    // 10 minutes of bursts of 5.5-7.5 s separated by 0.4-1.2 s pauses, detected from the signal
    // (at 8 kHz to keep the test quick).
    const qint64 durationMs = 600000;
    const int rate = 8000;
    SignalBuilder b(durationMs, 16, rate);
    b.noise(-50, -50);
    QRandomGenerator rng(17);
    for (qint64 at = 700; at < durationMs - 8000;) {
        const qint64 length = 5500 + rng.bounded(2000);
        b.speech(at, at + length, -20 - rng.bounded(6.0));
        at += length + 400 + rng.bounded(800);
    }
    const Layout l = b.take();
    const VadResult v = detectSpeech(l.samples.data(), qint64(l.samples.size()), rate);
    const QString detected = compareBoundaries(
        v.speech, padded(l.truth, VadOptions{}.paddingMs, durationMs), kToleranceMs);
    QVERIFY2(detected.isEmpty(), qPrintable(detected));

    const SplitOptions o{60000, 30000, 1000};
    const QList<qint64> cuts = chooseSplitPoints(v, o);
    QVERIFY(cuts.size() >= 9);
    const QString why = checkCuts(cuts, durationMs, o);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(cutInSpeech(cuts, v.speech), -1);
    QCOMPARE(cutInSpeech(cuts, padded(l.truth, 0, durationMs)), -1);
}

void TestVoiceActivity::splitMatchesReference_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qint64>("maxChunkMs");
    QTest::addColumn<qint64>("searchWindowMs");
    QTest::addColumn<qint64>("minChunkMs");
    QTest::addColumn<bool>("withFrames");
    QTest::newRow("defaults, 60 s chunks")
        << 1u << qint64(60000) << qint64(30000) << qint64(1000) << true;
    QTest::newRow("window longer than the chunk")
        << 2u << qint64(20000) << qint64(60000) << qint64(1000) << true;
    QTest::newRow("window equal to the chunk, no minimum")
        << 3u << qint64(15000) << qint64(15000) << qint64(0) << true;
    QTest::newRow("large minimum") << 4u << qint64(30000) << qint64(30000) << qint64(25000) << true;
    QTest::newRow("minimum above the maximum")
        << 5u << qint64(10000) << qint64(5000) << qint64(20000) << true;
    QTest::newRow("no search window") << 6u << qint64(10000) << qint64(0) << qint64(1000) << true;
    QTest::newRow("no frame energies")
        << 7u << qint64(12000) << qint64(6000) << qint64(1000) << false;
    QTest::newRow("tiny chunks") << 8u << qint64(700) << qint64(500) << qint64(100) << true;
}

void TestVoiceActivity::splitMatchesReference()
{
    QFETCH(quint32, seed);
    QFETCH(qint64, maxChunkMs);
    QFETCH(qint64, searchWindowMs);
    QFETCH(qint64, minChunkMs);
    QFETCH(bool, withFrames);
    QRandomGenerator rng(seed);
    const qint64 durationMs = 400000 + rng.bounded(200000);
    QList<SpeechSegment> speech;
    for (qint64 at = rng.bounded(3000); at < durationMs;) {
        const qint64 length = 100 + rng.bounded(rng.bounded(2) ? 40000 : 3000);
        speech.append({at, std::min(durationMs, at + length)});
        at += length + 1 + rng.bounded(rng.bounded(4) ? 800 : 5000);
    }
    VadResult v = syntheticVad(durationMs, speech);
    for (float &e : v.frameEnergyDb) // coarse levels so that ties happen
        e += float(rng.bounded(8)) * 3.0f;
    if (!withFrames)
        v.frameEnergyDb.clear();
    const SplitOptions o{maxChunkMs, searchWindowMs, minChunkMs};
    const QList<qint64> cuts = chooseSplitPoints(v, o);
    QCOMPARE(cuts, referenceSplit(v, o));
    const SplitOptions checked{maxChunkMs, searchWindowMs, std::min(minChunkMs, maxChunkMs)};
    const QString why = checkCuts(cuts, durationMs, checked);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestVoiceActivity::splitThreeHoursIsLinear()
{
    // 3 hours, 10 ms frames (1.08 M), speech with short pauses; a window as long as the chunk and
    // no minimum, the case where windows overlap most.
    const qint64 durationMs = 3 * 3600 * 1000;
    QList<SpeechSegment> speech;
    QRandomGenerator rng(18);
    for (qint64 at = 500; at < durationMs - 10000;) {
        const qint64 length = 2000 + rng.bounded(9000);
        speech.append({at, at + length});
        at += length + 300 + rng.bounded(700);
    }
    const VadResult v = syntheticVad(durationMs, speech);
    for (const SplitOptions &o :
         {SplitOptions{600000, 30000, 1000}, SplitOptions{60000, 60000, 0}}) {
        const QList<qint64> cuts = chooseSplitPoints(v, o);
        QVERIFY(cuts.size() >= durationMs / o.maxChunkMs);
        const QString why = checkCuts(cuts, durationMs, o);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(cutInSpeech(cuts, v.speech), -1);
    }
}

QTEST_GUILESS_MAIN(TestVoiceActivity)
#include "tst_voiceactivity.moc"

#include "audiodecoder.h"
#include "chunkencoder.h"
#include "mediafixtures.h"
#include "mediainfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ChunkFormat)
Q_DECLARE_METATYPE(ErrorCode)

namespace {

constexpr int kRate = 16000;

struct Decoded {
    QString error; // empty on success
    QString container;
    QString codec;
    int channels = 0;
    std::vector<float> samples; // mono at kRate
};

// Decodes `count` samples (-1: all) from `startMs` of `path` at kRate mono, with AudioDecoder.
Decoded decode(const QString &path, qint64 startMs = 0, qint64 count = -1)
{
    Decoded d;
    Result<MediaInfo> info = probeMedia(path);
    if (!info) {
        d.error = info.error().toString();
        return d;
    }
    d.container = info->container;
    if (const AudioStreamInfo *s = info->audioStream(info->bestAudioStream)) {
        d.codec = s->codec;
        d.channels = s->channels;
    }
    DecodeOptions options;
    options.sampleRate = kRate;
    Result<std::unique_ptr<AudioDecoder>> decoder = AudioDecoder::open(path, options);
    if (!decoder) {
        d.error = decoder.error().toString();
        return d;
    }
    if (startMs > 0) {
        if (Result<void> r = (*decoder)->seek(startMs); !r) {
            d.error = r.error().toString();
            return d;
        }
    }
    for (;;) {
        Result<qint64> n = (*decoder)->read(d.samples);
        if (!n) {
            d.error = n.error().toString();
            return d;
        }
        if (*n == 0 || (count >= 0 && qint64(d.samples.size()) >= count))
            break;
    }
    if (count >= 0 && qint64(d.samples.size()) > count)
        d.samples.resize(size_t(count));
    return d;
}

double rms(const std::vector<float> &s)
{
    double sum = 0;
    for (float v : s)
        sum += double(v) * v;
    return s.empty() ? 0.0 : std::sqrt(sum / double(s.size()));
}

// Amplitude of the `hz` component (Goertzel), comparable across frequencies.
double toneAmplitude(const std::vector<float> &s, double hz)
{
    const double w = 2.0 * std::numbers::pi * hz / kRate;
    const double coeff = 2.0 * std::cos(w);
    double s1 = 0, s2 = 0;
    for (float v : s) {
        const double s0 = v + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return 2.0 * std::sqrt(std::max(0.0, power)) / double(std::max<size_t>(1, s.size()));
}

// The input sample rate and channel count Opus keeps in its OpusHead header (FFmpeg always
// reports 48 kHz for Opus streams, whatever rate was encoded).
std::pair<int, int> opusHead(const QByteArray &bytes)
{
    const qsizetype at = bytes.indexOf("OpusHead");
    if (at < 0 || at + 16 > bytes.size())
        return {0, 0};
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + at);
    return {int(p[12] | p[13] << 8 | p[14] << 16 | p[15] << 24), int(p[9])};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

EncodeOptions optionsFor(ChunkFormat format, int bitrate = 0)
{
    EncodeOptions o;
    o.format = format;
    o.bitrate = bitrate;
    return o;
}

void addFormatColumns()
{
    QTest::addColumn<ChunkFormat>("format");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<bool>("lossless");
}

// Decoded lengths are asserted exact for every format. WAV/FLAC store the samples. MP3: the mp3
// muxer's LAME tag records the encoder delay and the last frame's padding, and FFmpeg's demuxer
// trims both (measured: exact at 8, 16, 24 and 44.1 kHz, 0.5 s to 60 s). Opus: the OpusHead
// pre-skip and the last page's granule position trim it to the sample at 48 kHz, and 48 -> 16 kHz
// is an integer ratio (measured: exact at 8, 16 and 48 kHz).
void addFormatRows(const char *suffix = "")
{
    QTest::newRow(qPrintable(u"wav"_s + QLatin1String(suffix)))
        << ChunkFormat::Wav << u"wav"_s << u"pcm_s16le"_s << true;
    QTest::newRow(qPrintable(u"flac"_s + QLatin1String(suffix)))
        << ChunkFormat::Flac << u"flac"_s << u"flac"_s << true;
    QTest::newRow(qPrintable(u"mp3"_s + QLatin1String(suffix)))
        << ChunkFormat::Mp3 << u"mp3"_s << u"mp3"_s << false;
    QTest::newRow(qPrintable(u"opus"_s + QLatin1String(suffix)))
        << ChunkFormat::Opus << u"ogg"_s << u"opus"_s << false;
}

} // namespace

class TestChunkEncoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void names_data();
    void names();

    void encodeToneRange_data();
    void encodeToneRange();
    void bufferAndFileIdentical_data();
    void bufferAndFileIdentical();
    void sourceFormats_data();
    void sourceFormats();
    void toEndOfStream();
    void endAfterStreamEnd();
    void longRange_data();
    void longRange();
    void otherSampleRates_data();
    void otherSampleRates();
    void streamSelection_data();
    void streamSelection();

    void estimateWavExact();
    void estimateVsReal_data();
    void estimateVsReal();
    void twoHoursFit25MB_data();
    void twoHoursFit25MB();

    void errors_data();
    void errors();
    void cancelFromProgress_data();
    void cancelFromProgress();
    void outputDirectoryMissing();
    void failureKeepsExistingFile();

private:
    QTemporaryDir m_tmp;
    QString m_long; // 70 s generated file for the long-range tests
};

void TestChunkEncoder::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(!fixtures::path(u"tone.flac"_s).isEmpty());
    // 70 s: a 300 Hz tone under pink noise, so every encoder frame carries changing content.
    m_long = fixtures::dir() + u"/chunkencoder-long-70s.flac"_s;
    if (!QFileInfo::exists(m_long)) {
        const QString partial = fixtures::dir() + u"/.partial-chunkencoder-long-70s.flac"_s;
        QVERIFY(fixtures::ffmpeg(
            {u"-f"_s, u"lavfi"_s, u"-i"_s,
             u"sine=frequency=300:sample_rate=22050:duration=70[a];"
             "anoisesrc=color=pink:sample_rate=22050:amplitude=0.05:duration=70[b];"
             "[a][b]amix=inputs=2"_s,
             partial}));
        QVERIFY(QFile::rename(partial, m_long));
    }
}

void TestChunkEncoder::names_data()
{
    QTest::addColumn<ChunkFormat>("format");
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QString>("mime");
    QTest::newRow("wav") << ChunkFormat::Wav << u"wav"_s << u"audio/wav"_s;
    QTest::newRow("flac") << ChunkFormat::Flac << u"flac"_s << u"audio/flac"_s;
    QTest::newRow("mp3") << ChunkFormat::Mp3 << u"mp3"_s << u"audio/mpeg"_s;
    QTest::newRow("opus") << ChunkFormat::Opus << u"ogg"_s << u"audio/ogg"_s;
}

void TestChunkEncoder::names()
{
    QFETCH(ChunkFormat, format);
    QFETCH(QString, extension);
    QFETCH(QString, mime);
    QCOMPARE(chunkExtension(format), extension);
    QCOMPARE(chunkMimeType(format), mime);
}

void TestChunkEncoder::encodeToneRange_data()
{
    addFormatColumns();
    QTest::addColumn<bool>("toFile");
    QTest::newRow("wav to buffer")
        << ChunkFormat::Wav << u"wav"_s << u"pcm_s16le"_s << true << false;
    QTest::newRow("wav to file") << ChunkFormat::Wav << u"wav"_s << u"pcm_s16le"_s << true << true;
    QTest::newRow("flac to buffer") << ChunkFormat::Flac << u"flac"_s << u"flac"_s << true << false;
    QTest::newRow("flac to file") << ChunkFormat::Flac << u"flac"_s << u"flac"_s << true << true;
    QTest::newRow("mp3 to buffer") << ChunkFormat::Mp3 << u"mp3"_s << u"mp3"_s << false << false;
    QTest::newRow("mp3 to file") << ChunkFormat::Mp3 << u"mp3"_s << u"mp3"_s << false << true;
    QTest::newRow("opus to buffer") << ChunkFormat::Opus << u"ogg"_s << u"opus"_s << false << false;
    QTest::newRow("opus to file") << ChunkFormat::Opus << u"ogg"_s << u"opus"_s << false << true;
}

// tone.flac [1000, 3500) -> 2500 ms = 40000 samples at 16 kHz mono, in the right container and
// codec, with the source's level and its 440 Hz + 660 Hz content.
void TestChunkEncoder::encodeToneRange()
{
    QFETCH(ChunkFormat, format);
    QFETCH(QString, container);
    QFETCH(QString, codec);
    QFETCH(bool, lossless);
    QFETCH(bool, toFile);
    const QString source = fixtures::path(u"tone.flac"_s);
    const QString out = m_tmp.filePath(u"tone-range."_s + chunkExtension(format));
    QList<double> progress;
    auto onProgress = [&](double p) { progress << p; };
    if (toFile) {
        Result<void> r =
            encodeRangeToFile(source, -1, 1000, 3500, optionsFor(format), out, nullptr, onProgress);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    } else {
        Result<QByteArray> r =
            encodeRangeToBuffer(source, -1, 1000, 3500, optionsFor(format), nullptr, onProgress);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QVERIFY(writeAll(out, *r));
    }
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), 1.0);
    for (qsizetype i = 1; i < progress.size(); ++i)
        QVERIFY(progress[i] >= progress[i - 1] && progress[i] <= 1.0);

    const Decoded d = decode(out);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.container, container);
    QCOMPARE(d.codec, codec);
    QCOMPARE(d.channels, 1);
    const QByteArray bytes = readAll(out);
    if (format == ChunkFormat::Opus) {
        QCOMPARE(opusHead(bytes), std::make_pair(kRate, 1));
    } else {
        Result<MediaInfo> info = probeMedia(out);
        QVERIFY(info.ok());
        QCOMPARE(info->audioStreams.value(0).sampleRate, kRate);
    }
    const qint64 expected = 40000;
    qInfo("%s: %zu samples decoded (expected %lld), %lld bytes, estimate %lld", qPrintable(codec),
          d.samples.size(), expected, qint64(bytes.size()),
          estimateEncodedBytes(2500, optionsFor(format)));
    QCOMPARE(qint64(d.samples.size()), expected);

    const Decoded ref = decode(source, 1000, expected);
    QVERIFY2(ref.error.isEmpty(), qPrintable(ref.error));
    QCOMPARE(qint64(ref.samples.size()), expected);
    const double level = rms(d.samples), refLevel = rms(ref.samples);
    QVERIFY2(std::abs(level - refLevel) < 0.1 * refLevel,
             qPrintable(u"rms %1 vs source %2"_s.arg(level).arg(refLevel)));
    const double a440 = toneAmplitude(d.samples, 440), a660 = toneAmplitude(d.samples, 660);
    const double a550 = toneAmplitude(d.samples, 550), a1000 = toneAmplitude(d.samples, 1000);
    QVERIFY2(std::abs(a440 - toneAmplitude(ref.samples, 440)) < 0.1 * a440 &&
                 std::abs(a660 - toneAmplitude(ref.samples, 660)) < 0.1 * a660,
             qPrintable(u"440 Hz %1, 660 Hz %2"_s.arg(a440).arg(a660)));
    QVERIFY2(a550 < 0.05 * a440 && a1000 < 0.05 * a440,
             qPrintable(u"550 Hz %1, 1000 Hz %2 vs 440 Hz %3"_s.arg(a550).arg(a1000).arg(a440)));
    if (lossless) { // the very samples of the source range
        float maxDiff = 0;
        for (size_t i = 0; i < d.samples.size(); ++i)
            maxDiff = std::max(maxDiff, std::abs(d.samples[i] - ref.samples[i]));
        QVERIFY2(maxDiff <= 1.0f / 32768.0f, qPrintable(u"max difference %1"_s.arg(maxDiff)));
    }
}

void TestChunkEncoder::bufferAndFileIdentical_data()
{
    addFormatColumns();
    addFormatRows();
}

void TestChunkEncoder::bufferAndFileIdentical()
{
    QFETCH(ChunkFormat, format);
    const QString source = fixtures::path(u"tone.flac"_s);
    const QString out = m_tmp.filePath(u"identical."_s + chunkExtension(format));
    Result<QByteArray> buffer = encodeRangeToBuffer(source, -1, 1000, 3500, optionsFor(format));
    QVERIFY(buffer.ok());
    QVERIFY(encodeRangeToFile(source, -1, 1000, 3500, optionsFor(format), out).ok());
    const QByteArray file = readAll(out);
    QVERIFY(file.size() > 1000);
    QCOMPARE(file.size(), buffer->size());
    QVERIFY(file == *buffer);
}

void TestChunkEncoder::sourceFormats_data()
{
    QTest::addColumn<QString>("fixture");
    for (const QString &ext : fixtures::seedFormats())
        QTest::newRow(qPrintable(u"tone."_s + ext)) << QString(u"tone."_s + ext);
    QTest::newRow("video.mkv") << u"video.mkv"_s;
}

// Any readable source: the FLAC chunk holds exactly the samples AudioDecoder gives for the range.
void TestChunkEncoder::sourceFormats()
{
    QFETCH(QString, fixture);
    const QString source = fixtures::path(fixture);
    QVERIFY(!source.isEmpty());
    Result<QByteArray> r =
        encodeRangeToBuffer(source, -1, 1000, 3500, optionsFor(ChunkFormat::Flac));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    const QString out = m_tmp.filePath(u"source.flac"_s);
    QVERIFY(writeAll(out, *r));
    const Decoded d = decode(out);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.channels, 1);
    QCOMPARE(qint64(d.samples.size()), qint64(40000));
    const Decoded ref = decode(source, 1000, 40000);
    QCOMPARE(qint64(ref.samples.size()), qint64(40000));
    QVERIFY(rms(ref.samples) > 0.01); // a tone, not silence
    float maxDiff = 0;
    for (size_t i = 0; i < d.samples.size(); ++i)
        maxDiff = std::max(maxDiff, std::abs(d.samples[i] - ref.samples[i]));
    QVERIFY2(maxDiff <= 1.0f / 32768.0f, qPrintable(u"max difference %1"_s.arg(maxDiff)));
}

void TestChunkEncoder::toEndOfStream()
{
    const QString source = fixtures::path(u"tone.flac"_s);
    double last = -1;
    Result<QByteArray> r = encodeRangeToBuffer(source, -1, 1000, -1, optionsFor(ChunkFormat::Wav),
                                               nullptr, [&](double p) { last = p; });
    QVERIFY(r.ok());
    QCOMPARE(last, 1.0);
    QCOMPARE(r->size(), qsizetype(44 + 2 * 4 * kRate)); // 4 s left of 5 s
}

void TestChunkEncoder::endAfterStreamEnd()
{
    const QString source = fixtures::path(u"tone.flac"_s);
    Result<QByteArray> r =
        encodeRangeToBuffer(source, -1, 4000, 9000, optionsFor(ChunkFormat::Wav));
    QVERIFY(r.ok());
    QCOMPARE(r->size(), qsizetype(44 + 2 * 1 * kRate)); // what there is: 1 s
}

void TestChunkEncoder::longRange_data()
{
    addFormatColumns();
    addFormatRows(" 60 s");
}

// 60 s crosses thousands of encoder frames and many decoder blocks, AVIO buffers and Ogg pages.
void TestChunkEncoder::longRange()
{
    QFETCH(ChunkFormat, format);
    QFETCH(bool, lossless);
    Result<QByteArray> r = encodeRangeToBuffer(m_long, -1, 5000, 65000, optionsFor(format));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    const QString out = m_tmp.filePath(u"long."_s + chunkExtension(format));
    QVERIFY(writeAll(out, *r));
    const Decoded d = decode(out);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    const qint64 expected = 60 * kRate;
    qInfo("%zu samples decoded (expected %lld)", d.samples.size(), expected);
    QCOMPARE(qint64(d.samples.size()), expected);
    const Decoded ref = decode(m_long, 5000, expected);
    QCOMPARE(qint64(ref.samples.size()), expected);
    // Level per 10 s window, so a dropped or repeated stretch anywhere would show.
    for (qint64 w = 0; w + 10 * kRate <= qint64(d.samples.size()); w += 10 * kRate) {
        const std::vector<float> a(d.samples.begin() + w, d.samples.begin() + w + 10 * kRate);
        const std::vector<float> b(ref.samples.begin() + w, ref.samples.begin() + w + 10 * kRate);
        QVERIFY2(std::abs(rms(a) - rms(b)) < 0.1 * rms(b),
                 qPrintable(u"window %1 s: rms %2 vs %3"_s.arg(w / kRate).arg(rms(a)).arg(rms(b))));
        QVERIFY(toneAmplitude(a, 300) > 0.8 * toneAmplitude(b, 300));
    }
    if (lossless) {
        float maxDiff = 0;
        for (size_t i = 0; i < d.samples.size(); ++i)
            maxDiff = std::max(maxDiff, std::abs(d.samples[i] - ref.samples[i]));
        QVERIFY2(maxDiff <= 1.0f / 32768.0f, qPrintable(u"max difference %1"_s.arg(maxDiff)));
    }
}

void TestChunkEncoder::otherSampleRates_data()
{
    QTest::addColumn<ChunkFormat>("format");
    QTest::addColumn<int>("sampleRate");
    QTest::addColumn<int>("bitrate");
    QTest::newRow("wav 8 kHz") << ChunkFormat::Wav << 8000 << 0;
    QTest::newRow("flac 22.05 kHz") << ChunkFormat::Flac << 22050 << 0;
    QTest::newRow("mp3 8 kHz (MPEG-2.5) 16k") << ChunkFormat::Mp3 << 8000 << 16000;
    QTest::newRow("mp3 24 kHz (MPEG-2) 32k") << ChunkFormat::Mp3 << 24000 << 32000;
    QTest::newRow("mp3 44.1 kHz (MPEG-1) 64k") << ChunkFormat::Mp3 << 44100 << 64000;
    QTest::newRow("opus 8 kHz") << ChunkFormat::Opus << 8000 << 0;
    QTest::newRow("opus 48 kHz 32k") << ChunkFormat::Opus << 48000 << 32000;
}

// Rates other than 16 kHz: the stream carries the rate, the length stays exact (decoded at the
// chunk's own rate) and the estimate holds.
void TestChunkEncoder::otherSampleRates()
{
    QFETCH(ChunkFormat, format);
    QFETCH(int, sampleRate);
    QFETCH(int, bitrate);
    EncodeOptions options = optionsFor(format, bitrate);
    options.sampleRate = sampleRate;
    Result<QByteArray> r =
        encodeRangeToBuffer(fixtures::path(u"tone.flac"_s), -1, 500, 4500, options);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    const QString out = m_tmp.filePath(u"rate."_s + chunkExtension(format));
    QVERIFY(writeAll(out, *r));
    if (format == ChunkFormat::Opus) {
        QCOMPARE(opusHead(*r), std::make_pair(sampleRate, 1));
    } else {
        Result<MediaInfo> info = probeMedia(out);
        QVERIFY(info.ok());
        QCOMPARE(info->audioStreams.value(0).sampleRate, sampleRate);
        QCOMPARE(info->audioStreams.value(0).channels, 1);
    }
    DecodeOptions decodeOptions;
    decodeOptions.sampleRate = sampleRate;
    Result<std::unique_ptr<AudioDecoder>> decoder = AudioDecoder::open(out, decodeOptions);
    QVERIFY(decoder.ok());
    std::vector<float> samples;
    for (;;) {
        Result<qint64> n = (*decoder)->read(samples);
        QVERIFY(n.ok());
        if (*n == 0)
            break;
    }
    QCOMPARE(qint64(samples.size()), qint64(4 * sampleRate));
    QVERIFY(rms(samples) > 0.01);
    const qint64 estimate = estimateEncodedBytes(4000, options);
    qInfo("real %lld, estimate %lld", qint64(r->size()), estimate);
    if (format == ChunkFormat::Wav)
        QCOMPARE(estimate, qint64(r->size()));
    else
        QVERIFY(double(estimate) >= 0.98 * double(r->size()));
    if (format == ChunkFormat::Mp3 || format == ChunkFormat::Opus)
        QVERIFY(double(estimate) <= 1.15 * double(r->size()));
}

void TestChunkEncoder::streamSelection_data()
{
    QTest::addColumn<int>("stream");
    QTest::addColumn<double>("hz");
    QTest::addColumn<double>("otherHz");
    // two-audio.mkv: stream 0 is 440 Hz, stream 1 (the default) 880 Hz.
    QTest::newRow("best stream (default, 880 Hz)") << -1 << 880.0 << 440.0;
    QTest::newRow("stream 0 (440 Hz)") << 0 << 440.0 << 880.0;
    QTest::newRow("stream 1 (880 Hz)") << 1 << 880.0 << 440.0;
}

void TestChunkEncoder::streamSelection()
{
    QFETCH(int, stream);
    QFETCH(double, hz);
    QFETCH(double, otherHz);
    const QString source = fixtures::path(u"two-audio.mkv"_s);
    QVERIFY(!source.isEmpty());
    Result<QByteArray> r =
        encodeRangeToBuffer(source, stream, 500, 2500, optionsFor(ChunkFormat::Flac));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    const QString out = m_tmp.filePath(u"stream.flac"_s);
    QVERIFY(writeAll(out, *r));
    const Decoded d = decode(out);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(qint64(d.samples.size()), qint64(2 * kRate));
    QVERIFY(toneAmplitude(d.samples, hz) > 0.05);
    QVERIFY(toneAmplitude(d.samples, otherHz) < 0.05 * toneAmplitude(d.samples, hz));
}

void TestChunkEncoder::estimateWavExact()
{
    QCOMPARE(estimateEncodedBytes(2500, optionsFor(ChunkFormat::Wav)), qint64(44 + 80000));
    QCOMPARE(estimateEncodedBytes(0, optionsFor(ChunkFormat::Wav)), qint64(44));
    EncodeOptions o8k = optionsFor(ChunkFormat::Wav);
    o8k.sampleRate = 8000;
    QCOMPARE(estimateEncodedBytes(1000, o8k), qint64(44 + 16000));
}

void TestChunkEncoder::estimateVsReal_data()
{
    QTest::addColumn<ChunkFormat>("format");
    QTest::addColumn<int>("bitrate");
    QTest::addColumn<QString>("fixture"); // empty: the 70 s generated file
    QTest::addColumn<qint64>("startMs");
    QTest::addColumn<qint64>("endMs");
    const struct {
        const char *name;
        ChunkFormat format;
        int bitrate;
    } formats[] = {{"wav", ChunkFormat::Wav, 0},           {"flac", ChunkFormat::Flac, 0},
                   {"mp3 32k", ChunkFormat::Mp3, 0},       {"mp3 24k", ChunkFormat::Mp3, 24000},
                   {"mp3 64k", ChunkFormat::Mp3, 64000},   {"opus 24k", ChunkFormat::Opus, 0},
                   {"opus 16k", ChunkFormat::Opus, 16000}, {"opus 64k", ChunkFormat::Opus, 64000}};
    for (const auto &f : formats) {
        QTest::addRow("%s speech.wav", f.name)
            << f.format << f.bitrate << u"speech.wav"_s << qint64(0) << qint64(2500);
        QTest::addRow("%s tone.flac 5 s", f.name)
            << f.format << f.bitrate << u"tone.flac"_s << qint64(0) << qint64(5000);
        QTest::addRow("%s tone.mp3 0.5 s", f.name)
            << f.format << f.bitrate << u"tone.mp3"_s << qint64(2000) << qint64(2500);
        QTest::addRow("%s long 60 s", f.name)
            << f.format << f.bitrate << QString() << qint64(5000) << qint64(65000);
    }
}

// WAV: exact. FLAC: an upper bound. MP3/Opus: never more than 2% below the real size (so a chunk
// chosen to fit a limit fits) and at most 15% above it.
void TestChunkEncoder::estimateVsReal()
{
    QFETCH(ChunkFormat, format);
    QFETCH(int, bitrate);
    QFETCH(QString, fixture);
    QFETCH(qint64, startMs);
    QFETCH(qint64, endMs);
    const QString source = fixture.isEmpty() ? m_long : fixtures::path(fixture);
    const EncodeOptions options = optionsFor(format, bitrate);
    Result<QByteArray> r = encodeRangeToBuffer(source, -1, startMs, endMs, options);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    const qint64 real = r->size();
    const qint64 estimate = estimateEncodedBytes(endMs - startMs, options);
    qInfo("real %lld, estimate %lld (%+.2f%%)", real, estimate,
          100.0 * double(estimate - real) / double(real));
    switch (format) {
    case ChunkFormat::Wav:
        QCOMPARE(estimate, real);
        break;
    case ChunkFormat::Flac:
        QVERIFY(estimate >= real);
        break;
    case ChunkFormat::Mp3:
    case ChunkFormat::Opus:
        QVERIFY(double(estimate) >= 0.98 * double(real));
        QVERIFY(double(estimate) <= 1.15 * double(real));
        break;
    }
}

void TestChunkEncoder::twoHoursFit25MB_data()
{
    QTest::addColumn<ChunkFormat>("format");
    QTest::addColumn<int>("bitrate");
    QTest::addColumn<bool>("fits");
    QTest::newRow("opus 24k (default) fits") << ChunkFormat::Opus << 0 << true;
    QTest::newRow("mp3 24k fits") << ChunkFormat::Mp3 << 24000 << true;
    QTest::newRow("mp3 32k (default) does not fit") << ChunkFormat::Mp3 << 0 << false;
    QTest::newRow("flac does not fit") << ChunkFormat::Flac << 0 << false;
}

// The pipeline decides with estimateEncodedBytes whether a whole 2-hour file fits a provider's
// 25 MB upload limit (taken as 25,000,000 bytes, stricter than 25 MiB): Opus at 24 kb/s and MP3 at
// 24 kb/s do (about 22.2 MB and 21.7 MB); MP3 at its 32 kb/s default does not (28.8 MB).
void TestChunkEncoder::twoHoursFit25MB()
{
    QFETCH(ChunkFormat, format);
    QFETCH(int, bitrate);
    QFETCH(bool, fits);
    const qint64 estimate = estimateEncodedBytes(2 * 3600 * 1000, optionsFor(format, bitrate));
    qInfo("2 h: %lld bytes", estimate);
    QCOMPARE(estimate < 25000000, fits);
    QCOMPARE(estimate < 25 * 1024 * 1024, fits);
}

void TestChunkEncoder::errors_data()
{
    QTest::addColumn<QString>("fixture"); // a fixture name, or a path when it starts with '/'
    QTest::addColumn<qint64>("startMs");
    QTest::addColumn<qint64>("endMs");
    QTest::addColumn<ChunkFormat>("format");
    QTest::addColumn<int>("sampleRate");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messageContains");
    QTest::addColumn<int>("stream");
    const QString tone = u"tone.flac"_s;
    QTest::newRow("missing file") << u"/nonexistent/missing.wav"_s << qint64(0) << qint64(1000)
                                  << ChunkFormat::Wav << kRate << ErrorCode::NotFound
                                  << u"does not exist"_s << -1;
    QTest::newRow("not media") << u"notmedia.wav"_s << qint64(0) << qint64(1000) << ChunkFormat::Wav
                               << kRate << ErrorCode::UnsupportedFormat << u"not a media file"_s
                               << -1;
    QTest::newRow("empty file") << u"empty.wav"_s << qint64(0) << qint64(1000) << ChunkFormat::Flac
                                << kRate << ErrorCode::UnsupportedFormat << u"empty"_s << -1;
    QTest::newRow("start beyond end")
        << tone << qint64(6000) << qint64(7000) << ChunkFormat::Mp3 << kRate
        << ErrorCode::InvalidArgument << u"after the end of the audio (5 s)"_s << -1;
    QTest::newRow("start at end, open range")
        << tone << qint64(5000) << qint64(-1) << ChunkFormat::Opus << kRate
        << ErrorCode::InvalidArgument << u"after the end"_s << -1;
    QTest::newRow("end equals start")
        << tone << qint64(1000) << qint64(1000) << ChunkFormat::Wav << kRate
        << ErrorCode::InvalidArgument << u"must be after its start"_s << -1;
    QTest::newRow("end before start")
        << tone << qint64(2000) << qint64(1000) << ChunkFormat::Flac << kRate
        << ErrorCode::InvalidArgument << u"must be after its start"_s << -1;
    QTest::newRow("negative start") << tone << qint64(-500) << qint64(1000) << ChunkFormat::Wav
                                    << kRate << ErrorCode::InvalidArgument << u"before 0"_s << -1;
    QTest::newRow("opus at 44.1 kHz") << tone << qint64(0) << qint64(1000) << ChunkFormat::Opus
                                      << 44100 << ErrorCode::InvalidArgument << u"16000"_s << -1;
    QTest::newRow("video stream") << u"video.mkv"_s << qint64(0) << qint64(1000) << ChunkFormat::Wav
                                  << kRate << ErrorCode::UnsupportedFormat
                                  << u"not an audio stream"_s << 0;
    QTest::newRow("zero sample rate") << tone << qint64(0) << qint64(1000) << ChunkFormat::Flac << 0
                                      << ErrorCode::InvalidArgument << u"positive"_s << -1;
}

// Every failure is clean for both outputs: an error with the expected code and no file left.
void TestChunkEncoder::errors()
{
    QFETCH(QString, fixture);
    QFETCH(qint64, startMs);
    QFETCH(qint64, endMs);
    QFETCH(ChunkFormat, format);
    QFETCH(int, sampleRate);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messageContains);
    QFETCH(int, stream);
    const QString source = fixture.startsWith(u'/') ? fixture : fixtures::path(fixture);
    QVERIFY(!source.isEmpty());
    EncodeOptions options = optionsFor(format);
    options.sampleRate = sampleRate;
    Result<QByteArray> buffer = encodeRangeToBuffer(source, stream, startMs, endMs, options);
    QVERIFY(!buffer.ok());
    QCOMPARE(buffer.error().code, code);
    QVERIFY2(buffer.error().message.contains(messageContains),
             qPrintable(buffer.error().toString()));
    QTemporaryDir dir;
    const QString out = dir.filePath(u"out."_s + chunkExtension(format));
    Result<void> file = encodeRangeToFile(source, stream, startMs, endMs, options, out);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, code);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());
}

void TestChunkEncoder::cancelFromProgress_data()
{
    addFormatColumns();
    QTest::addColumn<bool>("beforeStart");
    QTest::newRow("wav, first progress") << ChunkFormat::Wav << u""_s << u""_s << true << false;
    QTest::newRow("flac, first progress") << ChunkFormat::Flac << u""_s << u""_s << true << false;
    QTest::newRow("mp3, first progress") << ChunkFormat::Mp3 << u""_s << u""_s << false << false;
    QTest::newRow("opus, first progress") << ChunkFormat::Opus << u""_s << u""_s << false << false;
    QTest::newRow("flac, before start") << ChunkFormat::Flac << u""_s << u""_s << true << true;
}

// Cancelling stops within a block (only a few progress calls after the request) with Cancelled,
// and the file output leaves nothing behind, not even the temporary file.
void TestChunkEncoder::cancelFromProgress()
{
    QFETCH(ChunkFormat, format);
    QFETCH(bool, beforeStart);
    std::atomic_bool cancel{beforeStart};
    int callsAfterCancel = 0;
    auto onProgress = [&](double) {
        if (cancel)
            ++callsAfterCancel;
        cancel = true;
    };
    QTemporaryDir dir;
    const QString out = dir.filePath(u"cancelled."_s + chunkExtension(format));
    Result<void> r =
        encodeRangeToFile(m_long, -1, 0, 60000, optionsFor(format), out, &cancel, onProgress);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
    QCOMPARE(callsAfterCancel, 0);
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());

    cancel = beforeStart;
    Result<QByteArray> b =
        encodeRangeToBuffer(m_long, -1, 0, 60000, optionsFor(format), &cancel, onProgress);
    QVERIFY(!b.ok());
    QCOMPARE(b.error().code, ErrorCode::Cancelled);
}

void TestChunkEncoder::outputDirectoryMissing()
{
    const QString out = m_tmp.filePath(u"no-such-dir/chunk.wav"_s);
    Result<void> r = encodeRangeToFile(fixtures::path(u"tone.flac"_s), -1, 0, 1000,
                                       optionsFor(ChunkFormat::Wav), out);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::IoError);
    QCOMPARE(r.error().file, out);
    QVERIFY(!QFileInfo::exists(m_tmp.filePath(u"no-such-dir"_s)));
}

// A failed or cancelled encode does not touch an existing output; a successful one replaces it.
void TestChunkEncoder::failureKeepsExistingFile()
{
    const QString out = m_tmp.filePath(u"existing.flac"_s);
    QVERIFY(writeAll(out, "previous contents"));
    const QString source = fixtures::path(u"tone.flac"_s);
    QVERIFY(!encodeRangeToFile(source, -1, 9000, 10000, optionsFor(ChunkFormat::Flac), out).ok());
    QCOMPARE(readAll(out), QByteArray("previous contents"));
    QVERIFY(encodeRangeToFile(source, -1, 0, 1000, optionsFor(ChunkFormat::Flac), out).ok());
    QVERIFY(readAll(out).startsWith("fLaC"));
}

QTEST_GUILESS_MAIN(TestChunkEncoder)
#include "tst_chunkencoder.moc"

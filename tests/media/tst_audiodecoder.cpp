#include "audiodecoder.h"
#include "mediafixtures.h"
#include "mediainfo.h"

#include <QJsonArray>

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

struct Decoded {
    std::vector<float> samples;
    int rate = 0;
    int damaged = 0;
    std::optional<Error> error;
};

Decoded decodeAll(const QString &path, DecodeOptions options = {}, qint64 seekMs = -1)
{
    Decoded out;
    auto dec = AudioDecoder::open(path, options);
    if (!dec) {
        out.error = dec.error();
        return out;
    }
    out.rate = (*dec)->sampleRate();
    if (seekMs >= 0) {
        if (auto s = (*dec)->seek(seekMs); !s) {
            out.error = s.error();
            return out;
        }
    }
    for (int guard = 0; guard < 1000000; ++guard) {
        const size_t before = out.samples.size();
        auto n = (*dec)->read(out.samples);
        if (!n) {
            out.error = n.error();
            break;
        }
        // read() returns exactly what it appended (seek padding included).
        if (*n != qint64(out.samples.size() - before)) {
            out.error = makeError(ErrorCode::Internal, QStringLiteral("read() miscounted"));
            break;
        }
        if (*n == 0)
            break;
    }
    out.damaged = (*dec)->damagedPackets();
    return out;
}

double rms(const float *s, qint64 n)
{
    double sum = 0;
    for (qint64 i = 0; i < n; ++i)
        sum += double(s[i]) * s[i];
    return n > 0 ? std::sqrt(sum / double(n)) : 0.0;
}

// Dominant frequency estimated from upward zero crossings.
double zeroCrossingHz(const std::vector<float> &s, int rate)
{
    int crossings = 0;
    for (size_t i = 1; i < s.size(); ++i)
        crossings += s[i - 1] < 0.0f && s[i] >= 0.0f;
    return s.empty() ? 0.0 : crossings * double(rate) / double(s.size());
}

} // namespace

class TestAudioDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void probesEveryFormat_data();
    void probesEveryFormat();
    void decodesEveryFormat_data();
    void decodesEveryFormat();
    void resamples();
    void picksAChannel();
    void picksAStream();
    void seeksAccurately_data();
    void seeksAccurately();
    void badFiles_data();
    void badFiles();
    void damagedFilesDecodeWhatIsValid();
    void unusualStreams_data();
    void unusualStreams();
    void cancels();
};

void TestAudioDecoder::probesEveryFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<int>("rate");
    QTest::addColumn<bool>("video");
    const QHash<QString, QString> codecs{
        {u"flac"_s, u"flac"_s},  {u"mp3"_s, u"mp3"_s},       {u"mp4"_s, u"aac"_s},
        {u"mpeg"_s, u"mp2"_s},   {u"mpga"_s, u"mp3"_s},      {u"m4a"_s, u"aac"_s},
        {u"ogg"_s, u"vorbis"_s}, {u"wav"_s, u"pcm_s16le"_s}, {u"webm"_s, u"opus"_s}};
    for (const QString &ext : fixtures::seedFormats()) {
        const int rate = ext == u"webm" ? 48000 : 44100; // Opus always decodes at 48 kHz
        QTest::newRow(qPrintable(ext)) << u"tone."_s + ext << codecs.value(ext) << rate << false;
    }
    QTest::newRow("mkv video") << u"video.mkv"_s << u"aac"_s << 48000 << true;
    QTest::newRow("mov video") << u"video.mov"_s << u"aac"_s << 48000 << true;
    QTest::newRow("avi video") << u"video.avi"_s << u"mp3"_s << 48000 << true;
}

void TestAudioDecoder::probesEveryFormat()
{
    QFETCH(QString, file);
    QFETCH(QString, codec);
    QFETCH(int, rate);
    QFETCH(bool, video);
    const QString path = fixtures::path(file);
    QVERIFY(!path.isEmpty());
    auto info = probeMedia(path);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
    QCOMPARE(info->audioStreams.size(), 1);
    const AudioStreamInfo &s = info->audioStreams.first();
    QCOMPARE(s.codec, codec);
    QCOMPARE(s.sampleRate, rate);
    QCOMPARE(s.channels, 2);
    QCOMPARE(info->bestAudioStream, s.index);
    QCOMPARE(info->hasVideo, video);
    // Containers add encoder padding (MP3 in AVI most: one 1152-sample frame plus delay).
    const qint64 expectedMs = video ? 4000 : 5000;
    QVERIFY2(std::abs(info->durationMs - expectedMs) <= 120,
             qPrintable(QString::number(info->durationMs)));
    QVERIFY(info->fileSize > 0);
    QVERIFY(!info->container.isEmpty());
    QCOMPARE(info->toJson().value(u"audio_streams"_s).toArray().size(), 1);
    QVERIFY(info->toText().contains(codec));
}

void TestAudioDecoder::decodesEveryFormat_data()
{
    probesEveryFormat_data();
}

void TestAudioDecoder::decodesEveryFormat()
{
    QFETCH(QString, file);
    QFETCH(int, rate);
    QFETCH(bool, video);
    const Decoded d = decodeAll(fixtures::path(file));
    QVERIFY2(!d.error, qPrintable(d.error ? d.error->toString() : QString()));
    QCOMPARE(d.rate, rate);
    const double seconds = double(d.samples.size()) / rate;
    const double expected = video ? 4.0 : 5.0;
    QVERIFY2(std::abs(seconds - expected) < 0.06, qPrintable(QString::number(seconds)));
    // The mono mix of the stereo tone is not silence and stays within [-1, 1].
    QVERIFY(rms(d.samples.data(), qint64(d.samples.size())) > 0.05);
    const auto [lo, hi] = std::minmax_element(d.samples.cbegin(), d.samples.cend());
    QVERIFY(*lo >= -1.0f && *hi <= 1.0f);
    QCOMPARE(d.damaged, 0);
}

void TestAudioDecoder::resamples()
{
    DecodeOptions o;
    o.sampleRate = 16000;
    const Decoded d = decodeAll(fixtures::path(u"tone.flac"_s), o);
    QVERIFY(!d.error);
    QCOMPARE(d.rate, 16000);
    QVERIFY2(std::abs(qint64(d.samples.size()) - 80000) <= 16,
             qPrintable(QString::number(d.samples.size())));
}

void TestAudioDecoder::picksAChannel()
{
    const QString path = fixtures::path(u"stereo-split.wav"_s);
    DecodeOptions left, right;
    left.channel = 0;
    right.channel = 1;
    const Decoded l = decodeAll(path, left), r = decodeAll(path, right), mix = decodeAll(path);
    QVERIFY(!l.error && !r.error && !mix.error);
    const double lr = rms(l.samples.data(), qint64(l.samples.size()));
    QVERIFY(lr > 0.3);
    QCOMPARE(rms(r.samples.data(), qint64(r.samples.size())), 0.0);
    QVERIFY(std::abs(rms(mix.samples.data(), qint64(mix.samples.size())) - lr / 2) < 0.01);
    QVERIFY(std::abs(zeroCrossingHz(l.samples, l.rate) - 440.0) < 2.0);
    DecodeOptions bad;
    bad.channel = 2;
    auto dec = AudioDecoder::open(path, bad);
    QVERIFY(!dec.ok());
    QVERIFY(dec.error().message.contains(u"2 channel"_s));
}

void TestAudioDecoder::picksAStream()
{
    const QString path = fixtures::path(u"two-audio.mkv"_s);
    auto info = probeMedia(path);
    QVERIFY(info.ok());
    QCOMPARE(info->audioStreams.size(), 2);
    QCOMPARE(info->audioStreams[0].language, u"eng"_s);
    QCOMPARE(info->audioStreams[1].language, u"fre"_s);
    QVERIFY(info->audioStreams[1].isDefault);
    QCOMPARE(info->bestAudioStream, info->audioStreams[1].index);
    for (int i = 0; i < 2; ++i) {
        DecodeOptions o;
        o.streamIndex = info->audioStreams[i].index;
        const Decoded d = decodeAll(path, o);
        QVERIFY(!d.error);
        QVERIFY(std::abs(zeroCrossingHz(d.samples, d.rate) - (i == 0 ? 440.0 : 880.0)) < 3.0);
    }
    DecodeOptions video;
    video.streamIndex = 7;
    QVERIFY(!AudioDecoder::open(path, video).ok());
}

void TestAudioDecoder::seeksAccurately_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("toleranceSamples");
    // PCM and FLAC seek exactly. Lossy codecs restart decoding at a packet boundary, so the first
    // frame after a seek is reconstructed without its predecessor: compare after it, and allow the
    // container's timestamp granularity.
    QTest::newRow("wav") << u"tone.wav"_s << 0;
    QTest::newRow("flac") << u"tone.flac"_s << 0;
    QTest::newRow("mp3") << u"tone.mp3"_s << 0;
    QTest::newRow("ogg vorbis") << u"tone.ogg"_s << 0;
    QTest::newRow("m4a aac") << u"tone.m4a"_s << 0;
    // WebM/Matroska store millisecond timestamps: one ms is 48 samples at Opus's 48 kHz.
    QTest::newRow("webm opus") << u"tone.webm"_s << 24;
    // MPEG-PS seeks land late; the decoder seeks further back instead of padding with silence.
    QTest::newRow("mpeg ps mp2") << u"tone.mpeg"_s << 0;
}

void TestAudioDecoder::seeksAccurately()
{
    QFETCH(QString, file);
    QFETCH(int, toleranceSamples);
    const QString path = fixtures::path(file);
    const Decoded all = decodeAll(path);
    QVERIFY(!all.error);
    for (qint64 ms : {1000LL, 2345LL, 4000LL}) {
        const Decoded part = decodeAll(path, {}, ms);
        QVERIFY(!part.error);
        const qint64 at = ms * all.rate / 1000;
        // Find where the seeked signal lines up with the sequential decode (skipping the first
        // 2048 samples, which a lossy decoder rebuilds without its history).
        const qint64 skip = 2048, len = 2048;
        QVERIFY(qint64(part.samples.size()) > skip + len);
        qint64 bestShift = 0;
        double bestErr = 1e30;
        for (qint64 shift = -200; shift <= 200; ++shift) {
            double err = 0;
            for (qint64 i = 0; i < len; ++i) {
                const qint64 j = at + skip + i + shift;
                if (j < 0 || j >= qint64(all.samples.size())) {
                    err = 1e30;
                    break;
                }
                const double e = double(part.samples[size_t(skip + i)]) - all.samples[size_t(j)];
                err += e * e;
            }
            if (err < bestErr) {
                bestErr = err;
                bestShift = shift;
            }
        }
        QVERIFY2(std::abs(bestShift) <= toleranceSamples,
                 qPrintable(u"%1 ms: off by %2 samples"_s.arg(ms).arg(bestShift)));
        // And the length after the seek is the rest of the stream.
        QVERIFY(std::abs(qint64(part.samples.size()) - (qint64(all.samples.size()) - at)) <= 1152);
    }
}

void TestAudioDecoder::badFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing") << u"/nonexistent/none.wav"_s << int(ErrorCode::NotFound)
                             << u"not exist"_s;
    QTest::newRow("empty") << u"empty.wav"_s << int(ErrorCode::UnsupportedFormat) << u"empty"_s;
    QTest::newRow("not media") << u"notmedia.wav"_s << int(ErrorCode::UnsupportedFormat)
                               << u"not a media file"_s;
    QTest::newRow("folder") << u"."_s << int(ErrorCode::UnsupportedFormat) << u"folder"_s;
}

void TestAudioDecoder::badFiles()
{
    QFETCH(QString, file);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    QString path = file;
    if (!file.startsWith(u'/'))
        path = file == u"." ? fixtures::dir() : fixtures::path(file);
    auto info = probeMedia(path);
    QVERIFY(!info.ok());
    QCOMPARE(int(info.error().code), code);
    QVERIFY2(info.error().message.contains(mentions), qPrintable(info.error().message));
    QCOMPARE(info.error().file, path);
    auto dec = AudioDecoder::open(path, {});
    QVERIFY(!dec.ok());
    QCOMPARE(int(dec.error().code), code);
}

void TestAudioDecoder::damagedFilesDecodeWhatIsValid()
{
    // Random bytes over the middle of an MP3: the rest still decodes, damage is counted.
    const Decoded corrupt = decodeAll(fixtures::path(u"corrupt.mp3"_s));
    QVERIFY2(!corrupt.error, qPrintable(corrupt.error ? corrupt.error->toString() : QString()));
    const double seconds = double(corrupt.samples.size()) / corrupt.rate;
    QVERIFY2(seconds > 4.5 && seconds < 5.2, qPrintable(QString::number(seconds)));
    // A FLAC cut at 40%: about 4 s of the 10 s decode, then a clean end.
    const Decoded truncated = decodeAll(fixtures::path(u"truncated.flac"_s));
    const double t = double(truncated.samples.size()) / truncated.rate;
    QVERIFY2(t > 3.0 && t < 5.0, qPrintable(QString::number(t)));
    QVERIFY(rms(truncated.samples.data(), qint64(truncated.samples.size())) > 0.05);
}

// Float files decode without the resampler at their own rate, and may hold anything; headers
// may claim anything. Found with fuzz_media_probe: samples beyond [-1, 1] (and NaN) came out of
// the decoder, more than 8 channels overran a plane array on the stack, and a 539 MHz sample rate
// made the resampler allocate 2 GB.
void TestAudioDecoder::unusualStreams_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("rate"); // output rate, 0: the file's own
    QTest::addColumn<qint64>("samples");
    QTest::addColumn<float>("peak");    // largest magnitude expected (0: any)
    QTest::addColumn<QString>("error"); // what the error says, empty: decodes
    QTest::newRow("10 channels of float at their own rate")
        << u"float-10ch-16k.wav"_s << 0 << qint64(80) << 0.5f << QString();
    QTest::newRow("10 channels of float at 16 kHz")
        << u"float-10ch-16k.wav"_s << 16000 << qint64(80) << 0.5f << QString();
    QTest::newRow("NaN, infinity and 3.0 in a float file")
        << u"float-nan-inf-16k.wav"_s << 0 << qint64(160) << 1.0f << QString();
    QTest::newRow("NaN, infinity and 3.0 in a float file, resampled")
        << u"float-nan-inf-16k.wav"_s << 8000 << qint64(-1) << 0.0f // NaN spreads: zeros
        << QString();
    QTest::newRow("70 channels") << u"float-70ch-16k.wav"_s << 0 << qint64(0) << 0.0f
                                 << u"no valid sample rate or channel count"_s;
    QTest::newRow("a sample rate of 539 MHz, resampled")
        << u"float-rate-539mhz.wav"_s << 16000 << qint64(0) << 0.0f
        << u"no valid sample rate or channel count"_s;
}

void TestAudioDecoder::unusualStreams()
{
    QFETCH(QString, file);
    QFETCH(int, rate);
    QFETCH(qint64, samples);
    QFETCH(float, peak);
    QFETCH(QString, error);
    DecodeOptions options;
    options.sampleRate = rate;
    const Decoded d = decodeAll(QStringLiteral(CAPTIONEER_TEST_DATA "/media/") + file, options);
    if (!error.isEmpty()) {
        QVERIFY(d.error);
        QCOMPARE(d.error->code, ErrorCode::UnsupportedFormat);
        QVERIFY2(d.error->message.contains(error), qPrintable(d.error->toString()));
        return;
    }
    QVERIFY2(!d.error, qPrintable(d.error ? d.error->toString() : QString()));
    if (samples >= 0)
        QCOMPARE(qint64(d.samples.size()), samples);
    QVERIFY(!d.samples.empty());
    float largest = 0;
    for (const float s : d.samples) {
        QVERIFY(std::isfinite(s));
        QVERIFY(s >= -1.0f && s <= 1.0f);
        largest = std::max(largest, std::abs(s));
    }
    if (peak > 0)
        QVERIFY2(largest <= peak && largest > peak * 0.8f, qPrintable(QString::number(largest)));
}

void TestAudioDecoder::cancels()
{
    std::atomic_bool cancel = false;
    auto dec = AudioDecoder::open(fixtures::path(u"tone.flac"_s), {}, &cancel);
    QVERIFY(dec.ok());
    std::vector<float> out;
    QVERIFY((*dec)->read(out).ok());
    cancel = true;
    auto r = (*dec)->read(out);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
}

QTEST_GUILESS_MAIN(TestAudioDecoder)
#include "tst_audiodecoder.moc"

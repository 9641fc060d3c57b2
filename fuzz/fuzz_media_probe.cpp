#include "fuzzcheck.h"

#include "audiodecoder.h"
#include "mediainfo.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QFile>

#include <cmath>

#include <unistd.h>

// The media probe (mediainfo.h) on arbitrary bytes, and the first seconds of decoding when the
// probe finds audio (audiodecoder.h): what happens when a user drops any file on Captioneer.
// probeMedia takes a path, as the application calls it, so each input is written to one file in
// the temporary directory ($TMPDIR, else /tmp). Whatever the bytes: no crash, no leak, a clear
// error or a description with sane values.
namespace {

QString inputPath()
{
    const QByteArray dir =
        qEnvironmentVariableIsEmpty("TMPDIR") ? QByteArray("/tmp") : qgetenv("TMPDIR");
    return QString::fromLocal8Bit(dir) + QStringLiteral("/captioneer-fuzz-media-") +
           QString::number(getpid());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    av_log_set_level(AV_LOG_QUIET); // FFmpeg's complaints about garbage are not findings
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString path = inputPath();
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        FUZZ_CHECK(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    }
    const Result<MediaInfo> info = probeMedia(path);
    if (!info) {
        FUZZ_CHECK(!info.error().message.isEmpty());
        FUZZ_CHECK(info.error().file == path);
        return 0;
    }
    FUZZ_CHECK(!info->audioStreams.isEmpty());
    FUZZ_CHECK(info->audioStream(info->bestAudioStream) != nullptr);
    (void)info->toJson();
    (void)info->toText();

    // Both decoder paths: the file's own rate (the waveform; float codecs skip the resampler) and
    // 16 kHz (transcription).
    DecodeOptions options;
    options.sampleRate = size % 2 == 0 ? 0 : 16000;
    Result<std::unique_ptr<AudioDecoder>> decoder = AudioDecoder::open(path, options);
    if (!decoder) {
        FUZZ_CHECK(!decoder.error().message.isEmpty());
        return 0;
    }
    std::vector<float> samples;
    for (int reads = 0; reads < 200 && samples.size() < 16000 * 5; ++reads) {
        const Result<qint64> got = (*decoder)->read(samples);
        if (!got || *got == 0)
            break;
    }
    for (const float s : samples)
        FUZZ_CHECK(std::isfinite(s) && s >= -1.0f && s <= 1.0f);
    return 0;
}

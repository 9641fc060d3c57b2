#include "chunkencoder.h"

#include "audiodecoder.h"
#include "ffmpeg.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSaveFile>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ChunkEncoder)
};

constexpr int kDefaultMp3Bitrate = 32000;
constexpr int kDefaultOpusBitrate = 24000;
constexpr int kPcmFrameSamples = 4096; // frame length for encoders that take any (PCM)
constexpr int kAvioBufferSize = 32768;

// Sizes measured on this encoder's output (FFmpeg 5.1, bitexact muxing, see tst_chunkencoder).
constexpr qint64 kWavHeaderBytes = 44;    // RIFF + 16-byte fmt chunk + data chunk header
constexpr qint64 kFlacHeaderBytes = 128;  // fLaC, STREAMINFO, VORBIS_COMMENT (60 bytes) + margin
constexpr qint64 kMp3Id3Bytes = 20;       // empty ID3v2.4 tag written by the mp3 muxer
constexpr qint64 kMp3DelaySamples = 1105; // LAME's encoder delay (576 + 529)
constexpr int kOpusFrameMs = 20;          // libopus default packet duration
constexpr qint64 kOggHeaderBytes = 120;   // OpusHead and OpusTags pages (97 bytes) + margin

struct FormatSpec {
    const char *encoder;
    const char *muxer; // also the file extension
    const char *mime;
    const char *name;     // for messages
    const char *packages; // Debian packages that provide the encoder
};

FormatSpec formatSpec(ChunkFormat format)
{
    switch (format) {
    case ChunkFormat::Wav:
        return {"pcm_s16le", "wav", "audio/wav", "WAV", "libavcodec59"};
    case ChunkFormat::Flac:
        return {"flac", "flac", "audio/flac", "FLAC", "libavcodec59"};
    case ChunkFormat::Mp3:
        return {"libmp3lame", "mp3", "audio/mpeg", "MP3", "libavcodec59, libmp3lame0"};
    case ChunkFormat::Opus:
        break;
    }
    return {"libopus", "ogg", "audio/ogg", "Opus", "libavcodec59, libopus0"};
}

int effectiveBitrate(const EncodeOptions &options)
{
    if (options.bitrate > 0)
        return options.bitrate;
    return options.format == ChunkFormat::Opus ? kDefaultOpusBitrate : kDefaultMp3Bitrate;
}

Error invalid(const QString &message, const QString &path = {})
{
    Error e = makeError(ErrorCode::InvalidArgument, message);
    e.file = path;
    return e;
}

// RAII owners for the output side (ffmpeg.h only has the input side's).
struct OutputFreer {
    void operator()(AVFormatContext *c) const { avformat_free_context(c); }
};
struct AvioFreer {
    void operator()(AVIOContext *c) const
    {
        av_freep(&c->buffer); // FFmpeg may have replaced the buffer we allocated
        avio_context_free(&c);
    }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputFreer>;
using AvioPtr = std::unique_ptr<AVIOContext, AvioFreer>;

#if LIBAVFORMAT_VERSION_MAJOR >= 61
using WriteBuffer = const uint8_t *;
#else
using WriteBuffer = uint8_t *;
#endif

// AVIO callbacks over a seekable QIODevice: a QBuffer for memory, a QSaveFile for files. The WAV,
// FLAC and MP3 muxers seek back at the end to fill in sizes, STREAMINFO and the Xing header.
int writeDevice(void *opaque, WriteBuffer buf, int size)
{
    auto *device = static_cast<QIODevice *>(opaque);
    return device->write(reinterpret_cast<const char *>(buf), size) == size ? size : AVERROR(EIO);
}

int64_t seekDevice(void *opaque, int64_t offset, int whence)
{
    auto *device = static_cast<QIODevice *>(opaque);
    whence &= ~AVSEEK_FORCE;
    if (whence == AVSEEK_SIZE)
        return device->size();
    const int64_t base =
        whence == SEEK_CUR ? device->pos() : (whence == SEEK_END ? device->size() : 0);
    return base + offset >= 0 && device->seek(base + offset) ? base + offset : AVERROR(EIO);
}

// Checks the arguments and finds the encoder, or explains which package is missing.
Result<const AVCodec *> findEncoder(const QString &path, qint64 startMs, qint64 endMs,
                                    const EncodeOptions &options)
{
    if (startMs < 0)
        return invalid(Tr::tr("The range cannot start before 0 s."), path);
    if (endMs >= 0 && endMs <= startMs)
        return invalid(Tr::tr("The range end (%1 ms) must be after its start (%2 ms).")
                           .arg(endMs)
                           .arg(startMs),
                       path);
    if (options.bitrate < 0)
        return invalid(Tr::tr("The bitrate cannot be negative (%1 b/s).").arg(options.bitrate));
    if (options.sampleRate <= 0)
        return invalid(
            Tr::tr("The sample rate must be positive, not %1 Hz.").arg(options.sampleRate));
    const FormatSpec spec = formatSpec(options.format);
    const AVCodec *codec = avcodec_find_encoder_by_name(spec.encoder);
    if (!codec)
        return makeError(ErrorCode::UnsupportedFormat,
                         Tr::tr("%1 encoding is not available: this FFmpeg has no %2 encoder "
                                "(Debian packages: %3).")
                             .arg(QLatin1String(spec.name), QLatin1String(spec.encoder),
                                  QLatin1String(spec.packages)));
    QStringList rates;
    for (const int *r = codec->supported_samplerates; r && *r; ++r)
        rates << QString::number(*r);
    if (!rates.isEmpty() && !rates.contains(QString::number(options.sampleRate)))
        return invalid(Tr::tr("%1 cannot be encoded at %2 Hz; supported rates (Hz): %3.")
                           .arg(QLatin1String(spec.name))
                           .arg(options.sampleRate)
                           .arg(rates.join(QStringLiteral(", "))));
    return codec;
}

// Float if the encoder takes it (MP3, Opus), else 16-bit (WAV, FLAC). Mono, so planar and packed
// layouts are the same.
AVSampleFormat pickSampleFormat(const AVCodec *codec)
{
    for (const AVSampleFormat wanted :
         {AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P}) {
        for (const AVSampleFormat *f = codec->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE; ++f) {
            if (*f == wanted)
                return wanted;
        }
    }
    return AV_SAMPLE_FMT_NONE;
}

// Encodes mono float samples into one audio stream of a container written to a QIODevice.
class ChunkWriter {
public:
    Result<void> open(const AVCodec *codec, const EncodeOptions &options, QIODevice *device)
    {
        const FormatSpec spec = formatSpec(options.format);
        m_name = QLatin1String(spec.name);
        const AVSampleFormat sampleFormat = pickSampleFormat(codec);
        if (sampleFormat == AV_SAMPLE_FMT_NONE)
            return internal(Tr::tr("The %1 encoder takes no supported sample format."));
        AVFormatContext *fmt = nullptr;
        if (int r = avformat_alloc_output_context2(&fmt, nullptr, spec.muxer, nullptr); r < 0)
            return internal(Tr::tr("The %1 container is not available."), r);
        m_fmt.reset(fmt);
        auto *buffer = static_cast<unsigned char *>(av_malloc(kAvioBufferSize));
        m_avio.reset(buffer ? avio_alloc_context(buffer, kAvioBufferSize, 1, device, nullptr,
                                                 writeDevice, seekDevice)
                            : nullptr);
        if (!m_avio)
            av_free(buffer);
        m_codec.reset(avcodec_alloc_context3(codec));
        if (!m_avio || !m_codec || !m_frame || !m_packet ||
            !(m_stream = avformat_new_stream(fmt, nullptr)))
            return internal(Tr::tr("Out of memory."));
        fmt->pb = m_avio.get();
        // Bit-exact: no encoder version strings, so the size is predictable and the output
        // identical across runs; no FLAC padding block (8 KiB by default).
        fmt->flags |= AVFMT_FLAG_CUSTOM_IO | AVFMT_FLAG_BITEXACT;
        fmt->metadata_header_padding = 0;

        AVCodecContext *c = m_codec.get();
        c->sample_rate = options.sampleRate;
        c->sample_fmt = sampleFormat;
        av_channel_layout_default(&c->ch_layout, 1);
        c->time_base = AVRational{1, options.sampleRate};
        c->flags |= AV_CODEC_FLAG_BITEXACT;
        if (options.format == ChunkFormat::Mp3 || options.format == ChunkFormat::Opus)
            c->bit_rate = effectiveBitrate(options); // libmp3lame: CBR when a bitrate is set
        if (options.format == ChunkFormat::Opus)     // hard CBR, so the size follows the duration
            av_opt_set(c->priv_data, "vbr", "off", 0);
        if (fmt->oformat->flags & AVFMT_GLOBALHEADER)
            c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        int r = avcodec_open2(c, codec, nullptr);
        // Copies extradata and initial_padding: with the Opus pre-skip (OpusHead) and the Ogg
        // granule positions, and with the delay and padding in the mp3 muxer's LAME tag, decoders
        // drop the encoder delay and the last frame's padding, so the decoded length is exact.
        if (r >= 0)
            r = avcodec_parameters_from_context(m_stream->codecpar, c);
        if (r < 0)
            return internal(Tr::tr("The %1 encoder cannot be opened."), r);
        // All four encoders take a short last frame (AV_CODEC_CAP_SMALL_LAST_FRAME or any size).
        m_frameSize = c->frame_size > 0 ? c->frame_size : kPcmFrameSamples;
        m_stream->time_base = c->time_base;
        if (r = avformat_write_header(fmt, nullptr); r < 0)
            return ioError(r);
        return {};
    }

    bool isOpen() const { return m_fmt && m_fmt->pb; }

    // Buffers `count` samples and encodes every complete frame.
    Result<void> write(const float *samples, qint64 count)
    {
        m_pending.insert(m_pending.end(), samples, samples + count);
        size_t used = 0;
        for (; m_pending.size() - used >= size_t(m_frameSize); used += size_t(m_frameSize)) {
            if (Result<void> r = encode(m_pending.data() + used, m_frameSize); !r)
                return r;
        }
        m_pending.erase(m_pending.begin(), m_pending.begin() + std::ptrdiff_t(used));
        return {};
    }

    // Encodes the last partial frame, flushes the encoder and writes the trailer.
    Result<void> finish()
    {
        if (!m_pending.empty()) {
            if (Result<void> r = encode(m_pending.data(), int(m_pending.size())); !r)
                return r;
        }
        if (Result<void> r = encode(nullptr, 0); !r)
            return r;
        if (int r = av_write_trailer(m_fmt.get()); r < 0)
            return ioError(r);
        avio_flush(m_avio.get());
        return m_avio->error < 0 ? Result<void>(ioError(m_avio->error)) : Result<void>();
    }

private:
    Error internal(const QString &message, int averror = 0) const
    {
        const QString text = message.contains(u"%1") ? message.arg(m_name) : message;
        return makeError(ErrorCode::Internal, text,
                         averror < 0 ? ff::errorText(averror) : QString());
    }
    static Error ioError(int averror)
    {
        return makeError(ErrorCode::IoError, Tr::tr("The encoded audio cannot be written."),
                         ff::errorText(averror));
    }

    // Sends one frame (null: flush) and muxes every packet the encoder has ready.
    Result<void> encode(const float *samples, int count)
    {
        AVCodecContext *c = m_codec.get();
        AVFrame *f = samples ? m_frame.get() : nullptr;
        int r = 0;
        if (f) {
            av_frame_unref(f); // the encoder may still hold the previous buffer
            f->nb_samples = count;
            f->format = c->sample_fmt;
            f->sample_rate = c->sample_rate;
            if ((r = av_channel_layout_copy(&f->ch_layout, &c->ch_layout)) < 0 ||
                (r = av_frame_get_buffer(f, 0)) < 0)
                return internal(Tr::tr("Out of memory."), r);
            if (c->sample_fmt == AV_SAMPLE_FMT_FLT || c->sample_fmt == AV_SAMPLE_FMT_FLTP) {
                std::memcpy(f->data[0], samples, size_t(count) * sizeof(float));
            } else { // S16, S16P: scaled and rounded as libswresample does
                auto *dst = reinterpret_cast<int16_t *>(f->data[0]);
                for (int i = 0; i < count; ++i)
                    dst[i] =
                        int16_t(std::clamp(std::lrint(samples[i] * 32768.0f), -32768L, 32767L));
            }
            f->pts = m_nextPts; // in 1/sampleRate, the encoder's time base
            m_nextPts += count;
        }
        if ((r = avcodec_send_frame(c, f)) < 0)
            return internal(Tr::tr("The %1 encoder failed."), r);
        AVPacket *p = m_packet.get();
        while ((r = avcodec_receive_packet(c, p)) == 0) {
            av_packet_rescale_ts(p, c->time_base, m_stream->time_base);
            p->stream_index = m_stream->index;
            r = av_write_frame(m_fmt.get(), p); // one stream: nothing to interleave
            av_packet_unref(p);
            if (r < 0)
                return ioError(r);
        }
        if (r != AVERROR(EAGAIN) && r != AVERROR_EOF)
            return internal(Tr::tr("The %1 encoder failed."), r);
        return {};
    }

    // Declared before m_fmt so it is freed after it (the muxer no longer uses it then).
    AvioPtr m_avio;
    OutputPtr m_fmt;
    ff::CodecPtr m_codec;
    ff::FramePtr m_frame{av_frame_alloc()};
    ff::PacketPtr m_packet{av_packet_alloc()};
    AVStream *m_stream = nullptr;
    std::vector<float> m_pending; // samples not yet a complete frame
    int m_frameSize = kPcmFrameSamples;
    int64_t m_nextPts = 0;
    QString m_name;
};

// Decodes [startMs, endMs) of `path` and encodes it into `device` (seekable, open for writing).
Result<void> encodeRange(const QString &path, int streamIndex, qint64 startMs, qint64 endMs,
                         const EncodeOptions &options, QIODevice *device,
                         const std::atomic_bool *cancel,
                         const std::function<void(double)> &progress)
{
    Result<const AVCodec *> codec = findEncoder(path, startMs, endMs, options);
    if (!codec)
        return codec.error();
    DecodeOptions decodeOptions;
    decodeOptions.streamIndex = streamIndex;
    decodeOptions.sampleRate = options.sampleRate;
    Result<std::unique_ptr<AudioDecoder>> opened = AudioDecoder::open(path, decodeOptions, cancel);
    if (!opened)
        return opened.error();
    AudioDecoder &decoder = **opened;
    const qint64 durationMs = decoder.durationMs();
    auto beyondEnd = [&] {
        const double start = double(startMs) / 1000.0;
        return invalid(
            durationMs < 0
                ? Tr::tr("The range starts at %1 s, after the end of the audio.").arg(start)
                : Tr::tr("The range starts at %1 s, after the end of the audio (%2 s).")
                      .arg(start)
                      .arg(double(durationMs) / 1000.0),
            path);
    };
    if (durationMs >= 0 && startMs >= durationMs)
        return beyondEnd();
    if (Result<void> r = decoder.seek(startMs); !r)
        return r;

    // Sample-exact length: N = round((end - start) * rate / 1000); -1: to the end of the stream.
    const qint64 rate = options.sampleRate;
    const qint64 wanted = endMs >= 0 ? ((endMs - startMs) * rate + 500) / 1000 : -1;
    if (wanted == 0) // only at rates below 500 Hz
        return invalid(Tr::tr("The range is shorter than one sample."), path);
    const qint64 expected =
        wanted >= 0 ? wanted : (durationMs > startMs ? (durationMs - startMs) * rate / 1000 : 0);
    auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };

    // The writer opens with the first block, so a range without audio writes nothing.
    ChunkWriter writer;
    std::vector<float> block;
    qint64 written = 0;
    while (wanted < 0 || written < wanted) {
        if (cancelled())
            return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
        block.clear();
        if (Result<qint64> got = decoder.read(block); !got)
            return got.error();
        // Count what was appended, not the return value: after a seek AudioDecoder may also
        // append silence it does not count (gap fill).
        if (block.empty())
            break; // the range ends after the stream: encode what there is
        if (!writer.isOpen()) {
            if (Result<void> r = writer.open(*codec, options, device); !r)
                return r;
        }
        const qint64 size = qint64(block.size());
        const qint64 take = wanted < 0 ? size : std::min(size, wanted - written);
        if (Result<void> r = writer.write(block.data(), take); !r)
            return r;
        written += take;
        if (progress && expected > 0)
            progress(std::min(1.0, double(written) / double(expected)));
    }
    if (!writer.isOpen())
        return beyondEnd();
    if (cancelled())
        return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
    if (Result<void> r = writer.finish(); !r)
        return r;
    if (progress)
        progress(1.0);
    return {};
}

} // namespace

QString chunkExtension(ChunkFormat format)
{
    return QLatin1String(formatSpec(format).muxer); // "wav", "flac", "mp3", "ogg"
}

QString chunkMimeType(ChunkFormat format)
{
    return QLatin1String(formatSpec(format).mime);
}

qint64 estimateEncodedBytes(qint64 durationMs, const EncodeOptions &options)
{
    const qint64 rate = options.sampleRate > 0 ? options.sampleRate : 16000;
    const qint64 samples = (std::max<qint64>(0, durationMs) * rate + 500) / 1000;
    const qint64 bitrate = effectiveBitrate(options);
    switch (options.format) {
    case ChunkFormat::Wav:
        return kWavHeaderBytes + 2 * samples;
    case ChunkFormat::Flac: // upper bound for speech, which FLAC stores in 35-58% of 16-bit PCM
        return kFlacHeaderBytes + 2 * samples * 6 / 10;
    case ChunkFormat::Mp3: {
        // CBR frames of 576 samples (MPEG-2/2.5, below 32 kHz) or 1152 (MPEG-1). LAME adds its
        // delay (kMp3DelaySamples) and pads the last frame; the Xing frame and a margin frame
        // come on top. Exact only for the standard MP3 bitrates (LAME rounds others).
        const qint64 frameSamples = rate < 32000 ? 576 : 1152;
        const qint64 frames = (samples + kMp3DelaySamples + frameSamples - 1) / frameSamples + 2;
        return kMp3Id3Bytes + (frames * frameSamples * bitrate + 8 * rate - 1) / (8 * rate);
    }
    case ChunkFormat::Opus:
        break;
    }
    // Hard CBR: every 20 ms packet has the same size; the encoder's look-ahead (6.5 ms, the
    // pre-skip) adds samples. Ogg pages hold about 1 s (27-byte header) and one lacing byte per
    // 255 bytes of packet.
    const qint64 frameSamples = rate * kOpusFrameMs / 1000;
    const qint64 packets = (samples + rate * 13 / 2000 + frameSamples - 1) / frameSamples;
    const qint64 packetBytes = (bitrate * kOpusFrameMs + 7999) / 8000;
    const qint64 pages = packets / (1000 / kOpusFrameMs) + 1;
    return kOggHeaderBytes + packets * (packetBytes + packetBytes / 255 + 1) + pages * 27;
}

Result<QByteArray> encodeRangeToBuffer(const QString &path, int streamIndex, qint64 startMs,
                                       qint64 endMs, const EncodeOptions &options,
                                       const std::atomic_bool *cancel,
                                       const std::function<void(double)> &progress)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    Result<void> r =
        encodeRange(path, streamIndex, startMs, endMs, options, &buffer, cancel, progress);
    buffer.close();
    if (!r)
        return r.error();
    return bytes;
}

Result<void> encodeRangeToFile(const QString &path, int streamIndex, qint64 startMs, qint64 endMs,
                               const EncodeOptions &options, const QString &outputPath,
                               const std::atomic_bool *cancel,
                               const std::function<void(double)> &progress)
{
    // QSaveFile writes a temporary file next to the output and renames it on commit(); without a
    // commit (failure, cancel) the temporary file is removed, so no partial output is left.
    QSaveFile file(outputPath);
    auto ioError = [&](const QString &message) {
        Error e = makeError(ErrorCode::IoError, message, file.errorString());
        e.file = outputPath;
        return e;
    };
    if (!file.open(QIODevice::WriteOnly))
        return ioError(Tr::tr("The output file cannot be created."));
    if (Result<void> r =
            encodeRange(path, streamIndex, startMs, endMs, options, &file, cancel, progress);
        !r) {
        file.cancelWriting();
        return r;
    }
    if (!file.commit())
        return ioError(Tr::tr("The output file cannot be written."));
    return {};
}

#include "audiodecoder.h"

#include "ffmpeg.h"
#include "mediaerror.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AudioDecoder)
};

// Consecutive undecodable packets after which a stream is considered unreadable, not damaged.
constexpr int kMaxConsecutiveDamaged = 500;

// Channels a stream may have: what libswresample handles (SWR_CH_MAX), and the size of the plane
// pointer arrays below. FFmpeg itself accepts far more (a WAV header may declare 65535).
constexpr int kMaxChannels = 64;
// Highest sample rate taken as real (DXD and studio formats reach 768 kHz). A damaged header can
// claim anything, and resampling 539 MHz to 16 kHz makes libswresample allocate 2 GB of filters.
constexpr int kMaxSampleRate = 768000;

} // namespace

struct AudioDecoder::Impl {
    QString path;
    const std::atomic_bool *cancel = nullptr;
    ff::FormatPtr fmt;
    ff::CodecPtr codec;
    ff::FramePtr frame{av_frame_alloc()};
    ff::PacketPtr packet{av_packet_alloc()};
    ff::SwrPtr swr; // only when the decoder's output is not float at the output rate
    AVStream *stream = nullptr;
    int inRate = 0, outRate = 0, channels = 0, channel = -1;
    int64_t startPts = 0;
    qint64 position = 0;         // output samples
    qint64 seekTargetInput = -1; // input samples to drop before, after a seek
    bool eofSent = false, swrFlushed = false;
    bool pending = false;      // `frame` holds a decoded frame not yet returned (the first one)
    qint64 seekTargetMs = 0;   // the target of the last seek()
    qint64 seekApproachMs = 0; // where the demuxer was asked to go (earlier after a late landing)
    int damaged = 0, consecutiveDamaged = 0;
    std::vector<float> planar; // swr output, one plane per channel, reused

    Error stopped(const QString &why) const
    {
        Error e = makeError(ErrorCode::ParseError,
                            Tr::tr("Decoding stopped at %1 s because the file is damaged.")
                                .arg(double(position) / outRate, 0, 'f', 3),
                            why);
        e.file = path;
        return e;
    }

    // Positions the demuxer at or before `approachMs` and resets the decoding state.
    int demuxSeek(qint64 approachMs)
    {
        // Rounded down, so the demuxer positions at or before the target sample.
        const AVRational tb = stream->time_base;
        const int64_t ts =
            startPts + av_rescale_rnd(approachMs, tb.den, int64_t(tb.num) * 1000, AV_ROUND_DOWN);
        int r = av_seek_frame(fmt.get(), stream->index, ts, AVSEEK_FLAG_BACKWARD);
        if (r <
            0) // some demuxers cannot seek by time; start over and drop samples up to the target
            r = avformat_seek_file(fmt.get(), stream->index, INT64_MIN, startPts, startPts, 0);
        if (r < 0)
            return r;
        avcodec_flush_buffers(codec.get());
        if (swr) {
            swr_close(swr.get());
            swr_init(swr.get());
        }
        eofSent = false;
        swrFlushed = false;
        if (pending) {
            av_frame_unref(frame.get());
            pending = false;
        }
        seekApproachMs = approachMs;
        return 0;
    }

    // Decodes until the first frame and keeps it pending; sets startPts from it.
    Result<void> primeFirstFrame()
    {
        for (int guard = 0; guard < 100000; ++guard) {
            int r = avcodec_receive_frame(codec.get(), frame.get());
            if (r == 0) {
                if (frame->best_effort_timestamp != AV_NOPTS_VALUE)
                    startPts = frame->best_effort_timestamp;
                pending = true;
                return {};
            }
            if (r == AVERROR_EOF)
                return {}; // no audio at all: read() returns 0
            if (r != AVERROR(EAGAIN))
                ++damaged;
            if (eofSent)
                return {};
            r = av_read_frame(fmt.get(), packet.get());
            if (r == AVERROR_EXIT)
                return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
            if (r < 0) {
                avcodec_send_packet(codec.get(), nullptr);
                eofSent = true;
                continue;
            }
            if (packet->stream_index == stream->index &&
                avcodec_send_packet(codec.get(), packet.get()) < 0)
                ++damaged;
            av_packet_unref(packet.get());
        }
        return {};
    }

    // Mixes (or picks one channel of) `count` samples given as per-channel pointers with a stride.
    void mix(const float *const *planes, int stride, int count, std::vector<float> &out) const
    {
        const size_t base = out.size();
        out.resize(base + size_t(count));
        float *dst = out.data() + base;
        if (channel >= 0) {
            const float *src = planes[channel];
            for (int i = 0; i < count; ++i)
                dst[i] = src[i * stride];
            return;
        }
        const float scale = 1.0f / float(channels);
        const float *src0 = planes[0];
        for (int i = 0; i < count; ++i)
            dst[i] = src0[i * stride];
        for (int c = 1; c < channels; ++c) {
            const float *src = planes[c];
            for (int i = 0; i < count; ++i)
                dst[i] += src[i * stride];
        }
        if (channels > 1) {
            for (int i = 0; i < count; ++i)
                dst[i] *= scale;
        }
        // [-1, 1] as documented: resampling and lossy codecs overshoot full scale, and float
        // files can hold anything, NaN and infinity included.
        for (int i = 0; i < count; ++i)
            dst[i] = std::isfinite(dst[i]) ? std::clamp(dst[i], -1.0f, 1.0f) : 0.0f;
    }

    // Converts samples [skip, nb) of the current frame (or flushes swr when frame is null).
    qint64 emit(const AVFrame *f, int skip, std::vector<float> &out)
    {
        const int count = f ? f->nb_samples - skip : 0;
        if (!swr) {
            const float *planes[kMaxChannels] = {};
            int stride = 1;
            if (f->format == AV_SAMPLE_FMT_FLTP) {
                for (int c = 0; c < channels; ++c)
                    planes[c] = reinterpret_cast<const float *>(f->extended_data[c]) + skip;
            } else { // AV_SAMPLE_FMT_FLT, interleaved
                const float *base = reinterpret_cast<const float *>(f->data[0]) + skip * channels;
                for (int c = 0; c < channels; ++c)
                    planes[c] = base + c;
                stride = channels;
            }
            mix(planes, stride, count, out);
            return count;
        }
        const int capacity = swr_get_out_samples(swr.get(), count) + 32;
        planar.resize(size_t(capacity) * size_t(channels));
        uint8_t *outPlanes[kMaxChannels] = {};
        const float *planes[kMaxChannels] = {};
        for (int c = 0; c < channels; ++c) {
            outPlanes[c] = reinterpret_cast<uint8_t *>(planar.data() + size_t(c) * capacity);
            planes[c] = planar.data() + size_t(c) * capacity;
        }
        const uint8_t *inPlanes[kMaxChannels] = {};
        if (f) {
            const int bytes = av_get_bytes_per_sample(AVSampleFormat(f->format));
            const bool isPlanar = av_sample_fmt_is_planar(AVSampleFormat(f->format));
            const int planesIn = isPlanar ? channels : 1;
            for (int c = 0; c < planesIn; ++c)
                inPlanes[c] =
                    f->extended_data[c] + size_t(skip) * bytes * (isPlanar ? 1 : channels);
        }
        const int got = swr_convert(swr.get(), outPlanes, capacity, f ? inPlanes : nullptr, count);
        if (got <= 0)
            return 0;
        mix(planes, 1, got, out);
        return got;
    }
};

AudioDecoder::AudioDecoder(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{}
AudioDecoder::~AudioDecoder() = default;

Result<std::unique_ptr<AudioDecoder>> AudioDecoder::open(const QString &path,
                                                         const DecodeOptions &options,
                                                         const std::atomic_bool *cancel)
{
    auto d = std::make_unique<Impl>();
    d->path = path;
    d->cancel = cancel;
    if (const int r = ff::openInput(path, cancel, &d->fmt); r < 0)
        return mediaOpenError(path, r);
    auto fail = [&](const QString &message, const QString &detail = {}) {
        Error e = makeError(ErrorCode::UnsupportedFormat, message, detail);
        e.file = path;
        return e;
    };
    int index = options.streamIndex;
    if (index < 0) {
        index = av_find_best_stream(d->fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        if (index < 0)
            return fail(Tr::tr("The file contains no audio."));
    } else if (index >= int(d->fmt->nb_streams) ||
               d->fmt->streams[index]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO) {
        return fail(Tr::tr("Stream %1 is not an audio stream of this file.").arg(index));
    }
    d->stream = d->fmt->streams[index];
    for (unsigned i = 0; i < d->fmt->nb_streams; ++i)
        d->fmt->streams[i]->discard = int(i) == index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    const AVCodecParameters *par = d->stream->codecpar;
    const AVCodec *decoder = avcodec_find_decoder(par->codec_id);
    if (!decoder)
        return fail(Tr::tr("There is no decoder for the audio codec \"%1\".")
                        .arg(QString::fromUtf8(avcodec_get_name(par->codec_id))));
    d->codec.reset(avcodec_alloc_context3(decoder));
    if (!d->codec || avcodec_parameters_to_context(d->codec.get(), par) < 0)
        return fail(Tr::tr("The audio stream cannot be decoded."));
    d->codec->pkt_timebase = d->stream->time_base;
    if (const int r = avcodec_open2(d->codec.get(), decoder, nullptr); r < 0)
        return fail(Tr::tr("The audio stream cannot be decoded."), ff::errorText(r));

    d->inRate = d->codec->sample_rate;
    d->channels = d->codec->ch_layout.nb_channels;
    if (d->inRate <= 0 || d->inRate > kMaxSampleRate || d->channels <= 0 ||
        d->channels > kMaxChannels)
        return fail(Tr::tr("The audio stream has no valid sample rate or channel count."),
                    QStringLiteral("%1 Hz, %2 channels (at most %3 Hz, %4 channels)")
                        .arg(d->inRate)
                        .arg(d->channels)
                        .arg(kMaxSampleRate)
                        .arg(kMaxChannels));
    if (options.channel >= d->channels)
        return fail(Tr::tr("Channel %1 does not exist; the stream has %2 channel(s).")
                        .arg(options.channel)
                        .arg(d->channels));
    d->channel = options.channel;
    d->outRate = options.sampleRate > 0 ? options.sampleRate : d->inRate;
    d->startPts = d->stream->start_time == AV_NOPTS_VALUE ? 0 : d->stream->start_time;

    const AVSampleFormat f = d->codec->sample_fmt;
    const bool floatNative = f == AV_SAMPLE_FMT_FLTP || f == AV_SAMPLE_FMT_FLT;
    if (!floatNative || d->outRate != d->inRate) {
        SwrContext *swr = nullptr;
        AVChannelLayout layout = {}; // av_channel_layout_copy frees its destination first
        if (av_channel_layout_copy(&layout, &d->codec->ch_layout) < 0)
            return fail(Tr::tr("The audio stream cannot be decoded."));
        if (layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&layout, d->channels);
        const int r = swr_alloc_set_opts2(&swr, &layout, AV_SAMPLE_FMT_FLTP, d->outRate, &layout, f,
                                          d->inRate, 0, nullptr);
        av_channel_layout_uninit(&layout);
        d->swr.reset(swr);
        if (r < 0 || swr_init(swr) < 0)
            return fail(Tr::tr("The audio cannot be converted."), ff::errorText(r));
    }
    // Position 0 is the first decoded sample: its timestamp, not the container's start time, is
    // the origin (Opus pre-skip, AAC priming and millisecond container timestamps all shift the
    // first frame). The frame is kept and returned by the first read().
    if (auto first = d->primeFirstFrame(); !first)
        return first.error();
    return std::unique_ptr<AudioDecoder>(new AudioDecoder(std::move(d)));
}

int AudioDecoder::sampleRate() const
{
    return d->outRate;
}

int AudioDecoder::streamIndex() const
{
    return d->stream->index;
}

int AudioDecoder::inputChannels() const
{
    return d->channels;
}

qint64 AudioDecoder::durationMs() const
{
    if (d->stream->duration != AV_NOPTS_VALUE)
        return av_rescale_q(d->stream->duration, d->stream->time_base, AVRational{1, 1000});
    return d->fmt->duration == AV_NOPTS_VALUE ? -1 : d->fmt->duration / 1000;
}

qint64 AudioDecoder::position() const
{
    return d->position;
}

qint64 AudioDecoder::positionMs() const
{
    return d->position * 1000 / d->outRate;
}

int AudioDecoder::damagedPackets() const
{
    return d->damaged;
}

Result<qint64> AudioDecoder::read(std::vector<float> &out)
{
    qint64 padded = 0; // silence inserted after a seek, counted in the returned total
    for (;;) {
        if (d->cancel && d->cancel->load(std::memory_order_relaxed))
            return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
        int r = 0;
        if (d->pending)
            d->pending = false; // the first frame, decoded by open()
        else
            r = avcodec_receive_frame(d->codec.get(), d->frame.get());
        if (r == 0) {
            AVFrame *f = d->frame.get();
            int skip = 0;
            if (d->seekTargetInput >= 0) {
                const int64_t pts = f->best_effort_timestamp;
                if (pts != AV_NOPTS_VALUE) {
                    const qint64 frameStart = av_rescale_q(pts - d->startPts, d->stream->time_base,
                                                           AVRational{1, d->inRate});
                    skip =
                        int(std::clamp<qint64>(d->seekTargetInput - frameStart, 0, f->nb_samples));
                    const qint64 gap = frameStart - d->seekTargetInput;
                    if (gap > 0 && d->seekApproachMs > 0) {
                        // The demuxer landed after the target (MPEG-PS, imprecise indexes):
                        // go further back and decode forward instead of losing audio.
                        av_frame_unref(f);
                        const qint64 earlier = std::max<qint64>(
                            0, d->seekApproachMs -
                                   std::max<qint64>(1000, d->seekTargetMs - d->seekApproachMs));
                        if (const int r2 = d->demuxSeek(earlier); r2 < 0)
                            return d->stopped(ff::errorText(r2));
                        continue;
                    }
                    if (gap > 0 && gap < d->inRate) {
                        // Even from the start the stream begins after the target: the container
                        // says there is nothing there, so silence keeps positions exact.
                        const qint64 fill = gap * d->outRate / d->inRate;
                        out.insert(out.end(), size_t(fill), 0.0f);
                        d->position += fill;
                        padded += fill;
                    }
                }
                if (skip < f->nb_samples)
                    d->seekTargetInput = -1;
            }
            qint64 n = 0;
            // emit() reads frames as open() configured them: a frame whose channel count or
            // sample format changed mid-stream is skipped rather than read out of bounds.
            if (skip < f->nb_samples && f->ch_layout.nb_channels == d->channels &&
                f->format == d->codec->sample_fmt)
                n = d->emit(f, skip, out);
            av_frame_unref(f);
            d->position += n;
            if (n + padded > 0)
                return n + padded;
            continue;
        }
        if (r == AVERROR_EOF) {
            if (d->swr && !d->swrFlushed) {
                d->swrFlushed = true;
                const qint64 n = d->emit(nullptr, 0, out);
                d->position += n;
                if (n > 0)
                    return n;
            }
            return qint64(0);
        }
        if (r != AVERROR(EAGAIN)) {
            ++d->damaged; // a frame the decoder could not produce
            continue;
        }
        if (d->eofSent)
            return qint64(0);
        r = av_read_frame(d->fmt.get(), d->packet.get());
        if (r == AVERROR_EXIT)
            return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
        if (r == AVERROR_EOF || (r < 0 && d->fmt->pb && avio_feof(d->fmt->pb))) {
            avcodec_send_packet(d->codec.get(), nullptr);
            d->eofSent = true;
            continue;
        }
        if (r < 0)
            return d->stopped(ff::errorText(r));
        if (d->packet->stream_index != d->stream->index) {
            av_packet_unref(d->packet.get());
            continue;
        }
        r = avcodec_send_packet(d->codec.get(), d->packet.get());
        av_packet_unref(d->packet.get());
        if (r < 0 && r != AVERROR(EAGAIN)) {
            ++d->damaged;
            if (++d->consecutiveDamaged > kMaxConsecutiveDamaged)
                return d->stopped(ff::errorText(r));
            continue;
        }
        d->consecutiveDamaged = 0;
    }
}

Result<void> AudioDecoder::seek(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    if (const int r = d->demuxSeek(ms); r < 0)
        return d->stopped(ff::errorText(r));
    d->seekTargetMs = ms;
    d->seekTargetInput = ms * d->inRate / 1000;
    d->position = ms * d->outRate / 1000;
    return {};
}

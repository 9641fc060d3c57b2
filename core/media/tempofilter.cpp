#include "tempofilter.h"

#include "ffmpeg.h"

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
}

#include <QCoreApplication>

#include <cstring>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TempoFilter)
};

struct GraphFreer {
    void operator()(AVFilterGraph *g) const { avfilter_graph_free(&g); }
};

Error filterError(int averror)
{
    return makeError(ErrorCode::Internal, Tr::tr("The playback speed filter failed."),
                     ff::errorText(averror));
}

} // namespace

struct TempoFilter::Impl {
    std::unique_ptr<AVFilterGraph, GraphFreer> graph{avfilter_graph_alloc()};
    AVFilterContext *source = nullptr; // owned by the graph
    AVFilterContext *sink = nullptr;
    ff::FramePtr in{av_frame_alloc()};
    ff::FramePtr out{av_frame_alloc()};
    int rate = 0;
    int64_t pts = 0;

    Result<void> drain(std::vector<float> &dst)
    {
        for (;;) {
            const int r = av_buffersink_get_frame(sink, out.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
                return {};
            if (r < 0)
                return filterError(r);
            const auto *data = reinterpret_cast<const float *>(out->data[0]);
            dst.insert(dst.end(), data, data + out->nb_samples);
            av_frame_unref(out.get());
        }
    }
};

TempoFilter::TempoFilter(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{}
TempoFilter::~TempoFilter() = default;

Result<std::unique_ptr<TempoFilter>> TempoFilter::create(int sampleRate, double speed)
{
    if (!(speed >= kMinSpeed && speed <= kMaxSpeed))
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("The playback speed must be between %1x and %2x.")
                             .arg(kMinSpeed)
                             .arg(kMaxSpeed));
    auto d = std::make_unique<Impl>();
    d->rate = sampleRate;
    if (!d->graph)
        return filterError(AVERROR(ENOMEM));
    const QByteArray srcArgs = QStringLiteral("sample_rate=%1:sample_fmt=flt:channel_layout=mono:"
                                              "time_base=1/%1")
                                   .arg(sampleRate)
                                   .toLatin1();
    int r = avfilter_graph_create_filter(&d->source, avfilter_get_by_name("abuffer"), "in",
                                         srcArgs.constData(), nullptr, d->graph.get());
    if (r < 0)
        return filterError(r);
    r = avfilter_graph_create_filter(&d->sink, avfilter_get_by_name("abuffersink"), "out", nullptr,
                                     nullptr, d->graph.get());
    if (r < 0)
        return filterError(r);
    AVFilterInOut *outputs = avfilter_inout_alloc();
    AVFilterInOut *inputs = avfilter_inout_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = d->source;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = d->sink;
    const QByteArray chain =
        QStringLiteral("atempo=%1,aformat=sample_fmts=flt:channel_layouts=mono:sample_rates=%2")
            .arg(speed, 0, 'f', 6)
            .arg(sampleRate)
            .toLatin1();
    r = avfilter_graph_parse_ptr(d->graph.get(), chain.constData(), &inputs, &outputs, nullptr);
    avfilter_inout_free(&inputs);
    avfilter_inout_free(&outputs);
    if (r < 0)
        return filterError(r);
    if ((r = avfilter_graph_config(d->graph.get(), nullptr)) < 0)
        return filterError(r);
    return std::unique_ptr<TempoFilter>(new TempoFilter(std::move(d)));
}

Result<void> TempoFilter::process(const float *samples, qint64 count, std::vector<float> &out)
{
    if (count <= 0)
        return {};
    AVFrame *f = d->in.get();
    av_frame_unref(f);
    f->format = AV_SAMPLE_FMT_FLT;
    f->sample_rate = d->rate;
    f->nb_samples = int(count);
    av_channel_layout_default(&f->ch_layout, 1);
    f->pts = d->pts;
    d->pts += count;
    int r = av_frame_get_buffer(f, 0);
    if (r < 0)
        return filterError(r);
    std::memcpy(f->data[0], samples, size_t(count) * sizeof(float));
    if ((r = av_buffersrc_add_frame(d->source, f)) < 0)
        return filterError(r);
    return d->drain(out);
}

Result<void> TempoFilter::flush(std::vector<float> &out)
{
    if (const int r = av_buffersrc_add_frame(d->source, nullptr); r < 0 && r != AVERROR_EOF)
        return filterError(r);
    return d->drain(out);
}

Result<std::vector<float>> resampleMono(const std::vector<float> &samples, int fromRate, int toRate)
{
    if (fromRate == toRate || samples.empty())
        return samples;
    if (fromRate <= 0 || toRate <= 0)
        return makeError(ErrorCode::InvalidArgument, Tr::tr("Invalid sample rate."));
    AVChannelLayout mono;
    av_channel_layout_default(&mono, 1);
    SwrContext *raw = nullptr;
    int r = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, toRate, &mono, AV_SAMPLE_FMT_FLT,
                                fromRate, 0, nullptr);
    ff::SwrPtr swr(raw);
    if (r < 0 || (r = swr_init(raw)) < 0)
        return makeError(ErrorCode::Internal, Tr::tr("Cannot resample the audio."),
                         ff::errorText(r));
    std::vector<float> out(size_t(swr_get_out_samples(raw, int(samples.size()))) + 64);
    const auto *in = reinterpret_cast<const uint8_t *>(samples.data());
    auto *dst = reinterpret_cast<uint8_t *>(out.data());
    int got = swr_convert(raw, &dst, int(out.size()), &in, int(samples.size()));
    if (got < 0)
        return makeError(ErrorCode::Internal, Tr::tr("Cannot resample the audio."),
                         ff::errorText(got));
    size_t total = size_t(got);
    // Flush the resampler's delay.
    out.resize(total + size_t(swr_get_out_samples(raw, 0)) + 64);
    dst = reinterpret_cast<uint8_t *>(out.data() + total);
    got = swr_convert(raw, &dst, int(out.size() - total), nullptr, 0);
    if (got > 0)
        total += size_t(got);
    out.resize(total);
    return out;
}

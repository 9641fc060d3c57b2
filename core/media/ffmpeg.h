#pragma once

// FFmpeg C headers and RAII owners for its objects. Only core/media includes this.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <QString>

#include <atomic>
#include <memory>

namespace ff {

struct FormatCloser {
    void operator()(AVFormatContext *c) const { avformat_close_input(&c); }
};
struct CodecFreer {
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct FrameFreer {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct PacketFreer {
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct SwrFreer {
    void operator()(SwrContext *s) const { swr_free(&s); }
};

using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;

// FFmpeg's text for an AVERROR code.
QString errorText(int averror);

// Opens a container for reading. `cancel` (may be null) is polled by FFmpeg's blocking calls
// through the interrupt callback, so a cancelled open or read returns promptly with AVERROR_EXIT.
// Returns the AVERROR code on failure (0 on success).
int openInput(const QString &path, const std::atomic_bool *cancel, FormatPtr *out);

} // namespace ff

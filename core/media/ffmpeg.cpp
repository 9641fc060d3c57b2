#include "ffmpeg.h"

#include <QFile>

namespace ff {

QString errorText(int averror)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(averror, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

namespace {

int interruptCallback(void *opaque)
{
    const auto *cancel = static_cast<const std::atomic_bool *>(opaque);
    return cancel && cancel->load(std::memory_order_relaxed) ? 1 : 0;
}

} // namespace

int openInput(const QString &path, const std::atomic_bool *cancel, FormatPtr *out)
{
    AVFormatContext *ctx = avformat_alloc_context();
    if (!ctx)
        return AVERROR(ENOMEM);
    ctx->interrupt_callback.callback = interruptCallback;
    ctx->interrupt_callback.opaque = const_cast<std::atomic_bool *>(cancel);
    // Local files only: never let a crafted playlist make FFmpeg open other protocols.
    AVDictionary *options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    const QByteArray encoded = QFile::encodeName(path);
    int r = avformat_open_input(&ctx, encoded.constData(), nullptr, &options);
    av_dict_free(&options);
    if (r < 0)
        return r; // ctx is freed by avformat_open_input on failure
    out->reset(ctx);
    r = avformat_find_stream_info(ctx, nullptr);
    if (r < 0) {
        out->reset();
        return r;
    }
    return 0;
}

} // namespace ff

#include "mediainfo.h"

#include "ffmpeg.h"
#include "mediaerror.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MediaInfo)
};

QString metadata(AVDictionary *dict, const char *key)
{
    const AVDictionaryEntry *e = av_dict_get(dict, key, nullptr, 0);
    return e ? QString::fromUtf8(e->value) : QString();
}

qint64 toMs(int64_t ts, AVRational base)
{
    if (ts == AV_NOPTS_VALUE)
        return -1;
    return av_rescale_q(ts, base, AVRational{1, 1000});
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return Tr::tr("unknown");
    return QStringLiteral("%1:%2:%3.%4")
        .arg(ms / 3600000)
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace

Error mediaOpenError(const QString &path, int averror)
{
    QFileInfo fi(path);
    Error e;
    e.file = path;
    if (!fi.exists()) {
        e = makeError(ErrorCode::NotFound, Tr::tr("The file does not exist."));
    } else if (fi.isDir()) {
        e = makeError(ErrorCode::UnsupportedFormat, Tr::tr("This is a folder, not a media file."));
    } else if (fi.size() == 0) {
        e = makeError(ErrorCode::UnsupportedFormat, Tr::tr("The file is empty."));
    } else if (averror == AVERROR_EXIT) {
        e = makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
    } else {
        e = makeError(ErrorCode::UnsupportedFormat,
                      Tr::tr("This is not a media file Captioneer can read."),
                      ff::errorText(averror));
    }
    e.file = path;
    return e;
}

const AudioStreamInfo *MediaInfo::audioStream(int index) const
{
    for (const AudioStreamInfo &s : audioStreams) {
        if (s.index == index)
            return &s;
    }
    return nullptr;
}

Result<MediaInfo> probeMedia(const QString &path)
{
    ff::FormatPtr fmt;
    if (const int r = ff::openInput(path, nullptr, &fmt); r < 0)
        return mediaOpenError(path, r);
    MediaInfo info;
    info.path = path;
    info.fileSize = QFileInfo(path).size();
    info.container = QString::fromUtf8(fmt->iformat->name);
    info.containerLong = QString::fromUtf8(fmt->iformat->long_name ? fmt->iformat->long_name : "");
    info.durationMs = fmt->duration == AV_NOPTS_VALUE ? -1 : fmt->duration / 1000;
    info.bitrate = fmt->bit_rate;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVStream *st = fmt->streams[i];
        const AVCodecParameters *par = st->codecpar;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO &&
            !(st->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
            if (!info.hasVideo)
                info.videoCodec = QString::fromUtf8(avcodec_get_name(par->codec_id));
            info.hasVideo = true;
        }
        if (par->codec_type != AVMEDIA_TYPE_AUDIO)
            continue;
        AudioStreamInfo s;
        s.index = int(i);
        s.codec = QString::fromUtf8(avcodec_get_name(par->codec_id));
        if (const AVCodecDescriptor *d = avcodec_descriptor_get(par->codec_id))
            s.codecLongName = QString::fromUtf8(d->long_name);
        s.sampleRate = par->sample_rate;
        s.channels = par->ch_layout.nb_channels;
        char layout[128] = {};
        if (av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0)
            s.channelLayout = QString::fromUtf8(layout);
        s.bitrate = par->bit_rate;
        s.durationMs = toMs(st->duration, st->time_base);
        s.language = metadata(st->metadata, "language");
        s.title = metadata(st->metadata, "title");
        s.isDefault = st->disposition & AV_DISPOSITION_DEFAULT;
        info.audioStreams.append(s);
    }
    if (info.audioStreams.isEmpty()) {
        Error e = makeError(ErrorCode::UnsupportedFormat,
                            info.hasVideo ? Tr::tr("The file has no audio stream.")
                                          : Tr::tr("The file contains no audio."));
        e.file = path;
        return e;
    }
    info.bestAudioStream = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (info.bestAudioStream < 0)
        info.bestAudioStream = info.audioStreams.first().index;
    if (info.durationMs < 0) {
        for (const AudioStreamInfo &s : std::as_const(info.audioStreams))
            info.durationMs = std::max(info.durationMs, s.durationMs);
    }
    return info;
}

QJsonObject MediaInfo::toJson() const
{
    QJsonArray streams;
    for (const AudioStreamInfo &s : audioStreams) {
        streams.append(QJsonObject{
            {QStringLiteral("index"), s.index},
            {QStringLiteral("codec"), s.codec},
            {QStringLiteral("codec_long_name"), s.codecLongName},
            {QStringLiteral("sample_rate"), s.sampleRate},
            {QStringLiteral("channels"), s.channels},
            {QStringLiteral("channel_layout"), s.channelLayout},
            {QStringLiteral("bitrate"), double(s.bitrate)},
            {QStringLiteral("duration_ms"), double(s.durationMs)},
            {QStringLiteral("language"), s.language},
            {QStringLiteral("title"), s.title},
            {QStringLiteral("default"), s.isDefault},
            {QStringLiteral("best"), s.index == bestAudioStream},
        });
    }
    QJsonObject o{{QStringLiteral("path"), path},
                  {QStringLiteral("container"), container},
                  {QStringLiteral("container_long_name"), containerLong},
                  {QStringLiteral("duration_ms"), double(durationMs)},
                  {QStringLiteral("bitrate"), double(bitrate)},
                  {QStringLiteral("file_size"), double(fileSize)},
                  {QStringLiteral("has_video"), hasVideo},
                  {QStringLiteral("best_audio_stream"), bestAudioStream},
                  {QStringLiteral("audio_streams"), streams}};
    if (hasVideo)
        o.insert(QStringLiteral("video_codec"), videoCodec);
    return o;
}

QString MediaInfo::toText() const
{
    QString out;
    out += Tr::tr("File:       %1 (%2 bytes)\n").arg(path).arg(fileSize);
    out += Tr::tr("Container:  %1 (%2)\n").arg(containerLong, container);
    out += Tr::tr("Duration:   %1\n").arg(formatDuration(durationMs));
    if (bitrate > 0)
        out += Tr::tr("Bitrate:    %1 kb/s\n").arg(bitrate / 1000);
    if (hasVideo)
        out += Tr::tr("Video:      %1\n").arg(videoCodec);
    for (const AudioStreamInfo &s : audioStreams) {
        out +=
            Tr::tr("Audio #%1%2: %3, %4 Hz, %5 channel(s)%6%7%8\n")
                .arg(s.index)
                .arg(s.index == bestAudioStream ? Tr::tr(" (used)") : QString())
                .arg(s.codec)
                .arg(s.sampleRate)
                .arg(s.channels)
                .arg(s.channelLayout.isEmpty() ? QString()
                                               : QStringLiteral(" (%1)").arg(s.channelLayout))
                .arg(s.bitrate > 0 ? Tr::tr(", %1 kb/s").arg(s.bitrate / 1000) : QString())
                .arg(s.language.isEmpty() ? QString() : QStringLiteral(", [%1]").arg(s.language));
    }
    return out;
}

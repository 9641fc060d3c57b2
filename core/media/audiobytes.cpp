#include "audiobytes.h"

#include "audiodecoder.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryFile>
#include <QtEndian>

using namespace Qt::StringLiterals;

// The buffer goes through a temporary file and AudioDecoder rather than a custom AVIOContext:
// AudioDecoder already handles every codec, resampling, channel mixing and damaged packets, and
// it opens inputs only through FFmpeg's "file" protocol (a deliberate whitelist in ffmpeg.cpp);
// reading from memory would need a second, separately maintained open path. Speech responses are
// a few megabytes at most, so the extra copy through the temporary directory costs nothing.

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AudioBytes)
};

// A canonical 44-byte WAV header in front of raw 16-bit mono PCM, so FFmpeg knows its layout.
QByteArray wavFromPcm(const QByteArray &pcm, int rate)
{
    const quint32 dataBytes = quint32(pcm.size() & ~qsizetype(1)); // whole samples only
    QByteArray out(44, '\0');
    char *h = out.data();
    auto put32 = [h](int at, quint32 v) { qToLittleEndian<quint32>(v, h + at); };
    auto put16 = [h](int at, quint16 v) { qToLittleEndian<quint16>(v, h + at); };
    memcpy(h, "RIFF", 4);
    put32(4, 36 + dataBytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(16, 16);                // fmt chunk size
    put16(20, 1);                 // PCM
    put16(22, 1);                 // mono
    put32(24, quint32(rate));     // sample rate
    put32(28, quint32(rate) * 2); // byte rate
    put16(32, 2);                 // block align
    put16(34, 16);                // bits per sample
    memcpy(h + 36, "data", 4);
    put32(40, dataBytes);
    out.append(pcm.constData(), dataBytes);
    return out;
}

// File suffix that lets FFmpeg's probe recognise the container quickly.
QString suffixFor(const QString &format)
{
    if (format == u"mp3" || format == u"aac" || format == u"flac" || format == u"wav")
        return format;
    if (format == u"opus")
        return u"ogg"_s;
    if (format == u"pcm")
        return u"wav"_s;
    return {};
}

} // namespace

Result<DecodedAudio> decodeAudioBytes(const QByteArray &bytes, const QString &format,
                                      int sampleRate, int pcmRate)
{
    const QString suffix = suffixFor(format);
    if (suffix.isEmpty())
        return makeError(ErrorCode::UnsupportedFormat,
                         Tr::tr("The audio format \"%1\" is not supported.").arg(format));
    if (bytes.isEmpty())
        return makeError(ErrorCode::ParseError, Tr::tr("The audio data is empty."));
    if (format == u"pcm" && pcmRate <= 0)
        return makeError(ErrorCode::InvalidArgument, Tr::tr("Raw PCM audio needs a sample rate."));
    const QByteArray data = format == u"pcm" ? wavFromPcm(bytes, pcmRate) : bytes;

    QTemporaryFile file(QDir::tempPath() + u"/captioneer-audio-XXXXXX."_s + suffix);
    if (!file.open() || file.write(data) != data.size() || !file.flush())
        return makeError(ErrorCode::IoError,
                         Tr::tr("Could not write a temporary file for decoding audio."),
                         file.errorString());
    file.close(); // the name stays valid until `file` is destroyed

    DecodeOptions options;
    options.sampleRate = sampleRate;
    Result<std::unique_ptr<AudioDecoder>> decoder = AudioDecoder::open(file.fileName(), options);
    if (!decoder) {
        Error e = decoder.error();
        e.file.clear(); // the temporary name means nothing to anyone
        e.message = Tr::tr("The %1 audio could not be decoded: %2").arg(format, e.message);
        return e;
    }
    DecodedAudio out;
    out.sampleRate = (*decoder)->sampleRate();
    for (;;) {
        Result<qint64> got = (*decoder)->read(out.samples);
        if (!got) {
            Error e = got.error();
            e.file.clear();
            return e;
        }
        if (*got == 0)
            break;
    }
    return out;
}

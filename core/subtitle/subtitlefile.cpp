#include "subtitlefile.h"

#include "srtformat.h"
#include "vttformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

#include <cerrno>
#include <unistd.h>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SubtitleFile)
};

SubtitleFormat sniff(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.startsWith(u"WEBVTT"))
        return SubtitleFormat::Vtt;
    if (t.startsWith(u'{'))
        return t.contains(u"\"captioneer-project\"") ? SubtitleFormat::Project
                                                     : SubtitleFormat::Json;
    return SubtitleFormat::Srt;
}

// Why writing `size` bytes to `path` failed, in the system's words. Qt's own text is often no
// help: a write cut short by a full disk leaves "Unknown error", and a read-only file system
// reads "Existing file ... is not writable". `error` is errno right after the failure.
QString writeFailure(const QString &path, qint64 size, int error, const QString &qtText)
{
    const QFileInfo info(path);
    if (::access(QFile::encodeName(info.absolutePath()).constData(), W_OK) != 0)
        return qt_error_string(errno); // a read-only file system, no permission, no folder
    if (info.exists() && ::access(QFile::encodeName(path).constData(), W_OK) != 0)
        return qt_error_string(errno);
    if (error == ENOSPC || error == EDQUOT || error == EFBIG || error == EIO)
        return qt_error_string(error);
    const QStorageInfo storage(info.absolutePath());
    if (storage.isValid() && storage.bytesAvailable() < size)
        return qt_error_string(ENOSPC);
    return qtText;
}

Error withFile(Error e, const QString &name)
{
    e.file = name;
    return e;
}

} // namespace

SubtitleFormat subtitleFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == u"srt")
        return SubtitleFormat::Srt;
    if (n == u"vtt" || n == u"webvtt")
        return SubtitleFormat::Vtt;
    if (n == u"json")
        return SubtitleFormat::Json;
    if (n == u"captioneer" || n == u"project")
        return SubtitleFormat::Project;
    return SubtitleFormat::Unknown;
}

SubtitleFormat subtitleFormatFromPath(const QString &path)
{
    return subtitleFormatFromName(QFileInfo(path).suffix());
}

QString subtitleFormatName(SubtitleFormat format)
{
    switch (format) {
    case SubtitleFormat::Srt:
        return QStringLiteral("srt");
    case SubtitleFormat::Vtt:
        return QStringLiteral("vtt");
    case SubtitleFormat::Json:
        return QStringLiteral("json");
    case SubtitleFormat::Project:
        return QStringLiteral("captioneer");
    case SubtitleFormat::Unknown:
        break;
    }
    return QString();
}

Result<LoadedSubtitles> parseSubtitles(const QByteArray &bytes, const SubtitleReadOptions &options,
                                       const QString &name)
{
    if (bytes.size() > kMaxSubtitleBytes)
        return withFile(makeError(ErrorCode::InvalidArgument,
                                  Tr::tr("The file is too large for a subtitle file (%1 MB).")
                                      .arg(bytes.size() / (1024 * 1024))),
                        name);
    LoadedSubtitles out;
    SubtitleFormat format = options.format;
    if (format == SubtitleFormat::Json || format == SubtitleFormat::Project ||
        (format == SubtitleFormat::Unknown && bytes.trimmed().startsWith('{'))) {
        if (format == SubtitleFormat::Unknown)
            format = bytes.contains("\"captioneer-project\"") ? SubtitleFormat::Project
                                                              : SubtitleFormat::Json;
        out.format = format;
        out.decoding.encoding = QStringLiteral("UTF-8");
        if (format == SubtitleFormat::Project) {
            auto p = parseProject(bytes);
            if (!p)
                return withFile(p.error(), name);
            out.data.cues = p->cues;
            out.data.meta = p->meta;
            out.project = std::move(p).value();
        } else {
            auto cues = parseCuesJson(bytes);
            if (!cues)
                return withFile(cues.error(), name);
            out.data.cues = std::move(cues).value();
        }
        return out;
    }

    auto decoded = decodeText(bytes, options.encoding);
    if (!decoded)
        return withFile(decoded.error(), name);
    if (format == SubtitleFormat::Unknown)
        format = sniff(decoded->text);
    out.format = format;
    auto parsed = format == SubtitleFormat::Vtt ? readVtt(decoded->text, options.mode)
                                                : readSrt(decoded->text, options.mode);
    if (!parsed)
        return withFile(parsed.error(), name);
    out.data = std::move(parsed).value();
    out.decoding = std::move(decoded).value();
    out.decoding.text.clear();
    if (out.decoding.invalidSequences > 0)
        out.data.diagnostics.prepend(
            {0, QCoreApplication::translate(
                    "SubtitleFile",
                    "%n byte sequence(s) could not be decoded as %1 and were replaced.", nullptr,
                    out.decoding.invalidSequences)
                    .arg(out.decoding.encoding)});
    return out;
}

Result<LoadedSubtitles> readSubtitleFile(const QString &path, const SubtitleReadOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return withFile(makeError(ErrorCode::IoError,
                                  Tr::tr("Cannot open the file: %1.").arg(file.errorString())),
                        path);
    if (file.size() > kMaxSubtitleBytes)
        return withFile(makeError(ErrorCode::InvalidArgument,
                                  Tr::tr("The file is too large for a subtitle file (%1 MB).")
                                      .arg(file.size() / (1024 * 1024))),
                        path);
    SubtitleReadOptions o = options;
    if (o.format == SubtitleFormat::Unknown)
        o.format = subtitleFormatFromPath(path);
    return parseSubtitles(file.readAll(), o, path);
}

Result<QByteArray> serializeSubtitles(const Cues &cues, const SubtitleMeta &meta,
                                      SubtitleFormat format, const QString &encoding)
{
    switch (format) {
    case SubtitleFormat::Srt:
        return encodeText(writeSrt(cues), encoding);
    case SubtitleFormat::Vtt:
        // WebVTT is UTF-8 by definition.
        return encodeText(writeVtt(cues, meta), {});
    case SubtitleFormat::Json:
        return serializeCuesJson(cues);
    case SubtitleFormat::Project: {
        ProjectData p;
        p.cues = cues;
        p.meta = meta;
        return serializeProject(p);
    }
    case SubtitleFormat::Unknown:
        break;
    }
    return makeError(ErrorCode::UnsupportedFormat, Tr::tr("Unknown subtitle format."));
}

Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    const bool existed = QFileInfo::exists(path);
    int error = 0;
    QString qtText;
    {
        QSaveFile file(path);
        // QSaveFile::commit() of Qt 6.4 loses an error of its final flush: on a full disk it
        // "succeeds" and replaces the file with an empty one. So everything is flushed, and
        // checked, before commit() renames the temporary file over the old one.
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.flush() &&
            file.commit())
            return {};
        error = errno;
        qtText = file.errorString();
    } // the temporary file is gone, and its space free again
    const QString reason = writeFailure(path, bytes.size(), error, qtText);
    return withFile(
        makeError(
            ErrorCode::IoError,
            existed
                ? Tr::tr("Cannot write the file: %1. The previous version was kept.").arg(reason)
                : Tr::tr("Cannot write the file: %1.").arg(reason)),
        path);
}

#include "mediafixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QtDebug>

namespace fixtures {

namespace {

bool runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        qWarning().noquote() << "cannot start" << program
                             << "(is it installed? see packaging/deps.sh)";
        return false;
    }
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(u' ') << "failed:" << p.readAll();
        return false;
    }
    return true;
}

// Exact-amplitude stereo tones: 0.25 (-12 dBFS) per channel.
QString lavfiTone(int left, int right, int rate, double seconds)
{
    return QStringLiteral("aevalsrc=0.25*sin(2*PI*%1*t)|0.25*sin(2*PI*%2*t):s=%3:d=%4:c=stereo")
        .arg(left)
        .arg(right)
        .arg(rate)
        .arg(seconds);
}

bool makeTone(const QString &out, const QString &ext)
{
    QStringList args{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                     lavfiTone(440, 660, 44100, 5.0)};
    if (ext == u"mp3" || ext == u"mpga")
        args << QStringLiteral("-c:a") << QStringLiteral("libmp3lame") << QStringLiteral("-b:a")
             << QStringLiteral("128k") << QStringLiteral("-f") << QStringLiteral("mp3");
    else if (ext == u"mp4" || ext == u"m4a")
        args << QStringLiteral("-c:a") << QStringLiteral("aac") << QStringLiteral("-b:a")
             << QStringLiteral("96k") << QStringLiteral("-f") << QStringLiteral("mp4");
    else if (ext == u"mpeg")
        args << QStringLiteral("-c:a") << QStringLiteral("mp2") << QStringLiteral("-f")
             << QStringLiteral("mpeg");
    else if (ext == u"ogg")
        args << QStringLiteral("-c:a") << QStringLiteral("libvorbis") << QStringLiteral("-f")
             << QStringLiteral("ogg");
    else if (ext == u"webm")
        args << QStringLiteral("-c:a") << QStringLiteral("libopus") << QStringLiteral("-f")
             << QStringLiteral("webm");
    else if (ext == u"flac")
        args << QStringLiteral("-c:a") << QStringLiteral("flac");
    else if (ext == u"wav")
        args << QStringLiteral("-c:a") << QStringLiteral("pcm_s16le");
    else
        return false;
    return ffmpeg(args << out);
}

bool makeVideo(const QString &out, const QString &ext)
{
    QStringList args{
        QStringLiteral("-f"),  QStringLiteral("lavfi"),
        QStringLiteral("-i"),  QStringLiteral("testsrc=size=160x120:rate=10:duration=4"),
        QStringLiteral("-f"),  QStringLiteral("lavfi"),
        QStringLiteral("-i"),  QStringLiteral("sine=frequency=440:sample_rate=48000:duration=4"),
        QStringLiteral("-ac"), QStringLiteral("2")};
    if (ext == u"avi")
        args << QStringLiteral("-c:v") << QStringLiteral("mpeg4") << QStringLiteral("-c:a")
             << QStringLiteral("libmp3lame");
    else
        args << QStringLiteral("-c:v") << QStringLiteral("mpeg4") << QStringLiteral("-c:a")
             << QStringLiteral("aac");
    return ffmpeg(args << out);
}

bool generate(const QString &name, const QString &out)
{
    const QString ext = QFileInfo(name).suffix();
    if (name.startsWith(u"tone."))
        return makeTone(out, ext);
    if (name == u"full-10s.flac")
        return ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                       lavfiTone(440, 660, 44100, 10.0), out});
    if (name.startsWith(u"video."))
        return makeVideo(out, ext);
    if (name == u"two-audio.mkv")
        return ffmpeg({QStringLiteral("-f"),
                       QStringLiteral("lavfi"),
                       QStringLiteral("-i"),
                       QStringLiteral("sine=frequency=440:duration=3"),
                       QStringLiteral("-f"),
                       QStringLiteral("lavfi"),
                       QStringLiteral("-i"),
                       QStringLiteral("sine=frequency=880:duration=3"),
                       QStringLiteral("-map"),
                       QStringLiteral("0:a"),
                       QStringLiteral("-map"),
                       QStringLiteral("1:a"),
                       QStringLiteral("-c:a"),
                       QStringLiteral("flac"),
                       QStringLiteral("-metadata:s:a:0"),
                       QStringLiteral("language=eng"),
                       QStringLiteral("-metadata:s:a:1"),
                       QStringLiteral("language=fre"),
                       QStringLiteral("-disposition:a:0"),
                       QStringLiteral("0"),
                       QStringLiteral("-disposition:a:1"),
                       QStringLiteral("default"),
                       out});
    if (name == u"stereo-split.wav")
        return ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                       QStringLiteral("aevalsrc=0.5*sin(2*PI*440*t)|0:s=44100:d=3:c=stereo"), out});
    if (name == u"speech.wav")
        return espeak(QStringLiteral("The quick brown fox jumps over the lazy dog."), out);
    if (name == u"silence.wav")
        return ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                       QStringLiteral("anullsrc=r=16000:cl=mono"), QStringLiteral("-t"),
                       QStringLiteral("5"), out});
    if (name == u"corrupt.mp3") {
        QFile src(path(QStringLiteral("tone.mp3")));
        if (!src.open(QIODevice::ReadOnly))
            return false;
        QByteArray bytes = src.readAll();
        QRandomGenerator rng(7);
        for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 4096 && i < bytes.size(); ++i)
            bytes[i] = char(rng.bounded(256));
        QFile dst(out);
        return dst.open(QIODevice::WriteOnly) && dst.write(bytes) == bytes.size();
    }
    if (name == u"truncated.flac") {
        const QString full = path(QStringLiteral("full-10s.flac"));
        if (full.isEmpty())
            return false;
        QFile src(full);
        if (!src.open(QIODevice::ReadOnly))
            return false;
        const QByteArray bytes = src.read(src.size() * 4 / 10);
        QFile dst(out);
        return dst.open(QIODevice::WriteOnly) && dst.write(bytes) == bytes.size();
    }
    if (name == u"empty.wav") {
        QFile dst(out);
        return dst.open(QIODevice::WriteOnly);
    }
    if (name == u"notmedia.wav") {
        QFile dst(out);
        return dst.open(QIODevice::WriteOnly) && dst.write("This is a text file, not audio.\n") > 0;
    }
    qWarning().noquote() << "unknown fixture" << name;
    return false;
}

} // namespace

QString dir()
{
    const QString d = QStringLiteral(CAPTIONEER_BINARY_DIR "/test-media");
    QDir().mkpath(d);
    return d;
}

bool ffmpeg(const QStringList &args)
{
    return runTool(QStringLiteral("ffmpeg"),
                   QStringList{QStringLiteral("-nostdin"), QStringLiteral("-y"),
                               QStringLiteral("-v"), QStringLiteral("error")} +
                       args);
}

bool espeak(const QString &text, const QString &wavPath, const QStringList &extraArgs)
{
    return runTool(QStringLiteral("espeak-ng"),
                   extraArgs + QStringList{QStringLiteral("-w"), wavPath, text});
}

QString path(const QString &name)
{
    const QString out = dir() + u'/' + name;
    if (QFileInfo::exists(out))
        return out;
    // Generate under a name private to this process, then rename (atomic): test executables run
    // in parallel and may make the same fixture at once; a half-written file is never seen.
    const QString partial =
        dir() + QStringLiteral("/.partial-%1-").arg(QCoreApplication::applicationPid()) + name;
    QFile::remove(partial);
    if (!generate(name, partial)) {
        QFile::remove(partial);
        return {};
    }
    // QFile::rename does not replace: when another test process finished the same fixture first,
    // its complete file is already in place and ours is dropped.
    if (!QFile::rename(partial, out)) {
        QFile::remove(partial);
        if (!QFileInfo::exists(out))
            return {};
    }
    return out;
}

QStringList seedFormats()
{
    return {QStringLiteral("flac"), QStringLiteral("mp3"),  QStringLiteral("mp4"),
            QStringLiteral("mpeg"), QStringLiteral("mpga"), QStringLiteral("m4a"),
            QStringLiteral("ogg"),  QStringLiteral("wav"),  QStringLiteral("webm")};
}

} // namespace fixtures

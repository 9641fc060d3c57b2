#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// What a media file contains. Times in milliseconds; -1 where the container does not say.
struct AudioStreamInfo {
    int index = -1; // FFmpeg stream index, used to choose the stream
    QString codec;  // short name ("mp3", "aac", "opus")
    QString codecLongName;
    int sampleRate = 0;
    int channels = 0;
    QString channelLayout; // "stereo", "5.1(side)"
    qint64 bitrate = 0;    // bits per second, 0 when unknown
    qint64 durationMs = -1;
    QString language; // from the stream's metadata ("eng"), may be empty
    QString title;
    bool isDefault = false;
};

struct MediaInfo {
    QString path;
    QString container;     // FFmpeg's short format name ("mp3", "mov,mp4,m4a,3gp,3g2,mj2")
    QString containerLong; // human-readable format name
    qint64 durationMs = -1;
    qint64 bitrate = 0; // overall bits per second
    qint64 fileSize = 0;
    QList<AudioStreamInfo> audioStreams;
    int bestAudioStream = -1; // FFmpeg stream index of the stream picked by default
    bool hasVideo = false;
    QString videoCodec;

    const AudioStreamInfo *audioStream(int index) const;
    QJsonObject toJson() const;
    QString toText() const; // a readable multi-line summary for `captioneer info`
};

// Probes `path`. Fails with a clear message for missing, empty, non-media and audio-less files.
// Any thread; blocking (reads the container headers).
Result<MediaInfo> probeMedia(const QString &path);

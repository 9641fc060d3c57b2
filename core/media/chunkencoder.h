#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

// Encodes a time range of a media file as compact 16 kHz mono audio for upload to a speech
// provider. Decodes with AudioDecoder, encodes with libavcodec, muxes with libavformat (to a file,
// or to memory through a custom AVIOContext). Any thread; blocking.
enum class ChunkFormat { Wav, Flac, Mp3, Opus };

struct EncodeOptions {
    ChunkFormat format = ChunkFormat::Flac;
    int sampleRate = 16000;
    int bitrate = 0; // bits per second for MP3/Opus; 0: the format's default (MP3 32k, Opus 24k)
};

QString chunkExtension(ChunkFormat format); // "wav", "flac", "mp3", "ogg"
QString chunkMimeType(ChunkFormat format);  // "audio/wav", "audio/flac", "audio/mpeg", "audio/ogg"

// Expected encoded size in bytes of `durationMs` of audio, container overhead included, so the
// pipeline can pick a format and chunk length before encoding. Exact for WAV; for FLAC an upper
// bound for speech (60% of PCM); for MP3/Opus the bitrate plus overhead.
qint64 estimateEncodedBytes(qint64 durationMs, const EncodeOptions &options);

// Encodes [startMs, endMs) of `path` (stream -1: best audio stream). endMs < 0: to the end.
// `progress` (may be empty) gets 0..1; `cancel` stops with ErrorCode::Cancelled and leaves no file.
Result<QByteArray> encodeRangeToBuffer(const QString &path, int streamIndex, qint64 startMs,
                                       qint64 endMs, const EncodeOptions &options,
                                       const std::atomic_bool *cancel = nullptr,
                                       const std::function<void(double)> &progress = {});
Result<void> encodeRangeToFile(const QString &path, int streamIndex, qint64 startMs, qint64 endMs,
                               const EncodeOptions &options, const QString &outputPath,
                               const std::atomic_bool *cancel = nullptr,
                               const std::function<void(double)> &progress = {});

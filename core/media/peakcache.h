#pragma once

#include "peakpyramid.h"

#include <QString>

// Waveform peaks cached on disk so re-opening a file draws its waveform without decoding.
// Files live in `directory` (default: $XDG_CACHE_HOME/captioneer/peaks), named by a key derived
// from the media file's identity (size, modification time, SHA-256 of its first and last MiB) and
// the stream index, so a changed or replaced file never reuses stale peaks. Any thread.
class PeakCache {
public:
    explicit PeakCache(QString directory = defaultDirectory());
    static QString defaultDirectory();

    // The cache key of a stream of a file; empty when the file cannot be read.
    static QString keyFor(const QString &mediaPath, int streamIndex);

    bool load(const QString &key, PeakPyramid *out) const;
    // Writes atomically (QSaveFile); false on any failure (a full disk only costs a re-decode).
    bool store(const QString &key, const PeakPyramid &peaks) const;
    QString fileFor(const QString &key) const;

private:
    QString m_directory;
};

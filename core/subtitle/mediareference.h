#pragma once

#include <QString>

// Which media file a document belongs to, with enough identity to find it again after it moved:
// size plus a SHA-256 over the size and the first and last MiB (fast on multi-GB video).
struct MediaReference {
    QString path; // absolute path when saved
    qint64 size = -1;
    QString contentHash;  // hex; empty when unknown
    int streamIndex = -1; // audio stream chosen by the user; -1 = best stream

    bool isNull() const { return path.isEmpty(); }
    bool operator==(const MediaReference &) const = default;

    // Reads the file's identity. Returns a reference with an empty hash when the file is
    // unreadable.
    static MediaReference fromFile(const QString &path);
    // True when the file at `path` has this reference's size and content hash.
    bool matchesFile(const QString &path) const;
    // Finds the media after it moved: `path` when it still matches, else a file with the same
    // content (size and hash) in one of `searchDirectories` (not recursive; the same file name is
    // tried first). Empty when nothing matches. Reads only files of the right size.
    QString locate(const QStringList &searchDirectories) const;
};

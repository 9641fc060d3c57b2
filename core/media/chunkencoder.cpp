#include "chunkencoder.h"

// Placeholder: implemented in a follow-up commit.
QString chunkExtension(ChunkFormat)
{
    return {};
}

QString chunkMimeType(ChunkFormat)
{
    return {};
}

qint64 estimateEncodedBytes(qint64, const EncodeOptions &)
{
    return 0;
}

Result<QByteArray> encodeRangeToBuffer(const QString &, int, qint64, qint64, const EncodeOptions &,
                                       const std::atomic_bool *,
                                       const std::function<void(double)> &)
{
    return makeError(ErrorCode::Internal, QStringLiteral("not implemented"));
}

Result<void> encodeRangeToFile(const QString &, int, qint64, qint64, const EncodeOptions &,
                               const QString &, const std::atomic_bool *,
                               const std::function<void(double)> &)
{
    return makeError(ErrorCode::Internal, QStringLiteral("not implemented"));
}

#include "mediareference.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace {

constexpr qint64 kEdgeBytes = 1 << 20;

QString partialHash(QFile &file)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 size = file.size();
    hash.addData(QByteArray::number(size));
    hash.addData(file.read(std::min(size, kEdgeBytes)));
    if (size > kEdgeBytes) {
        file.seek(std::max(kEdgeBytes, size - kEdgeBytes));
        hash.addData(file.read(kEdgeBytes));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

MediaReference MediaReference::fromFile(const QString &path)
{
    MediaReference ref;
    ref.path = QFileInfo(path).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ref;
    ref.size = file.size();
    ref.contentHash = partialHash(file);
    return ref;
}

bool MediaReference::matchesFile(const QString &path) const
{
    if (contentHash.isEmpty())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() != size)
        return false;
    return partialHash(file) == contentHash;
}

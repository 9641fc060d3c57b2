#include "mediareference.h"

#include <QCryptographicHash>
#include <QDir>
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

QString MediaReference::locate(const QStringList &searchDirectories) const
{
    if (isNull())
        return {};
    if (QFileInfo::exists(path) && (contentHash.isEmpty() || matchesFile(path)))
        return path;
    if (contentHash.isEmpty())
        return {};
    const QString name = QFileInfo(path).fileName();
    for (const QString &directory : searchDirectories) {
        const QDir dir(directory);
        if (const QString same = dir.filePath(name); matchesFile(same))
            return QFileInfo(same).absoluteFilePath();
        const QFileInfoList files = dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo &info : files) {
            if (info.size() == size && info.fileName() != name &&
                matchesFile(info.absoluteFilePath()))
                return info.absoluteFilePath();
        }
    }
    return {};
}

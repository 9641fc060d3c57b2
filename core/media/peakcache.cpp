#include "peakcache.h"

#include "mediareference.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

PeakCache::PeakCache(QString directory)
    : m_directory(std::move(directory))
{}

QString PeakCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/captioneer/peaks");
}

QString PeakCache::keyFor(const QString &mediaPath, int streamIndex)
{
    const QFileInfo info(mediaPath);
    const MediaReference ref = MediaReference::fromFile(mediaPath);
    if (ref.contentHash.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(ref.contentHash.toLatin1());
    hash.addData(QByteArray::number(ref.size));
    hash.addData(QByteArray::number(info.lastModified().toMSecsSinceEpoch()));
    hash.addData(QByteArray::number(streamIndex));
    return QString::fromLatin1(hash.result().toHex().left(40));
}

QString PeakCache::fileFor(const QString &key) const
{
    return m_directory + u'/' + key + QStringLiteral(".peaks");
}

bool PeakCache::load(const QString &key, PeakPyramid *out) const
{
    if (key.isEmpty() || m_directory.isEmpty())
        return false;
    QFile file(fileFor(key));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return PeakPyramid::deserialize(file.readAll(), out);
}

bool PeakCache::store(const QString &key, const PeakPyramid &peaks) const
{
    if (key.isEmpty() || m_directory.isEmpty() || !QDir().mkpath(m_directory))
        return false;
    QSaveFile file(fileFor(key));
    const QByteArray bytes = peaks.serialize();
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

#include "settingslock.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSettings>

bool removeAbandonedSettingsLock(const QString &settingsPath, int minimumAgeMs)
{
    if (settingsPath.isEmpty())
        return false;
    const QString lockPath = settingsPath + QStringLiteral(".lock");
    const QFileInfo info(lockPath);
    if (!info.exists())
        return false;
    QLockFile lock(lockPath);
    qint64 pid = 0;
    QString host, application;
    if (lock.getLockInfo(&pid, &host, &application))
        return false; // an identifiable owner: QLockFile decides
    const qint64 ageMs = info.lastModified().msecsTo(QDateTime::currentDateTime());
    if (ageMs < minimumAgeMs)
        return false; // possibly being written right now
    return QFile::remove(lockPath);
}

bool removeAbandonedApplicationSettingsLock()
{
    return removeAbandonedSettingsLock(QSettings().fileName());
}

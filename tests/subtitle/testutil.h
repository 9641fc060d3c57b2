#pragma once

#include <QFile>
#include <QString>
#include <QTest>

// Shared helpers for the subtitle tests.
inline QByteArray readFixture(const QString &relative)
{
    QFile f(QStringLiteral(CAPTIONEER_TEST_DATA "/") + relative);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(relative));
    return f.readAll();
}

inline QString fixtureText(const QString &relative)
{
    QByteArray b = readFixture(relative);
    if (b.startsWith("\xEF\xBB\xBF"))
        b.remove(0, 3);
    return QString::fromUtf8(b);
}

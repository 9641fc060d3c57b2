#include "textencoding.h"

// Placeholder: implemented in a follow-up commit.
Result<DecodedText> decodeText(const QByteArray &bytes, const QString &)
{
    DecodedText d;
    d.text = QString::fromUtf8(bytes);
    d.encoding = QStringLiteral("UTF-8");
    return d;
}

Result<QByteArray> encodeText(const QString &text, const QString &, bool)
{
    return text.toUtf8();
}

QStringList commonEncodings()
{
    return {QStringLiteral("UTF-8")};
}

#include "result.h"

QString Error::toString() const
{
    QString out;
    if (!file.isEmpty()) {
        out += file;
        if (line > 0)
            out += u':' + QString::number(line);
        out += u": ";
    } else if (line > 0) {
        out += QStringLiteral("line %1: ").arg(line);
    }
    out += message;
    if (!detail.isEmpty())
        out += QStringLiteral(" (%1)").arg(detail);
    return out;
}

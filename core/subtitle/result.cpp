#include "result.h"

#include <QCoreApplication>
#include <QStringList>

QString Error::toString() const
{
    QString out;
    if (!file.isEmpty()) {
        out += file;
        if (line > 0)
            out += u':' + QString::number(line);
        out += u": ";
    } else if (line > 0) {
        out += QCoreApplication::translate("Error", "line %1: ").arg(line);
    }
    out += message;
    QStringList extra;
    if (!detail.isEmpty())
        extra.append(detail);
    if (httpStatus > 0)
        extra.append(QCoreApplication::translate("Error", "HTTP %1").arg(httpStatus));
    if (!providerCode.isEmpty())
        extra.append(providerCode);
    if (!requestId.isEmpty())
        extra.append(QCoreApplication::translate("Error", "request %1").arg(requestId));
    if (!extra.isEmpty())
        out += QStringLiteral(" (%1)").arg(extra.join(QStringLiteral("; ")));
    return out;
}

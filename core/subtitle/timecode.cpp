#include "timecode.h"

#include <QStringList>

#include <algorithm>

QString formatTimestamp(qint64 ms, QChar fractionSeparator)
{
    QString out;
    appendTimestamp(out, ms, fractionSeparator);
    return out;
}

void appendTimestamp(QString &out, qint64 ms, QChar sep)
{
    if (ms < 0)
        ms = 0;
    const qint64 h = ms / 3600000;
    const int m = int(ms / 60000 % 60), s = int(ms / 1000 % 60), f = int(ms % 1000);
    char16_t hours[20];
    int n = 0;
    for (qint64 v = h; v > 0 || n < 2; v /= 10)
        hours[n++] = char16_t(u'0' + v % 10);
    std::reverse(hours, hours + n);
    out.append(reinterpret_cast<const QChar *>(hours), n);
    const char16_t rest[] = {u':',
                             char16_t(u'0' + m / 10),
                             char16_t(u'0' + m % 10),
                             u':',
                             char16_t(u'0' + s / 10),
                             char16_t(u'0' + s % 10),
                             sep.unicode(),
                             char16_t(u'0' + f / 100),
                             char16_t(u'0' + f / 10 % 10),
                             char16_t(u'0' + f % 10)};
    out.append(reinterpret_cast<const QChar *>(rest), 10);
}

namespace {

std::optional<qint64> parseDigits(QStringView s, int maxDigits)
{
    if (s.isEmpty() || s.size() > maxDigits)
        return std::nullopt;
    qint64 v = 0;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        v = v * 10 + (c.unicode() - '0');
    }
    return v;
}

} // namespace

std::optional<qint64> parseTimestamp(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    qint64 fractionMs = 0;
    const qsizetype sep = std::max(text.lastIndexOf(u'.'), text.lastIndexOf(u','));
    QStringView whole = text;
    if (sep >= 0) {
        const QStringView frac = text.mid(sep + 1);
        const auto f = parseDigits(frac, 3);
        if (!f)
            return std::nullopt;
        fractionMs = *f;
        for (qsizetype i = frac.size(); i < 3; ++i)
            fractionMs *= 10;
        whole = text.left(sep);
    }
    const auto parts = whole.split(u':');
    if (parts.size() > 3)
        return std::nullopt;
    qint64 total = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const bool first = i == 0;
        const auto v = parseDigits(parts[i], first ? 9 : 2);
        if (!v || (!first && *v > 59))
            return std::nullopt;
        total = total * 60 + *v;
    }
    return total * 1000 + fractionMs;
}

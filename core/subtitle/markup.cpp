#include "markup.h"

#include <QRegularExpression>

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

struct Alignment {
    const char16_t *tag;
    const char16_t *settings;
};

constexpr Alignment kAlignments[] = {
    {u"{\\an1}", u"align:start"},        {u"{\\an2}", u""},
    {u"{\\an3}", u"align:end"},          {u"{\\an4}", u"line:50% align:start"},
    {u"{\\an5}", u"line:50%"},           {u"{\\an6}", u"line:50% align:end"},
    {u"{\\an7}", u"line:0 align:start"}, {u"{\\an8}", u"line:0"},
    {u"{\\an9}", u"line:0 align:end"},
};

} // namespace

qsizetype markupTagLength(QStringView text, qsizetype i)
{
    if (i + 1 >= text.size())
        return 0;
    const QChar next = text[i + 1];
    if (!(next.isLetter() || next == u'/' || isDigit(next)))
        return 0;
    for (qsizetype k = i + 1; k < text.size(); ++k) {
        const QChar c = text[k];
        if (c == u'>') {
            // "-->" never closes a tag: the writers must not let an arrow into cue text.
            if (k - i >= 3 && text[k - 1] == u'-' && text[k - 2] == u'-')
                return 0;
            return k - i + 1;
        }
        if (c == u'\n' || c == u'<')
            return 0;
    }
    return 0;
}

QString srtMarkup(QStringView text)
{
    if (!text.contains(u'<'))
        return text.toString();
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'<') {
            if (const qsizetype len = markupTagLength(text, i); len > 0) {
                const QStringView tag = text.mid(i, len);
                QStringView name = tag.mid(tag[1] == u'/' ? 2 : 1);
                qsizetype end = 0;
                while (end < name.size() && name[end].isLetterOrNumber())
                    ++end;
                name = name.left(end);
                const bool srtTag = name.compare(u"i", Qt::CaseInsensitive) == 0 ||
                                    name.compare(u"b", Qt::CaseInsensitive) == 0 ||
                                    name.compare(u"u", Qt::CaseInsensitive) == 0 ||
                                    name.compare(u"font", Qt::CaseInsensitive) == 0;
                if (srtTag)
                    out += tag;
                i += len - 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

bool hasAssOverride(QStringView text)
{
    for (qsizetype i = text.indexOf(u'{'); i >= 0 && i + 1 < text.size();
         i = text.indexOf(u'{', i + 1)) {
        if (text[i + 1] == u'\\')
            return true;
    }
    return false;
}

QString takeAssAlignment(QString *text)
{
    QString settings;
    for (const Alignment &a : kAlignments) {
        if (text->startsWith(QStringView(a.tag))) {
            settings = QString::fromUtf16(a.settings);
            break;
        }
    }
    if (hasAssOverride(*text)) {
        static const QRegularExpression overrideBlock(QStringLiteral("\\{\\\\[^}\\n]*\\}"));
        text->remove(overrideBlock);
    }
    return settings;
}

QString assAlignmentFor(QStringView vttSettings)
{
    if (vttSettings.isEmpty())
        return {};
    for (const Alignment &a : kAlignments) {
        if (vttSettings == QStringView(a.settings))
            return QString::fromUtf16(a.tag);
    }
    return {};
}

#include "textmetrics.h"

#include <QTextBoundaryFinder>

#include <limits>

QString visibleText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c == u'<') {
            // A tag needs a name-like start and a closing '>' on the same line.
            const qsizetype close = text.indexOf(u'>', i + 1);
            const qsizetype nl = text.indexOf(u'\n', i + 1);
            if (close > i + 1 && (nl < 0 || close < nl)) {
                const QChar next = text[i + 1];
                if (next.isLetter() || next == u'/' || next.isDigit()) {
                    i = close;
                    continue;
                }
            }
        } else if (c == u'{' && i + 1 < n && text[i + 1] == u'\\') {
            const qsizetype close = text.indexOf(u'}', i + 2);
            if (close > 0) {
                i = close;
                continue;
            }
        }
        out.append(c);
    }
    return out;
}

int visibleLength(QStringView line)
{
    if (line.isEmpty())
        return 0;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, line.data(), int(line.size()));
    int count = 0;
    while (finder.toNextBoundary() != -1)
        ++count;
    return count;
}

QStringList visibleLines(QStringView text)
{
    return visibleText(text).split(u'\n');
}

double charactersPerSecond(QStringView text, qint64 durationMs)
{
    int chars = 0;
    for (const QString &line : visibleLines(text))
        chars += visibleLength(line);
    if (chars == 0)
        return 0.0;
    if (durationMs <= 0)
        return std::numeric_limits<double>::infinity();
    return chars * 1000.0 / double(durationMs);
}

bool isCjk(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF)       // hiragana, katakana
           || (c >= 0x3400 && c <= 0x4DBF)    // CJK extension A
           || (c >= 0x4E00 && c <= 0x9FFF)    // CJK unified ideographs
           || (c >= 0xF900 && c <= 0xFAFF)    // compatibility ideographs
           || (c >= 0xAC00 && c <= 0xD7AF)    // Hangul syllables
           || (c >= 0x3000 && c <= 0x303F)    // CJK symbols and punctuation
           || (c >= 0xFF00 && c <= 0xFFEF)    // full-width forms
           || (c >= 0x20000 && c <= 0x2FA1F); // supplementary ideographs
}

#include "cuetext.h"

#include "textmetrics.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {

QStringView letterCore(QStringView word)
{
    qsizetype b = 0, e = word.size();
    while (b < e && !word[b].isLetterOrNumber())
        ++b;
    while (e > b && !word[e - 1].isLetterOrNumber())
        --e;
    return word.mid(b, e - b);
}

char32_t firstCodePoint(QStringView s)
{
    if (s.isEmpty())
        return 0;
    return s.toUcs4().value(0);
}

char32_t lastCodePoint(QStringView s)
{
    if (s.isEmpty())
        return 0;
    return s.toUcs4().constLast();
}

} // namespace

QList<qsizetype> locateWords(QStringView text, const Words &words)
{
    QList<qsizetype> offsets;
    offsets.reserve(words.size());
    qsizetype from = 0;
    for (const Word &w : words) {
        const QStringView trimmed = QStringView(w.text).trimmed();
        qsizetype at = trimmed.isEmpty() ? -1 : text.indexOf(trimmed, from);
        if (at < 0) {
            const QStringView core = letterCore(trimmed);
            at = core.isEmpty() ? -1 : text.indexOf(core, from, Qt::CaseInsensitive);
        }
        offsets.append(at);
        if (at >= 0)
            from = at + 1;
    }
    return offsets;
}

qsizetype textOffsetAtFraction(const QString &text, double fraction)
{
    if (text.isEmpty())
        return 0;
    const QStringList lines = text.split(u'\n');
    if (lines.size() == 2)
        return lines[0].size() + 1;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const auto target = qsizetype(std::llround(fraction * double(text.size())));
    qsizetype best = -1;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i].isSpace() && (best < 0 || std::abs(i - target) < std::abs(best - target)))
            best = i;
    }
    return best >= 0 ? best : std::clamp<qsizetype>(target, 0, text.size());
}

qsizetype textOffsetBeforeWord(const QString &text, const Words &words, int wordIndex)
{
    if (wordIndex <= 0)
        return 0;
    if (wordIndex >= words.size())
        return text.size();
    const QList<qsizetype> offsets = locateWords(text, words);
    if (offsets[wordIndex] > 0)
        return offsets[wordIndex];
    return textOffsetAtFraction(text, double(wordIndex) / double(words.size()));
}

std::pair<QString, QString> splitTextAt(const QString &text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    QString left = text.left(offset);
    QString right = text.mid(offset);
    while (!left.isEmpty() && left.back().isSpace())
        left.chop(1);
    while (!right.isEmpty() && right.front().isSpace())
        right.remove(0, 1);

    // Balance simple formatting spans across the cut.
    static const QRegularExpression tag(QStringLiteral("<(/?)([ibu])>"),
                                        QRegularExpression::CaseInsensitiveOption);
    QString openAtCut;
    auto it = tag.globalMatch(left);
    QStringList open;
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(2).toLower();
        if (m.captured(1).isEmpty())
            open.append(name);
        else
            open.removeOne(name);
    }
    for (auto o = open.crbegin(); o != open.crend(); ++o)
        left += QStringLiteral("</%1>").arg(*o);
    for (const QString &o : std::as_const(open))
        openAtCut += QStringLiteral("<%1>").arg(o);
    if (!openAtCut.isEmpty() && !right.isEmpty())
        right.prepend(openAtCut);
    return {left, right};
}

QString joinTexts(const QString &first, const QString &second)
{
    if (first.isEmpty())
        return second;
    if (second.isEmpty())
        return first;
    if (!first.contains(u'\n') && !second.contains(u'\n'))
        return first + u'\n' + second;
    const bool cjk = isCjk(lastCodePoint(first)) && isCjk(firstCodePoint(second));
    return cjk ? QString(first + second) : QString(first + u' ' + second);
}

QString textOfWords(const Words &words)
{
    QString out;
    for (const Word &w : words) {
        if (w.text.isEmpty())
            continue;
        if (out.isEmpty()) {
            out = w.text.trimmed();
            continue;
        }
        const QChar first = w.text.front();
        if (first.isSpace()) {
            out += u' ' + w.text.trimmed();
            continue;
        }
        const QString t = w.text.trimmed();
        const bool attach = t.isEmpty() ||
                            (t.front().isPunct() && t.front() != u'(' && t.front() != u'"' &&
                             t.front() != u'\u201C') ||
                            out.back().isSpace() ||
                            (isCjk(lastCodePoint(out)) && isCjk(firstCodePoint(t))) ||
                            (isCjk(firstCodePoint(t)) && out.back().isPunct());
        out += attach ? t : u' ' + t;
    }
    return out;
}

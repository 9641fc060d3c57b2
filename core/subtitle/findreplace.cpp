#include "findreplace.h"

#include <QCoreApplication>

Result<QRegularExpression> findExpression(const FindOptions &options)
{
    if (options.pattern.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QCoreApplication::translate("FindReplace", "Nothing to search for."));
    QString pattern = options.regex ? options.pattern : QRegularExpression::escape(options.pattern);
    if (options.wholeWords)
        pattern = QStringLiteral("\\b(?:") + pattern + QStringLiteral(")\\b");
    QRegularExpression::PatternOptions flags = QRegularExpression::UseUnicodePropertiesOption;
    if (!options.matchCase)
        flags |= QRegularExpression::CaseInsensitiveOption;
    QRegularExpression expression(pattern, flags);
    if (!expression.isValid())
        return makeError(
            ErrorCode::InvalidArgument,
            QCoreApplication::translate("FindReplace", "The expression is not valid: %1 (at %2).")
                .arg(expression.errorString())
                .arg(expression.patternErrorOffset()));
    return expression;
}

TextMatch findNext(const Cues &cues, const QRegularExpression &expression, int row,
                   qsizetype offset)
{
    const int n = int(cues.size());
    if (n == 0)
        return {};
    row = std::clamp(row, 0, n - 1);
    auto matchIn = [&](int r, qsizetype from) -> TextMatch {
        auto it = expression.globalMatch(cues.at(r).text, from);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() > 0)
                return {r, m.capturedStart(), m.capturedLength()};
        }
        return {};
    };
    if (TextMatch m = matchIn(row, offset); m.row >= 0)
        return m;
    for (int step = 1; step < n; ++step) {
        if (TextMatch m = matchIn((row + step) % n, 0); m.row >= 0)
            return m;
    }
    // Wrapped around: the start of the first row, before `offset`.
    if (TextMatch m = matchIn(row, 0); m.row >= 0 && m.offset < offset)
        return m;
    return {};
}

QString replacementFor(const QRegularExpressionMatch &match, const QString &replacement, bool regex)
{
    if (!regex)
        return replacement;
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if ((c == u'\\' || c == u'$') && i + 1 < replacement.size() &&
            replacement.at(i + 1).isDigit()) {
            out += match.captured(replacement.at(i + 1).digitValue());
            ++i;
        } else if (c == u'\\' && i + 1 < replacement.size() && replacement.at(i + 1) == u'n') {
            out += u'\n';
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

Cues replaceAll(const Cues &cues, const QRegularExpression &expression, const QString &replacement,
                bool regex, int *count)
{
    Cues changed;
    int total = 0;
    for (const Cue &cue : cues) {
        QString text;
        qsizetype last = 0;
        int here = 0;
        auto it = expression.globalMatch(cue.text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() == 0)
                continue; // empty matches ("^", "x*") would insert everywhere
            text += QStringView(cue.text).mid(last, m.capturedStart() - last);
            text += replacementFor(m, replacement, regex);
            last = m.capturedEnd();
            ++here;
        }
        if (here == 0)
            continue;
        text += QStringView(cue.text).mid(last);
        Cue c = cue;
        c.text = text;
        if (c.text != cue.text)
            changed.append(c);
        total += here;
    }
    if (count)
        *count = total;
    return changed;
}

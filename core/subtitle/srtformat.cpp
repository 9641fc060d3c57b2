#include "srtformat.h"

#include "linereader.h"
#include "markup.h"
#include "timecode.h"

#include <QCoreApplication>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SrtFormat)
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Reads "H+:M{1,2}:S{1,2}[,.:]F{1,3}" starting at *pos; advances *pos past it.
bool readTime(QStringView s, qsizetype *pos, qint64 *ms)
{
    qsizetype i = *pos;
    const qsizetype n = s.size();
    qint64 fields[3] = {0, 0, 0};
    for (int f = 0; f < 3; ++f) {
        const qsizetype begin = i;
        qint64 v = 0;
        while (i < n && isDigit(s[i]) && i - begin < 9)
            v = v * 10 + (s[i++].unicode() - '0');
        if (i == begin || (f > 0 && (i - begin > 2 || v > 59)))
            return false;
        fields[f] = v;
        if (f < 2) {
            if (i >= n || s[i] != u':')
                return false;
            ++i;
        }
    }
    qint64 frac = 0;
    if (i < n && (s[i] == u',' || s[i] == u'.' || s[i] == u':')) {
        ++i;
        const qsizetype begin = i;
        while (i < n && isDigit(s[i]) && i - begin < 3)
            frac = frac * 10 + (s[i++].unicode() - '0');
        if (i == begin)
            return false;
        for (qsizetype k = i - begin; k < 3; ++k)
            frac *= 10;
        while (i < n && isDigit(s[i])) // sub-millisecond digits are dropped
            ++i;
    }
    *ms = ((fields[0] * 60 + fields[1]) * 60 + fields[2]) * 1000 + frac;
    *pos = i;
    return true;
}

void skipSpaces(QStringView s, qsizetype *pos)
{
    while (*pos < s.size() && (s[*pos] == u' ' || s[*pos] == u'\t'))
        ++*pos;
}

bool isIndexLine(QStringView line)
{
    line = line.trimmed();
    if (line.isEmpty() || line.size() > 9)
        return false;
    for (QChar c : line) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

} // namespace

bool parseSrtTimingLine(QStringView line, qint64 *start, qint64 *end)
{
    qsizetype pos = 0;
    skipSpaces(line, &pos);
    if (!readTime(line, &pos, start))
        return false;
    skipSpaces(line, &pos);
    if (!line.mid(pos).startsWith(u"-->"))
        return false;
    pos += 3;
    skipSpaces(line, &pos);
    return readTime(line, &pos, end);
}

Result<SubtitleData> readSrt(QStringView text, ParseMode mode)
{
    QString cleaned;
    text = withoutNul(text, cleaned);
    SubtitleData data;
    LineReader reader(text);
    bool inCue = false;
    bool sawContent = false;
    Cue current;
    QString textBuffer;
    int cueLine = 0;

    auto finish = [&] {
        if (!inCue)
            return;
        current.text = std::move(textBuffer);
        data.cues.append(std::move(current));
        current = Cue();
        textBuffer = QString();
        inCue = false;
    };
    auto report = [&](int line, const QString &message) -> bool {
        data.diagnostics.append({line, message});
        return mode == ParseMode::Lenient;
    };
    auto startCue = [&](qint64 start, qint64 end, int line) -> bool {
        finish();
        inCue = true;
        cueLine = line;
        current.start = start;
        current.end = end;
        if (end < start) {
            current.end = start;
            return report(line,
                          Tr::tr("The cue ends before it starts; its end was set to its start."));
        }
        return true;
    };

    while (!reader.atEnd()) {
        const QStringView line = reader.next();
        const int lineNo = reader.lineNumber();
        qint64 s = 0, e = 0;
        if (isBlank(line)) {
            finish();
            continue;
        }
        sawContent = true;
        if (parseSrtTimingLine(line, &s, &e)) {
            if (!startCue(s, e, lineNo))
                break;
            continue;
        }
        if (isIndexLine(line)) {
            qint64 s2 = 0, e2 = 0;
            if (parseSrtTimingLine(reader.peek(), &s2, &e2)) {
                reader.next();
                if (!startCue(s2, e2, lineNo + 1))
                    break;
                continue;
            }
        }
        if (inCue) {
            if (textBuffer.isEmpty()) {
                textBuffer = line.toString(); // most cues have one line: one exact allocation
            } else {
                textBuffer += u'\n';
                textBuffer += line;
            }
            continue;
        }
        if (!report(lineNo, Tr::tr("Skipped a line that belongs to no cue: \"%1\".")
                                .arg(line.left(40).toString())))
            break;
    }
    if (mode == ParseMode::Lenient || data.diagnostics.isEmpty())
        finish();
    Q_UNUSED(cueLine);

    if (mode == ParseMode::Strict && !data.diagnostics.isEmpty()) {
        const Diagnostic &d = data.diagnostics.constFirst();
        Error err = makeError(ErrorCode::ParseError, d.message);
        err.line = d.line;
        return err;
    }
    if (data.cues.isEmpty() && sawContent) {
        Error err = makeError(ErrorCode::ParseError, Tr::tr("No subtitle cue was found."));
        err.line = data.diagnostics.isEmpty() ? 1 : data.diagnostics.constFirst().line;
        return err;
    }
    return data;
}

QString writeSrt(const Cues &cues)
{
    QString out;
    qsizetype estimate = 0;
    for (const Cue &c : cues)
        estimate += c.text.size() + 40;
    out.reserve(estimate);
    int index = 1;
    for (const Cue &c : cues) {
        out += QString::number(index++);
        out += u'\n';
        appendTimestamp(out, c.start, u',');
        out += u" --> ";
        appendTimestamp(out, c.end, u',');
        out += u'\n';
        // WebVTT-only tags would show literally in SubRip players; WebVTT positions that SubRip
        // can express become a leading {\anN}.
        QString text = srtMarkup(c.text);
        if (!c.vttSettings.isEmpty() && !text.startsWith(u"{\\an"))
            text.prepend(assAlignmentFor(c.vttSettings));
        LineReader lines(text);
        while (!lines.atEnd()) {
            const QStringView line = lines.next();
            if (isBlank(line))
                continue;
            // A text line that reads as a timing line would start a new cue when the file is read
            // again (SubRip has no escape); an invisible WORD JOINER in front keeps it text.
            qint64 start = 0, end = 0;
            if (parseSrtTimingLine(line, &start, &end))
                out += QChar(0x2060);
            out += line;
            out += u'\n';
        }
        out += u'\n';
    }
    return out;
}

#include "vttformat.h"

#include "linereader.h"
#include "markup.h"
#include "timecode.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(VttFormat)
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isVttSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\f';
}

// "collect a WebVTT timestamp": [hh+:]mm:ss.ttt with exact field widths.
bool readVttTime(QStringView s, qsizetype *pos, qint64 *ms)
{
    qsizetype i = *pos;
    const qsizetype n = s.size();
    auto digits = [&](qint64 *v) {
        const qsizetype b = i;
        *v = 0;
        while (i < n && isDigit(s[i])) {
            if (i - b < 12)
                *v = *v * 10 + (s[i].unicode() - '0');
            ++i;
        }
        return i - b;
    };
    qint64 v1 = 0, v2 = 0, v3 = 0, frac = 0;
    const qsizetype d1 = digits(&v1);
    if (d1 == 0 || i >= n || s[i] != u':')
        return false;
    const bool hoursFirst = d1 != 2 || v1 > 59;
    ++i;
    if (digits(&v2) != 2)
        return false;
    qint64 hours = 0, minutes = v1, seconds = v2;
    if (hoursFirst || (i < n && s[i] == u':')) {
        if (i >= n || s[i] != u':')
            return false;
        ++i;
        if (digits(&v3) != 2)
            return false;
        hours = v1;
        minutes = v2;
        seconds = v3;
    }
    if (i >= n || s[i] != u'.')
        return false;
    ++i;
    if (digits(&frac) != 3)
        return false;
    if (minutes > 59 || seconds > 59)
        return false;
    *ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + frac;
    *pos = i;
    return true;
}

bool parseTimingLine(QStringView line, qint64 *start, qint64 *end, QString *settings)
{
    qsizetype pos = 0;
    while (pos < line.size() && isVttSpace(line[pos]))
        ++pos;
    if (!readVttTime(line, &pos, start))
        return false;
    while (pos < line.size() && isVttSpace(line[pos]))
        ++pos;
    if (!line.mid(pos).startsWith(u"-->"))
        return false;
    pos += 3;
    while (pos < line.size() && isVttSpace(line[pos]))
        ++pos;
    if (!readVttTime(line, &pos, end))
        return false;
    if (pos < line.size() && !isVttSpace(line[pos]))
        return false;
    *settings = line.mid(pos).trimmed().toString();
    return true;
}

bool startsWithKeyword(QStringView line, QStringView keyword)
{
    return line.startsWith(keyword) &&
           (line.size() == keyword.size() || isVttSpace(line[keyword.size()]));
}

struct NamedRef {
    const char16_t *name;
    char16_t value;
};
constexpr NamedRef kRefs[] = {{u"amp", u'&'},       {u"lt", u'<'},       {u"gt", u'>'},
                              {u"nbsp", u'\u00A0'}, {u"lrm", u'\u200E'}, {u"rlm", u'\u200F'},
                              {u"quot", u'"'},      {u"apos", u'\''}};

// Decodes the character reference starting at text[i] == '&'; returns its length or 0.
qsizetype decodeReference(QStringView text, qsizetype i, QString *out)
{
    const qsizetype semi = text.indexOf(u';', i + 1);
    if (semi < 0 || semi - i > 12)
        return 0;
    const QStringView body = text.mid(i + 1, semi - i - 1);
    if (body.startsWith(u'#')) {
        bool ok = false;
        const uint code = body.size() > 1 && (body[1] == u'x' || body[1] == u'X')
                              ? body.mid(2).toUInt(&ok, 16)
                              : body.mid(1).toUInt(&ok, 10);
        if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return 0;
        const char32_t c = code;
        out->append(QString::fromUcs4(&c, 1));
        return semi - i + 1;
    }
    for (const NamedRef &r : kRefs) {
        if (body == QStringView(r.name)) {
            out->append(QChar(r.value));
            return semi - i + 1;
        }
    }
    return 0;
}

QString escapeAnnotation(QStringView s)
{
    QString out;
    for (QChar c : s) {
        if (c == u'&')
            out += u"&amp;";
        else if (c == u'>')
            out += u"&gt;";
        else if (c == u'<')
            out += u"&lt;";
        else
            out += c;
    }
    return out;
}

void applyVoiceSpan(Cue &cue, QStringView payload)
{
    static const QRegularExpression voice(QStringLiteral("^<v((?:\\.[^\\s.>]+)*)[ \\t]+([^>]+)>"));
    const auto m = voice.match(payload);
    QStringView rest = payload;
    if (m.hasMatch()) {
        rest = payload.mid(m.capturedLength());
        bool closed = false;
        if (rest.endsWith(u"</v>")) {
            rest.chop(4);
            closed = true;
        }
        if (!rest.contains(u"<v") && !rest.contains(u"</v>")) {
            // Whitespace collapsed, as the WebVTT tokenizer does with annotations (a name may
            // span lines).
            cue.speaker = vttPayloadToText(m.capturedView(2)).simplified();
            cue.vttVoiceClasses = m.captured(1);
            cue.vttVoiceClosed = closed;
        } else {
            rest = payload;
        }
    }
    cue.text = vttPayloadToText(rest);
}

} // namespace

QString vttPayloadToText(QStringView payload)
{
    if (!payload.contains(u'&'))
        return payload.toString();
    QString out;
    out.reserve(payload.size());
    for (qsizetype i = 0; i < payload.size(); ++i) {
        const QChar c = payload[i];
        if (c == u'<') {
            const qsizetype len = markupTagLength(payload, i);
            if (len > 0) {
                out += payload.mid(i, len);
                i += len - 1;
                continue;
            }
        } else if (c == u'&') {
            const qsizetype len = decodeReference(payload, i, &out);
            if (len > 0) {
                i += len - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

namespace {

void appendEscapedLine(QString &out, QStringView line)
{
    // Appends unchanged runs in one go; only the few characters that need it are rewritten.
    qsizetype run = 0;
    auto flush = [&](qsizetype upTo) {
        if (upTo > run)
            out.append(line.data() + run, upTo - run);
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char16_t c = line[i].unicode();
        const char16_t *replacement = nullptr;
        switch (c) {
        case u'<':
            if (const qsizetype len = markupTagLength(line, i); len > 0) {
                i += len - 1; // a tag is copied as part of the run
                continue;
            }
            replacement = u"&lt;";
            break;
        case u'&':
            replacement = u"&amp;";
            break;
        case u'>':
            replacement = u"&gt;";
            break;
        case 0x00A0:
            replacement = u"&nbsp;";
            break;
        case 0x200E:
            replacement = u"&lrm;";
            break;
        case 0x200F:
            replacement = u"&rlm;";
            break;
        default:
            continue;
        }
        flush(i);
        out += QStringView(replacement);
        run = i + 1;
    }
    flush(line.size());
}

} // namespace

namespace {

// Appends the escaped payload of `text` to `out`; returns false (appending nothing) when the text
// has no visible line. Blank lines are dropped: they would end the cue.
bool appendVttPayload(QString &out, QStringView text)
{
    bool any = false;
    LineReader lines(text);
    while (!lines.atEnd()) {
        const QStringView line = lines.next();
        if (isBlank(line))
            continue;
        if (any)
            out += u'\n';
        appendEscapedLine(out, line);
        any = true;
    }
    return any;
}

} // namespace

QString textToVttPayload(QStringView text)
{
    QString out;
    out.reserve(text.size() + 8);
    appendVttPayload(out, text);
    return out;
}

Result<SubtitleData> readVtt(QStringView input, ParseMode mode)
{
    QString cleaned;
    input = withoutNul(input, cleaned);
    if (!input.startsWith(u"WEBVTT") ||
        (input.size() > 6 && !isVttSpace(input[6]) && input[6] != u'\n' && input[6] != u'\r')) {
        Error e = makeError(ErrorCode::ParseError,
                            Tr::tr("This is not a WebVTT file: the first line must start with "
                                   "\"WEBVTT\"."));
        e.line = 1;
        return e;
    }
    SubtitleData data;
    LineReader reader(input);
    data.meta.vttHeader = reader.next().mid(6).toString();
    auto report = [&](int line, const QString &message) {
        data.diagnostics.append({line, message});
    };

    // Header lines run to the first blank line or to a line containing "-->".
    while (!reader.atEnd()) {
        const QStringView line = reader.peek();
        if (isBlank(line) || line.contains(u"-->"))
            break;
        reader.next();
        data.meta.vttHeader += u'\n' + line.toString();
    }

    bool seenCue = false;
    while (!reader.atEnd()) {
        if (isBlank(reader.peek())) {
            reader.next();
            continue;
        }
        // Collect one block.
        QStringList buffer;
        QString identifier, settings;
        int lineCount = 0, firstLine = reader.lineNumber() + 1, timingLine = 0;
        bool seenArrow = false, timingOk = false;
        qint64 start = 0, end = 0;
        while (!reader.atEnd()) {
            const QStringView line = reader.peek();
            if (isBlank(line)) {
                reader.next();
                break;
            }
            if (line.contains(u"-->")) {
                if (lineCount == 0 || (lineCount == 1 && !seenArrow)) {
                    reader.next();
                    ++lineCount;
                    seenArrow = true;
                    timingLine = reader.lineNumber();
                    identifier = buffer.join(u'\n');
                    buffer.clear();
                    timingOk = parseTimingLine(line, &start, &end, &settings);
                    continue;
                }
                break;
            }
            reader.next();
            ++lineCount;
            buffer.append(line.toString());
        }

        if (seenArrow) {
            if (!timingOk) {
                report(timingLine, Tr::tr("Skipped a cue: its timing line is not valid WebVTT "
                                          "(expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt)."));
                continue;
            }
            Cue cue;
            cue.start = start;
            cue.end = end;
            if (end < start) {
                report(timingLine,
                       Tr::tr("The cue ends before it starts; its end was set to its start."));
                cue.end = start;
            }
            cue.identifier = identifier;
            cue.vttSettings = settings;
            applyVoiceSpan(cue, buffer.join(u'\n'));
            data.cues.append(std::move(cue));
            seenCue = true;
            continue;
        }
        const QString block = buffer.join(u'\n');
        const QStringView first = buffer.isEmpty() ? QStringView() : QStringView(buffer.first());
        VttBlock b;
        b.text = block;
        b.beforeCue = int(data.cues.size());
        if (startsWithKeyword(first, u"NOTE")) {
            b.kind = VttBlock::Kind::Note;
        } else if (!seenCue && startsWithKeyword(first, u"STYLE")) {
            b.kind = VttBlock::Kind::Style;
        } else if (!seenCue && startsWithKeyword(first, u"REGION")) {
            b.kind = VttBlock::Kind::Region;
        } else {
            report(firstLine, Tr::tr("Skipped a block that is neither a cue nor a note: \"%1\".")
                                  .arg(first.left(40).toString()));
            continue;
        }
        data.meta.vttBlocks.append(b);
    }

    if (mode == ParseMode::Strict && !data.diagnostics.isEmpty()) {
        const Diagnostic &d = data.diagnostics.constFirst();
        Error e = makeError(ErrorCode::ParseError, d.message);
        e.line = d.line;
        return e;
    }
    return data;
}

namespace {

QString cleanBlockText(QStringView text)
{
    QStringList kept;
    LineReader lines(text);
    while (!lines.atEnd()) {
        const QStringView line = lines.next();
        if (!isBlank(line) && !line.contains(u"-->"))
            kept.append(line.toString());
    }
    return kept.join(u'\n');
}

QString cleanHeader(const QString &header)
{
    QStringList lines = header.split(u'\n');
    QString first = lines.takeFirst();
    first.remove(u'\r');
    if (!first.isEmpty() && !isVttSpace(first[0]))
        first.prepend(u' ');
    if (first.contains(u"-->"))
        first.clear();
    QString out = first;
    for (const QString &l : std::as_const(lines)) {
        if (!isBlank(l) && !l.contains(u"-->"))
            out += u'\n' + l;
    }
    return out;
}

void appendBlocks(QString &out, const QList<VttBlock> &blocks, int beforeCue, bool last)
{
    for (const VttBlock &b : blocks) {
        if (b.beforeCue == beforeCue || (last && b.beforeCue > beforeCue)) {
            const QString text = cleanBlockText(b.text);
            if (!text.isEmpty())
                out += text + u"\n\n";
        }
    }
}

} // namespace

QString writeVtt(const Cues &cues, const SubtitleMeta &meta)
{
    QString out;
    qsizetype estimate = 64;
    for (const Cue &c : cues)
        estimate += c.text.size() + c.identifier.size() + c.vttSettings.size() + 40;
    out.reserve(estimate);
    out += u"WEBVTT";
    out += cleanHeader(meta.vttHeader);
    out += u"\n\n";

    QList<VttBlock> styleFirst, notes;
    for (const VttBlock &b : meta.vttBlocks)
        (b.kind == VttBlock::Kind::Note ? notes : styleFirst).append(b);
    for (const VttBlock &b : std::as_const(styleFirst)) {
        const QString text = cleanBlockText(b.text);
        if (!text.isEmpty())
            out += text + u"\n\n";
    }

    for (int i = 0; i < cues.size(); ++i) {
        const Cue &c = cues[i];
        if (!notes.isEmpty())
            appendBlocks(out, notes, i, false);
        if (!c.identifier.isEmpty() && !c.identifier.contains(u"-->") &&
            !c.identifier.contains(u'\n')) {
            out += c.identifier;
            out += u'\n';
        }
        appendTimestamp(out, c.start, u'.');
        out += u" --> ";
        appendTimestamp(out, c.end, u'.');
        // SubRip/ASS override blocks have no place in WebVTT; a leading {\anN} becomes settings.
        QString text = c.text;
        QString settings = c.vttSettings;
        if (hasAssOverride(text)) {
            const QString fromAss = takeAssAlignment(&text);
            if (settings.isEmpty())
                settings = fromAss;
        }
        if (!settings.isEmpty()) {
            out += u' ';
            out += settings.replace(u'\n', u' ');
        }
        out += u'\n';
        // One line, whitespace collapsed as WebVTT parsers do with annotations anyway.
        const QString speaker = c.speaker.simplified();
        if (!speaker.isEmpty()) {
            // A name ending in "--" would make "-->" with the tag's end, and a line holding
            // "-->" is a timing line to every reader: a final '-' is written as a character
            // reference, which readers decode in annotations (WebVTT "start tag annotation
            // state"; a space before '>' would not do: Chromium keeps it in the name).
            QString annotation = escapeAnnotation(speaker);
            if (annotation.endsWith(u'-'))
                annotation.replace(annotation.size() - 1, 1, QStringLiteral("&#45;"));
            out += QStringLiteral("<v%1 %2>").arg(c.vttVoiceClasses, annotation);
            appendVttPayload(out, text);
            if (c.vttVoiceClosed)
                out += u"</v>";
            out += u'\n';
        } else if (appendVttPayload(out, text)) {
            out += u'\n';
        }
        out += u'\n';
    }
    appendBlocks(out, notes, int(cues.size()), true);
    return out;
}

#pragma once

#include <QString>
#include <QStringView>

// Splits text into lines without copying; accepts LF, CRLF and lone CR line ends.
class LineReader {
public:
    explicit LineReader(QStringView text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    // The next line without its terminator; advances. Line numbers start at 1.
    QStringView next()
    {
        const qsizetype start = m_pos;
        const qsizetype n = m_text.size();
        const QChar *d = m_text.data();
        qsizetype i = start;
        while (i < n && d[i] != u'\n' && d[i] != u'\r')
            ++i;
        const QStringView line = m_text.mid(start, i - start);
        if (i < n && d[i] == u'\r' && i + 1 < n && d[i + 1] == u'\n')
            i += 2;
        else if (i < n)
            i += 1;
        m_pos = i;
        ++m_lineNumber;
        return line;
    }
    // The line after the current one, without advancing.
    QStringView peek() const
    {
        LineReader copy = *this;
        return copy.atEnd() ? QStringView() : copy.next();
    }
    int lineNumber() const { return m_lineNumber; }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
    int m_lineNumber = 0;
};

inline bool isBlank(QStringView line)
{
    for (QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// `text` with NUL characters replaced by U+FFFD (as the WebVTT algorithm prescribes; no reader
// lets NUL into cue text). Uses `storage` only when a replacement is needed.
inline QStringView withoutNul(QStringView text, QString &storage)
{
    if (!text.contains(QChar(0)))
        return text;
    storage = text.toString();
    storage.replace(QChar(0), QChar(0xFFFD));
    return storage;
}

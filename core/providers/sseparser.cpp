#include "sseparser.h"

void SseParser::feed(const QByteArray &bytes, QList<SseEvent> *out)
{
    m_pending += bytes;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_pending.indexOf('\n', start);
        if (nl < 0)
            break;
        qsizetype end = nl;
        if (end > start && m_pending[end - 1] == '\r')
            --end;
        line(m_pending.mid(start, end - start), out);
        start = nl + 1;
    }
    m_pending.remove(0, start);
}

void SseParser::finish(QList<SseEvent> *out)
{
    if (!m_pending.isEmpty()) {
        QByteArray last = m_pending;
        m_pending.clear();
        if (last.endsWith('\r'))
            last.chop(1);
        line(last, out);
    }
}

void SseParser::line(const QByteArray &line, QList<SseEvent> *out)
{
    if (line.isEmpty()) { // end of an event's fields
        m_event.clear();
        m_status = 0;
        return;
    }
    if (line.startsWith(':')) {
        if (line.startsWith(":HTTP_STATUS/"))
            m_status = line.mid(13).trimmed().toInt();
        return;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "event") {
        m_event = value;
    } else if (field == "id") {
        m_id = value;
    } else if (field == "data") {
        if (value.trimmed() == "[DONE]") {
            m_done = true;
            return;
        }
        out->append(SseEvent{m_event, m_id, value, m_status});
    }
    // "retry" and unknown fields are ignored, as the spec says.
}

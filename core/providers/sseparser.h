#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// One server-sent event: the data of one `data:` line with the `event:`/`id:` fields in force.
struct SseEvent {
    QByteArray event; // "" when the stream gave none ("message" by default in the SSE spec)
    QByteArray id;
    QByteArray data;
    int httpStatus = 0; // from a DashScope ":HTTP_STATUS/400" comment before the data, 0 if none
    bool operator==(const SseEvent &) const = default;
};

// Incremental server-sent events parser for provider streams. Lines end with LF or CRLF and may
// arrive split across network reads at any byte. An event is emitted for every `data:` line
// (DashScope streams do not always separate events with blank lines; OpenAI-style streams have one
// data line per event), with the most recent `event:` and `id:` lines; a blank line ends the
// event's fields. Comment lines
// (":...") are skipped except ":HTTP_STATUS/NNN". `data: [DONE]` sets done() and emits nothing.
class SseParser {
public:
    // Appends the events completed by `bytes`.
    void feed(const QByteArray &bytes, QList<SseEvent> *out);
    // Processes a last line without terminator (end of stream).
    void finish(QList<SseEvent> *out);
    bool done() const { return m_done; }

private:
    void line(const QByteArray &line, QList<SseEvent> *out);

    QByteArray m_pending;
    QByteArray m_event, m_id;
    int m_status = 0;
    bool m_done = false;
};

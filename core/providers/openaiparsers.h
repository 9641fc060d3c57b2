#pragma once

#include "result.h"
#include "sseparser.h"
#include "transcript.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

// Pure parsers for the responses of OpenAI-compatible /audio/transcriptions and
// /audio/translations (PROTOCOLS A.2, A.3, B.1): no network, no globals, any bytes in (safe to
// fuzz), a Transcript or an Error out, never a crash.
//
// Conventions shared by all formats:
// - Times in seconds become integer milliseconds, rounded to the nearest; negative times become 0,
//   an end before its start becomes the start; a time that is not a finite number (or is beyond
//   10^7 s) is an error.
// - `language` is kept as returned ("english", "en"); texts are trimmed of surrounding white space.
// - Only timing is taken from the service; provider, model and requestId are left for the client.
// - Malformed bodies give ErrorCode::ParseError with a translated message saying what is wrong
//   (a web page instead of JSON, JSON that ends early, a missing transcript) and the start of the
//   body in `detail`. A JSON body {"error": {...}} on a 2xx answer gives ErrorCode::Provider.
// - A text/srt/vtt request answered with JSON anyway (servers that ignore response_format) is read
//   as JSON; an empty text/srt/vtt body is an empty transcript (no speech).
//
// Text-only results (json, text) have no segments: the pipeline times them
// (transcriptionpipeline.h).
enum class OpenAiResponseFormat { Json, Text, Srt, VerboseJson, Vtt, DiarizedJson };

// "json", "text", "srt", "verbose_json", "vtt", "diarized_json"; nullopt for anything else.
std::optional<OpenAiResponseFormat> openAiResponseFormat(QStringView name);
QString openAiResponseFormatName(OpenAiResponseFormat format);

// Parses a complete (non-streamed) response body of the given format.
Result<Transcript> parseOpenAiTranscription(const QByteArray &body, OpenAiResponseFormat format);

// json: {"text": "...", "usage": {...}}. Only `text` is read (required).
Result<Transcript> parseOpenAiJson(const QByteArray &body);
// verbose_json: language, duration, text, segments[] and words[]. Segments keep avg_logprob and
// no_speech_prob. Each word goes into the segment that contains its midpoint (segment order is by
// start time); runs of consecutive words that fall outside every segment (word-only granularity,
// or words in a gap) get a segment of their own spanning the run. Word confidence: the word's own
// `probability` when the server sends one (whisper.cpp, faster-whisper servers), else the
// geometric-mean token probability of its segment, exp(avg_logprob), clamped to 0..1; none for
// words outside segments.
Result<Transcript> parseOpenAiVerboseJson(const QByteArray &body);
// diarized_json: segments[] with string ids and `speaker`, kept as TranscriptSegment::speaker.
Result<Transcript> parseOpenAiDiarizedJson(const QByteArray &body);
// text: the body is the transcript (UTF-8).
Result<Transcript> parseOpenAiText(const QByteArray &body);
// srt / vtt: read with the project's readers (srtformat.h, vttformat.h, lenient); one segment per
// cue, line breaks inside a cue become spaces; a VTT voice span gives the segment's speaker.
Result<Transcript> parseOpenAiSrt(const QByteArray &body);
Result<Transcript> parseOpenAiVtt(const QByteArray &body);

// A streamed response (stream=true: text/event-stream) read incrementally. Events:
// transcript.text.delta {delta} appends to the text, transcript.text.done {text} replaces it and
// ends the stream, transcript.text.segment {id,start,end,text,speaker} adds a timed segment
// (diarization), error {error:{message}} fails it; other event types are ignored.
class OpenAiTranscriptStream {
public:
    // Feeds bytes as they arrive (split anywhere); true when the text changed.
    bool feed(const QByteArray &bytes);
    // The end of the body: processes a last unterminated line.
    void finish();
    QString textSoFar() const { return m_text; }
    bool done() const { return m_done; }
    // The stream said it is over (transcript.text.done or data: [DONE]). A body that ends without
    // either may have been cut: a dropped chunked connection can look like a clean end.
    bool complete() const { return m_done || m_sse.done(); }
    // The transcript: available after transcript.text.done, or at the end of the body when some
    // text arrived; an error when an event was malformed, the service sent an error event, or the
    // stream ended without any transcript event.
    Result<Transcript> result() const;

private:
    void event(const QByteArray &data);

    SseParser m_sse;
    QString m_text;
    QList<TranscriptSegment> m_segments;
    std::optional<Error> m_error;
    bool m_done = false;
    bool m_sawTranscript = false;
};

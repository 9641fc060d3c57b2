#pragma once

#include "result.h"
#include "sseparser.h"
#include "transcript.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// Pure parsers for what DashScope answers (PROTOCOLS C): async task replies in both shapes, the
// transcription JSON behind transcription_url in both variants, the temporary-storage upload
// policy, OSS errors, and Qwen-ASR / Qwen-Omni responses (native, OpenAI-compatible, streamed).
// Lenient about missing optional fields and about numbers sent as strings; never crash on any
// input (fuzzed). Errors are ErrorCode::ParseError with the offending bytes' start in `detail`.

// ---- async tasks (C.1.2) --------------------------------------------------------------------

enum class DashScopeTaskState { Pending, Running, Suspended, Succeeded, Failed, Canceled, Unknown };

// Terminal states end polling (DS-PY `wait`): SUCCEEDED, FAILED, CANCELED, UNKNOWN.
bool isTerminal(DashScopeTaskState state);

// One file of a task: an element of output.results[] (Fun-ASR, Paraformer) or output.result
// (Qwen3-ASR-Flash-Filetrans).
struct DashScopeSubtask {
    QString fileUrl;
    QString transcriptionUrl;
    QString status; // subtask_status; for output.result without one, the task's status
    QString code, message;
    bool succeeded() const;
    bool operator==(const DashScopeSubtask &) const = default;
};

struct DashScopeTask {
    QString taskId;
    QString status; // as sent ("RUNNING"); unrecognised values read as Running
    DashScopeTaskState state = DashScopeTaskState::Unknown;
    QString code, message; // of a FAILED task (output.code/message, else top-level)
    QString requestId;
    QList<DashScopeSubtask> subtasks;
    double usageSeconds = 0; // usage.duration (Fun-ASR) or usage.seconds (filetrans)
};

// A submit reply ({"output":{"task_id","task_status"}}) or a poll reply. Needs output.task_id or
// output.task_status.
Result<DashScopeTask> parseDashScopeTask(const QByteArray &body);

// ---- transcription JSON (C.1.3) -------------------------------------------------------------

// Both variants: Fun-ASR/Paraformer (properties, speaker_id, sentence ids from 1) and
// Qwen3-ASR-Flash-Filetrans (audio_info, per-sentence language/emotion, ids from 0). Times are
// integer milliseconds. Each sentence becomes a segment; word text is `text + punctuation`;
// speaker_id N becomes speaker "Speaker N+1"; with several channels and no speakers, the channel
// is the speaker ("Channel N+1"). Segments of all channels are ordered by start. SenseVoice tags
// (<|HAPPY|>) are removed. Transcript::language is the most frequent sentence language.
Result<Transcript> parseDashScopeTranscription(const QByteArray &body);

// ---- temporary storage (C.2) ----------------------------------------------------------------

struct DashScopeUploadPolicy {
    QString policy, signature, uploadDir, uploadHost, accessKeyId, objectAcl, forbidOverwrite;
    qint64 expireInSeconds = 0, maxFileSizeMb = 0, capacityLimitMb = 0; // 0: not given
};

// The getPolicy reply; the payload is under "data" (numbers may be strings).
Result<DashScopeUploadPolicy> parseDashScopeUploadPolicy(const QByteArray &body);

// ---- Qwen3-ASR-Flash / Qwen-Omni (C.3, C.4) -------------------------------------------------

struct DashScopeAsrText {
    QString text;
    QString language; // annotations[type=audio_info].language
    QString emotion;  // annotations[type=audio_info].emotion
    QString finishReason;
    QString requestId;
    double seconds = 0; // usage.seconds (audio billed)
};

// Native multimodal-generation reply: output.choices[0].message.content[] text items (or
// output.text).
Result<DashScopeAsrText> parseDashScopeNativeResponse(const QByteArray &body);
// OpenAI-compatible chat completion: choices[0].message.content as a string (or an array of
// {type:text,text} parts); annotations as in native mode.
Result<DashScopeAsrText> parseDashScopeCompatibleResponse(const QByteArray &body);

// A streamed reply as it arrives: native SSE (event:result lines, ":HTTP_STATUS/200" comments,
// no blank lines needed; incremental_output so each event adds text; event:error is an error
// even inside a 200 stream; data after event:done is ignored) or compatible-mode chunks
// (choices[0].delta.content, a usage chunk with choices:[], `data: [DONE]`, an {"error":{...}}
// chunk is an error). Feed bytes split anywhere.
class DashScopeAsrStream {
public:
    enum class Mode { Native, Compatible };
    explicit DashScopeAsrStream(Mode mode);

    // Returns true when the text grew (the caller shows textSoFar()).
    bool feed(const QByteArray &bytes);
    void finish(); // a last line without terminator
    QString textSoFar() const { return m_result.text; }
    // What arrived so far (language, emotion, finish reason, usage, request id).
    const DashScopeAsrText &result() const { return m_result; }
    int events() const { return m_events; }
    bool done() const { return m_parser.done() || m_finished; }

    // An error event: the HTTP status it carried (":HTTP_STATUS/400", else 0) and its data, to be
    // turned into an Error by providerHttpError.
    struct StreamError {
        int httpStatus = 0;
        QByteArray data;
    };
    const std::optional<StreamError> &error() const { return m_error; }

private:
    bool handle(const SseEvent &event);

    Mode m_mode;
    SseParser m_parser;
    DashScopeAsrText m_result;
    std::optional<StreamError> m_error;
    int m_events = 0;
    bool m_finished = false;
};

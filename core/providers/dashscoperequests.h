#pragma once

#include "providerprofile.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>

struct DashScopeUploadPolicy;

// Pure builders of what DashScope clients send (PROTOCOLS C), kept apart from the network code so
// tests can check them exactly.
//
// Profile options read (ProviderProfile::options):
//   Fun-ASR / Paraformer (kind "dashscope-funasr"): "language_hints" (list or comma-separated;
//     else the request's language), "channel_id" (list or comma-separated; default [0]),
//     "vocabulary_id", "diarization" (bool), "speaker_count" (2..100, with diarization),
//     "disfluency_removal" (bool), "timestamp_alignment" (bool).
//   Qwen3-ASR-Flash-Filetrans ("dashscope-filetrans"): "language" (else the request's),
//     "itn" (bool, default false), "words" (bool, default true: word timestamps), "channel_id".
//   Qwen3-ASR-Flash ("dashscope-qwen-asr", "dashscope-qwen-asr-compatible"): "itn", "context"
//     (domain terms; the request's prompt is used when set), "language".
//   Qwen-Omni ("dashscope-omni"): "context", "language".

// Is `s` something DashScope fetches itself (http(s) URL or oss:// temporary URL) rather than a
// local path?
bool isDashScopeRemoteInput(const QString &s);
bool isOssUrl(const QString &s);

// The address a task's transcription_url is downloaded from. DashScope may name a plain http
// URL (PROTOCOLS C.1.2); the transcript is the user's data, so it is fetched over https from the
// same host instead (OSS serves both, and the pre-signed query does not depend on the scheme),
// except from loopback hosts or when the profile confirmed plain http (allowPlainHttp).
QUrl dashScopeResultUrl(const QUrl &url, bool allowPlainHttp);

// POST {native}/services/audio/asr/transcription body. Fun-ASR/Paraformer send input.file_urls
// (one URL), filetrans input.file_url; `parameters` is always present (the workspace hosts fail
// tasks without it).
QJsonObject dashScopeSubmitBody(const ProviderProfile &profile, const QString &fileUrl,
                                const QString &language);

// Native multimodal-generation body for Qwen3-ASR-Flash: an optional system message with the
// context text, the user message with one {"audio"} item, result_format "message", asr_options
// {language, enable_itn}; incremental_output true when streaming.
QJsonObject dashScopeNativeAsrBody(const QString &model, const QString &audio,
                                   const QString &context, const QString &language, bool itn,
                                   bool stream);

// compatible-mode chat/completions body for Qwen3-ASR-Flash: optional system message, one
// input_audio item, top-level asr_options, stream (+ stream_options.include_usage).
QJsonObject dashScopeCompatibleAsrBody(const QString &model, const QString &audio,
                                       const QString &context, const QString &language, bool itn,
                                       bool stream);

// Qwen-Omni: always streamed, modalities ["text"], system prompt (dashScopeOmniSystemPrompt),
// input_audio {data, format} plus a text item asking for the transcription.
QJsonObject dashScopeOmniBody(const QString &model, const QString &audio, const QString &format,
                              const QString &context, const QString &language);
// The Omni system prompt: transcribe verbatim, only human speech (Omni otherwise describes music
// and noise: seed 003), the language when known, and the user's domain context.
QString dashScopeOmniSystemPrompt(const QString &context, const QString &language);

// The multipart text fields of the OSS PostObject upload, in the order the Python SDK sends them
// (OSSAccessKeyId, Signature, policy, key, x-oss-object-acl, x-oss-forbid-overwrite,
// success_action_status, x-oss-content-type); the file part goes after them, last.
QList<QPair<QByteArray, QByteArray>> dashScopeOssFields(const DashScopeUploadPolicy &policy,
                                                        const QString &key,
                                                        const QString &mimeType);
// The object name for a local file: its name when plain ASCII without quotes, else
// "audio.<ext>" (the key must be URL- and header-safe; upload_dir already holds a unique id).
QString dashScopeUploadName(const QString &filePath);

// The wait before poll number `poll` (0-based) of a task, as the SDK does it: `initial` (1 s),
// doubled every 3 polls, capped at `max` (5 s): 1, 1, 2, 2, 2, 4, 4, 4, 5, ... s.
std::chrono::milliseconds dashScopePollDelay(int poll, std::chrono::milliseconds initial,
                                             std::chrono::milliseconds max);

// A file's MIME type for a data URL, from its extension ("audio/wav"); "application/octet-stream"
// when unknown.
QString dashScopeMimeForSuffix(const QString &suffix);

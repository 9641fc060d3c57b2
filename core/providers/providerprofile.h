#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

// What a provider (for a given kind and model) can do. Drives the pipeline (transcode, chunking,
// timing strategy), the transcription panel (which options to show) and the CLI.
struct ProviderCapabilities {
    QStringList acceptedFormats; // file extensions the service accepts ("mp3", "wav", ...)
    qint64 maxUploadBytes = 0;   // per request; 0: no limit
    qint64 maxDurationMs = 0;    // per request; 0: no limit
    bool wordTimestamps = false;
    bool segmentTimestamps = false;
    bool speakers = false;
    bool prompt = false;   // a free-text prompt or context improves recognition
    bool language = false; // a language hint can be given
    bool temperature = false;
    bool streaming = false;    // partial text arrives while the request runs
    bool translation = false;  // translation to English
    bool urlInputOnly = false; // the service fetches audio from a URL (upload flow needed)
    QStringList responseFormats;
    int maxConcurrency = 4;    // requests in flight
    int requestsPerMinute = 0; // 0: unknown
    QStringList models;        // suggested models (free text allowed)

    // True when segments carry their own times (words or segments); else the pipeline times
    // text-only results by the voice-activity segments it sent.
    bool timed() const { return wordTimestamps || segmentTimestamps; }
};

// A configured provider: which service, where, which model, which key. Keys themselves are never
// stored here (see credentials.h): `keyName` says where to find one.
struct ProviderProfile {
    QString id;          // stable, used on the command line ("openai", "siliconflow", "local")
    QString kind;        // implementation: "openai", "siliconflow", "local", ...
    QString displayName; // shown to people ("OpenAI", "My whisper.cpp server")
    QUrl baseUrl;        // e.g. https://api.openai.com/v1 (paths are appended)
    QString model;
    QString keyName;     // environment variable that overrides the keychain, e.g. OPENAI_API_KEY
    QString region;      // DashScope: "beijing", "singapore", "us", "workspace"
    QVariantMap options; // language, prompt, temperature, diarization, itn, words, ...
    bool allowPlainHttp = false; // the user confirmed plain http to a non-loopback host
    bool builtIn = false;

    ProviderCapabilities capabilities() const;
    bool needsKey() const;

    QJsonObject toJson() const; // for settings files; contains no key
    static ProviderProfile fromJson(const QJsonObject &o);
};

// Built-in presets: OpenAI, LLMProvider, SiliconFlow, a custom OpenAI-compatible server, and the
// offline engines. Users copy and edit them; ids stay unique.
QList<ProviderProfile> builtInProfiles();
// The built-in profile with `id`, or a profile with an empty id.
ProviderProfile builtInProfile(const QString &id);

// Plain http is accepted for loopback hosts (local servers) and when the user confirmed it for this
// profile; any other http URL is refused with this message (https is always fine).
QString insecureUrlProblem(const ProviderProfile &profile);

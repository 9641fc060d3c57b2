#pragma once

#include "providerprofile.h"
#include "result.h"
#include "transcriptionclient.h"

#include <QByteArray>

#include <memory>

class QNetworkAccessManager;

// Creates the client for a profile's kind: the OpenAI-compatible family over HTTP, and the
// offline engines (`local`: PocketSphinx for transcription, eSpeak NG for speech). Refuses
// profiles whose base URL would send keys or audio over plain http (see insecureUrlProblem) and
// profiles that need a key when none is given.
Result<std::unique_ptr<TranscriptionClient>>
createTranscriptionClient(const ProviderProfile &profile, QNetworkAccessManager *nam,
                          const QByteArray &apiKey);
Result<std::unique_ptr<SpeechClient>> createSpeechClient(const ProviderProfile &profile,
                                                         QNetworkAccessManager *nam,
                                                         const QByteArray &apiKey);

// Speech profiles: `local` (eSpeak NG) and OpenAI's /audio/speech.
QList<ProviderProfile> builtInSpeechProfiles();

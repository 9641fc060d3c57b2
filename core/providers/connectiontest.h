#pragma once

#include "providerprofile.h"
#include "result.h"

#include <QByteArray>
#include <QCoroTask>

class QNetworkAccessManager;

// "Test connection" for a provider profile: the cheapest request that proves the address, the
// TLS setup and the key work, without uploading audio or starting a billable job.
//   OpenAI-compatible family: GET {base}/models (lists the models; free).
//   DashScope: GET {native base}/tasks/{a random id}: a valid key gets "task not found" (404 or a
//     400 naming the task), a bad key 401 InvalidApiKey.
//   local: the engine's model files and voices are present.
// Returns a translated sentence saying what worked ("Connected to OpenAI: 42 models.") or an error
// naming the provider and the cause. GUI thread.
QCoro::Task<Result<QString>> testProviderConnection(ProviderProfile profile,
                                                    QNetworkAccessManager *nam, QByteArray apiKey);

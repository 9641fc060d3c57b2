#pragma once

#include "httpcall.h"
#include "providerprofile.h"
#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <optional>

// Helpers shared by the OpenAI-compatible transcription client (openaiclient.cpp) and speech
// client (openaispeechclient.cpp). Internal: not part of the providers API.
namespace openai_detail {

// The server is silent while it transcribes or synthesises, which can take minutes for a long
// file on a self-hosted CPU server; the OpenAI SDK's default timeout is 600 s too. Profiles
// override it with the "transfer_timeout_ms" option.
inline constexpr int kDefaultTransferTimeoutMs = 600000;

// Messages of both clients share one translation context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenAiClient)
};

QString providerName(const ProviderProfile &p);            // display name, else id, else kind
QString option(const ProviderProfile &p, const char *key); // trimmed string option
int intOption(const ProviderProfile &p, const char *key, int fallback); // > 0, else fallback
// `path` appended to the base URL's path ("https://h/v1/" + "/audio/speech").
QUrl endpoint(const QUrl &base, QStringView path);
// What makes any request pointless, found before anything is sent: no usable base URL, plain
// http to a remote host (insecureUrlProblem), a missing key for a service that needs one.
std::optional<Error> profileProblem(const ProviderProfile &profile, const QByteArray &apiKey);
// `e` with the response's HTTP status and request id (x-request-id, x-siliconcloud-trace-id).
Error withRequest(Error e, const HttpResponse &response);

} // namespace openai_detail

#pragma once

#include "httpcall.h"
#include "providerprofile.h"
#include "result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// Alibaba Cloud Model Studio (DashScope) endpoints and what all DashScope clients share
// (PROTOCOLS C.0). API keys are region-specific, so the region is a first-class profile setting:
// "beijing" (the default), "singapore" (international), "us" (Virginia) or "workspace" (a
// workspace-dedicated host, options "workspace_id" and "workspace_location": "cn-beijing", the
// default, or "ap-southeast-1").

enum class DashScopeApi {
    Native,     // {host}/api/v1: file transcription, tasks, uploads, multimodal generation
    Compatible, // {host}/compatible-mode/v1: OpenAI-style chat completions
};

// The region ids, in the order a settings page offers them.
QStringList dashScopeRegions();
// Translated name of a region id ("China (Beijing)"); the id itself when unknown.
QString dashScopeRegionName(const QString &region);

// The base URL of `api` in `region`, e.g. https://dashscope-intl.aliyuncs.com/api/v1. Empty when
// the region has no such API (the US region has no compatible mode for Qwen-ASR), when the region
// is unknown, or for "workspace" without a workspace id.
QUrl dashScopeRegionBaseUrl(const QString &region, DashScopeApi api,
                            const QString &workspaceId = {}, const QString &workspaceLocation = {});

// The base URL a profile uses for `api`. The profile's own baseUrl wins (a proxy, a test server,
// the CLI's --base-url); when it ends in the other API's path (/api/v1 vs /compatible-mode/v1) the
// path is switched, so one profile reaches both (the temporary-storage upload is native even for
// compatible-mode models). Without a baseUrl, the region's (see above).
QUrl dashScopeBaseUrl(const ProviderProfile &profile, DashScopeApi api);

// `base` with `path` appended ("/tasks/ID").
QUrl dashScopeEndpoint(const QUrl &base, QStringView path);

// The region whose public host `host` is; empty for other hosts (proxies, test servers).
QString dashScopeRegionOfHost(const QString &host);

// The name used in messages: the profile's display name, else its id or kind.
QString dashScopeProviderName(const ProviderProfile &profile);

// Headers every authenticated DashScope call carries besides Authorization: X-DashScope-WorkSpace
// when the profile names a workspace ("workspace_id"). Never sent to the upload host or to result
// downloads.
RawHeaders dashScopeCommonHeaders(const ProviderProfile &profile);

// Problems that make any request pointless (no usable base URL, plain http to a remote host, no
// key), found before anything is sent.
std::optional<Error> dashScopeProfileProblem(const ProviderProfile &profile, DashScopeApi api,
                                             const QByteArray &apiKey);

// A 401 (InvalidApiKey) from DashScope almost always means the key belongs to another region:
// the message then says so and names the region of the host that refused it. Other errors are
// returned unchanged.
Error withDashScopeRegionHint(Error error, const ProviderProfile &profile, const QUrl &base);

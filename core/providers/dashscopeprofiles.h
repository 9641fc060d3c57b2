#pragma once

#include "providerprofile.h"
#include "result.h"
#include "transcriptionclient.h"

#include <QByteArray>
#include <QList>

#include <memory>

class QNetworkAccessManager;

// The DashScope provider kinds (PROTOCOLS C):
//   "dashscope-funasr"              Fun-ASR and Paraformer async file transcription
//   "dashscope-filetrans"           Qwen3-ASR-Flash-Filetrans async file transcription
//   "dashscope-qwen-asr"            Qwen3-ASR-Flash, native API (sync or SSE stream)
//   "dashscope-qwen-asr-compatible" Qwen3-ASR-Flash, OpenAI-compatible mode
//   "dashscope-omni"                Qwen-Omni prompt-based transcription (compatible mode)
bool isDashScopeKind(const QString &kind);

// Capabilities by kind and model, from PROTOCOLS C.6: the async kinds take URLs only (local files
// go through temporary storage, at most 1 GB), up to 12 h, with word timestamps (Fun-ASR and
// Paraformer also speakers); Qwen3-ASR-Flash is text only, at most 5 min and 10 MB after Base64,
// 100 requests per minute; Qwen-Omni text only, at most 20 min and 10 MB after Base64.
ProviderCapabilities dashScopeCapabilities(const ProviderProfile &profile);

// Built-in profiles: dashscope-funasr, dashscope-paraformer, dashscope-filetrans,
// dashscope-qwen-asr, dashscope-qwen-asr-compatible, qwen-omni; region "beijing", key
// DASHSCOPE_API_KEY.
QList<ProviderProfile> dashScopeBuiltInProfiles();

// The profile moved to `region` (see dashscoperegions.h): region set and the base URL replaced by
// the region's for the kind's API (empty when the region lacks that API). For settings pages.
ProviderProfile withDashScopeRegion(ProviderProfile profile, const QString &region);

// The client for a DashScope profile (DashScopeFileTranscriptionClient or
// DashScopeQwenAsrClient), after checking base URL, plain http and key.
Result<std::unique_ptr<TranscriptionClient>>
createDashScopeTranscriptionClient(const ProviderProfile &profile, QNetworkAccessManager *nam,
                                   const QByteArray &apiKey);

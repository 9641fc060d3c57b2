#pragma once

#include "httpcall.h"
#include "transcriptionclient.h"

#include <memory>

// Reports a request's upload and download progress as transcription stages for as long as it
// lives, and puts the caller's own HttpControl callbacks back afterwards (also when a coroutine
// is destroyed early). Internal to the DashScope clients. GUI thread only.
class DashScopeStageHooks {
public:
    DashScopeStageHooks(std::shared_ptr<HttpControl> control, const TranscriptionProgress &progress,
                        bool reportUpload, bool reportDownload)
        : m_control(std::move(control))
        , m_upload(m_control->onUploadProgress)
        , m_download(m_control->onDownloadProgress)
    {
        auto onStage = progress.onStage;
        if (!onStage)
            return;
        if (reportUpload) {
            auto upload = m_upload;
            m_control->onUploadProgress = [onStage, upload](qint64 sent, qint64 total) {
                if (upload)
                    upload(sent, total);
                onStage(TranscriptionProgress::Stage::Uploading, double(sent) / double(total));
            };
        }
        if (reportDownload) {
            auto download = m_download;
            m_control->onDownloadProgress = [onStage, download](qint64 received, qint64 total) {
                if (download)
                    download(received, total);
                if (received > 0)
                    onStage(TranscriptionProgress::Stage::Receiving,
                            total > 0 ? double(received) / double(total) : -1.0);
            };
        }
    }
    ~DashScopeStageHooks()
    {
        m_control->onUploadProgress = m_upload;
        m_control->onDownloadProgress = m_download;
    }
    DashScopeStageHooks(const DashScopeStageHooks &) = delete;
    DashScopeStageHooks &operator=(const DashScopeStageHooks &) = delete;

private:
    std::shared_ptr<HttpControl> m_control;
    std::function<void(qint64, qint64)> m_upload, m_download;
};

#pragma once

#include "peakpyramid.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

// Loads the waveform peaks of a media file without blocking the GUI: from the peak cache when it
// has them, else by decoding on the thread pool. Peaks arrive in batches (the first within a
// fraction of a second), are appended to peaks() on the GUI thread, and peaksAdded() says which
// time range became available. A new load() or the destructor cancels the running one.
// GUI thread only.
class WaveformLoader : public QObject {
    Q_OBJECT
public:
    explicit WaveformLoader(QObject *parent = nullptr);
    ~WaveformLoader() override;

    // Cache directory; empty disables the cache. Default: PeakCache::defaultDirectory().
    void setCacheDirectory(const QString &directory) { m_cacheDirectory = directory; }

    void load(const QString &path, int streamIndex = -1);
    void cancel();

    const PeakPyramid &peaks() const { return m_peaks; }
    bool isLoading() const { return m_loading; }
    qint64 expectedDurationMs() const { return m_expectedMs; }
    QString path() const { return m_path; }

Q_SIGNALS:
    void started(qint64 expectedDurationMs);
    void peaksAdded(qint64 fromMs, qint64 toMs);
    void finished(bool fromCache);
    void failed(const QString &message);

private:
    struct Job;
    void receive(quint64 generation, std::vector<Peak> batch);
    void complete(quint64 generation, bool fromCache, const QString &error);

    PeakPyramid m_peaks;
    QString m_cacheDirectory;
    QString m_path;
    qint64 m_expectedMs = -1;
    bool m_loading = false;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFuture<void> m_future;
};

#include "voiceactivity.h"

// Placeholder: implemented in a follow-up commit.
VoiceActivityDetector::VoiceActivityDetector(int sampleRate, const VadOptions &options)
    : m_sampleRate(sampleRate)
    , m_options(options)
    , m_frameSamples(qint64(sampleRate) * options.frameMs / 1000)
{}

void VoiceActivityDetector::feed(const float *, qint64) {}
void VoiceActivityDetector::endFrame() {}

VadResult VoiceActivityDetector::finish()
{
    return {};
}

VadResult detectSpeech(const float *samples, qint64 count, int sampleRate,
                       const VadOptions &options)
{
    VoiceActivityDetector d(sampleRate, options);
    d.feed(samples, count);
    return d.finish();
}

Result<VadResult> detectSpeechInFile(const QString &, int, const VadOptions &,
                                     const std::atomic_bool *, const std::function<void(qint64)> &)
{
    return makeError(ErrorCode::Internal, QStringLiteral("not implemented"));
}

QList<qint64> chooseSplitPoints(const VadResult &, const SplitOptions &)
{
    return {};
}

#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <vector>

// 16-bit PCM WAV of mono float samples (clipped to [-1, 1]). Pure.
QByteArray wavBytes(const std::vector<float> &samples, int sampleRate);
// Written atomically (QSaveFile); the old file stays intact on failure.
Result<void> writeWavFile(const QString &path, const std::vector<float> &samples, int sampleRate);

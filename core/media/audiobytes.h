#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <vector>

struct DecodedAudio {
    std::vector<float> samples; // mono, [-1, 1]
    int sampleRate = 0;
};

// Decodes an encoded audio buffer held in memory (a text-to-speech response) to mono float
// samples at `sampleRate` Hz (0: the audio's own rate). `format` names the encoding as the speech
// APIs do: "mp3", "opus" (Ogg Opus), "aac" (ADTS), "flac", "wav", or "pcm": raw signed 16-bit
// little-endian mono at `pcmRate` Hz (OpenAI sends 24 kHz). An unknown format, an empty buffer or
// bytes that are not audio give an error. Any thread; blocking.
Result<DecodedAudio> decodeAudioBytes(const QByteArray &bytes, const QString &format,
                                      int sampleRate = 0, int pcmRate = 24000);

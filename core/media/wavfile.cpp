#include "wavfile.h"

#include "subtitlefile.h"

#include <QtEndian>

#include <cmath>

namespace {

void put32(QByteArray &b, quint32 v)
{
    char raw[4];
    qToLittleEndian(v, raw);
    b.append(raw, 4);
}

void put16(QByteArray &b, quint16 v)
{
    char raw[2];
    qToLittleEndian(v, raw);
    b.append(raw, 2);
}

} // namespace

QByteArray wavBytes(const std::vector<float> &samples, int sampleRate)
{
    const quint32 dataBytes = quint32(samples.size() * 2);
    QByteArray b;
    b.reserve(qsizetype(44 + dataBytes));
    b.append("RIFF");
    put32(b, 36 + dataBytes);
    b.append("WAVEfmt ");
    put32(b, 16); // fmt chunk size
    put16(b, 1);  // PCM
    put16(b, 1);  // mono
    put32(b, quint32(sampleRate));
    put32(b, quint32(sampleRate) * 2); // byte rate
    put16(b, 2);                       // block align
    put16(b, 16);                      // bits per sample
    b.append("data");
    put32(b, dataBytes);
    for (float s : samples)
        put16(b, quint16(qint16(std::lrint(std::clamp(s, -1.0f, 1.0f) * 32767.0f))));
    return b;
}

Result<void> writeWavFile(const QString &path, const std::vector<float> &samples, int sampleRate)
{
    return writeFileAtomically(path, wavBytes(samples, sampleRate));
}

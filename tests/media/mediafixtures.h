#pragma once

#include <QString>
#include <QStringList>

// Media fixtures generated at test time with ffmpeg and espeak-ng (Debian packages), cached in the
// build tree so each is made once. path() returns an empty string (and prints why) on failure.
namespace fixtures {

QString dir();
// Runs ffmpeg (with -y -v error prepended); true on success.
bool ffmpeg(const QStringList &args);
// Runs espeak-ng writing a WAV file; true on success.
bool espeak(const QString &text, const QString &wavPath, const QStringList &extraArgs = {});

// Named fixtures (see the table in mediafixtures.cpp):
//   tone.<ext> for ext in flac mp3 mp4 mpeg mpga m4a ogg wav webm: 5 s, 44.1 kHz stereo, 440 Hz
//     left / 660 Hz right at -12 dBFS
//   video.mkv, video.mov, video.avi: 4 s test video with 440 Hz audio (48 kHz stereo)
//   two-audio.mkv: two audio streams (440 Hz English "eng", 880 Hz "fre", the second default)
//   stereo-split.wav: 3 s, left channel 440 Hz at amplitude 0.5, right channel silent
//   speech.wav: espeak-ng "The quick brown fox jumps over the lazy dog." 22.05 kHz mono
//   silence.wav: 5 s digital silence, 16 kHz mono
//   corrupt.mp3: tone.mp3 with 4 KiB of random bytes over its middle
//   truncated.flac: the first 40% of a 10 s FLAC
//   empty.wav: zero bytes; notmedia.wav: a text file named .wav
QString path(const QString &name);

// All seed format extensions (the formats OpenAI-style providers accept).
QStringList seedFormats();

} // namespace fixtures

#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <vector>

// A private PulseAudio daemon with one null sink, for tests that need real audio output without
// hardware, and a recorder of what that sink played (its monitor source, via parec).
// start() must run before the first use of Qt Multimedia in the process: it points the process
// at the daemon through PULSE_SERVER. Bounded waits only; nothing outlives the fixture.
//
// An idle null sink sleeps in blocks of up to two seconds, so a new stream would wait that long for
// its first read, unlike a sound card. A silent low-latency stream keeps it awake, which makes the
// null sink's timing behave like hardware (measured: position slope 1.0, ~25 ms start offset).
class PulseFixture {
public:
    static constexpr int kRecordRate = 48000;

    ~PulseFixture();
    bool start(QString *error);
    QString server() const { return m_server; }

    bool startRecording();
    // Stops recording and returns mono 16-bit samples at kRecordRate.
    std::vector<qint16> stopRecording();

    // Length in ms between the first and last sample above `threshold` (0..1); 0 for silence.
    static double audibleMs(const std::vector<qint16> &samples, double threshold = 0.02);
    static double rms(const std::vector<qint16> &samples);
    // Upward zero crossings per second over the audible part.
    static double zeroCrossingHz(const std::vector<qint16> &samples);

private:
    QTemporaryDir m_dir;
    QString m_server;
    QProcess m_daemon;
    QProcess m_keepAlive;
    QProcess m_recorder;
    QByteArray m_recorded;
};

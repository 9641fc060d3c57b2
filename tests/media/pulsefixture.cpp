#include "pulsefixture.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

#include <cmath>

PulseFixture::~PulseFixture()
{
    for (QProcess *p : {&m_recorder, &m_keepAlive, &m_daemon}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(3000)) {
                p->kill();
                p->waitForFinished(3000);
            }
        }
    }
}

bool PulseFixture::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString socket = m_dir.filePath(QStringLiteral("native"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PULSE_RUNTIME_PATH"), m_dir.path());
    env.insert(QStringLiteral("PULSE_STATE_PATH"), m_dir.path());
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.remove(QStringLiteral("PULSE_SERVER"));
    m_daemon.setProcessEnvironment(env);
    m_daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_daemon.start(
        QStringLiteral("pulseaudio"),
        {QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"),
         QStringLiteral("--disallow-exit"), QStringLiteral("--use-pid-file=no"),
         QStringLiteral("--log-level=error"), QStringLiteral("-n"),
         QStringLiteral("--load=module-null-sink sink_name=captioneer_test rate=48000"),
         QStringLiteral("--load=module-native-protocol-unix auth-anonymous=1 socket=") + socket});
    if (!m_daemon.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start pulseaudio (install the pulseaudio package)");
        return false;
    }
    m_server = QStringLiteral("unix:") + socket;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 10000) {
        if (m_daemon.state() == QProcess::NotRunning) {
            *error = QStringLiteral("pulseaudio exited at start");
            return false;
        }
        if (QFileInfo::exists(socket)) {
            QProcess probe;
            probe.start(QStringLiteral("pactl"),
                        {QStringLiteral("-s"), m_server, QStringLiteral("info")});
            if (probe.waitForFinished(3000) && probe.exitCode() == 0) {
                qputenv("PULSE_SERVER", m_server.toLocal8Bit());
                m_keepAlive.start(QStringLiteral("pacat"),
                                  {QStringLiteral("-s"), m_server, QStringLiteral("--raw"),
                                   QStringLiteral("--format=s16le"), QStringLiteral("--rate=48000"),
                                   QStringLiteral("--channels=1"),
                                   QStringLiteral("--latency-msec=20"),
                                   QStringLiteral("/dev/zero")});
                if (!m_keepAlive.waitForStarted(5000)) {
                    *error = QStringLiteral("cannot start pacat (install pulseaudio-utils)");
                    return false;
                }
                // The sleeping sink notices the stream only at its next wake-up: wait until it
                // reports a low latency (bounded).
                QElapsedTimer settle;
                settle.start();
                static const QRegularExpression latency(QStringLiteral("Latency: (\\d+) usec"));
                while (settle.elapsed() < 5000) {
                    QProcess sinks;
                    sinks.start(QStringLiteral("pactl"),
                                {QStringLiteral("-s"), m_server, QStringLiteral("list"),
                                 QStringLiteral("sinks")});
                    sinks.waitForFinished(3000);
                    const auto m = latency.match(QString::fromUtf8(sinks.readAllStandardOutput()));
                    if (m.hasMatch() && m.captured(1).toLongLong() < 50000)
                        return true;
                    QThread::msleep(100);
                }
                *error = QStringLiteral("the null sink did not settle at a low latency within 5 s");
                return false;
            }
        }
        QThread::msleep(50);
    }
    *error = QStringLiteral("pulseaudio did not become ready within 10 s");
    return false;
}

bool PulseFixture::startRecording()
{
    m_recorded.clear();
    QObject::connect(&m_recorder, &QProcess::readyReadStandardOutput, &m_recorder,
                     [this] { m_recorded += m_recorder.readAllStandardOutput(); });
    m_recorder.start(QStringLiteral("parec"),
                     {QStringLiteral("-s"), m_server, QStringLiteral("-d"),
                      QStringLiteral("captioneer_test.monitor"), QStringLiteral("--raw"),
                      QStringLiteral("--format=s16le"),
                      QStringLiteral("--rate=%1").arg(kRecordRate), QStringLiteral("--channels=1"),
                      QStringLiteral("--latency-msec=20")});
    if (!m_recorder.waitForStarted(5000))
        return false;
    // Let the capture stream connect before anything plays.
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 300)
        m_recorder.waitForReadyRead(50);
    return true;
}

std::vector<qint16> PulseFixture::stopRecording()
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 200) // the tail still in flight
        m_recorder.waitForReadyRead(50);
    m_recorder.terminate();
    m_recorder.waitForFinished(3000);
    m_recorded += m_recorder.readAllStandardOutput();
    QObject::disconnect(&m_recorder, nullptr, nullptr, nullptr);
    std::vector<qint16> samples(size_t(m_recorded.size() / 2));
    memcpy(samples.data(), m_recorded.constData(), samples.size() * 2);
    return samples;
}

double PulseFixture::audibleMs(const std::vector<qint16> &samples, double threshold)
{
    const int limit = int(threshold * 32767);
    qint64 first = -1, last = -1;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (std::abs(int(samples[i])) > limit) {
            if (first < 0)
                first = qint64(i);
            last = qint64(i);
        }
    }
    return first < 0 ? 0.0 : double(last - first) * 1000.0 / kRecordRate;
}

double PulseFixture::rms(const std::vector<qint16> &samples)
{
    double sum = 0;
    for (qint16 s : samples)
        sum += double(s) * s;
    return samples.empty() ? 0.0 : std::sqrt(sum / double(samples.size())) / 32767.0;
}

double PulseFixture::zeroCrossingHz(const std::vector<qint16> &samples)
{
    const int limit = int(0.02 * 32767);
    size_t first = samples.size(), last = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (std::abs(int(samples[i])) > limit) {
            first = std::min(first, i);
            last = i;
        }
    }
    if (first >= last)
        return 0.0;
    int crossings = 0;
    for (size_t i = first + 1; i <= last; ++i)
        crossings += samples[i - 1] < 0 && samples[i] >= 0;
    return crossings * double(kRecordRate) / double(last - first);
}

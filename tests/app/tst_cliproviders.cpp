#include "processrun.h"
#include "srtformat.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>

#include <atomic>

using namespace Qt::StringLiterals;

// The transcribe, speak and providers commands, run as a user would: the real binary, real
// recognisers and synthesisers, and a loopback OpenAI-compatible server.
class TestCliProviders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void transcribesOffline();
    void transcribesThroughACompatibleServer();
    void reportsTheProvidersMessage();
    void refusesWithoutKeyOrWithBadOptions_data();
    void refusesWithoutKeyOrWithBadOptions();
    void speaksToAFile();
    void listsProviders();

private:
    using Run = ProcessRun;
    Run run(const QStringList &args,
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    QTemporaryDir m_dir;
    TestServer m_server;
    std::atomic_int m_requests = 0;
    QByteArray m_lastModel;
    std::mutex m_mutex;
};

TestCliProviders::Run TestCliProviders::run(const QStringList &args, const QProcessEnvironment &env)
{
    QProcessEnvironment e = env;
    e.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s)); // no settings from the machine
    return runProcess(QStringLiteral(CAPTIONEER_EXE), args, e);
}

void TestCliProviders::initTestCase()
{
    httplib::Server &s = m_server.http();
    s.Post("/v1/audio/transcriptions", [this](const httplib::Request &req, httplib::Response &res) {
        ++m_requests;
        {
            std::lock_guard lock(m_mutex);
            m_lastModel = req.has_file("model")
                              ? QByteArray::fromStdString(req.get_file_value("model").content)
                              : QByteArray();
        }
        if (req.get_header_value("Authorization") == "Bearer sk-rejected") {
            res.status = 401;
            res.set_content(
                R"j({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})j",
                "application/json");
            return;
        }
        res.set_content(
            R"j({"task":"transcribe","language":"english","duration":2.9,"text":"He was not an ill disposed young man.","segments":[{"id":0,"seek":0,"start":0.0,"end":2.9,"text":" He was not an ill disposed young man.","tokens":[1],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}],"words":[{"word":"He","start":0.1,"end":0.3},{"word":"was","start":0.3,"end":0.5},{"word":"not","start":0.5,"end":0.8},{"word":"an","start":0.8,"end":0.9},{"word":"ill","start":0.9,"end":1.2},{"word":"disposed","start":1.2,"end":1.8},{"word":"young","start":1.8,"end":2.2},{"word":"man.","start":2.2,"end":2.7}]})j",
            "application/json");
    });
    QVERIFY(m_server.start());
}

void TestCliProviders::transcribesOffline()
{
    const QString out = m_dir.filePath(u"offline.srt"_s);
    const Run r = run(
        {u"transcribe"_s,
         u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s,
         u"-o"_s, out});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto cues = readSrt(QString::fromUtf8(f.readAll()));
    QVERIFY(cues.ok());
    QVERIFY(!cues->cues.isEmpty());
    QVERIFY(cues->cues.first().text.startsWith(u"He was not"_s));
    QVERIFY(cues->cues.last().end <= 3000);
    QVERIFY(r.err.contains("done")); // progress on stderr, plain lines when not a terminal
}

void TestCliProviders::transcribesThroughACompatibleServer()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CAPTIONEER_CUSTOM_API_KEY"_s, u"sk-good"_s);
    m_requests = 0;
    const Run r = run(
        {u"transcribe"_s,
         u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s,
         u"--provider"_s, u"custom"_s, u"--base-url"_s, m_server.url(u"/v1"_s), u"--model"_s,
         u"large-v3"_s, u"--format"_s, u"vtt"_s},
        env);
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(m_requests.load(), 1);
    {
        std::lock_guard lock(m_mutex);
        QCOMPARE(m_lastModel, QByteArray("large-v3"));
    }
    QVERIFY2(r.out.startsWith("WEBVTT"), r.out.constData());
    QVERIFY(r.out.contains("He was not an ill disposed young man."));
    QVERIFY(!r.err.contains("sk-good") && !r.out.contains("sk-good")); // the key never shows
}

void TestCliProviders::reportsTheProvidersMessage()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CAPTIONEER_CUSTOM_API_KEY"_s, u"sk-rejected"_s);
    const Run r = run(
        {u"transcribe"_s,
         u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s,
         u"--provider"_s, u"custom"_s, u"--base-url"_s, m_server.url(u"/v1"_s)},
        env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("API key") && r.err.contains("Incorrect API key provided"),
             r.err.constData());
    QVERIFY(!r.err.contains("sk-rejected"));
}

void TestCliProviders::refusesWithoutKeyOrWithBadOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    const QString clip =
        u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s;
    QTest::newRow("no key for openai")
        << QStringList{u"transcribe"_s, clip, u"--provider"_s, u"openai"_s} << 1
        << u"OPENAI_API_KEY"_s;
    QTest::newRow("unknown provider")
        << QStringList{u"transcribe"_s, clip, u"--provider"_s, u"nope"_s} << 2 << u"nope"_s;
    QTest::newRow("plain http to a remote host")
        << QStringList{u"transcribe"_s, clip,
                       u"--provider"_s, u"custom"_s,
                       u"--base-url"_s, u"http://asr.example.com/v1"_s}
        << 1 << u"unencrypted"_s;
    QTest::newRow("bad temperature")
        << QStringList{u"transcribe"_s, clip, u"--temperature"_s, u"7"_s} << 2 << u"temperature"_s;
    QTest::newRow("no file") << QStringList{u"transcribe"_s} << 2 << u"media file"_s;
    QTest::newRow("missing media")
        << QStringList{u"transcribe"_s, m_dir.filePath(u"none.mp3"_s)} << 1 << u"none.mp3"_s;
    QTest::newRow("speak without output")
        << QStringList{u"speak"_s, u"hello"_s} << 2 << u"--play"_s;
    QTest::newRow("speak bad speed")
        << QStringList{u"speak"_s, u"hello"_s, u"--speed"_s,
                       u"9"_s,     u"-o"_s,    m_dir.filePath(u"x.wav"_s)}
        << 1 << u"0.25"_s;
}

void TestCliProviders::refusesWithoutKeyOrWithBadOptions()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"OPENAI_API_KEY"_s);
    const Run r = run(args, env);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
}

void TestCliProviders::speaksToAFile()
{
    const QString out = m_dir.filePath(u"speech.wav"_s);
    const Run r = run({u"speak"_s, u"Captioneer speaks without a network."_s, u"-o"_s, out,
                       u"--voice"_s, u"en-us"_s});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray wav = f.readAll();
    QVERIFY(wav.startsWith("RIFF") && wav.mid(8, 4) == "WAVE");
    QVERIFY(wav.size() > 44 + 22050); // over half a second at 22.05 kHz, 16-bit
}

void TestCliProviders::listsProviders()
{
    const Run r = run({u"providers"_s, u"--json"_s});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QStringList ids;
    for (const QJsonValue &v : o.value(u"transcription"_s).toArray())
        ids.append(v.toObject().value(u"id"_s).toString());
    for (const char *id : {"local", "openai", "siliconflow", "llmprovider", "custom"})
        QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
    QVERIFY(!r.out.contains("sk-"));
}

QTEST_GUILESS_MAIN(TestCliProviders)
#include "tst_cliproviders.moc"

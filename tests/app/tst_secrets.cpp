#include "processrun.h"
#include "testserver.h"
#include "tlstestserver.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>

#include <mutex>

using namespace Qt::StringLiterals;

// The key stays secret (issue 11): `captioneer transcribe` runs as a user would, with a known fake
// key from the environment, every XDG directory and HOME in a fresh folder and the provider
// debug log switched on. Afterwards no file it wrote (settings, outputs, caches, temporary chunk
// files) and neither of its output streams contains the key in any spelling, while the server
// did receive it. A server that echoes the key back, and a server whose certificate nobody
// vouches for, do not change that.
namespace {

const QString kMedia =
    u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s;
const QByteArray kKey = "sk-captioneer-secret-7Qm2vX9kLp4Rt8Wz";
const QByteArray kEchoedKey = "sk-captioneer-echoed-3Hn6bJ1yFd5Gs0Ue"; // the server repeats it

const QByteArray kVerboseJson =
    R"j({"task":"transcribe","language":"english","duration":2.9,"text":"He was not an ill disposed young man.","segments":[{"id":0,"seek":0,"start":0.0,"end":2.9,"text":" He was not an ill disposed young man.","tokens":[1],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}],"words":[{"word":"He","start":0.1,"end":0.3},{"word":"was","start":0.3,"end":0.5},{"word":"not","start":0.5,"end":0.8},{"word":"an","start":0.8,"end":0.9},{"word":"ill","start":0.9,"end":1.2},{"word":"disposed","start":1.2,"end":1.8},{"word":"young","start":1.8,"end":2.2},{"word":"man.","start":2.2,"end":2.7}]})j";

// Every way the key could be spelled in a file or a log: as is, hex, and Base64 (standard and
// URL-safe) at each of the three byte alignments it can have inside a longer encoded text (the
// characters that depend only on the key's bytes), also of the whole "Bearer <key>" header value.
QList<QByteArray> spellings(const QByteArray &key)
{
    QList<QByteArray> out{key, key.toHex(), key.toHex().toUpper()};
    for (const QByteArray &secret : {key, QByteArray("Bearer " + key)}) {
        for (int shift = 0; shift < 3; ++shift) {
            const QByteArray padded = QByteArray(shift, 'x') + secret;
            for (const auto option : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
                const QByteArray encoded = padded.toBase64(option | QByteArray::OmitTrailingEquals);
                // Skip the characters that mix in the prefix or the end of the text.
                const qsizetype skip = shift == 0 ? 0 : 4;
                out.append(encoded.mid(skip, encoded.size() - skip - 4));
            }
        }
    }
    return out;
}

} // namespace

class TestSecrets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keyNeverWritten_data();
    void keyNeverWritten();

private:
    using Run = ProcessRun;
    Run run(const QString &home, const QStringList &args, const QByteArray &key);

    TestServer m_server;
    TlsTestServer m_tls;
    std::mutex m_mutex;
    QList<QByteArray> m_authorizations;
};

TestSecrets::Run TestSecrets::run(const QString &root, const QStringList &args,
                                  const QByteArray &key)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"OPENAI_API_KEY", "CAPTIONEER_CUSTOM_API_KEY", "DASHSCOPE_API_KEY"})
        env.remove(QString::fromLatin1(name));
    env.insert(u"OPENAI_API_KEY"_s, QString::fromLatin1(key));
    // Everything the application may write goes under `root`.
    const QStringList dirs{u"home"_s, u"config"_s,  u"cache"_s, u"state"_s,
                           u"data"_s, u"runtime"_s, u"tmp"_s,   u"out"_s};
    for (const QString &d : dirs)
        QDir(root).mkpath(d);
    env.insert(u"HOME"_s, root + u"/home"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, root + u"/config"_s);
    env.insert(u"XDG_CACHE_HOME"_s, root + u"/cache"_s);
    env.insert(u"XDG_STATE_HOME"_s, root + u"/state"_s);
    env.insert(u"XDG_DATA_HOME"_s, root + u"/data"_s);
    env.insert(u"XDG_RUNTIME_DIR"_s, root + u"/runtime"_s);
    env.insert(u"TMPDIR"_s, root + u"/tmp"_s);
    // The most talkative provider log: every request, retry and failure.
    env.insert(u"QT_LOGGING_RULES"_s, u"captioneer.providers.debug=true"_s);
    env.remove(u"QT_MESSAGE_PATTERN"_s);

    ProcessOptions options;
    options.workingDirectory = root + u"/home"_s;
    return runProcess(QStringLiteral(CAPTIONEER_EXE), args, env, options);
}

void TestSecrets::initTestCase()
{
    QVERIFY(QFile::exists(kMedia));
    httplib::Server &s = m_server.http();
    s.Post("/v1/audio/transcriptions", [this](const httplib::Request &req, httplib::Response &res) {
        const QByteArray auth = QByteArray::fromStdString(req.get_header_value("Authorization"));
        {
            std::lock_guard lock(m_mutex);
            m_authorizations.append(auth);
        }
        if (auth == "Bearer " + kEchoedKey) {
            // A careless gateway repeating the whole key (OpenAI itself masks it).
            res.status = 401;
            const QByteArray body =
                "{\"error\":{\"message\":\"Incorrect API key provided: " + kEchoedKey +
                ". Your key was sent as Authorization: Bearer " + kEchoedKey +
                "\",\"type\":\"invalid_request_error\",\"code\":"
                "\"invalid_api_key\"}}";
            res.set_content(body.toStdString(), "application/json");
            return;
        }
        res.set_content(kVerboseJson.toStdString(), "application/json");
    });
    QVERIFY(m_server.start());
    QVERIFY(m_tls.start());
}

void TestSecrets::keyNeverWritten_data()
{
    QTest::addColumn<QStringList>("extra"); // arguments after the provider options
    QTest::addColumn<QString>("output");    // file expected under out/, empty: stdout
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("tls"); // the base URL is the self-signed server
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions"); // in stdout (success) or stderr (failure)
    QTest::newRow("project file") << QStringList{u"-o"_s, u"OUT/talk.captioneer"_s}
                                  << u"talk.captioneer"_s << kKey << false << 0 << QString();
    QTest::newRow("SubRip file") << QStringList{u"-o"_s, u"OUT/talk.srt"_s} << u"talk.srt"_s << kKey
                                 << false << 0 << QString();
    QTest::newRow("JSON on standard output") << QStringList{u"--format"_s, u"json"_s} << QString()
                                             << kKey << false << 0 << u"ill disposed"_s;
    QTest::newRow("the server echoes the key in its error")
        << QStringList{u"-o"_s, u"OUT/talk.srt"_s} << QString() << kEchoedKey << false << 1
        << u"Incorrect API key provided"_s;
    QTest::newRow("self-signed https server") << QStringList{u"-o"_s, u"OUT/talk.srt"_s}
                                              << QString() << kKey << true << 1 << u"certificate"_s;
}

void TestSecrets::keyNeverWritten()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, output);
    QFETCH(QByteArray, key);
    QFETCH(bool, tls);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    for (QString &a : extra)
        a.replace(u"OUT"_s, root.filePath(u"out"_s));
    {
        std::lock_guard lock(m_mutex);
        m_authorizations.clear();
    }
    const int tlsBefore = m_tls.requests();
    const QString base = tls ? m_tls.url(u"/v1"_s) : m_server.url(u"/v1"_s);
    const Run r = run(
        root.path(),
        QStringList{u"transcribe"_s, kMedia, u"--provider"_s, u"openai"_s, u"--base-url"_s, base} +
            extra,
        key);
    QVERIFY2(r.code == code, r.err.constData());
    if (code == 0 && mentions.isEmpty())
        QVERIFY(QFile::exists(root.filePath(u"out/"_s + output)));
    if (!mentions.isEmpty())
        QVERIFY2(QString::fromUtf8(code == 0 ? r.out : r.err).contains(mentions),
                 r.err.constData());
    // The debug log was on: the requests were logged (and are searched below).
    QVERIFY2(r.err.contains("attempt 1"), r.err.constData());

    // The test can fail: the key really was used.
    if (tls) {
        QCOMPARE(m_tls.requests(), tlsBefore); // refused before anything was sent
    } else {
        std::lock_guard lock(m_mutex);
        QVERIFY(!m_authorizations.isEmpty());
        QCOMPARE(m_authorizations.last(), QByteArray("Bearer " + key));
    }

    // Every file written under the temporary root, and both output streams.
    QList<QPair<QString, QByteArray>> written{{u"stdout"_s, r.out}, {u"stderr"_s, r.err}};
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        written.append({path, f.readAll()});
        files.append(QDir(root.path()).relativeFilePath(path));
    }
    if (code == 0) // the settings (last used provider) and the output, at least
        QVERIFY2(files.size() >= (output.isEmpty() ? 1 : 2), qPrintable(files.join(u", ")));
    const QList<QByteArray> needles = spellings(key);
    for (const auto &[name, bytes] : std::as_const(written)) {
        for (const QByteArray &needle : needles)
            QVERIFY2(!bytes.contains(needle),
                     qPrintable(name + u" contains the key as "_s + QString::fromLatin1(needle)));
    }
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"

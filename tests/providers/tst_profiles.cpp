#include "credentials.h"
#include "dashscopeprofiles.h"
#include "dashscoperequests.h"
#include "profilestore.h"
#include "providerprofile.h"
#include "providerregistry.h"

#include <QCoroTask>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProfiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInsAreUniqueAndComplete();
    void capabilities_data();
    void capabilities();
    void plainHttpPolicy_data();
    void plainHttpPolicy();
    void everyRemoteClientRefusesPlainHttp_data();
    void everyRemoteClientRefusesPlainHttp();
    void dashScopeResultsAreFetchedOverHttps_data();
    void dashScopeResultsAreFetchedOverHttps();
    void storeKeepsEditsAndCustomProfilesWithoutKeys();
    void environmentOverridesKeychain();
    void missingKeyIsExplained();
};

void TestProfiles::builtInsAreUniqueAndComplete()
{
    QSet<QString> ids;
    for (const ProviderProfile &p : builtInProfiles()) {
        QVERIFY(!ids.contains(p.id));
        ids.insert(p.id);
        QVERIFY(!p.kind.isEmpty());
        QVERIFY(!p.displayName.isEmpty());
        QVERIFY(p.builtIn);
        if (p.kind != u"local")
            QVERIFY(p.baseUrl.isValid() && !p.model.isEmpty());
    }
    for (const char *id : {"local", "openai", "llmprovider", "siliconflow", "custom"})
        QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
    QCOMPARE(builtInProfile(u"siliconflow"_s).keyName, u"SILICONFLOW_API_KEY"_s);
    QVERIFY(builtInProfile(u"nope"_s).id.isEmpty());
}

void TestProfiles::capabilities_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<bool>("words");
    QTest::addColumn<QStringList>("formats");
    QTest::newRow("openai whisper-1")
        << u"openai"_s << u"whisper-1"_s << 26214400LL << 0LL << true
        << QStringList{u"json"_s, u"text"_s, u"srt"_s, u"verbose_json"_s, u"vtt"_s};
    QTest::newRow("openai gpt-4o-transcribe is json only")
        << u"openai"_s << u"gpt-4o-transcribe"_s << 26214400LL << 0LL << false
        << QStringList{u"json"_s};
    QTest::newRow("llmprovider 20 MB")
        << u"llmprovider"_s << u"paraformer-v2"_s << 20971520LL << 0LL << true
        << QStringList{u"json"_s, u"text"_s, u"srt"_s, u"verbose_json"_s, u"vtt"_s};
    QTest::newRow("siliconflow text only, 1 h / 50 MB")
        << u"siliconflow"_s << u"FunAudioLLM/SenseVoiceSmall"_s << 52428800LL << 3600000LL << false
        << QStringList{u"json"_s};
    QTest::newRow("custom server, no limits")
        << u"custom"_s << u"whisper-1"_s << 0LL << 0LL << true
        << QStringList{u"json"_s, u"text"_s, u"srt"_s, u"verbose_json"_s, u"vtt"_s};
}

void TestProfiles::capabilities()
{
    QFETCH(QString, id);
    QFETCH(QString, model);
    QFETCH(qint64, maxBytes);
    QFETCH(qint64, maxMs);
    QFETCH(bool, words);
    QFETCH(QStringList, formats);
    ProviderProfile p = builtInProfile(id);
    p.model = model;
    const ProviderCapabilities c = p.capabilities();
    QCOMPARE(c.maxUploadBytes, maxBytes);
    QCOMPARE(c.maxDurationMs, maxMs);
    QCOMPARE(c.wordTimestamps, words);
    QCOMPARE(c.timed(), words);
    QCOMPARE(c.responseFormats, formats);
    QVERIFY(c.acceptedFormats.contains(u"mp3"_s));
}

void TestProfiles::plainHttpPolicy_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << u"https://api.example.com/v1"_s << false << true;
    QTest::newRow("http loopback ip") << u"http://127.0.0.1:8080/v1"_s << false << true;
    QTest::newRow("http localhost") << u"http://localhost:9000/v1"_s << false << true;
    QTest::newRow("http ipv6 loopback") << u"http://[::1]:9000/v1"_s << false << true;
    QTest::newRow("http remote") << u"http://asr.example.com/v1"_s << false << false;
    QTest::newRow("http lan") << u"http://192.168.1.20/v1"_s << false << false;
    QTest::newRow("http remote confirmed") << u"http://asr.example.com/v1"_s << true << true;
    QTest::newRow("ftp") << u"ftp://example.com/"_s << true << false;
}

void TestProfiles::plainHttpPolicy()
{
    QFETCH(QString, url);
    QFETCH(bool, confirmed);
    QFETCH(bool, allowed);
    ProviderProfile p = builtInProfile(u"custom"_s);
    p.baseUrl = QUrl(url);
    p.allowPlainHttp = confirmed;
    QCOMPARE(insecureUrlProblem(p).isEmpty(), allowed);
}

// The policy above, applied by every client that sends a key or audio: a plain http base URL on
// another machine is refused before any request unless the profile confirms it; https and
// loopback always work. (TLS certificates are verified for every request: tst_networkfaults
// sends each provider request to a self-signed server.)
void TestProfiles::everyRemoteClientRefusesPlainHttp_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("speech");
    for (const ProviderProfile &p : builtInProfiles()) {
        if (p.kind != u"local")
            QTest::newRow(qPrintable(p.id)) << p.id << false;
    }
    QTest::newRow("openai speech") << u"openai"_s << true;
}

void TestProfiles::everyRemoteClientRefusesPlainHttp()
{
    QFETCH(QString, id);
    QFETCH(bool, speech);
    QNetworkAccessManager nam;
    ProviderProfile p = builtInProfile(id);
    if (speech)
        p = builtInSpeechProfiles().at(1);
    QVERIFY(!p.id.isEmpty());
    // Keep the API path the kind expects (DashScope switches /api/v1 and /compatible-mode/v1).
    const QString path = p.baseUrl.path();
    const auto create = [&](const QString &url, bool confirmed) -> std::optional<Error> {
        ProviderProfile q = p;
        q.baseUrl = QUrl(url + path);
        q.allowPlainHttp = confirmed;
        if (speech) {
            auto c = createSpeechClient(q, &nam, "sk-profile-test-key");
            return c ? std::nullopt : std::optional<Error>(c.error());
        }
        auto c = createTranscriptionClient(q, &nam, "sk-profile-test-key");
        return c ? std::nullopt : std::optional<Error>(c.error());
    };
    const std::optional<Error> refused = create(u"http://asr.example.com"_s, false);
    QVERIFY2(refused, "plain http to a remote host was accepted");
    QCOMPARE(refused->code, ErrorCode::InvalidArgument);
    QVERIFY2(refused->message.contains(u"unencrypted"_s), qPrintable(refused->message));
    QVERIFY2(refused->message.contains(u"asr.example.com"_s), qPrintable(refused->message));
    for (const auto &[url, confirmed] : {std::pair{u"http://asr.example.com"_s, true},
                                         std::pair{u"https://asr.example.com"_s, false},
                                         std::pair{u"http://127.0.0.1:8080"_s, false}}) {
        const std::optional<Error> e = create(url, confirmed);
        QVERIFY2(!e, qPrintable(url + u": "_s + (e ? e->message : QString())));
    }
}

// DashScope may name a plain http transcription_url; the transcript is fetched over https unless
// the host is loopback or the profile confirmed plain http.
void TestProfiles::dashScopeResultsAreFetchedOverHttps_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<QString>("fetched");
    const QString query = u"/r.json?Expires=1726213900&OSSAccessKeyId=LTAI&Signature=abc"_s;
    QTest::newRow("http OSS host becomes https")
        << u"http://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/x"_s + query << false
        << u"https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/x"_s + query;
    QTest::newRow("explicit port 80 goes with it")
        << u"http://result.example.com:80/x"_s + query << false
        << u"https://result.example.com/x"_s + query;
    QTest::newRow("https stays") << u"https://result.example.com/x"_s + query << false
                                 << u"https://result.example.com/x"_s + query;
    QTest::newRow("loopback stays")
        << u"http://127.0.0.1:9000/x"_s + query << false << u"http://127.0.0.1:9000/x"_s + query;
    QTest::newRow("confirmed plain http stays") << u"http://result.example.com/x"_s + query << true
                                                << u"http://result.example.com/x"_s + query;
}

void TestProfiles::dashScopeResultsAreFetchedOverHttps()
{
    QFETCH(QString, url);
    QFETCH(bool, confirmed);
    QFETCH(QString, fetched);
    QCOMPARE(dashScopeResultUrl(QUrl(url), confirmed).toString(), fetched);
}

void TestProfiles::storeKeepsEditsAndCustomProfilesWithoutKeys()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"settings.ini"_s);
    {
        QSettings settings(file, QSettings::IniFormat);
        ProfileStore store(&settings);
        ProviderProfile openai = store.find(u"openai"_s);
        openai.model = u"gpt-4o-transcribe"_s;
        store.save(openai);
        ProviderProfile mine;
        mine.id = u"my-whisper"_s;
        mine.kind = u"openai-compatible"_s;
        mine.displayName = u"My whisper.cpp"_s;
        mine.baseUrl = QUrl(u"http://127.0.0.1:9999/v1"_s);
        mine.model = u"large-v3"_s;
        mine.options.insert(u"language"_s, u"de"_s);
        store.save(mine);
        store.setLastUsed(u"my-whisper"_s);
    }
    QSettings settings(file, QSettings::IniFormat);
    ProfileStore store(&settings);
    QCOMPARE(store.find(u"openai"_s).model, u"gpt-4o-transcribe"_s);
    QVERIFY(store.find(u"openai"_s).builtIn);
    QCOMPARE(store.find(u"my-whisper"_s).options.value(u"language"_s).toString(), u"de"_s);
    QCOMPARE(store.lastUsed(), u"my-whisper"_s);
    QCOMPARE(store.all().size(), builtInProfiles().size() + 1);
    store.remove(u"openai"_s);
    QCOMPARE(store.find(u"openai"_s).model, u"whisper-1"_s); // back to the preset
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains("sk-"));
}

void TestProfiles::environmentOverridesKeychain()
{
    const ProviderProfile p = builtInProfile(u"siliconflow"_s);
    qputenv("SILICONFLOW_API_KEY", "sk-from-environment");
    const KeyLookup k = QCoro::waitFor(CredentialStore().lookup(p));
    qunsetenv("SILICONFLOW_API_KEY");
    QCOMPARE(k.key, QByteArray("sk-from-environment"));
    QCOMPARE(k.source, KeyLookup::Source::Environment);
    ProviderProfile custom;
    custom.id = u"my-server.2"_s;
    QCOMPARE(CredentialStore::environmentVariable(custom), u"CAPTIONEER_KEY_MY_SERVER_2"_s);
}

void TestProfiles::missingKeyIsExplained()
{
    ProviderProfile p = builtInProfile(u"openai"_s);
    p.keyName = u"CAPTIONEER_TEST_UNSET_KEY"_s;
    qunsetenv("CAPTIONEER_TEST_UNSET_KEY");
    const KeyLookup k = QCoro::waitFor(CredentialStore(u"captioneer-test"_s).lookup(p));
    QVERIFY(k.key.isEmpty());
    QCOMPARE(k.source, KeyLookup::Source::None);
    // Without a keychain service (CI) the note says so; with one, it says no key is stored.
    QVERIFY2(k.note.contains(u"CAPTIONEER_TEST_UNSET_KEY"_s), qPrintable(k.note));
}

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"

#include "credentials.h"
#include "profilestore.h"
#include "providerprofile.h"

#include <QCoroTask>
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

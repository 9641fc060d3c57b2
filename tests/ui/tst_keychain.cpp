// API keys in a real keychain: a GNOME Keyring (Secret Service) created for the run by
// with-keyring.sh, reached through QtKeychain and libsecret exactly as on a desktop. A key typed
// into Settings is stored there, shown masked, used by `captioneer transcribe`, forgotten on
// request, and never written to a file in the clear; without a keychain service the user is told
// what to do instead and the key is not written anywhere.
#include "credentials.h"
#include "processrun.h"
#include "providerprofile.h"
#include "settingsdialog.h"
#include "testserver.h"

#include <QApplication>
#include <QCoroTask>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QTest>
#include <httplib.h>

#include <mutex>

using namespace Qt::StringLiterals;

namespace {

const QString kMedia =
    u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s;
const QByteArray kKey = "sk-keychain-roundtrip-4Fh8Qw2Zx6Lm";

const QByteArray kVerboseJson =
    R"j({"task":"transcribe","language":"english","duration":2.9,"text":"He was not an ill disposed young man.","segments":[{"id":0,"seek":0,"start":0.0,"end":2.9,"text":" He was not an ill disposed young man.","tokens":[1],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}]})j";

// Files under `root` whose bytes contain `key` as is, in hex or in Base64.
QStringList filesContaining(const QString &root, const QByteArray &key)
{
    const QList<QByteArray> spellings{key, key.toHex(), key.toBase64()};
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        for (const QByteArray &s : spellings)
            if (bytes.contains(s))
                hits << path;
    }
    return hits;
}

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void storeLookupRemove();
    void environmentOverridesKeychain();
    void settingsStoreMaskAndForget();
    void transcriptionUsesStoredKey();
    void withoutKeychainService();

private:
    static ProcessRun runCli(const QStringList &args, const QProcessEnvironment &env)
    {
        return runProcess(QStringLiteral(CAPTIONEER_EXE), args, env);
    }

    QString m_root;
    TestServer m_server;
    std::mutex m_mutex;
    QList<QByteArray> m_authorizations;
};

void TestKeychain::initTestCase()
{
    // The settings the dialog writes must be the ones the CLI reads: the application's own
    // names, no test mode; with-keyring.sh put HOME and XDG_CONFIG_HOME in a fresh folder.
    QCoreApplication::setOrganizationName(u"Captioneer"_s);
    QCoreApplication::setApplicationName(u"captioneer"_s);
    m_root = qEnvironmentVariable("CAPTIONEER_TEST_KEYRING_ROOT");
    QVERIFY2(qEnvironmentVariableIntValue("CAPTIONEER_TEST_KEYRING") == 1 && !m_root.isEmpty(),
             "run through tests/ui/with-keyring.sh (as CTest does)");
    QVERIFY(QDir::homePath().startsWith(m_root));
    for (const char *name : {"OPENAI_API_KEY", "SILICONFLOW_API_KEY", "DASHSCOPE_API_KEY"})
        qunsetenv(name);
    QVERIFY(QFile::exists(kMedia));
    m_server.http().Post("/v1/audio/transcriptions", [this](const httplib::Request &req,
                                                            httplib::Response &res) {
        std::lock_guard lock(m_mutex);
        m_authorizations.append(QByteArray::fromStdString(req.get_header_value("Authorization")));
        res.set_content(kVerboseJson.toStdString(), "application/json");
    });
    QVERIFY(m_server.start());
}

void TestKeychain::storeLookupRemove()
{
    const CredentialStore store(u"captioneer-test"_s);
    ProviderProfile p = builtInProfile(u"siliconflow"_s);
    const KeyLookup before = QCoro::waitFor(store.lookup(p));
    QCOMPARE(before.source, KeyLookup::Source::None);
    // A running keychain without the key: the note says how to add one, not that none runs.
    QVERIFY2(before.note.contains(u"No API key is stored"_s), qPrintable(before.note));

    const auto stored = QCoro::waitFor(store.store(p, "sk-first"));
    QVERIFY2(stored, stored ? "" : qPrintable(stored.error().toString()));
    KeyLookup k = QCoro::waitFor(store.lookup(p));
    QCOMPARE(k.source, KeyLookup::Source::Keychain);
    QCOMPARE(k.key, QByteArray("sk-first"));

    // Replacing a key, and keys of different profiles, stay apart.
    QVERIFY(QCoro::waitFor(store.store(p, "sk-second")));
    ProviderProfile other = builtInProfile(u"openai"_s);
    QVERIFY(QCoro::waitFor(store.store(other, "sk-other")));
    QCOMPARE(QCoro::waitFor(store.lookup(p)).key, QByteArray("sk-second"));
    QCOMPARE(QCoro::waitFor(store.lookup(other)).key, QByteArray("sk-other"));

    QVERIFY(QCoro::waitFor(store.remove(p)));
    QCOMPARE(QCoro::waitFor(store.lookup(p)).source, KeyLookup::Source::None);
    QCOMPARE(QCoro::waitFor(store.lookup(other)).key, QByteArray("sk-other"));
    QVERIFY(QCoro::waitFor(store.remove(p))); // removing what is not there is fine
    QVERIFY(QCoro::waitFor(store.remove(other)));
}

void TestKeychain::environmentOverridesKeychain()
{
    const CredentialStore store(u"captioneer-test"_s);
    const ProviderProfile p = builtInProfile(u"siliconflow"_s);
    QVERIFY(QCoro::waitFor(store.store(p, "sk-in-keychain")));
    qputenv("SILICONFLOW_API_KEY", "sk-in-environment");
    const KeyLookup k = QCoro::waitFor(store.lookup(p));
    qunsetenv("SILICONFLOW_API_KEY");
    QCOMPARE(k.source, KeyLookup::Source::Environment);
    QCOMPARE(k.key, QByteArray("sk-in-environment"));
    QCOMPARE(QCoro::waitFor(store.lookup(p)).key, QByteArray("sk-in-keychain"));
    QVERIFY(QCoro::waitFor(store.remove(p)));
}

// Settings ▸ Providers: type a key, Save; the keychain holds it, the dialog shows only its last
// four characters (also when opened again), and Forget Stored Key removes it.
void TestKeychain::settingsStoreMaskAndForget()
{
    QNetworkAccessManager nam;
    {
        SettingsDialog dialog(&nam);
        dialog.show();
        QVERIFY(dialog.selectProfile(u"openai"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.keyStatus().contains(u"Checking"_s), 10000);
        QVERIFY2(dialog.keyStatus().contains(u"No API key is stored"_s),
                 qPrintable(dialog.keyStatus()));
        QVERIFY(!dialog.forgetKeyButton()->isEnabled());
        dialog.keyEdit()->setText(QString::fromLatin1(kKey));
        auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QVERIFY(save);
        save->click();
        QVERIFY(dialog.keyEdit()->text().isEmpty()); // not kept in the widget either
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keyStatus().contains(u"keychain (…"_s), 10000);
        QVERIFY(dialog.keyStatus().contains(QString::fromLatin1(kKey.right(4))));
        QVERIFY(!dialog.keyStatus().contains(QString::fromLatin1(kKey.left(12))));
        QVERIFY(dialog.forgetKeyButton()->isEnabled());
    }
    const KeyLookup k = QCoro::waitFor(lookupKey(builtInProfile(u"openai"_s)));
    QCOMPARE(k.source, KeyLookup::Source::Keychain);
    QCOMPARE(k.key, kKey);

    // Opened again: the stored key is found and shown masked.
    SettingsDialog again(&nam);
    again.show();
    QVERIFY(again.selectProfile(u"openai"_s));
    QTRY_VERIFY_WITH_TIMEOUT(again.keyStatus().contains(u"keychain (…"_s), 10000);
    QVERIFY(again.keyStatus().endsWith(QString::fromLatin1(kKey.right(4)) + u")."_s));
    QVERIFY(again.keyEdit()->text().isEmpty());
    QCOMPARE(again.keyEdit()->echoMode(), QLineEdit::Password);

    // The speech service's key (Speech page) goes the same way, under its own entry.
    again.speechKeyEdit()->setText(u"sk-speech-key-8Jd1"_s);
    again.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QVERIFY(again.speechKeyEdit()->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(again.speechKeyStatus().contains(u"keychain (…8Jd1)"_s), 10000);
    const KeyLookup speech = QCoro::waitFor(lookupKey(SettingsDialog::speechKeyProfile()));
    QCOMPARE(speech.key, QByteArray("sk-speech-key-8Jd1"));
    QVERIFY(QCoro::waitFor(removeKey(SettingsDialog::speechKeyProfile())));

    // Forget it: gone from the keychain, and the dialog says so.
    again.forgetKeyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(again.keyStatus().contains(u"No API key is stored"_s), 10000);
    QVERIFY(!again.forgetKeyButton()->isEnabled());
    QCOMPARE(QCoro::waitFor(lookupKey(builtInProfile(u"openai"_s))).source,
             KeyLookup::Source::None);
}

// The key stored through Settings is the one `captioneer transcribe` sends, with no environment
// variable set; no file anywhere under HOME and the XDG folders (settings, output, the keyring's
// own files) holds it in the clear.
void TestKeychain::transcriptionUsesStoredKey()
{
    QNetworkAccessManager nam;
    {
        SettingsDialog dialog(&nam);
        QVERIFY(dialog.selectProfile(u"openai"_s));
        dialog.keyEdit()->setText(QString::fromLatin1(kKey));
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keyStatus().contains(u"keychain (…"_s), 10000);
    }
    const QString out = m_root + u"/home/talk.srt"_s;
    const ProcessRun r = runCli({u"transcribe"_s, kMedia, u"--provider"_s, u"openai"_s,
                                 u"--base-url"_s, m_server.url(u"/v1"_s), u"-o"_s, out},
                                QProcessEnvironment::systemEnvironment());
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(QFile::exists(out));
    {
        std::lock_guard lock(m_mutex);
        QVERIFY(!m_authorizations.isEmpty());
        QCOMPARE(m_authorizations.last(), QByteArray("Bearer " + kKey));
    }
    QVERIFY(!r.out.contains(kKey) && !r.err.contains(kKey));
    // The keychain did write its files here: the key is in them, encrypted.
    QVERIFY(QFile::exists(m_root + u"/data/keyrings/login.keyring"_s));
    const QStringList hits = filesContaining(m_root, kKey);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
    QVERIFY(QCoro::waitFor(removeKey(builtInProfile(u"openai"_s))));
}

// No Secret Service on the bus (a desktop without a keyring, or a bus that is gone): the CLI
// fails before sending anything and says to use the environment variable; Settings says the same
// and does not fall back to writing the key into a file.
void TestKeychain::withoutKeychainService()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/captioneer-bus"_s);
    int before = 0;
    {
        std::lock_guard lock(m_mutex);
        before = int(m_authorizations.size());
    }
    const ProcessRun r =
        runCli({u"transcribe"_s, kMedia, u"--provider"_s, u"openai"_s, u"--base-url"_s,
                m_server.url(u"/v1"_s), u"-o"_s, m_root + u"/home/none.srt"_s},
               env);
    QVERIFY2(r.code != 0, r.out.constData());
    QVERIFY2(r.err.contains("No keychain service") && r.err.contains("OPENAI_API_KEY"),
             r.err.constData());
    {
        std::lock_guard lock(m_mutex);
        QCOMPARE(int(m_authorizations.size()), before);
    }

    // In this process: point the bus somewhere dead before QtKeychain first connects to it.
    // (Qt's session bus connection is made once per process; this case runs last.)
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {u"-child-store"_s});
    QVERIFY(child.waitForFinished(60000));
    QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
    const QByteArray said = child.readAllStandardOutput();
    QVERIFY2(said.contains("No keychain service"), said.constData());
    const QStringList hits = filesContaining(m_root, "sk-no-keychain-9Tq3");
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
}

// `tst_keychain -child-store`: tries to store a key through Settings with no keychain service and
// prints what the dialog then says (exit status 0 when it said something).
static int childStore(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Captioneer"_s);
    QCoreApplication::setApplicationName(u"captioneer"_s);
    QNetworkAccessManager nam;
    SettingsDialog dialog(&nam);
    if (!dialog.selectProfile(u"openai"_s))
        return 2;
    dialog.keyEdit()->setText(u"sk-no-keychain-9Tq3"_s);
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    const bool told = QTest::qWaitFor(
        [&] {
            return dialog.keyStatus().contains(u"keychain service"_s) &&
                   !dialog.keyStatus().contains(u"Checking"_s);
        },
        30000);
    std::printf("%s\n", qPrintable(dialog.keyStatus()));
    return told ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "-child-store") == 0)
        return childStore(argc, argv);
    QApplication app(argc, argv);
    TestKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"

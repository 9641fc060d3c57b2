#include "espeaksynthesizer.h"
#include "localtranscriber.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

const QString kClips = u"/usr/share/pocketsphinx/test/data/librivox/"_s;
const QString kClip = kClips + u"sense_and_sensibility_01_austen_64kb-0880.wav"_s; // 2.99 s

double rms(const std::vector<float> &s)
{
    double sum = 0;
    for (float v : s)
        sum += double(v) * v;
    return s.empty() ? 0.0 : std::sqrt(sum / double(s.size()));
}

} // namespace

class TestLocalEngines : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void recognisesRealSpeech();
    void utterancesBecomeSegments();
    void missingModelNamesThePackage();
    void recognitionCancels();
    void clientRunsOffTheGuiThread();
    void voicesIncludeManyLanguages();
    void synthesisIsAudibleAndScales_data();
    void synthesisIsAudibleAndScales();
    void synthesisRefusesBadInput_data();
    void synthesisRefusesBadInput();
    void synthesisCancels();

private:
    QTemporaryDir m_dir;
    QString m_twoClips;
};

void TestLocalEngines::initTestCase()
{
    QVERIFY2(QFile::exists(kClip), "pocketsphinx-testdata is not installed (packaging/deps.sh)");
    // Two clips with 1.5 s of silence between them: two utterances.
    m_twoClips = m_dir.filePath(u"two.wav"_s);
    QProcess ff;
    ff.start(u"ffmpeg"_s, {u"-nostdin"_s, u"-y"_s, u"-v"_s, u"error"_s, u"-i"_s, kClip, u"-f"_s,
                           u"lavfi"_s, u"-i"_s, u"anullsrc=r=16000:cl=mono:d=1.5"_s, u"-i"_s,
                           kClips + u"sense_and_sensibility_01_austen_64kb-0930.wav"_s,
                           u"-filter_complex"_s, u"[0][1][2]concat=n=3:v=0:a=1"_s, m_twoClips});
    QVERIFY(ff.waitForFinished(60000) && ff.exitCode() == 0);
}

void TestLocalEngines::recognisesRealSpeech()
{
    auto r = SphinxRecognizer::create(SphinxModel::debianDefault());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    // The clip as 16-bit samples.
    QFile f(kClip);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray wav = f.readAll().mid(44);
    std::vector<qint16> pcm(size_t(wav.size() / 2));
    memcpy(pcm.data(), wav.constData(), pcm.size() * 2);
    auto words = (*r)->recognize(pcm.data(), qint64(pcm.size()), 1000);
    QVERIFY(words.ok());
    QStringList texts;
    qint64 previousEnd = 0;
    for (const Word &w : *words) {
        texts.append(w.text);
        QVERIFY(w.start >= 1000 && w.end <= 1000 + 2990 + 10); // inside the utterance
        QVERIFY(w.end > w.start);
        QVERIFY(w.start >= previousEnd); // in order, not overlapping
        previousEnd = w.end;
        QVERIFY(!w.text.startsWith(u'<') && !w.text.contains(u'('));
        QVERIFY(w.confidence.has_value() && *w.confidence > 0.0f && *w.confidence <= 1.0f);
    }
    // Reference: "he was not an ill disposed young man"; the decoder hears most of it.
    const QStringList reference = u"he was not an ill disposed young man"_s.split(u' ');
    int found = 0;
    for (const QString &w : reference)
        found += texts.contains(w);
    QVERIFY2(found >= 5, qPrintable(texts.join(u' ')));
    QCOMPARE(texts.first(), u"he"_s);
}

void TestLocalEngines::utterancesBecomeSegments()
{
    std::atomic_bool cancel = false;
    QList<double> progress;
    LocalTranscriptionOptions o;
    o.workers = 2;
    auto t = transcribeLocally(m_twoClips, o, &cancel, [&](double p) { progress.append(p); });
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(t->segments.size(), 2);
    QVERIFY(t->segments[0].end < 3200);
    QVERIFY(t->segments[1].start > 4400); // after the 1.5 s pause
    for (const TranscriptSegment &s : t->segments) {
        for (const Word &w : s.words)
            QVERIFY(w.start >= s.start && w.end <= s.end);
    }
    QVERIFY(t->segments[0].text.startsWith(u"He "_s)); // sentence case
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), 1.0);
    QCOMPARE(t->provider, u"local"_s);
}

void TestLocalEngines::missingModelNamesThePackage()
{
    SphinxModel m = SphinxModel::debianDefault();
    m.languageModel = u"/nonexistent/en-us.lm.bin"_s;
    auto r = SphinxRecognizer::create(m);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QVERIFY(r.error().message.contains(u"pocketsphinx-en-us"_s));
    QVERIFY(r.error().message.contains(u"/nonexistent/en-us.lm.bin"_s));
}

void TestLocalEngines::recognitionCancels()
{
    std::atomic_bool cancel = false;
    LocalTranscriptionOptions o;
    o.workers = 1;
    QElapsedTimer t;
    t.start();
    auto r = transcribeLocally(m_twoClips, o, &cancel, [&](double p) {
        if (p > 0.0)
            cancel = true; // after the first utterance
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
}

void TestLocalEngines::clientRunsOffTheGuiThread()
{
    LocalTranscriptionClient client;
    QVERIFY(client.capabilities().wordTimestamps);
    TranscriptionRequest request;
    request.audioPath = kClip;
    auto control = std::make_shared<HttpControl>();
    auto result = QCoro::waitFor(client.transcribe(request, control, {}));
    QVERIFY(result.ok());
    QVERIFY(!result->segments.isEmpty());
}

void TestLocalEngines::voicesIncludeManyLanguages()
{
    auto voices = espeakVoices();
    QVERIFY2(voices.ok(), qPrintable(voices.ok() ? QString() : voices.error().toString()));
    QVERIFY(voices->size() >= 50);
    QStringList languages;
    for (const EspeakVoice &v : *voices)
        languages.append(v.language);
    for (const char *l : {"en-us", "en-gb", "de", "fr-fr", "cmn", "ja"})
        QVERIFY2(languages.contains(QString::fromLatin1(l)), l);
}

void TestLocalEngines::synthesisIsAudibleAndScales_data()
{
    QTest::addColumn<QString>("voice");
    QTest::newRow("english") << u"en"_s;
    QTest::newRow("german") << u"de"_s;
    QTest::newRow("mandarin") << u"cmn"_s;
}

void TestLocalEngines::synthesisIsAudibleAndScales()
{
    QFETCH(QString, voice);
    const QString shortText = voice == u"cmn"_s ? u"你好"_s : u"Hello there."_s;
    const QString longText = voice == u"cmn"_s ? u"你好，今天我们一起去公园散步吧，天气很好。"_s
                                               : u"Hello there. This is a much longer sentence, "
                                                 "spoken to check that length grows with text."_s;
    auto shortSpeech = espeakSynthesize(shortText, voice, 1.0);
    auto longSpeech = espeakSynthesize(longText, voice, 1.0);
    auto fast = espeakSynthesize(longText, voice, 2.0);
    auto veryFast = espeakSynthesize(longText, voice, 4.0);
    auto slow = espeakSynthesize(shortText, voice, 0.25);
    for (auto *r : {&shortSpeech, &longSpeech, &fast, &veryFast, &slow})
        QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().toString()));
    QVERIFY(shortSpeech->sampleRate > 8000);
    QVERIFY(rms(shortSpeech->samples) > 0.01);
    QVERIFY(shortSpeech->durationMs() > 200);
    QVERIFY(longSpeech->durationMs() > 2 * shortSpeech->durationMs());
    QVERIFY2(fast->durationMs() < longSpeech->durationMs() * 0.7,
             qPrintable(u"%1 vs %2"_s.arg(fast->durationMs()).arg(longSpeech->durationMs())));
    QVERIFY(veryFast->durationMs() < fast->durationMs());
    QVERIFY(slow->durationMs() > shortSpeech->durationMs() * 2);
}

void TestLocalEngines::synthesisRefusesBadInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<double>("speed");
    QTest::newRow("empty") << u"   "_s << u"en"_s << 1.0;
    QTest::newRow("too slow") << u"hi"_s << u"en"_s << 0.2;
    QTest::newRow("too fast") << u"hi"_s << u"en"_s << 4.5;
    QTest::newRow("unknown voice") << u"hi"_s << u"xx-nowhere"_s << 1.0;
}

void TestLocalEngines::synthesisRefusesBadInput()
{
    QFETCH(QString, text);
    QFETCH(QString, voice);
    QFETCH(double, speed);
    auto r = espeakSynthesize(text, voice, speed);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
}

void TestLocalEngines::synthesisCancels()
{
    std::atomic_bool cancel = true;
    auto r = espeakSynthesize(u"A sentence that will not be spoken."_s, u"en"_s, 1.0, &cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
    // The engine still works afterwards.
    QVERIFY(espeakSynthesize(u"Still here."_s, u"en"_s, 1.0).ok());
    // Through the client, a cancelled control stops it too.
    LocalSpeechClient client;
    auto control = std::make_shared<HttpControl>();
    control->cancel();
    auto viaClient = QCoro::waitFor(client.synthesize({u"Nope."_s, u"en"_s, 1.0, {}}, control));
    QVERIFY(!viaClient.ok());
}

QTEST_GUILESS_MAIN(TestLocalEngines)
#include "tst_localengines.moc"

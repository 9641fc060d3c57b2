// Transcription from the editor, end to end: media dropped on an empty window opens the
// Transcribe panel; the job runs against a real HTTP server on loopback (an OpenAI-compatible
// /audio/transcriptions), its progress shows in the jobs panel and the cues arrive in one undo step
// with the transcript kept. A second job cancelled midway changes nothing; a failing request is
// retried from the panel; the offline engine works the same way.
#include "../media/mediafixtures.h"
#include "dashscopeemulator.h"
#include "document.h"
#include "jobspanel.h"
#include "mainwindow.h"
#include "profilestore.h"
#include "settingsdialog.h"
#include "testserver.h"
#include "track.h"
#include "transcribedialog.h"
#include "transcriptionjob.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const char kVerbose[] = R"j({"task":"transcribe","language":"english","duration":2.5,
"text":"Hello world again.","segments":[{"id":0,"start":0.1,"end":2.0,"text":"Hello world again."}],
"words":[{"word":"Hello","start":0.1,"end":0.5},{"word":"world","start":0.6,"end":1.0},
{"word":"again.","start":1.1,"end":2.0}]})j";

QStringList snapshot(const Document *doc)
{
    QStringList out;
    for (const Cue &c : doc->track()->cues())
        out << u"%1-%2 %3"_s.arg(c.start).arg(c.end).arg(c.text);
    return out;
}

} // namespace

class TestTranscribeUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dropTranscribeCancelRetry();
    void offlineEngine();
    void settingsTestConnection();
    void dashScopeAsyncTask();

private:
    MainWindow *makeWindow();
    TranscriptionJobSpec spec(const QString &profileId) const;

    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_speech;
    std::atomic_int m_requests{0};
    std::atomic_int m_delayNextMs{0};
    std::atomic_int m_failNext{0};
    std::atomic_bool m_delayedAnswered{false};
    std::atomic<qint64> m_lastUploadBytes{0};
};

void TestTranscribeUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_speech = fixtures::path(u"speech.wav"_s);
    QVERIFY(!m_speech.isEmpty());
    m_server.http().Post(
        "/v1/audio/transcriptions", [this](const httplib::Request &req, httplib::Response &res) {
            ++m_requests;
            m_lastUploadBytes = qint64(req.body.size());
            if (const int delay = m_delayNextMs.exchange(0); delay > 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(delay));
                res.set_content(kVerbose, "application/json");
                m_delayedAnswered = true;
                return;
            }
            if (m_failNext.exchange(0)) {
                res.status = 400;
                res.set_content(R"({"error":{"message":"Audio file is too short.",)"
                                R"("type":"invalid_request_error"}})",
                                "application/json");
                return;
            }
            res.set_content(kVerbose, "application/json");
        });
    m_server.http().Get("/v1/models", [](const httplib::Request &req, httplib::Response &res) {
        if (req.get_header_value("Authorization") != "Bearer sk-loopback-test") {
            res.status = 401;
            res.set_content(R"({"error":{"message":"Incorrect API key provided."}})",
                            "application/json");
            return;
        }
        res.set_content(R"({"data":[{"id":"whisper-1"},{"id":"whisper-large"}]})",
                        "application/json");
    });
    QVERIFY(m_server.start());
    // A custom OpenAI-compatible profile pointing at the loopback server, as a user would add it.
    QSettings settings;
    ProfileStore store(&settings);
    ProviderProfile p = builtInProfile(u"custom"_s);
    p.id = u"loopback"_s;
    p.displayName = u"Loopback server"_s;
    p.baseUrl = QUrl(m_server.url(u"/v1"_s));
    p.model = u"whisper-1"_s;
    p.builtIn = false;
    store.save(p);
    store.setLastUsed(p.id);
}

MainWindow *TestTranscribeUi::makeWindow()
{
    MainWindow::Options options;
    options.audio = Player::Output::Disabled;
    options.autosaveDirectory = m_dir.filePath(u"autosave"_s);
    options.offerRestore = false;
    auto *w = new MainWindow(options);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->show();
    return w;
}

TranscriptionJobSpec TestTranscribeUi::spec(const QString &profileId) const
{
    QSettings settings;
    TranscriptionJobSpec s;
    s.mediaPath = QFileInfo(m_speech).absoluteFilePath();
    s.profile = ProfileStore(&settings).find(profileId);
    s.presetId = u"netflix-en"_s;
    return s;
}

void TestTranscribeUi::dropTranscribeCancelRetry()
{
    std::unique_ptr<MainWindow> w(makeWindow());
    w->setAttribute(Qt::WA_DeleteOnClose, false);
    Document *doc = w->document();

    // Drop the media on the empty window: the Transcribe panel opens with the last-used provider.
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(m_speech)});
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &enter);
    QApplication::sendEvent(w.get(), &drop);
    delete mime;
    TranscribeDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w->findChild<TranscribeDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->providerBox()->currentData().toString(), u"loopback"_s);
    // It says what will happen before anything is sent.
    QVERIFY2(dialog->summary().contains(u"0:00:0"_s), qPrintable(dialog->summary()));
    QVERIFY2(dialog->summary().contains(u"as is"_s, Qt::CaseInsensitive) ||
                 dialog->summary().contains(u"sent"_s, Qt::CaseInsensitive),
             qPrintable(dialog->summary()));
    auto *start = dialog->findChild<QDialogButtonBox *>()->buttons().first();
    for (QAbstractButton *b : dialog->findChild<QDialogButtonBox *>()->buttons())
        if (b->text().contains(u"Transcribe"_s))
            start = b;
    start->click();

    QTRY_COMPARE(w->jobsPanel()->jobs().size(), 1);
    TranscriptionJob *job = w->jobsPanel()->jobs().first();
    QList<double> progress;
    QStringList stages;
    connect(job, &TranscriptionJob::changed, this, [&] {
        progress << job->progress();
        stages << job->stageText();
    });
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), TranscriptionJob::State::Finished, 20000);
    // The panel showed the upload, then the result.
    QVERIFY2(stages.join(u'|').contains(u"Uploading"_s), qPrintable(stages.join(u'|')));
    QVERIFY(!stages.isEmpty());
    QCOMPARE(doc->track()->count(), 1);
    QCOMPARE(doc->track()->at(0).text, u"Hello world again."_s);
    QCOMPARE(doc->track()->at(0).words.size(), 3);
    QVERIFY(doc->transcript().hasWords()); // kept for re-segmenting
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(doc->undoStack()->undoText().contains(u"Transcription"_s));
    QWidget *row = w->jobsPanel()->rowOf(job);
    QVERIFY(row->findChild<QLabel *>(u"stage"_s)->text().contains(u"Done"_s));

    // A second job, cancelled while the server is still working: the document does not change.
    const QStringList before = snapshot(doc);
    const int requests = m_requests;
    m_delayedAnswered = false;
    m_delayNextMs = 1500;
    TranscriptionJob *second = w->startTranscription(spec(u"loopback"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_requests > requests, 10000);
    QPushButton *cancel = w->jobsPanel()->rowOf(second)->findChild<QPushButton *>(u"cancel"_s);
    QVERIFY(cancel->isVisible());
    cancel->click();
    QCOMPARE(second->state(), TranscriptionJob::State::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(m_delayedAnswered, 5000);
    QTest::qWait(200);
    QCOMPARE(snapshot(doc), before);
    QCOMPARE(doc->undoStack()->count(), 1);

    // A request the server refuses: the job fails with the provider's words, Retry succeeds.
    m_failNext = 1;
    TranscriptionJobSpec merge = spec(u"loopback"_s);
    merge.apply = TranscriptionJobSpec::Apply::Merge;
    TranscriptionJob *third = w->startTranscription(merge);
    QTRY_COMPARE_WITH_TIMEOUT(third->state(), TranscriptionJob::State::Failed, 10000);
    QVERIFY2(third->errorText().contains(u"Loopback server"_s), qPrintable(third->errorText()));
    QVERIFY2(third->errorText().contains(u"too short"_s) ||
                 third->errorText().contains(u"refused"_s, Qt::CaseInsensitive) ||
                 third->errorText().contains(u"400"_s),
             qPrintable(third->errorText()));
    QCOMPARE(snapshot(doc), before);
    QPushButton *retry = w->jobsPanel()->rowOf(third)->findChild<QPushButton *>(u"retry"_s);
    QVERIFY(retry->isVisible());
    retry->click();
    QTRY_COMPARE_WITH_TIMEOUT(third->state(), TranscriptionJob::State::Finished, 10000);
    QCOMPARE(doc->track()->count(), 2); // merged beside the first result
    QCOMPARE(doc->undoStack()->count(), 2);

    // Re-segment from the kept transcript under another preset: one more undo step.
    w->setPreset(u"relaxed"_s);
    QVERIFY(w->resegment());
    QCOMPARE(doc->undoStack()->count(), 3);
    QVERIFY(doc->undoStack()->undoText().contains(u"Re-segment"_s));
}

void TestTranscribeUi::offlineEngine()
{
    // The quick-start sample: 27 s of a LibriVox reading, built with the project.
    const QString sample = QStringLiteral(CAPTIONEER_BINARY_DIR "/sample/captioneer-sample.wav");
    QVERIFY(QFileInfo::exists(sample));
    std::unique_ptr<MainWindow> w(makeWindow());
    w->setAttribute(Qt::WA_DeleteOnClose, false);
    QVERIFY(w->openFile(sample));
    TranscriptionJobSpec local = spec(u"local"_s);
    local.mediaPath = sample;
    TranscriptionJob *job = w->startTranscription(local);
    QTRY_VERIFY_WITH_TIMEOUT(job->state() == TranscriptionJob::State::Finished ||
                                 job->state() == TranscriptionJob::State::Failed,
                             120000);
    QVERIFY2(job->state() == TranscriptionJob::State::Finished, qPrintable(job->errorText()));
    QVERIFY(w->document()->track()->count() >= 3);
    QString all;
    for (const Cue &c : w->document()->track()->cues())
        all += c.text.toLower() + u' ';
    QVERIFY2(all.contains(u"leisure"_s) || all.contains(u"married"_s), qPrintable(all));
    QVERIFY(w->document()->transcript().hasWords());
}

// Settings ▸ Providers: the key field is masked, and "Test connection" makes a real request and
// says in words what happened, with the typed key and then with a wrong one.
void TestTranscribeUi::settingsTestConnection()
{
    QNetworkAccessManager nam;
    SettingsDialog dialog(&nam);
    dialog.show();
    QVERIFY(dialog.selectProfile(u"loopback"_s));
    QCOMPARE(dialog.keyEdit()->echoMode(), QLineEdit::Password);
    QCOMPARE(dialog.baseUrlEdit()->text(), m_server.url(u"/v1"_s));
    dialog.keyEdit()->setText(u"sk-loopback-test"_s);
    dialog.testButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.testButton()->isEnabled(), 10000);
    QVERIFY2(dialog.testResult().contains(u"2 model"_s), qPrintable(dialog.testResult()));
    dialog.keyEdit()->setText(u"sk-wrong"_s);
    dialog.testButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.testButton()->isEnabled(), 10000);
    QVERIFY2(dialog.testResult().contains(u"Loopback server"_s), qPrintable(dialog.testResult()));
    QVERIFY2(!dialog.testResult().contains(u"sk-wrong"_s), qPrintable(dialog.testResult()));
    // The offline engine is checked without the network.
    QVERIFY(dialog.selectProfile(u"local"_s));
    dialog.testButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.testButton()->isEnabled(), 10000);
    QVERIFY2(dialog.testResult().contains(u"ready"_s), qPrintable(dialog.testResult()));
}

// A DashScope Fun-ASR profile through the emulator: temporary upload, async task polled through
// PENDING and RUNNING, the result file downloaded; its two speakers become cue speakers.
void TestTranscribeUi::dashScopeAsyncTask()
{
    DashScopeEmulator emu;
    QVERIFY(emu.start());
    emu.reset();
    emu.setResult(u"r1.json"_s, R"j({"file_url": "FILE", "transcripts": [{"channel_id": 0,
      "text": "Hello there. Good morning.", "sentences": [
      {"begin_time": 100, "end_time": 1000, "text": "Hello there.", "sentence_id": 1, "speaker_id": 0,
       "words": [{"begin_time": 100, "end_time": 500, "text": "Hello", "punctuation": " "},
                 {"begin_time": 500, "end_time": 1000, "text": "there", "punctuation": "."}]},
      {"begin_time": 1200, "end_time": 2400, "text": "Good morning.", "sentence_id": 2, "speaker_id": 1,
       "words": [{"begin_time": 1200, "end_time": 1700, "text": "Good", "punctuation": " "},
                 {"begin_time": 1700, "end_time": 2400, "text": "morning", "punctuation": "."}]}]}]})j");
    const QJsonObject subtask{{u"file_url"_s, u"oss://uploaded"_s},
                              {u"subtask_status"_s, u"SUCCEEDED"_s},
                              {u"transcription_url"_s, emu.resultUrl(u"r1.json"_s)}};
    emu.script(u"task"_s, {dsTask(u"PENDING"_s), dsTask(u"RUNNING"_s),
                           dsTask(u"SUCCEEDED"_s, {{u"results"_s, QJsonArray{subtask}}})});
    qputenv("DASHSCOPE_API_KEY", "sk-dashscope-test");
    TranscriptionJobSpec s = spec(u"local"_s);
    s.profile = ProviderProfile{};
    s.profile.id = u"dashscope-funasr"_s;
    s.profile.kind = u"dashscope-funasr"_s;
    s.profile.displayName = u"DashScope Fun-ASR"_s;
    s.profile.baseUrl = emu.nativeBase();
    s.profile.model = u"fun-asr"_s;
    s.profile.keyName = u"DASHSCOPE_API_KEY"_s;
    s.profile.options.insert(u"poll_interval_ms"_s, 10);
    s.profile.options.insert(u"poll_max_interval_ms"_s, 40);
    s.profile.options.insert(u"diarization"_s, true);

    std::unique_ptr<MainWindow> w(makeWindow());
    w->setAttribute(Qt::WA_DeleteOnClose, false);
    QVERIFY(w->openFile(m_speech));
    TranscriptionJob *job = w->startTranscription(s);
    QStringList stages;
    connect(job, &TranscriptionJob::changed, this, [&] { stages << job->stageText(); });
    QTRY_VERIFY_WITH_TIMEOUT(job->state() == TranscriptionJob::State::Finished ||
                                 job->state() == TranscriptionJob::State::Failed,
                             20000);
    QVERIFY2(job->state() == TranscriptionJob::State::Finished, qPrintable(job->errorText()));
    QVERIFY(emu.count(u"oss"_s) >= 1);  // the audio went to temporary storage
    QVERIFY(emu.count(u"task"_s) >= 3); // polled through PENDING and RUNNING
    QVERIFY2(stages.join(u'|').contains(u"DashScope"_s), qPrintable(stages.join(u'|')));
    Document *doc = w->document();
    QCOMPARE(doc->track()->count(), 2);
    QCOMPARE(doc->track()->at(0).text, u"Hello there."_s);
    QVERIFY(!doc->track()->at(0).speaker.isEmpty());
    QVERIFY(doc->track()->at(0).speaker != doc->track()->at(1).speaker);
    QCOMPARE(w->speakers().size(), 2);
}

QTEST_MAIN(TestTranscribeUi)
#include "tst_transcribeui.moc"

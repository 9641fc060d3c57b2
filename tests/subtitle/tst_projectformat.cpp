#include "projectformat.h"
#include "subtitlefile.h"
#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProjectFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsEverything();
    void assignsIdsToNewCues();
    void damagedNextIdIsIgnored_data();
    void damagedNextIdIsIgnored();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void cuesJsonRoundTrip();
    void atomicWriteKeepsOldFileOnFailure();
};

static ProjectData sampleProject()
{
    ProjectData p;
    Cue c;
    c.id = 7;
    c.start = 1000;
    c.end = 2500;
    c.text = u"Hello <i>there</i>\n第二行"_s;
    c.speaker = u"Ann"_s;
    c.identifier = u"cue-7"_s;
    c.vttSettings = u"line:0"_s;
    c.vttVoiceClasses = u".loud"_s;
    c.vttVoiceClosed = true;
    Word w{1000, 1400, u"Hello"_s, 0.75f, u"Ann"_s};
    c.words = {w, Word{1500, 2400, u" there"_s, std::nullopt, QString()}};
    p.cues = {c};
    p.meta.vttHeader = u" - title"_s;
    p.meta.vttBlocks = {VttBlock{VttBlock::Kind::Note, u"NOTE hi"_s, 0}};
    p.transcript.language = u"en"_s;
    p.transcript.duration = 5000;
    p.transcript.provider = u"local"_s;
    p.transcript.model = u"en-us"_s;
    p.transcript.requestId = u"req-1"_s;
    TranscriptSegment seg;
    seg.start = 1000;
    seg.end = 2400;
    seg.text = u"Hello there"_s;
    seg.words = c.words;
    seg.avgLogprob = -0.25;
    seg.noSpeechProb = 0.01;
    seg.language = u"en"_s;
    p.transcript.segments = {seg};
    p.media = MediaReference{u"/media/film.mkv"_s, 123456789, u"abcdef"_s, 1};
    p.presetId = u"netflix-en"_s;
    p.nextId = 42;
    p.providerMeta = QJsonObject{{u"task_id"_s, u"t-1"_s}};
    return p;
}

void TestProjectFormat::roundTripKeepsEverything()
{
    const ProjectData p = sampleProject();
    auto back = parseProject(serializeProject(p));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
    QCOMPARE(back->cues, p.cues);
    QCOMPARE(back->meta, p.meta);
    QCOMPARE(back->transcript, p.transcript);
    QCOMPARE(back->media, p.media);
    QCOMPARE(back->presetId, p.presetId);
    QCOMPARE(back->nextId, 42);
    QCOMPARE(back->providerMeta, p.providerMeta);
}

void TestProjectFormat::assignsIdsToNewCues()
{
    ProjectData p;
    Cue a, b;
    a.end = b.end = 10;
    b.id = 5;
    p.cues = {a, b};
    auto back = parseProject(serializeProject(p));
    QVERIFY(back.ok());
    QCOMPARE(back->cues[0].id, 6);
    QCOMPARE(back->cues[1].id, 5);
    QCOMPARE(back->nextId, 7);
}

// A next_id no id can reach is damage: ids continue after the largest cue id. Converting 1e300 to
// an integer was undefined behaviour (found while fixing the same pattern fuzz_openai_json found).
void TestProjectFormat::damagedNextIdIsIgnored_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("nextId");
    QTest::newRow("1e300, with a pending task whose times are 1e300 (fixture)")
        << readFixture(u"subtitles/next_id_overflow.captioneer"_s) << qint64(4);
    QTest::newRow("-1e300")
        << QByteArray(
               R"j({"format":"captioneer-project","version":1,"next_id":-1e300,"cues":[{"id":9,"start_ms":0,"end_ms":1}]})j")
        << qint64(10);
    QTest::newRow("a string")
        << QByteArray(R"j({"format":"captioneer-project","version":1,"next_id":"77","cues":[]})j")
        << qint64(1);
}

void TestProjectFormat::damagedNextIdIsIgnored()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, nextId);
    const Result<ProjectData> p = parseProject(bytes);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().toString()));
    QCOMPARE(p->nextId, nextId);
}

void TestProjectFormat::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("mentions");
    const auto P = [](const char *rest) -> QByteArray {
        return QByteArray("{\"format\":\"captioneer-project\",") + rest + "}";
    };
    QTest::newRow("newer version")
        << P("\"version\":99,\"cues\":[]") << int(ErrorCode::NewerVersion) << 0 << u"newer"_s;
    QTest::newRow("no version") << P("\"cues\":[]") << int(ErrorCode::ParseError) << 0
                                << u"version"_s;
    QTest::newRow("truncated")
        << QByteArray("{\"format\":\"captioneer-project\",\n\"version\":1,\n\"cues\":[")
        << int(ErrorCode::ParseError) << 3 << u"JSON"_s;
    QTest::newRow("not an object")
        << QByteArray("[1,2]") << int(ErrorCode::ParseError) << 0 << u"object"_s;
    QTest::newRow("other json") << QByteArray("{\"a\":1}") << int(ErrorCode::ParseError) << 0
                                << u"not a Captioneer project"_s;
    QTest::newRow("cue end before start")
        << P("\"version\":1,\"cues\":[{\"id\":1,\"start_ms\":5,\"end_ms\":1}]")
        << int(ErrorCode::ParseError) << 0 << u"cue 1"_s;
    QTest::newRow("cue time is a string")
        << P("\"version\":1,\"cues\":[{\"id\":1,\"start_ms\":\"5\",\"end_ms\":10}]")
        << int(ErrorCode::ParseError) << 0 << u"cue 1"_s;
    QTest::newRow("duplicate ids") << P("\"version\":1,\"cues\":[{\"id\":1,\"start_ms\":0,\"end_"
                                        "ms\":1},{\"id\":1,\"start_ms\":0,"
                                        "\"end_ms\":1}]")
                                   << int(ErrorCode::ParseError) << 0 << u"twice"_s;
    QTest::newRow("fractional ms")
        << P("\"version\":1,\"cues\":[{\"id\":1,\"start_ms\":0.5,\"end_ms\":1}]")
        << int(ErrorCode::ParseError) << 0 << u"cue 1"_s;
    QTest::newRow("bad word") << P("\"version\":1,\"cues\":[{\"id\":1,\"start_ms\":0,\"end_ms\":1,"
                                   "\"words\":[{\"start_ms\":-1,\"end_ms\":0}]}]")
                              << int(ErrorCode::ParseError) << 0 << u"word"_s;
    QTest::newRow("bad transcript") << P("\"version\":1,\"cues\":[],\"transcript\":{\"segments\":[{"
                                         "\"start_ms\":3,\"end_ms\":1}]}")
                                    << int(ErrorCode::ParseError) << 0 << u"segment 1"_s;
}

void TestProjectFormat::refusesBadFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(int, line);
    QFETCH(QString, mentions);
    auto r = parseProject(bytes);
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error().code), code);
    QCOMPARE(r.error().line, line);
    QVERIFY2(r.error().message.contains(mentions, Qt::CaseInsensitive),
             qPrintable(r.error().message));
}

void TestProjectFormat::cuesJsonRoundTrip()
{
    const Cues cues = sampleProject().cues;
    auto back = parseCuesJson(serializeCuesJson(cues));
    QVERIFY(back.ok());
    QCOMPARE(back->size(), 1);
    Cue expected = cues[0];
    expected.id = 0; // the export carries no ids
    QCOMPARE(back->at(0), expected);
    const QJsonObject o = QJsonDocument::fromJson(serializeCuesJson(cues)).object();
    QCOMPARE(o.value(u"format"_s).toString(), u"captioneer-cues"_s);
    const QJsonObject c = o.value(u"cues"_s).toArray().at(0).toObject();
    QCOMPARE(c.value(u"start_ms"_s).toInt(), 1000);
    QCOMPARE(c.value(u"speaker"_s).toString(), u"Ann"_s);
    QCOMPARE(c.value(u"words"_s).toArray().size(), 2);
}

void TestProjectFormat::atomicWriteKeepsOldFileOnFailure()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"p.captioneer"_s);
    QVERIFY(writeFileAtomically(path, serializeProject(sampleProject())).ok());
    auto loaded = readSubtitleFile(path, {});
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->format, SubtitleFormat::Project);
    QVERIFY(loaded->project.has_value());
    QCOMPARE(loaded->project->transcript.requestId, u"req-1"_s);
    // Writes that cannot succeed (even as root) fail with the path named and change nothing.
    const QString asDir = dir.filePath(u"folder.srt"_s);
    QVERIFY(QDir(dir.path()).mkdir(u"folder.srt"_s));
    auto w = writeFileAtomically(asDir, "x");
    QVERIFY(!w.ok());
    QCOMPARE(w.error().file, asDir);
    QVERIFY(QFileInfo(asDir).isDir());
    QVERIFY(!writeFileAtomically(dir.filePath(u"missing/dir/x.srt"_s), "x").ok());
    QVERIFY(readSubtitleFile(path, {}).ok());
}

QTEST_GUILESS_MAIN(TestProjectFormat)
#include "tst_projectformat.moc"

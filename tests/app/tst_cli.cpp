#include "mediafixtures.h"
#include "processrun.h"
#include "projectformat.h"
#include "srtformat.h"
#include "vttformat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Drives the real captioneer binary: exit codes, messages, files, standard input and output.
class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp();
    void exitCodes_data();
    void exitCodes();
    void convertsFiles();
    void convertsThroughPipes();
    void legacyEncodings();
    void writesProjectAndJson();
    void infoDescribesMedia();
    void checkListsViolations_data();
    void checkListsViolations();
    void checkWritesJson();
    void convertResegments();

private:
    using Run = ProcessRun;
    Run run(const QStringList &args, const QByteArray &input = {});
    QString data(const QString &name) const
    {
        return QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/") + name;
    }
    QTemporaryDir m_dir;
};

TestCli::Run TestCli::run(const QStringList &args, const QByteArray &input)
{
    ProcessOptions options;
    options.input = input;
    options.timeoutMs = 30000;
    return runProcess(QStringLiteral(CAPTIONEER_EXE), args,
                      QProcessEnvironment::systemEnvironment(), options);
}

void TestCli::versionAndHelp()
{
    Run r = run({u"--version"_s});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.trimmed(), QByteArray("captioneer " CAPTIONEER_VERSION));
    r = run({u"--help"_s});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("convert"));
    r = run({u"convert"_s, u"--help"_s});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith("Usage: captioneer convert"), r.out.constData());
    QVERIFY(r.out.contains("--encoding"));
}

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("stderrMentions");
    const QString out = m_dir.filePath(u"o.vtt"_s);
    QTest::newRow("no arguments") << QStringList{u"convert"_s} << 2 << u"input and an output"_s;
    QTest::newRow("unknown option")
        << QStringList{u"convert"_s, u"--bogus"_s, u"a"_s, u"b"_s} << 2 << u"bogus"_s;
    QTest::newRow("unknown --to") << QStringList{u"convert"_s, data(u"basic.srt"_s), out, u"--to"_s,
                                                 u"ass"_s}
                                  << 2 << u"ass"_s;
    QTest::newRow("stdout needs --to")
        << QStringList{u"convert"_s, data(u"basic.srt"_s), u"-"_s} << 2 << u"--to"_s;
    QTest::newRow("unknown encoding")
        << QStringList{u"convert"_s, data(u"basic.srt"_s), out, u"--encoding"_s, u"klingon-8"_s}
        << 2 << u"klingon-8"_s;
    QTest::newRow("missing input")
        << QStringList{u"convert"_s, m_dir.filePath(u"none.srt"_s), out} << 1 << u"none.srt"_s;
    QTest::newRow("not subtitles")
        << QStringList{u"convert"_s, data(u"garbage.txt"_s), out, u"--from"_s, u"srt"_s} << 1
        << u"garbage.txt:1:"_s;
    QTest::newRow("strict stops at the first problem")
        << QStringList{u"convert"_s, u"--strict"_s, data(u"messy.srt"_s), out} << 1
        << u"messy.srt:18:"_s;
    QTest::newRow("not webvtt") << QStringList{u"convert"_s, data(u"basic.srt"_s), out, u"--from"_s,
                                               u"vtt"_s}
                                << 1 << u"basic.srt:1:"_s;
    QTest::newRow("lenient warns and succeeds")
        << QStringList{u"convert"_s, data(u"messy.srt"_s), out} << 0 << u"messy.srt:19:"_s;
    QTest::newRow("unwritable output")
        << QStringList{u"convert"_s, data(u"basic.srt"_s), m_dir.filePath(u"no/such/dir/x.vtt"_s)}
        << 1 << u"x.vtt"_s;
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, stderrMentions);
    const Run r = run(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrMentions), r.err.constData());
}

void TestCli::convertsFiles()
{
    const QString vtt = m_dir.filePath(u"tags.vtt"_s);
    const QString srt = m_dir.filePath(u"tags.srt"_s);
    QCOMPARE(run({u"convert"_s, data(u"tags.srt"_s), vtt}).code, 0);
    QCOMPARE(run({u"convert"_s, vtt, srt}).code, 0);
    QFile a(data(u"tags.srt"_s)), b(srt);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
}

void TestCli::convertsThroughPipes()
{
    QFile f(data(u"full.vtt"_s));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray vtt = f.readAll();
    const Run r = run({u"convert"_s, u"-"_s, u"-"_s, u"--to"_s, u"vtt"_s}, vtt);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, vtt);
    QVERIFY(r.err.isEmpty());
    const Run s = run({u"convert"_s, u"-"_s, u"-"_s, u"--to"_s, u"srt"_s}, vtt);
    QCOMPARE(s.code, 0);
    auto cues = readSrt(QString::fromUtf8(s.out));
    QVERIFY(cues.ok());
    QCOMPARE(cues->cues.size(), 6);
}

void TestCli::legacyEncodings()
{
    const QString text = u"1\n00:00:01,000 --> 00:00:02,000\n我们今天说中文。\n\n"_s;
    QStringEncoder gb("GB18030");
    const QByteArray bytes = gb.encode(text);
    const Run r = run({u"convert"_s, u"-"_s, u"-"_s, u"--from"_s, u"srt"_s, u"--to"_s, u"srt"_s,
                       u"--encoding"_s, u"GB18030"_s},
                      bytes);
    QCOMPARE(r.code, 0);
    QCOMPARE(QString::fromUtf8(r.out), text);
    const Run back = run(
        {u"convert"_s, u"-"_s, u"-"_s, u"--to"_s, u"srt"_s, u"--output-encoding"_s, u"GB18030"_s},
        text.toUtf8());
    QCOMPARE(back.code, 0);
    QCOMPARE(back.out, bytes);
}

void TestCli::writesProjectAndJson()
{
    const QString project = m_dir.filePath(u"full.captioneer"_s);
    const QString json = m_dir.filePath(u"full.json"_s);
    const QString vtt = m_dir.filePath(u"again.vtt"_s);
    QCOMPARE(run({u"convert"_s, data(u"full.vtt"_s), project}).code, 0);
    QCOMPARE(run({u"convert"_s, project, json}).code, 0);
    QCOMPARE(run({u"convert"_s, project, vtt}).code, 0);
    QFile p(project), j(json), v(vtt), original(data(u"full.vtt"_s));
    QVERIFY(p.open(QIODevice::ReadOnly) && j.open(QIODevice::ReadOnly) &&
            v.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(p.readAll()).object().value(u"version"_s).toInt(), 1);
    QCOMPARE(QJsonDocument::fromJson(j.readAll()).object().value(u"cues"_s).toArray().size(), 6);
    QCOMPARE(v.readAll(), original.readAll()); // the project kept header, blocks and settings
}

void TestCli::infoDescribesMedia()
{
    const QString tone = fixtures::path(u"tone.flac"_s);
    const QString video = fixtures::path(u"two-audio.mkv"_s);
    QVERIFY(!tone.isEmpty() && !video.isEmpty());
    Run r = run({u"info"_s, tone});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("flac") && r.out.contains("44100 Hz") && r.out.contains("0:00:05.000"),
             r.out.constData());
    r = run({u"info"_s, u"--json"_s, video});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"audio_streams"_s).toArray().size(), 2);
    QCOMPARE(o.value(u"best_audio_stream"_s).toInt(), 1);
    r = run({u"info"_s, tone, fixtures::path(u"notmedia.wav"_s)});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("notmedia.wav"));
    QVERIFY(r.out.contains("flac")); // the good file is still described
    QCOMPARE(run({u"info"_s}).code, 2);
    r = run({u"info"_s, u"--help"_s});
    QVERIFY(r.out.startsWith("Usage: captioneer info"));
}

void TestCli::checkListsViolations_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("stdoutMentions");
    QTest::addColumn<QString>("stderrMentions");
    QTest::newRow("no violation exits 0") << QStringList{u"check"_s, data(u"basic.srt"_s)} << 0
                                          << u"no violations in 3 cues (netflix-en)"_s << QString();
    QTest::newRow("violations exit 1 and name cue, rule and limit")
        << QStringList{u"check"_s, data(u"messy.srt"_s)} << 1
        << u"cue 1 (00:00:01.500): too-short: The cue lasts 0.750 s (at least 0.833 s)."_s
        << QString();
    QTest::newRow("the preset changes the limits")
        << QStringList{u"check"_s, u"--preset"_s, u"relaxed"_s, data(u"messy.srt"_s)} << 1
        << u"3 violation(s) in 3 of 4 cues (relaxed)"_s << QString();
    QTest::newRow("unknown preset is a usage error")
        << QStringList{u"check"_s, u"--preset"_s, u"netflix"_s, data(u"basic.srt"_s)} << 2
        << QString() << u"netflix-en, zh-cn, relaxed"_s;
    QTest::newRow("no file is a usage error")
        << QStringList{u"check"_s} << 2 << QString() << u"one subtitle file"_s;
    QTest::newRow("missing file fails") << QStringList{u"check"_s, m_dir.filePath(u"none.srt"_s)}
                                        << 1 << QString() << u"none.srt"_s;
    QTest::newRow("bad --min-confidence is a usage error")
        << QStringList{u"check"_s, u"--min-confidence"_s, u"2"_s, data(u"basic.srt"_s)} << 2
        << QString() << u"--min-confidence"_s;
}

void TestCli::checkListsViolations()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, stdoutMentions);
    QFETCH(QString, stderrMentions);
    const Run r = run(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.out).contains(stdoutMentions), r.out.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrMentions), r.err.constData());
}

void TestCli::checkWritesJson()
{
    const Run r = run({u"check"_s, u"--json"_s, data(u"messy.srt"_s)});
    QCOMPARE(r.code, 1);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"preset"_s).toString(), u"netflix-en"_s);
    QCOMPARE(o.value(u"cues"_s).toInt(), 4);
    const QJsonArray v = o.value(u"violations"_s).toArray();
    QCOMPARE(v.size(), 4);
    QCOMPARE(v.at(0).toObject().value(u"rule"_s).toString(), u"cps-too-high"_s);
    const QJsonObject first = v.at(1).toObject();
    QCOMPARE(first.value(u"cue"_s).toInt(), 1);
    QCOMPARE(first.value(u"rule"_s).toString(), u"too-short"_s);
    QCOMPARE(first.value(u"value"_s).toDouble(), 750.0);
    QCOMPARE(first.value(u"limit"_s).toDouble(), 833.0);
    QCOMPARE(first.value(u"start_ms"_s).toInt(), 1500);
}

void TestCli::convertResegments()
{
    // One JSON cue holding a long sentence with its words: re-segmented from the words.
    Cue c;
    const QStringList words =
        u"It is a truth universally acknowledged, that a single man in "
        "possession of a good fortune, must be in want of a wife."_s.split(u' ');
    for (qsizetype i = 0; i < words.size(); ++i) {
        Word w;
        w.start = 1000 + i * 350;
        w.end = w.start + 300;
        w.text = words[i];
        c.words.append(w);
    }
    c.start = c.words.first().start;
    c.end = c.words.last().end;
    c.text = words.join(u' ');
    const QString json = m_dir.filePath(u"long.json"_s);
    QFile f(json);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(serializeCuesJson({c}));
    f.close();
    QCOMPARE(run({u"check"_s, json}).code, 1);
    const QString out = m_dir.filePath(u"resegmented.json"_s);
    Run r = run({u"convert"_s, u"--resegment"_s, json, out});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    r = run({u"check"_s, out});
    QVERIFY2(r.code == 0, r.out.constData());
    QVERIFY2(r.out.contains("in 2 cues"), r.out.constData());
    // Without words (SRT) the split is by text and the timing approximate.
    r = run({u"convert"_s, u"--resegment"_s, u"--preset"_s, u"relaxed"_s, data(u"full.vtt"_s),
             u"-"_s, u"--to"_s, u"srt"_s});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("approximate"), r.err.constData());
    QVERIFY(!readSrt(QString::fromUtf8(r.out))->cues.isEmpty());
    QCOMPARE(run({u"convert"_s, u"--preset"_s, u"bogus"_s, json, out}).code, 2);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

#include "mediafixtures.h"
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

private:
    struct Run {
        int code = -1;
        QByteArray out, err;
    };
    Run run(const QStringList &args, const QByteArray &input = {});
    QString data(const QString &name) const
    {
        return QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/") + name;
    }
    QTemporaryDir m_dir;
};

TestCli::Run TestCli::run(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(CAPTIONEER_EXE), args);
    if (!p.waitForStarted(10000))
        return {};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

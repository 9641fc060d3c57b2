#include "testutil.h"
#include "vttformat.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestVttFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsFullFile();
    void keepsHeaderAndBlocks();
    void voiceSpans_data();
    void voiceSpans();
    void shortTimestamps();
    void timestamps_data();
    void timestamps();
    void arrowInTextStartsNewCue();
    void signatureRequired_data();
    void signatureRequired();
    void entities_data();
    void entities();
    void writerNeverEmitsBlankLineOrArrow_data();
    void writerNeverEmitsBlankLineOrArrow();
    void writesFileBackIdentically();
    void strictModeFailsWithLine();
};

void TestVttFormat::readsFullFile()
{
    auto r = readVtt(fixtureText(u"subtitles/full.vtt"_s));
    QVERIFY(r.ok());
    QVERIFY(r->diagnostics.isEmpty());
    QCOMPARE(r->cues.size(), 6);
    const Cue &first = r->cues[0];
    QCOMPARE(first.identifier, u"intro"_s);
    QCOMPARE(first.start, 500);
    QCOMPARE(first.end, 2000);
    QCOMPARE(first.vttSettings, u"line:0 align:start"_s);
    QCOMPARE(first.speaker, u"Roger Bingham"_s);
    QCOMPARE(first.text, u"We are in New York City"_s);
    QCOMPARE(r->cues[2].text,
             u"<c.yellow>Coloured</c> and <i>italic</i> with a <00:00:05.000>karaoke "
             "tag\n<ruby>漢<rt>kan</rt></ruby> line two"_s);
    QCOMPARE(r->cues[3].identifier, u"cue-4"_s);
    QCOMPARE(r->cues[5].start, 3723004);
    QCOMPARE(r->cues[5].end, 3724005);
    QCOMPARE(r->cues[5].vttSettings, u"position:10%,line-left size:35%"_s);
}

void TestVttFormat::keepsHeaderAndBlocks()
{
    auto r = readVtt(fixtureText(u"subtitles/full.vtt"_s));
    QVERIFY(r.ok());
    QCOMPARE(r->meta.vttHeader, u" - Captioneer test file\nKind: captions\nLanguage: en"_s);
    QCOMPARE(r->meta.vttBlocks.size(), 4);
    QCOMPARE(r->meta.vttBlocks[0].kind, VttBlock::Kind::Style);
    QCOMPARE(r->meta.vttBlocks[0].text, u"STYLE\n::cue {\n  color: yellow;\n}"_s);
    QCOMPARE(r->meta.vttBlocks[1].kind, VttBlock::Kind::Region);
    QCOMPARE(r->meta.vttBlocks[2].kind, VttBlock::Kind::Note);
    QCOMPARE(r->meta.vttBlocks[2].beforeCue, 0);
    QCOMPARE(r->meta.vttBlocks[3].text, u"NOTE between cues"_s);
    QCOMPARE(r->meta.vttBlocks[3].beforeCue, 3);
}

void TestVttFormat::voiceSpans_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("speaker");
    QTest::addColumn<QString>("classes");
    QTest::addColumn<bool>("closed");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"<v Bob>Hi there"_s << u"Bob"_s << QString() << false
                           << u"Hi there"_s;
    QTest::newRow("closed") << u"<v Bob>Hi</v>"_s << u"Bob"_s << QString() << true << u"Hi"_s;
    QTest::newRow("classes and spaces in name")
        << u"<v.loud.fast Mary Ann>Yes"_s << u"Mary Ann"_s << u".loud.fast"_s << false << u"Yes"_s;
    QTest::newRow("escaped name") << u"<v Tom &amp; Jerry>Run"_s << u"Tom & Jerry"_s << QString()
                                  << false << u"Run"_s;
    QTest::newRow("two voices stay verbatim") << u"<v A>Hi</v> <v B>Yo</v>"_s << QString()
                                              << QString() << false << u"<v A>Hi</v> <v B>Yo</v>"_s;
    QTest::newRow("voice not at start")
        << u"Well <v A>hi"_s << QString() << QString() << false << u"Well <v A>hi"_s;
    QTest::newRow("multi-line") << u"<v Bob>one\ntwo"_s << u"Bob"_s << QString() << false
                                << u"one\ntwo"_s;
}

void TestVttFormat::voiceSpans()
{
    QFETCH(QString, payload);
    QFETCH(QString, speaker);
    QFETCH(QString, classes);
    QFETCH(bool, closed);
    QFETCH(QString, text);
    const QString file = u"WEBVTT\n\n00:01.000 --> 00:02.000\n"_s + payload + u"\n"_s;
    auto r = readVtt(file);
    QVERIFY(r.ok());
    QCOMPARE(r->cues.size(), 1);
    QCOMPARE(r->cues[0].speaker, speaker);
    QCOMPARE(r->cues[0].vttVoiceClasses, classes);
    QCOMPARE(r->cues[0].vttVoiceClosed, closed);
    QCOMPARE(r->cues[0].text, text);
    // And back: the writer restores the same payload.
    QCOMPARE(writeVtt(r->cues),
             u"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"_s + payload + u"\n\n"_s);
}

void TestVttFormat::shortTimestamps()
{
    auto r = readVtt(fixtureText(u"subtitles/minutes.vtt"_s));
    QVERIFY(r.ok());
    QCOMPARE(r->cues.size(), 2);
    QCOMPARE(r->cues[1].start, 60000);
    QCOMPARE(r->cues[1].end, 90000);
}

void TestVttFormat::timestamps_data()
{
    QTest::addColumn<QString>("timing");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("start");
    QTest::newRow("hours") << u"01:02:03.004 --> 01:02:04.000"_s << true << 3723004LL;
    QTest::newRow("no hours") << u"02:03.004 --> 02:04.000"_s << true << 123004LL;
    QTest::newRow("three-digit hours")
        << u"100:00:00.000 --> 100:00:01.000"_s << true << 360000000LL;
    QTest::newRow("one-digit hours") << u"1:02:03.004 --> 1:02:04.000"_s << true << 3723004LL;
    QTest::newRow("tabs") << u"00:01.000\t-->\t00:02.000"_s << true << 1000LL;
    QTest::newRow("comma") << u"00:00:01,000 --> 00:00:02.000"_s << false << 0LL;
    QTest::newRow("two-digit fraction") << u"00:01.00 --> 00:02.000"_s << false << 0LL;
    QTest::newRow("minutes 60") << u"00:60:00.000 --> 01:00:00.000"_s << false << 0LL;
    QTest::newRow("one-digit minutes") << u"1:02.000 --> 1:03.000"_s << false << 0LL;
    QTest::newRow("settings glued") << u"00:01.000 --> 00:02.000line:0"_s << false << 0LL;
}

void TestVttFormat::timestamps()
{
    QFETCH(QString, timing);
    QFETCH(bool, valid);
    QFETCH(qint64, start);
    auto r = readVtt(QString(u"WEBVTT\n\n"_s + timing + u"\ntext\n"_s));
    QVERIFY(r.ok());
    QCOMPARE(r->cues.size(), valid ? 1 : 0);
    QCOMPARE(r->diagnostics.isEmpty(), valid);
    if (valid)
        QCOMPARE(r->cues[0].start, start);
}

void TestVttFormat::arrowInTextStartsNewCue()
{
    auto r = readVtt(fixtureText(u"subtitles/bad_timing.vtt"_s));
    QVERIFY(r.ok());
    QCOMPARE(r->cues.size(), 2);
    QCOMPARE(r->cues[0].text, u"Good cue"_s);
    QCOMPARE(r->cues[1].text, u"After the arrow line"_s);
    QCOMPARE(r->cues[1].start, 5000);
    QCOMPARE(r->diagnostics.size(), 2);
    QCOMPARE(r->diagnostics[0].line, 3);
    QCOMPARE(r->diagnostics[1].line, 8);
}

void TestVttFormat::signatureRequired_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("bare") << u"WEBVTT"_s << true;
    QTest::newRow("space title") << u"WEBVTT title\n"_s << true;
    QTest::newRow("tab title") << u"WEBVTT\ttitle\n"_s << true;
    QTest::newRow("glued") << u"WEBVTTX\n"_s << false;
    QTest::newRow("lowercase") << u"webvtt\n"_s << false;
    QTest::newRow("srt") << u"1\n00:00:01,000 --> 00:00:02,000\nA\n"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestVttFormat::signatureRequired()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    auto r = readVtt(text);
    QCOMPARE(r.ok(), valid);
    if (!valid)
        QCOMPARE(r.error().line, 1);
}

void TestVttFormat::entities_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("rewritten");
    QTest::newRow("named") << u"a &amp; b &lt; c &gt; d"_s << u"a & b < c > d"_s
                           << u"a &amp; b &lt; c &gt; d"_s;
    QTest::newRow("invisible") << u"x&nbsp;y&lrm;z&rlm;"_s << u"x\u00A0y\u200Ez\u200F"_s
                               << u"x&nbsp;y&lrm;z&rlm;"_s;
    QTest::newRow("numeric") << u"&#65;&#x42;"_s << u"AB"_s << u"AB"_s;
    QTest::newRow("unknown stays")
        << u"&bogus; & alone"_s << u"&bogus; & alone"_s << u"&amp;bogus; &amp; alone"_s;
    QTest::newRow("tags untouched") << u"<i>&amp;</i>"_s << u"<i>&</i>"_s << u"<i>&amp;</i>"_s;
    QTest::newRow("raw gt is escaped on write") << u"3 > 2"_s << u"3 > 2"_s << u"3 &gt; 2"_s;
}

void TestVttFormat::entities()
{
    QFETCH(QString, payload);
    QFETCH(QString, text);
    QFETCH(QString, rewritten);
    QCOMPARE(vttPayloadToText(payload), text);
    QCOMPARE(textToVttPayload(text), rewritten);
    QCOMPARE(vttPayloadToText(textToVttPayload(text)), text);
}

void TestVttFormat::writerNeverEmitsBlankLineOrArrow_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("arrow") << u"a --> b"_s;
    QTest::newRow("blank lines") << u"one\n\n\ntwo"_s;
    QTest::newRow("whitespace line") << u"one\n   \ntwo"_s;
    QTest::newRow("trailing newline") << u"one\n"_s;
    QTest::newRow("leading newline") << u"\none"_s;
    QTest::newRow("cr lf") << u"one\r\n\r\ntwo"_s;
    QTest::newRow("only newlines") << u"\n\n"_s;
    QTest::newRow("fake timing") << u"00:00:01.000 --> 00:00:02.000"_s;
}

void TestVttFormat::writerNeverEmitsBlankLineOrArrow()
{
    QFETCH(QString, text);
    Cue a;
    a.start = 0;
    a.end = 1000;
    a.text = text;
    a.identifier = u"id --> bad"_s;
    Cue b;
    b.start = 2000;
    b.end = 3000;
    b.text = u"next"_s;
    const QString out = writeVtt({a, b});
    // Exactly two arrows (the timing lines) and each cue block has no inner blank line.
    QCOMPARE(out.count(u"-->"_s), 2);
    auto r = readVtt(out);
    QVERIFY(r.ok());
    QVERIFY(r->diagnostics.isEmpty());
    QCOMPARE(r->cues.size(), 2);
    QCOMPARE(r->cues[1].text, u"next"_s);
    QVERIFY(!r->cues[0].text.contains(u"\n\n"_s));
}

void TestVttFormat::writesFileBackIdentically()
{
    for (const QString &name : {u"full.vtt"_s}) {
        const QString text = fixtureText(u"subtitles/"_s + name);
        auto r = readVtt(text);
        QVERIFY(r.ok());
        QCOMPARE(writeVtt(r->cues, r->meta), text);
    }
}

void TestVttFormat::strictModeFailsWithLine()
{
    auto r = readVtt(fixtureText(u"subtitles/bad_timing.vtt"_s), ParseMode::Strict);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().line, 3);
}

QTEST_GUILESS_MAIN(TestVttFormat)
#include "tst_vttformat.moc"

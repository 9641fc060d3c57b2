#include "srtformat.h"
#include "subtitlefile.h"
#include "testutil.h"
#include "vttformat.h"

#include <QTest>

using namespace Qt::StringLiterals;

// SRT -> VTT -> SRT and VTT -> VTT keep every time to the millisecond and every text byte.
class TestRoundTrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void srtThroughVtt_data();
    void srtThroughVtt();
    void vttThroughVtt_data();
    void vttThroughVtt();
    void throughProjectAndJson_data();
    void throughProjectAndJson();
    void timingLinesInTextStayText_data();
    void timingLinesInTextStayText();
    void speakerNamesNeverMakeArrows_data();
    void speakerNamesNeverMakeArrows();
    void fuzzedVoiceNameFile();
};

static void compareCues(const Cues &a, const Cues &b)
{
    QCOMPARE(a.size(), b.size());
    for (int i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].start, b[i].start);
        QCOMPARE(a[i].end, b[i].end);
        QCOMPARE(a[i].text.toUtf8(), b[i].text.toUtf8());
        QCOMPARE(a[i].speaker, b[i].speaker);
    }
}

void TestRoundTrip::srtThroughVtt_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f :
         {"basic.srt", "tags.srt", "numbers.srt", "crlf_bom.srt", "cr_only.srt", "messy.srt"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestRoundTrip::srtThroughVtt()
{
    QFETCH(QString, file);
    auto original = parseSubtitles(readFixture(u"subtitles/"_s + file), {}, file);
    QVERIFY(original.ok());
    const QString vtt = writeVtt(original->data.cues);
    auto viaVtt = readVtt(vtt);
    QVERIFY(viaVtt.ok());
    QVERIFY(viaVtt->diagnostics.isEmpty());
    // In WebVTT a leading {\anN} travels as cue settings: each cue means the same in SubRip.
    QCOMPARE(viaVtt->cues.size(), original->data.cues.size());
    for (int i = 0; i < viaVtt->cues.size(); ++i)
        QCOMPARE(writeSrt({viaVtt->cues[i]}), writeSrt({original->data.cues[i]}));
    auto back = readSrt(writeSrt(viaVtt->cues));
    QVERIFY(back.ok());
    compareCues(back->cues, original->data.cues);
}

void TestRoundTrip::vttThroughVtt_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : {"full.vtt", "minutes.vtt", "bad_timing.vtt"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestRoundTrip::vttThroughVtt()
{
    QFETCH(QString, file);
    auto original = readVtt(fixtureText(u"subtitles/"_s + file));
    QVERIFY(original.ok());
    const QString once = writeVtt(original->cues, original->meta);
    auto again = readVtt(once);
    QVERIFY(again.ok());
    QVERIFY(again->diagnostics.isEmpty());
    compareCues(again->cues, original->cues);
    QCOMPARE(again->meta, original->meta);
    for (int i = 0; i < again->cues.size(); ++i) {
        QCOMPARE(again->cues[i].identifier, original->cues[i].identifier);
        QCOMPARE(again->cues[i].vttSettings, original->cues[i].vttSettings);
    }
    QCOMPARE(writeVtt(again->cues, again->meta), once);
}

void TestRoundTrip::throughProjectAndJson_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("srt via json") << u"tags.srt"_s << u"json"_s;
    QTest::newRow("vtt via json") << u"full.vtt"_s << u"json"_s;
    QTest::newRow("srt via project") << u"numbers.srt"_s << u"captioneer"_s;
    QTest::newRow("vtt via project") << u"full.vtt"_s << u"captioneer"_s;
}

void TestRoundTrip::throughProjectAndJson()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    auto original = parseSubtitles(readFixture(u"subtitles/"_s + file), {}, file);
    QVERIFY(original.ok());
    const SubtitleFormat f = subtitleFormatFromName(format);
    auto bytes = serializeSubtitles(original->data.cues, original->data.meta, f);
    QVERIFY(bytes.ok());
    auto back = parseSubtitles(*bytes, {}, u"roundtrip"_s);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
    QCOMPARE(back->format, f);
    compareCues(back->data.cues, original->data.cues);
}

// A cue text line that reads as a SubRip timing line (typed, quoted from WebVTT where "--&gt;" is
// text, or left over when SubRip drops a WebVTT tag) must not start a new cue when the SubRip
// file is read again (found by fuzz_srt: one cue became two).
void TestRoundTrip::timingLinesInTextStayText_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("line"); // the text line that looks like timing
    QTest::newRow("WebVTT text quoting a timing line, written as SubRip")
        << u"timing_in_text.vtt"_s << u"00:00:05,000 --> 00:00:06,000"_s;
    QTest::newRow("SubRip timing with a WebVTT tag, tag dropped by the writer (fuzz_srt)")
        << u"timing_with_tag.srt"_s << u"00:00:05,000 --> 00:00:06,000"_s;
}

void TestRoundTrip::timingLinesInTextStayText()
{
    QFETCH(QString, file);
    QFETCH(QString, line);
    auto original = parseSubtitles(readFixture(u"subtitles/"_s + file), {}, file);
    QVERIFY(original.ok());
    QCOMPARE(original->data.cues.size(), 2);
    const QString srt = writeSrt(original->data.cues);
    auto back = readSrt(srt, ParseMode::Strict);
    QVERIFY2(back.ok(), qPrintable(srt));
    QCOMPARE(back->cues.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(back->cues[i].start, original->data.cues[i].start);
        QCOMPARE(back->cues[i].end, original->data.cues[i].end);
    }
    // The line survives, behind an invisible WORD JOINER.
    QVERIFY2(back->cues[0].text.split(u'\n').contains(QChar(0x2060) + line),
             qPrintable(back->cues[0].text));
    // Written again, the file is the same: the joiner is not added twice.
    QCOMPARE(writeSrt(back->cues), srt);
}

// A voice name ending in "--" written as <v Name--> would put "-->" on the text line, which every
// WebVTT reader takes for a timing line (found by fuzz_vtt: `<v.loud Neil :05,000-- >` read as
// the speaker "Neil :05,000--" and written back with an arrow). Names on several lines would
// break the cue too.
void TestRoundTrip::speakerNamesNeverMakeArrows_data()
{
    QTest::addColumn<QString>("speaker");
    QTest::addColumn<QString>("readBack");
    QTest::newRow("ends in --") << u"Neil --"_s << u"Neil --"_s;
    QTest::newRow("ends in -") << u"Anne-"_s << u"Anne-"_s;
    QTest::newRow("ends in ->") << u"Bob ->"_s << u"Bob ->"_s;
    QTest::newRow("holds -->") << u"A --> B"_s << u"A --> B"_s;
    QTest::newRow("two lines") << u"Roger\nBingham"_s << u"Roger Bingham"_s;
}

void TestRoundTrip::speakerNamesNeverMakeArrows()
{
    QFETCH(QString, speaker);
    QFETCH(QString, readBack);
    Cue a;
    a.start = 1000;
    a.end = 2000;
    a.text = u"First"_s;
    a.speaker = speaker;
    Cue b = a;
    b.start = 3000;
    b.end = 4000;
    b.text = u"Second"_s;
    const QString vtt = writeVtt({a, b}, {});
    for (const QString &line : vtt.split(u'\n')) {
        if (line.contains(u"-->"_s))
            QVERIFY2(line.startsWith(u"00:"_s), qPrintable(vtt));
    }
    auto back = readVtt(vtt, ParseMode::Strict);
    QVERIFY2(back.ok(), qPrintable(vtt));
    QCOMPARE(back->cues.size(), 2);
    QCOMPARE(back->cues[0].speaker, readBack);
    QCOMPARE(back->cues[0].text, u"First"_s);
    QCOMPARE(back->cues[1].start, 3000);
}

// The file fuzz_vtt found it with: what the lenient reader takes, the writer writes as WebVTT the
// strict reader takes back with the same cues.
void TestRoundTrip::fuzzedVoiceNameFile()
{
    auto read = readVtt(QString::fromUtf8(readFixture(u"subtitles/voice_name_arrow.vtt"_s)),
                        ParseMode::Lenient);
    QVERIFY(read.ok());
    QVERIFY(!read->cues.isEmpty());
    const QString vtt = writeVtt(read->cues, read->meta);
    auto back = readVtt(vtt, ParseMode::Strict);
    QVERIFY2(back.ok(), back ? "" : qPrintable(back.error().toString() + u'\n' + vtt));
    compareCues(read->cues, back->cues);
}

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"

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

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"

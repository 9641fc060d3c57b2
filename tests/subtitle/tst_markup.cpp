#include "markup.h"
#include "srtformat.h"
#include "vttformat.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestMarkup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void srtKeepsOnlySrtTags_data();
    void srtKeepsOnlySrtTags();
    void assAlignment_data();
    void assAlignment();
    void vttWriterMapsAlignmentAndTrimsSpeaker();
    void srtWriterMapsSettings();
};

void TestMarkup::srtKeepsOnlySrtTags_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("srt");
    QTest::newRow("srt tags stay") << u"<i>a</i> <b>b</b> <u>c</u> <font color=\"red\">d</font>"_s
                                   << u"<i>a</i> <b>b</b> <u>c</u> <font color=\"red\">d</font>"_s;
    QTest::newRow("class span") << u"<c.yellow>Coloured</c> word"_s << u"Coloured word"_s;
    QTest::newRow("karaoke timestamp") << u"one <00:00:05.000>two"_s << u"one two"_s;
    QTest::newRow("ruby") << u"<ruby>漢<rt>kan</rt></ruby>"_s << u"漢kan"_s;
    QTest::newRow("voices") << u"<v Alice>Hi</v> <v Bob>Yo</v>"_s << u"Hi Yo"_s;
    QTest::newRow("literal angle brackets") << u"3 < 5 and a <-- b"_s << u"3 < 5 and a <-- b"_s;
    QTest::newRow("uppercase srt tag") << u"<I>x</I>"_s << u"<I>x</I>"_s;
}

void TestMarkup::srtKeepsOnlySrtTags()
{
    QFETCH(QString, text);
    QFETCH(QString, srt);
    QCOMPARE(srtMarkup(text), srt);
}

void TestMarkup::assAlignment_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("remaining");
    QTest::newRow("top") << u"{\\an8}Top"_s << u"line:0"_s << u"Top"_s;
    QTest::newRow("top left") << u"{\\an7}x"_s << u"line:0 align:start"_s << u"x"_s;
    QTest::newRow("middle right") << u"{\\an6}x"_s << u"line:50% align:end"_s << u"x"_s;
    QTest::newRow("bottom centre is default") << u"{\\an2}x"_s << QString() << u"x"_s;
    QTest::newRow("other overrides dropped") << u"a{\\b1}b{\\i0}c"_s << QString() << u"abc"_s;
    QTest::newRow("alignment not at start") << u"a{\\an8}b"_s << QString() << u"ab"_s;
    QTest::newRow("plain braces stay")
        << u"{not an override}"_s << QString() << u"{not an override}"_s;
}

void TestMarkup::assAlignment()
{
    QFETCH(QString, text);
    QFETCH(QString, settings);
    QFETCH(QString, remaining);
    QString t = text;
    QCOMPARE(takeAssAlignment(&t), settings);
    QCOMPARE(t, remaining);
    if (!settings.isEmpty())
        QVERIFY(text.startsWith(assAlignmentFor(settings)));
}

void TestMarkup::vttWriterMapsAlignmentAndTrimsSpeaker()
{
    Cue a;
    a.end = 1000;
    a.text = u"{\\an8}Top {\\b1}line"_s;
    a.speaker = u"   "_s;
    Cue b = a;
    b.start = 2000;
    b.end = 3000;
    b.vttSettings = u"position:10%"_s; // explicit settings win over the override
    b.speaker = u" Ann "_s;
    QCOMPARE(writeVtt({a, b}), u"WEBVTT\n\n00:00:00.000 --> 00:00:01.000 line:0\nTop line\n\n"
                               "00:00:02.000 --> 00:00:03.000 position:10%\n<v Ann>Top line\n\n"_s);
}

void TestMarkup::srtWriterMapsSettings()
{
    auto vtt = readVtt(u"WEBVTT\n\n00:01.000 --> 00:02.000 line:0 align:start\n<c.x>Hi</c> "
                       "<i>there</i>\n\n00:03.000 --> 00:04.000 position:20%\nplain\n"_s);
    QVERIFY(vtt.ok());
    QCOMPARE(writeSrt(vtt->cues), u"1\n00:00:01,000 --> 00:00:02,000\n{\\an7}Hi <i>there</i>\n\n"
                                  "2\n00:00:03,000 --> 00:00:04,000\nplain\n\n"_s);
}

QTEST_GUILESS_MAIN(TestMarkup)
#include "tst_markup.moc"

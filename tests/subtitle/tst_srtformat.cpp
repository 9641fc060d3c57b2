#include "srtformat.h"
#include "testutil.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSrtFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsFixtures_data();
    void readsFixtures();
    void lenientReportsSkippedLines();
    void strictFailsWithLine_data();
    void strictFailsWithLine();
    void timingLines_data();
    void timingLines();
    void writesCanonical();
    void writerDropsBlankLinesInText();
    void noCueIsAnError();
    void emptyInputIsEmpty();
};

void TestSrtFormat::readsFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("row");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<QString>("text");

    QTest::newRow("basic first") << u"basic.srt"_s << 3 << 0 << 1000LL << 3500LL
                                 << u"Hello, world."_s;
    QTest::newRow("basic two lines") << u"basic.srt"_s << 3 << 1 << 4000LL << 6250LL
                                     << u"This is the second cue,\nwith two lines."_s;
    QTest::newRow("tags verbatim")
        << u"tags.srt"_s << 4 << 1 << 2100LL << 4000LL
        << u"{\\an8}<font color=\"#ff0000\">Red text</font> here\nat the top"_s;
    QTest::newRow("ampersand and angle brackets")
        << u"tags.srt"_s << 4 << 2 << 4100LL << 6000LL << u"AT&T said 3 < 5 and 7 > 2 -> fine"_s;
    QTest::newRow("number-like text alone")
        << u"numbers.srt"_s << 6 << 0 << 1000LL << 2000LL << u"1984"_s;
    QTest::newRow("number-like first line")
        << u"numbers.srt"_s << 6 << 1 << 2500LL << 4000LL << u"42\nis the answer"_s;
    QTest::newRow("single digit text") << u"numbers.srt"_s << 6 << 2 << 4500LL << 5500LL << u"3"_s;
    QTest::newRow("cjk") << u"numbers.srt"_s << 6 << 3 << 3599999LL << 3600000LL
                         << QString::fromUtf8("中文字幕测试，全角标点。");
    QTest::newRow("rtl and emoji")
        << u"numbers.srt"_s << 6 << 4 << 3601000LL << 3603000LL
        << QString::fromUtf8("مرحبا بالعالم\n😀 emoji 👍🏽");
    QTest::newRow("three-digit hours")
        << u"numbers.srt"_s << 6 << 5 << 443045006LL << 443046007LL << u"Over a hundred hours"_s;
    QTest::newRow("crlf with bom")
        << u"crlf_bom.srt"_s << 2 << 1 << 2500LL << 3000LL << u"Second\nline two"_s;
    QTest::newRow("cr only") << u"cr_only.srt"_s << 2 << 1 << 3000LL << 4000LL << u"Mac style"_s;
    QTest::newRow("dot separator, one-digit hour, short fraction")
        << u"messy.srt"_s << 4 << 0 << 1500LL << 2250LL
        << u"Missing index order and dot separator"_s;
    QTest::newRow("no index") << u"messy.srt"_s << 4 << 1 << 3000LL << 4000LL
                              << u"No index at all"_s;
    QTest::newRow("no blank line before cue")
        << u"messy.srt"_s << 4 << 2 << 5000LL << 6000LL << u"No blank line before this cue"_s;
    QTest::newRow("coordinates ignored")
        << u"messy.srt"_s << 4 << 3 << 7000LL << 8000LL << u"Coordinates after the timing"_s;
}

void TestSrtFormat::readsFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(int, row);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(QString, text);
    auto r = readSrt(fixtureText(QStringLiteral("subtitles/") + file));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->cues.size(), count);
    const Cue &c = r->cues[row];
    QCOMPARE(c.start, start);
    QCOMPARE(c.end, end);
    QCOMPARE(c.text, text);
}

void TestSrtFormat::lenientReportsSkippedLines()
{
    auto r = readSrt(fixtureText(QStringLiteral("subtitles/messy.srt")));
    QVERIFY(r.ok());
    QCOMPARE(r->diagnostics.size(), 2);
    QCOMPARE(r->diagnostics[0].line, 18);
    QVERIFY(r->diagnostics[0].message.contains(QStringLiteral("trailing garbage")));
    QCOMPARE(r->diagnostics[1].line, 19);
}

void TestSrtFormat::strictFailsWithLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("garbage between cues")
        << u"1\n00:00:01,000 --> 00:00:02,000\nA\n\njunk\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n"_s
        << 5;
    QTest::newRow("end before start") << u"1\n00:00:05,000 --> 00:00:02,000\nA\n"_s << 2;
    QTest::newRow("garbage first") << u"hello\n1\n00:00:01,000 --> 00:00:02,000\nA\n"_s << 1;
}

void TestSrtFormat::strictFailsWithLine()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    auto strict = readSrt(text, ParseMode::Strict);
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().code, ErrorCode::ParseError);
    QCOMPARE(strict.error().line, line);
    auto lenient = readSrt(text, ParseMode::Lenient);
    QVERIFY(lenient.ok());
    QVERIFY(!lenient->diagnostics.isEmpty());
    QCOMPARE(lenient->diagnostics.first().line, line);
}

void TestSrtFormat::timingLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::newRow("canonical") << u"00:00:01,000 --> 00:00:02,500"_s << true << 1000LL << 2500LL;
    QTest::newRow("dots") << u"00:00:01.000 --> 00:00:02.500"_s << true << 1000LL << 2500LL;
    QTest::newRow("colon fraction")
        << u"00:00:01:000 --> 00:00:02:500"_s << true << 1000LL << 2500LL;
    QTest::newRow("no spaces") << u"00:00:01,000-->00:00:02,500"_s << true << 1000LL << 2500LL;
    QTest::newRow("one-digit fields") << u"0:0:1,5 --> 0:0:2,25"_s << true << 1500LL << 2250LL;
    QTest::newRow("no fraction") << u"00:00:01 --> 00:00:02"_s << true << 1000LL << 2000LL;
    QTest::newRow("sub-ms digits dropped")
        << u"00:00:01,0009 --> 00:00:02,5001"_s << true << 1000LL << 2500LL;
    QTest::newRow("leading spaces and trailer")
        << u"  00:00:01,000 --> 00:00:02,000 X1:1"_s << true << 1000LL << 2000LL;
    QTest::newRow("minutes over 59") << u"00:60:01,000 --> 00:61:02,000"_s << false << 0LL << 0LL;
    QTest::newRow("single arrow") << u"00:00:01,000 -> 00:00:02,000"_s << false << 0LL << 0LL;
    QTest::newRow("text") << u"Hello --> world"_s << false << 0LL << 0LL;
    QTest::newRow("empty") << u""_s << false << 0LL << 0LL;
}

void TestSrtFormat::timingLines()
{
    QFETCH(QString, line);
    QFETCH(bool, valid);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    qint64 s = -1, e = -1;
    QCOMPARE(parseSrtTimingLine(line, &s, &e), valid);
    if (valid) {
        QCOMPARE(s, start);
        QCOMPARE(e, end);
    }
}

void TestSrtFormat::writesCanonical()
{
    auto r = readSrt(fixtureText(QStringLiteral("subtitles/messy.srt")));
    QVERIFY(r.ok());
    const QString out = writeSrt(r->cues);
    QCOMPARE(out, QStringLiteral("1\n00:00:01,500 --> 00:00:02,250\nMissing index order and dot "
                                 "separator\n\n2\n00:00:03,000 --> 00:00:04,000\nNo index at "
                                 "all\n\n3\n00:00:05,000 --> 00:00:06,000\nNo blank line before "
                                 "this cue\n\n4\n00:00:07,000 --> 00:00:08,000\nCoordinates after "
                                 "the timing\n\n"));
    // Canonical files are written back byte for byte.
    for (const char *name : {"basic.srt", "tags.srt", "numbers.srt"}) {
        const QString text = fixtureText(QStringLiteral("subtitles/") + QLatin1StringView(name));
        QCOMPARE(writeSrt(readSrt(text)->cues), text);
    }
}

void TestSrtFormat::writerDropsBlankLinesInText()
{
    Cue c;
    c.start = 0;
    c.end = 1000;
    c.text = QStringLiteral("one\n\n  \ntwo");
    const QString out = writeSrt({c});
    QCOMPARE(out, QStringLiteral("1\n00:00:00,000 --> 00:00:01,000\none\ntwo\n\n"));
    auto back = readSrt(out);
    QVERIFY(back.ok());
    QCOMPARE(back->cues.size(), 1);
}

void TestSrtFormat::noCueIsAnError()
{
    auto r = readSrt(QStringLiteral("just some text\nwithout cues\n"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().line, 1);
}

void TestSrtFormat::emptyInputIsEmpty()
{
    auto r = readSrt(QStringLiteral("\n\n  \n"));
    QVERIFY(r.ok());
    QVERIFY(r->cues.isEmpty());
}

QTEST_GUILESS_MAIN(TestSrtFormat)
#include "tst_srtformat.moc"

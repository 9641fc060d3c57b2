#include "rulechecker.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

Cue cue(CueId id, qint64 start, qint64 end, const QString &text, Words words = {})
{
    Cue c;
    c.id = id;
    c.start = start;
    c.end = end;
    c.text = text;
    c.words = std::move(words);
    return c;
}

Word word(const QString &text, std::optional<float> confidence)
{
    Word w;
    w.text = text;
    w.confidence = confidence;
    return w;
}

// "rule cue value limit" per violation, values rounded to 0.1, in checker order.
QStringList describe(const QList<Violation> &violations)
{
    QStringList out;
    for (const Violation &v : violations)
        out.append(u"%1 %2 %3 %4"_s.arg(ruleName(v.rule))
                       .arg(v.cue)
                       .arg(std::isinf(v.value) ? u"inf"_s : QString::number(v.value, 'f', 1))
                       .arg(QString::number(v.limit, 'f', 1)));
    return out;
}

} // namespace

class TestRuleChecker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void violations_data();
    void violations();
    void messagesNameValueAndLimit();
    void confidenceThresholds_data();
    void confidenceThresholds();
    void ruleNamesAreDistinct();
};

void TestRuleChecker::violations_data()
{
    QTest::addColumn<Cues>("cues");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("expected");
    const QString fits = u"A line that fits"_s; // 16 characters

    QTest::newRow("a clean cue") << Cues{cue(1, 0, 2000, fits)} << u"netflix-en"_s << QStringList();
    QTest::newRow("line too long: 43 characters")
        << Cues{cue(1, 0, 5000, u"This line has exactly forty-three characters"_s.left(43))}
        << u"netflix-en"_s << QStringList{u"line-too-long 1 43.0 42.0"_s};
    QTest::newRow("42 characters is allowed")
        << Cues{cue(1, 0, 5000, u"This line has exactly forty-two characters."_s.left(42))}
        << u"netflix-en"_s << QStringList();
    QTest::newRow("markup does not count")
        << Cues{cue(1, 0, 5000,
                    u"<i>This line has exactly forty-two characters</i>"_s.left(45) + u"</i>"_s)}
        << u"netflix-en"_s << QStringList();
    QTest::newRow("Chinese counts characters: 17 of 16")
        << Cues{cue(1, 0, 3000, u"这一行一共有十七个汉字，太长了啊。"_s)} << u"zh-cn"_s
        << QStringList{u"line-too-long 1 17.0 16.0"_s};
    QTest::newRow("Chinese: 16 full-width characters fit")
        << Cues{cue(1, 0, 3000, u"这一行一共有十六个汉字，刚好。。"_s)} << u"zh-cn"_s
        << QStringList();
    QTest::newRow("too many lines")
        << Cues{cue(1, 0, 4000, u"one\ntwo\nthree"_s)} << u"netflix-en"_s
        << QStringList{u"too-many-lines 1 3.0 2.0"_s};
    QTest::newRow("CPS over the limit: 16 characters in 0.5 s")
        << Cues{cue(1, 0, 900, fits + u" and more"_s)} << u"netflix-en"_s
        << QStringList{u"cps-too-high 1 27.8 20.0"_s};
    QTest::newRow("CPS counts all lines without the break")
        << Cues{cue(1, 0, 1000, u"0123456789\n0123456789"_s)} << u"netflix-en"_s << QStringList();
    QTest::newRow("zero-length cue with text")
        << Cues{cue(1, 500, 500, u"Hi"_s)} << u"netflix-en"_s
        << QStringList{u"cps-too-high 1 inf 20.0"_s, u"too-short 1 0.0 833.0"_s};
    QTest::newRow("too short") << Cues{cue(1, 0, 832, u"Hi"_s)} << u"netflix-en"_s
                               << QStringList{u"too-short 1 832.0 833.0"_s};
    QTest::newRow("Relaxed allows 700 ms")
        << Cues{cue(1, 0, 700, u"Hi"_s)} << u"relaxed"_s << QStringList();
    QTest::newRow("too long") << Cues{cue(1, 0, 7001, fits)} << u"netflix-en"_s
                              << QStringList{u"too-long 1 7001.0 7000.0"_s};
    QTest::newRow("gap too small, reported on the earlier cue")
        << Cues{cue(1, 0, 1000, fits), cue(2, 1050, 2000, fits)} << u"netflix-en"_s
        << QStringList{u"gap-too-small 1 50.0 83.0"_s};
    QTest::newRow("gap of zero is too small")
        << Cues{cue(1, 0, 1000, fits), cue(2, 1000, 2000, fits)} << u"netflix-en"_s
        << QStringList{u"gap-too-small 1 0.0 83.0"_s};
    QTest::newRow("Relaxed has no minimum gap")
        << Cues{cue(1, 0, 1000, fits), cue(2, 1000, 2000, fits)} << u"relaxed"_s << QStringList();
    QTest::newRow("overlap") << Cues{cue(1, 0, 1500, fits), cue(2, 1000, 2500, fits)}
                             << u"netflix-en"_s << QStringList{u"overlap 1 500.0 0.0"_s};
    QTest::newRow("unsorted input is checked in time order")
        << Cues{cue(2, 1000, 2500, fits), cue(1, 0, 1500, fits)} << u"netflix-en"_s
        << QStringList{u"overlap 1 500.0 0.0"_s};
    QTest::newRow("a long cue overlapping two later ones")
        << Cues{cue(1, 0, 5000, fits), cue(2, 1000, 2000, fits), cue(3, 3000, 4000, fits)}
        << u"netflix-en"_s << QStringList{u"overlap 1 4000.0 0.0"_s, u"overlap 1 2000.0 0.0"_s};
    QTest::newRow("empty text") << Cues{cue(1, 0, 1000, u"  \n "_s)} << u"netflix-en"_s
                                << QStringList{u"empty-text 1 0.0 0.0"_s};
    QTest::newRow("only markup is empty") << Cues{cue(1, 0, 1000, u"<i></i>"_s)} << u"netflix-en"_s
                                          << QStringList{u"empty-text 1 0.0 0.0"_s};
    QTest::newRow("low-confidence words: one violation with the lowest")
        << Cues{cue(1, 0, 2000, fits,
                    {word(u"A"_s, 0.9f), word(u"line"_s, 0.3f), word(u"that"_s, 0.45f),
                     word(u"fits"_s, std::nullopt)})}
        << u"netflix-en"_s << QStringList{u"low-confidence 1 0.3 0.5"_s};
    QTest::newRow("words without confidence are not low")
        << Cues{cue(1, 0, 2000, fits, {word(u"A"_s, std::nullopt)})} << u"netflix-en"_s
        << QStringList();
    QTest::newRow("several rules on one cue")
        << Cues{cue(7, 0, 500,
                    u"This line has exactly forty-three characters\nand\nmore"_s.remove(43, 1))}
        << u"netflix-en"_s
        << QStringList{u"line-too-long 7 43.0 42.0"_s, u"too-many-lines 7 3.0 2.0"_s,
                       u"cps-too-high 7 100.0 20.0"_s, u"too-short 7 500.0 833.0"_s};
}

void TestRuleChecker::violations()
{
    QFETCH(Cues, cues);
    QFETCH(QString, preset);
    QFETCH(QStringList, expected);
    const QStringList actual = describe(checkCues(cues, *presetById(preset)));
    QCOMPARE(actual, expected);
}

void TestRuleChecker::messagesNameValueAndLimit()
{
    const QList<Violation> v = checkCues({cue(1, 0, 7500, u"Hello"_s)}, *presetById(u"netflix-en"));
    QCOMPARE(v.size(), 1);
    QVERIFY2(v[0].message.contains(u"7.500"_s) && v[0].message.contains(u"7.000"_s),
             qPrintable(v[0].message));
    const QList<Violation> low =
        checkCues({cue(1, 0, 2000, u"a b"_s, {word(u"a"_s, 0.1f), word(u"b"_s, 0.2f)})},
                  *presetById(u"netflix-en"));
    QCOMPARE(low.size(), 1);
    QVERIFY2(low[0].message.startsWith(u"2 word"_s), qPrintable(low[0].message));
    for (int r = int(Rule::LineTooLong); r <= int(Rule::LowConfidence); ++r)
        QVERIFY(!ruleTitle(Rule(r)).isEmpty());
}

void TestRuleChecker::confidenceThresholds_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("violations"); // for a word of confidence 0.55
    QTest::newRow("OpenAI: Whisper probabilities run high") << u"openai"_s << 0.6 << 1;
    QTest::newRow("a Whisper server profile") << u"local-whisper"_s << 0.6 << 1;
    QTest::newRow("DashScope") << u"dashscope"_s << 0.5 << 0;
    QTest::newRow("unknown provider") << QString() << 0.5 << 0;
    QTest::newRow("user override") << u"custom"_s << 0.8 << 1;
}

void TestRuleChecker::confidenceThresholds()
{
    QFETCH(QString, provider);
    QFETCH(double, threshold);
    QFETCH(int, violations);
    const QHash<QString, double> overrides{{u"custom"_s, 0.8}};
    QCOMPARE(confidenceThreshold(provider, overrides), threshold);
    CheckOptions options;
    options.minConfidence = confidenceThreshold(provider, overrides);
    const QList<Violation> v = checkCues({cue(1, 0, 2000, u"word"_s, {word(u"word"_s, 0.55f)})},
                                         *presetById(u"netflix-en"), options);
    QCOMPARE(v.size(), violations);
    options.minConfidence = 0; // disabled
    QVERIFY(checkCues({cue(1, 0, 2000, u"w"_s, {word(u"w"_s, 0.01f)})}, *presetById(u"netflix-en"),
                      options)
                .isEmpty());
}

void TestRuleChecker::ruleNamesAreDistinct()
{
    QStringList names;
    for (int r = int(Rule::LineTooLong); r <= int(Rule::LowConfidence); ++r)
        names.append(ruleName(Rule(r)));
    names.removeDuplicates();
    QCOMPARE(names.size(), 9);
}

QTEST_GUILESS_MAIN(TestRuleChecker)
#include "tst_rulechecker.moc"
